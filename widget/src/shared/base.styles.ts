import { css, unsafeCSS } from 'lit';
import { RESET } from './reset-css.ts';

/**
 * What both elements' styles start from: the reset, the focus ring and the typing dots,
 * on the tokens each element defines (`--_accent`, and `--_dot` for the dots' size).
 * Composed first: `static styles = [base, tokens, ...one sheet per view]`.
 */
export default css`
  ${unsafeCSS(RESET)}
  /*
   * Phones and tablets: iOS zooms the page into a field whose text is under 16 px when it
   * gets the focus, and leaves it zoomed. Important, so that no later sheet undoes it.
   */
  @media (max-width: 480px), (pointer: coarse) {
    input,
    textarea,
    select {
      font-size: max(16px, 1em) !important;
    }
  }
  /* "Someone is typing": three dots that pulse in turn. */
  .dots {
    display: inline-flex;
    gap: 3px;
  }
  .dots i {
    width: var(--_dot, 6px);
    height: var(--_dot, 6px);
    border-radius: 50%;
    background: currentColor;
    animation: blink 1.2s infinite ease-in-out;
  }
  .dots i:nth-child(2) {
    animation-delay: 0.15s;
  }
  .dots i:nth-child(3) {
    animation-delay: 0.3s;
  }
  @keyframes blink {
    0%,
    80%,
    100% {
      opacity: 0.25;
    }
    40% {
      opacity: 1;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .dots i {
      animation: none;
    }
  }
`;

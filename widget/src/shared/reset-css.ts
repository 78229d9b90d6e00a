/**
 * The reset both elements' styles start from, and the focus ring, as plain text: the
 * script-tag loader puts it in a constructable style sheet of its own, without Lit, and
 * base.styles.ts puts it first in its sheet. `css` is String.raw under a name that the
 * build's template minifier (minify-templates.ts) squeezes like Lit's.
 */
const css = String.raw;

export const RESET = css`
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  button,
  input,
  textarea {
    font: inherit;
    color: inherit;
  }
  button {
    cursor: pointer;
  }
  :focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  svg {
    fill: currentColor;
    display: block;
  }
`;

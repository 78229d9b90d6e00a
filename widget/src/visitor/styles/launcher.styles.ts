import { css } from 'lit';

/** The launcher button and its unread badge. */
export default css`
  /* Launcher */
  .launcher {
    position: fixed;
    /* Clear of a phone's home indicator and rounded corners (env() is 0 elsewhere). */
    bottom: calc(var(--_y) + env(safe-area-inset-bottom, 0px));
    right: calc(var(--_x) + env(safe-area-inset-right, 0px));
    width: 60px;
    height: 60px;
    border: 0;
    border-radius: 50%;
    background: var(--_accent);
    color: var(--_on-accent);
    display: grid;
    place-items: center;
    box-shadow: 0 6px 24px rgb(15 23 42 / 0.25);
    transition: transform 0.2s ease, box-shadow 0.2s ease;
  }
  .launcher:hover {
    transform: scale(1.06);
    box-shadow: 0 8px 28px rgb(15 23 42 / 0.3);
  }
  .launcher svg {
    width: 28px;
    height: 28px;
  }
  :host([position='left']) .launcher {
    right: auto;
    left: calc(var(--_x) + env(safe-area-inset-left, 0px));
  }
  .badge {
    position: absolute;
    top: -2px;
    right: -2px;
    min-width: 22px;
    height: 22px;
    padding: 0 6px;
    border-radius: 11px;
    background: #d32f2f;
    color: #fff;
    font-size: 12px;
    font-weight: 700;
    line-height: 22px;
    box-shadow: 0 0 0 2px var(--_bg);
  }
  @media (max-width: 480px) {
    :host([open]) .launcher {
      display: none;
    }
  }
`;

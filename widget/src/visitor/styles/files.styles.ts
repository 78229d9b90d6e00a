import { css } from 'lit';

/** Files in the visitor's panel beyond the shared sheet: beside the bubbles, the button left of the text area. */
export default css`
  .row .file-card,
  .row .file-thumb {
    margin-bottom: 2px;
  }
  .row .file-card + .bubble,
  .row .file-thumb + .bubble {
    margin-top: 4px;
  }
  .composer .attach {
    width: 44px;
    height: 44px;
    margin-left: -8px;
  }
  .composer .attach:hover {
    background: var(--_surface);
  }
  .file-notice {
    background: var(--_bg);
  }
`;

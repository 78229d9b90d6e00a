import { css, unsafeCSS } from 'lit';
import { HOST } from './launcher-css.ts';

/**
 * <support-chat>'s host and tokens, from its public custom properties, light and dark: the
 * host's and the launcher's, which the loader draws with too, then the panel's.
 */
export default css`
  ${unsafeCSS(HOST)}
  :host {
    --_radius: var(--support-chat-radius, 16px);
    --_muted: #5b6472;
    --_surface: #f4f6f9;
    --_bubble: #ffffff;
    --_line: #e3e7ee;
    --_danger: #c62828;
    --_shadow: 0 12px 48px rgb(15 23 42 / 0.18), 0 2px 8px rgb(15 23 42 / 0.08);
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_muted: #a7afbd;
      --_surface: #111317;
      --_bubble: #262a32;
      --_line: #2f343e;
      --_danger: #ff8a80;
      --_shadow: 0 12px 48px rgb(0 0 0 / 0.55), 0 0 0 1px rgb(255 255 255 / 0.06);
    }
  }
`;

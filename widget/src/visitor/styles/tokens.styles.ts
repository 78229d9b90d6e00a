import { css } from 'lit';

/** <support-chat>'s tokens, from its public custom properties, light and dark. */
export default css`
  :host {
    --_accent: var(--support-chat-accent, #2563eb);
    --_on-accent: var(--support-chat-accent-text, #ffffff);
    --_text: var(--support-chat-text, #1f2430);
    --_bg: var(--support-chat-background, #ffffff);
    --_radius: var(--support-chat-radius, 16px);
    --_muted: #5b6472;
    --_surface: #f4f6f9;
    --_bubble: #ffffff;
    --_line: #e3e7ee;
    --_danger: #c62828;
    --_shadow: 0 12px 48px rgb(15 23 42 / 0.18), 0 2px 8px rgb(15 23 42 / 0.08);
    --_x: var(--support-chat-offset-x, 20px);
    --_y: var(--support-chat-offset-y, 20px);
    /* A block, not the default inline: WebKit ignores the z-index of an empty inline host,
       and a site's positioned header (z-index 10 is enough) then covers the panel. A block
       with only fixed children takes no room in the page. */
    display: block;
    position: relative;
    z-index: var(--support-chat-z-index, 2147483000);
    font-family: var(--support-chat-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: 15px;
    line-height: 1.45;
    color: var(--_text);
    -webkit-font-smoothing: antialiased;
  }
  :host([hidden]) {
    display: none;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_text: var(--support-chat-text, #e9ecf2);
      --_bg: var(--support-chat-background, #17191e);
      --_muted: #a7afbd;
      --_surface: #111317;
      --_bubble: #262a32;
      --_line: #2f343e;
      --_danger: #ff8a80;
      --_shadow: 0 12px 48px rgb(0 0 0 / 0.55), 0 0 0 1px rgb(255 255 255 / 0.06);
    }
  }
`;

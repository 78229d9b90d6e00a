/**
 * <support-chat>'s host, tokens and launcher, as plain text: the script-tag loader draws
 * the launcher with them before the element's code (and Lit) has loaded, and the element's
 * own sheets (tokens.styles.ts, launcher.styles.ts) are made of the same text, so the two
 * launchers look alike. `css` is String.raw under the name the template minifier looks for.
 */
const css = String.raw;

/**
 * The host and the tokens the launcher draws with; the panel's are in tokens.styles.ts,
 * so that the loader has only these to parse while the page loads.
 */
export const HOST = css`
  :host {
    --_accent: var(--support-chat-accent, #2563eb);
    --_on-accent: var(--support-chat-accent-text, #ffffff);
    --_text: var(--support-chat-text, #1f2430);
    --_bg: var(--support-chat-background, #ffffff);
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
    }
  }
`;

/** The launcher button and its unread badge. */
export const LAUNCHER = css`
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

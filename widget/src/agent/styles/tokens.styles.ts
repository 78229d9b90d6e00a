import { css } from 'lit';

/** <support-agent-console>'s tokens, from its public custom properties, light and dark. */
export default css`
  :host {
    --_accent: var(--support-agent-console-accent, #2563eb);
    --_accent-hover: color-mix(in srgb, var(--_accent) 86%, #000);
    --_on-accent: var(--support-agent-console-accent-text, #ffffff);
    --_link: var(--_accent);
    --_bg: #f3f4f7;
    --_panel: #ffffff;
    --_panel-2: #fafbfc;
    --_line: #e2e5ea;
    --_line-strong: #cfd4dc;
    --_text: #1b2029;
    --_muted: #5b6372;
    --_hover: #f1f3f6;
    --_selected: #e9f0fe;
    --_visitor-bubble: #eff1f5;
    --_agent-bubble: #e3ebfb;
    --_danger: #b91c1c;
    --_danger-bg: #fdeeee;
    --_danger-solid: #b91c1c;
    --_warn-text: #7c4a03;
    --_warn-bg: #fdf5e4;
    --_ok: #166534;
    --_note-bg: #fff6dc;
    --_note-line: #e7b84b;
    --_note-text: #7a4300;
    --_note-button: #a4560a;
    --_link-on-tint: #1d4ed8;
    --_shadow: 0 1px 2px rgb(16 24 40 / 0.05), 0 8px 24px rgb(16 24 40 / 0.08);
    --_overlay-shadow: -12px 0 32px rgb(16 24 40 / 0.12);
    --_ring: color-mix(in srgb, var(--_accent) 28%, transparent);
    --_dot: 5px;
    display: block;
    height: 100%;
    min-height: 420px;
    font-family: var(--support-agent-console-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: 14px;
    line-height: 1.45;
    color: var(--_text);
    background: var(--_bg);
    -webkit-font-smoothing: antialiased;
    color-scheme: light;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_link: #8db4ff;
      --_bg: #0d0f13;
      --_panel: #15181e;
      --_panel-2: #121519;
      --_line: #262b34;
      --_line-strong: #343a46;
      --_text: #e6e9ef;
      --_muted: #9ba4b3;
      --_hover: #1c2028;
      --_selected: #1a2640;
      --_visitor-bubble: #21252d;
      --_agent-bubble: #1d2a45;
      --_danger: #ff8f8f;
      --_danger-bg: #3a1717;
      --_warn-text: #f5c77a;
      --_warn-bg: #2e2410;
      --_ok: #4ade80;
      --_note-bg: #2e2410;
      --_note-line: #7a5a17;
      --_note-text: #f5c77a;
      --_note-button: #a4560a;
      --_link-on-tint: #8db4ff;
      --_shadow: 0 1px 2px rgb(0 0 0 / 0.4), 0 8px 24px rgb(0 0 0 / 0.35);
      --_overlay-shadow: -12px 0 32px rgb(0 0 0 / 0.5);
      color-scheme: dark;
    }
  }
`;

import { css } from 'lit';

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
    --_warn-text: #7c4a03;
    --_warn-bg: #fdf5e4;
    --_ok: #166534;
    --_shadow: 0 1px 2px rgb(16 24 40 / 0.05), 0 8px 24px rgb(16 24 40 / 0.08);
    --_overlay-shadow: -12px 0 32px rgb(16 24 40 / 0.12);
    --_ring: color-mix(in srgb, var(--_accent) 28%, transparent);
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
      --_shadow: 0 1px 2px rgb(0 0 0 / 0.4), 0 8px 24px rgb(0 0 0 / 0.35);
      --_overlay-shadow: -12px 0 32px rgb(0 0 0 / 0.5);
      color-scheme: dark;
    }
  }
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
  button:disabled {
    cursor: default;
  }
  :focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  svg {
    fill: currentColor;
    display: block;
    flex: none;
  }
  a {
    color: var(--_link);
  }
  h1,
  h2,
  h3,
  p,
  dl,
  dd,
  ul {
    margin: 0;
  }
  ul {
    padding: 0;
    list-style: none;
  }
  kbd {
    display: inline-block;
    min-width: 20px;
    padding: 1px 5px;
    border: 1px solid var(--_line-strong);
    border-bottom-width: 2px;
    border-radius: 5px;
    font: 600 11px/16px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    text-align: center;
    color: var(--_muted);
    background: var(--_panel);
  }
  .sr {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .spacer {
    flex: 1;
  }
  .muted {
    color: var(--_muted);
  }

  /* Buttons */
  .primary,
  .secondary,
  .ghost {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 6px;
    height: 34px;
    padding: 0 12px;
    border-radius: 8px;
    font-weight: 600;
    font-size: 13px;
    white-space: nowrap;
  }
  .primary {
    border: 1px solid transparent;
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .primary:hover:not(:disabled) {
    background: var(--_accent-hover);
  }
  .primary:disabled {
    opacity: 0.45;
  }
  .primary.wide {
    width: 100%;
    height: 40px;
    font-size: 14px;
  }
  .secondary {
    border: 1px solid var(--_line-strong);
    background: var(--_panel);
  }
  .secondary:hover {
    background: var(--_hover);
  }
  .ghost {
    border: 1px solid transparent;
    background: transparent;
    color: var(--_muted);
  }
  .ghost:hover:not(:disabled) {
    background: var(--_hover);
    color: var(--_text);
  }
  .icon {
    display: inline-grid;
    place-items: center;
    width: 34px;
    height: 34px;
    border: 1px solid transparent;
    border-radius: 8px;
    background: transparent;
    color: var(--_muted);
  }
  .icon:hover {
    background: var(--_hover);
    color: var(--_text);
  }
  .icon[aria-pressed='true'] {
    background: var(--_selected);
    color: var(--_link);
  }
  .link {
    border: 0;
    padding: 0;
    background: none;
    color: var(--_link);
    font-weight: 600;
    font-size: 13px;
  }
  .link:hover {
    text-decoration: underline;
  }
  .chip {
    display: inline-flex;
    align-items: center;
    height: 22px;
    padding: 0 8px;
    border-radius: 11px;
    font-size: 12px;
    font-weight: 600;
    background: var(--_hover);
    color: var(--_muted);
    white-space: nowrap;
  }
  .chip.open {
    background: color-mix(in srgb, var(--_ok) 14%, transparent);
    color: var(--_ok);
  }

  /* Brand */
  .brand {
    margin: 0;
    display: flex;
    align-items: center;
    gap: 10px;
    font-weight: 650;
    font-size: 15px;
    letter-spacing: -0.01em;
    white-space: nowrap;
  }
  .mark {
    display: grid;
    place-items: center;
    width: 28px;
    height: 28px;
    border-radius: 8px;
    background: var(--_accent);
    color: var(--_on-accent);
  }

  /* Sign-in, new password, not an agent */
  .gate {
    display: grid;
    place-items: center;
    height: 100%;
    min-height: inherit;
    padding: 32px 16px;
    overflow: auto;
    background:
      radial-gradient(1200px 500px at 50% -10%, color-mix(in srgb, var(--_accent) 10%, transparent), transparent 70%),
      var(--_bg);
  }
  .gate-inner {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 20px;
    width: min(400px, 100%);
  }
  .gate .brand {
    font-size: 17px;
  }
  .gate .mark {
    width: 34px;
    height: 34px;
    border-radius: 10px;
  }
  .card {
    width: 100%;
    padding: 28px 30px 30px;
    border: 1px solid var(--_line);
    border-radius: 14px;
    background: var(--_panel);
    box-shadow: var(--_shadow);
  }
  .gate-form {
    display: flex;
    flex-direction: column;
  }
  .gate-form h1 {
    font-size: 20px;
    font-weight: 650;
    letter-spacing: -0.015em;
  }
  .gate-form h1:focus {
    outline: none;
  }
  .gate-form .lead {
    margin-top: 6px;
    color: var(--_muted);
  }
  .gate-form label {
    margin: 18px 0 6px;
    font-size: 13px;
    font-weight: 600;
  }
  .gate-form input {
    width: 100%;
    height: 40px;
    padding: 0 12px;
    border: 1px solid var(--_line-strong);
    border-radius: 8px;
    background: var(--_panel);
  }
  .gate-form input:focus {
    outline: none;
    border-color: var(--_accent);
    box-shadow: 0 0 0 3px var(--_ring);
  }
  .gate-form .primary.wide {
    margin-top: 24px;
  }
  .gate-form > .link {
    margin-top: 14px;
    align-self: center;
  }
  .gate-form .hint {
    margin-top: 6px;
    font-size: 12.5px;
    color: var(--_muted);
  }
  .password {
    position: relative;
  }
  .password input {
    padding-right: 64px;
  }
  .reveal {
    position: absolute;
    top: 5px;
    right: 5px;
    height: 30px;
    padding: 0 8px;
    border: 0;
    border-radius: 6px;
    background: transparent;
    color: var(--_muted);
    font-size: 12.5px;
    font-weight: 600;
  }
  .reveal:hover {
    background: var(--_hover);
    color: var(--_text);
  }
  .gate-icon {
    display: grid;
    place-items: center;
    width: 44px;
    height: 44px;
    margin-bottom: 14px;
    border-radius: 12px;
    background: var(--_selected);
    color: var(--_link);
  }
  .gate-icon.warn {
    background: var(--_warn-bg);
    color: var(--_warn-text);
  }
  .gate-loading {
    color: var(--_muted);
    text-align: center;
  }
  .form-error {
    display: flex;
    gap: 8px;
    align-items: flex-start;
    margin-top: 16px;
    padding: 10px 12px;
    border-radius: 8px;
    background: var(--_danger-bg);
    color: var(--_danger);
    font-size: 13.5px;
  }
  .form-error svg {
    margin-top: 2px;
  }
  .card > .form-error:first-child {
    margin-top: 0;
  }
  .card > .primary.wide {
    margin-top: 16px;
  }
  .command {
    margin: 10px 0 0;
    padding: 10px 12px;
    border-radius: 8px;
    background: var(--_bg);
    border: 1px solid var(--_line);
    font: 13px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .local-note {
    display: flex;
    flex-wrap: wrap;
    justify-content: center;
    align-items: center;
    gap: 6px 8px;
    max-width: 100%;
    font-size: 12.5px;
    color: var(--_muted);
    text-align: center;
  }
  .local-note .chip {
    height: 20px;
    border: 1px solid var(--_line-strong);
    background: var(--_panel);
    font-size: 11px;
    letter-spacing: 0.04em;
    text-transform: uppercase;
  }
  .local-note a {
    font-weight: 600;
  }

  /* The workspace */
  .console {
    display: flex;
    flex-direction: column;
    height: 100%;
    min-height: inherit;
  }
  .topbar {
    display: flex;
    align-items: center;
    gap: 12px;
    height: 52px;
    padding: 0 12px 0 16px;
    flex: none;
    border-bottom: 1px solid var(--_line);
    background: var(--_panel);
  }
  .connection {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    margin-left: 8px;
    padding: 0 9px;
    height: 24px;
    border-radius: 12px;
    font-size: 12px;
    font-weight: 600;
    color: var(--_muted);
    background: var(--_hover);
  }
  .connection i {
    width: 7px;
    height: 7px;
    border-radius: 50%;
    background: currentColor;
  }
  .connection.state-open {
    color: var(--_ok);
    background: color-mix(in srgb, var(--_ok) 12%, transparent);
  }
  .connection.state-reconnecting,
  .connection.state-offline {
    color: var(--_warn-text);
    background: var(--_warn-bg);
  }
  .notif.on {
    color: var(--_ok);
    opacity: 1;
  }
  .notif.off {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    font-size: 13px;
    color: var(--_muted);
  }
  .me {
    display: flex;
    align-items: center;
    gap: 9px;
    padding: 0 6px 0 10px;
    border-left: 1px solid var(--_line);
  }
  .me-text {
    display: flex;
    flex-direction: column;
    line-height: 1.2;
  }
  .me-text strong {
    font-size: 13px;
    font-weight: 600;
  }
  .me-text small {
    font-size: 12px;
    color: var(--_muted);
  }
  .banner {
    display: flex;
    align-items: center;
    gap: 10px;
    padding: 8px 16px;
    font-size: 13px;
    border-bottom: 1px solid var(--_line);
    background: var(--_panel);
  }
  .banner.warn {
    background: var(--_warn-bg);
    color: var(--_warn-text);
  }
  .workspace {
    position: relative;
    flex: 1;
    min-height: 0;
    display: grid;
    grid-template-columns: 336px minmax(0, 1fr) 296px;
  }
  .layout-wide:not(.has-room) .workspace {
    grid-template-columns: 336px minmax(0, 1fr);
  }
  .layout-medium .workspace {
    grid-template-columns: 300px minmax(0, 1fr);
  }
  .layout-narrow .workspace {
    grid-template-columns: minmax(0, 1fr);
  }
  .layout-narrow.has-room .inbox,
  .layout-narrow:not(.has-room) .conversation {
    display: none;
  }
  .back {
    display: none;
  }
  .layout-narrow .back {
    display: inline-grid;
  }
  .layout-medium .me-text,
  .layout-narrow .me-text,
  .layout-medium .notif span,
  .layout-narrow .notif span,
  .layout-narrow .conv-head .label,
  .layout-medium .conv-head .ghost .label {
    display: none;
  }
  .layout-medium .notif,
  .layout-narrow .notif {
    width: 34px;
    padding: 0;
  }
  .layout-narrow .connection {
    margin-left: 0;
  }

  /* Inbox */
  .inbox {
    display: flex;
    flex-direction: column;
    min-height: 0;
    border-right: 1px solid var(--_line);
    background: var(--_panel-2);
  }
  .inbox-head {
    display: flex;
    flex-direction: column;
    gap: 10px;
    padding: 12px 12px 10px;
    border-bottom: 1px solid var(--_line);
  }
  .tabs {
    display: grid;
    grid-template-columns: 1fr 1fr;
    padding: 3px;
    border-radius: 9px;
    background: var(--_hover);
  }
  .tabs button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 7px;
    height: 30px;
    border: 0;
    border-radius: 7px;
    background: transparent;
    color: var(--_muted);
    font-weight: 600;
    font-size: 13px;
  }
  .tabs button[aria-selected='true'] {
    background: var(--_panel);
    color: var(--_text);
    box-shadow: 0 1px 2px rgb(16 24 40 / 0.12);
  }
  .tabs .count {
    min-width: 20px;
    padding: 0 6px;
    border-radius: 10px;
    background: var(--_line);
    font-size: 11.5px;
    line-height: 18px;
    color: var(--_muted);
  }
  .filter {
    display: flex;
    align-items: center;
    gap: 8px;
    height: 34px;
    padding: 0 8px 0 10px;
    border: 1px solid var(--_line);
    border-radius: 8px;
    background: var(--_panel);
    color: var(--_muted);
  }
  .filter:focus-within {
    border-color: var(--_accent);
    box-shadow: 0 0 0 3px var(--_ring);
  }
  .filter input {
    flex: 1;
    min-width: 0;
    border: 0;
    outline: none;
    background: transparent;
    font-size: 13px;
    color: var(--_text);
  }
  .filter input::placeholder {
    color: var(--_muted);
  }
  .filter:focus-within kbd {
    display: none;
  }
  .room-list {
    flex: 1;
    min-height: 0;
    overflow-y: auto;
    scrollbar-width: thin;
  }
  .room {
    position: relative;
    display: flex;
    gap: 11px;
    width: 100%;
    padding: 11px 14px 11px 14px;
    border: 0;
    border-bottom: 1px solid var(--_line);
    background: transparent;
    text-align: left;
  }
  .room:hover {
    background: var(--_hover);
  }
  .room:focus-visible {
    outline-offset: -2px;
  }
  .room.selected {
    background: var(--_selected);
  }
  .room.selected::before {
    content: '';
    position: absolute;
    left: 0;
    top: 0;
    bottom: 0;
    width: 3px;
    background: var(--_accent);
  }
  .room-main {
    display: flex;
    flex-direction: column;
    gap: 2px;
    flex: 1;
    min-width: 0;
  }
  .room-line {
    display: flex;
    align-items: baseline;
    gap: 6px;
    min-width: 0;
  }
  .room-name {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    font-weight: 500;
  }
  .room.unread .room-name {
    font-weight: 700;
  }
  .room-id {
    font: 500 11.5px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    color: var(--_muted);
  }
  .room-time {
    margin-left: auto;
    flex: none;
    font-size: 12px;
    color: var(--_muted);
  }
  .room.unread .room-time {
    color: var(--_link);
    font-weight: 600;
  }
  .room-email {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    font-size: 12.5px;
    color: var(--_muted);
  }
  .room-preview {
    flex: 1;
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    font-size: 13px;
    color: var(--_muted);
  }
  .room.unread .room-preview {
    color: var(--_text);
  }
  .room-preview.typing {
    color: var(--_link);
    font-style: italic;
  }
  .unread-count {
    flex: none;
    align-self: center;
    min-width: 20px;
    height: 20px;
    padding: 0 6px;
    border-radius: 10px;
    background: var(--_accent);
    color: var(--_on-accent);
    font-size: 11.5px;
    font-weight: 700;
    line-height: 20px;
    text-align: center;
  }
  .unread-dot {
    flex: none;
    align-self: center;
    width: 9px;
    height: 9px;
    border-radius: 50%;
    background: var(--_accent);
  }
  .room-agents {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    margin-top: 2px;
    font-size: 12px;
    color: var(--_ok);
    font-weight: 600;
  }
  .inbox-empty {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 10px;
    padding: 48px 28px;
    text-align: center;
    font-size: 13px;
    color: var(--_muted);
  }

  /* Avatars */
  .avatar {
    display: grid;
    place-items: center;
    flex: none;
    width: 36px;
    height: 36px;
    border-radius: 50%;
    font-size: 13px;
    font-weight: 650;
    letter-spacing: 0.02em;
    background: #e4e8ef;
    color: #3b4452;
  }
  .avatar.small {
    width: 28px;
    height: 28px;
    font-size: 11.5px;
  }
  .avatar.large {
    width: 56px;
    height: 56px;
    font-size: 19px;
  }
  .me-avatar {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .hue-0 { background: #dbe7fe; color: #1e3f9a; }
  .hue-1 { background: #d9f5e3; color: #17603a; }
  .hue-2 { background: #fbefc9; color: #82410c; }
  .hue-3 { background: #fbe3ef; color: #8f1d4f; }
  .hue-4 { background: #ebe5fd; color: #5422a8; }
  .hue-5 { background: #d3f3f8; color: #135a6e; }
  .hue-6 { background: #fde6d3; color: #8c3412; }
  .hue-7 { background: #e1e6fd; color: #35309a; }
  @media (prefers-color-scheme: dark) {
    .avatar { background: #2a2f39; color: #c9d0dc; }
    .hue-0 { background: #1d3566; color: #c4d8ff; }
    .hue-1 { background: #173d2a; color: #b4ecc9; }
    .hue-2 { background: #45330e; color: #f9dc9a; }
    .hue-3 { background: #4a1a33; color: #f8c1dc; }
    .hue-4 { background: #35225e; color: #dccdfc; }
    .hue-5 { background: #113c47; color: #b3ebf5; }
    .hue-6 { background: #4a2713; color: #fbcfae; }
    .hue-7 { background: #25296a; color: #cbd0fd; }
  }

  /* Conversation */
  .conversation {
    display: flex;
    flex-direction: column;
    min-width: 0;
    min-height: 0;
    background: var(--_panel);
  }
  .conv-head {
    display: flex;
    align-items: center;
    gap: 10px;
    min-height: 60px;
    padding: 10px 12px 10px 18px;
    border-bottom: 1px solid var(--_line);
  }
  .layout-narrow .conv-head {
    padding-left: 8px;
  }
  .conv-title {
    min-width: 0;
  }
  .conv-title h2 {
    display: flex;
    align-items: baseline;
    gap: 8px;
    font-size: 15px;
    font-weight: 650;
    white-space: nowrap;
  }
  .conv-title p {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    font-size: 12.5px;
    color: var(--_muted);
  }
  .conv-title a {
    color: inherit;
  }
  .conv-head .chip {
    margin-left: 2px;
  }
  .log {
    flex: 1;
    min-height: 0;
    overflow-y: auto;
    padding: 8px 24px 12px;
    scrollbar-width: thin;
  }
  .log:focus-visible {
    outline-offset: -2px;
  }
  .earlier {
    display: block;
    margin: 10px auto 4px;
  }
  .beginning {
    margin: 14px 0 4px;
    text-align: center;
    font-size: 12px;
    color: var(--_muted);
  }
  .day {
    display: flex;
    align-items: center;
    gap: 12px;
    margin: 18px 0 6px;
    font-size: 12px;
    font-weight: 600;
    color: var(--_muted);
  }
  .day::before,
  .day::after {
    content: '';
    flex: 1;
    height: 1px;
    background: var(--_line);
  }
  .msg {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    margin-top: 3px;
  }
  .msg.first {
    margin-top: 14px;
  }
  .msg.agent {
    align-items: flex-end;
  }
  .msg-head {
    display: flex;
    align-items: baseline;
    gap: 8px;
    margin: 0 4px 4px;
    font-size: 12px;
    color: var(--_muted);
  }
  .msg-name {
    font-weight: 600;
    font-size: 12.5px;
    color: var(--_text);
  }
  .bubble {
    max-width: min(620px, 78%);
    padding: 8px 12px;
    border-radius: 14px;
    background: var(--_visitor-bubble);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .msg.visitor .bubble {
    border-top-left-radius: 5px;
  }
  .msg.visitor:not(.first) .bubble {
    border-top-left-radius: 14px;
    border-bottom-left-radius: 5px;
  }
  .msg.agent .bubble {
    background: var(--_agent-bubble);
    border-top-right-radius: 5px;
  }
  .msg.agent:not(.first) .bubble {
    border-top-right-radius: 14px;
    border-bottom-right-radius: 5px;
  }
  .msg.own .bubble {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .msg.own .bubble a {
    color: inherit;
  }
  .msg.own.pending .bubble {
    background: var(--_agent-bubble);
    color: var(--_text);
  }
  .msg.failed .bubble {
    opacity: 1;
    background: var(--_danger-bg);
    color: var(--_danger);
  }
  .msg-status {
    display: flex;
    align-items: center;
    gap: 4px 8px;
    margin: 4px 4px 0;
    font-size: 12px;
    color: var(--_muted);
  }
  .msg-status.seen {
    gap: 3px;
    color: var(--_link);
    font-weight: 600;
  }
  .msg.failed .msg-status {
    color: var(--_danger);
  }
  .system {
    margin: 24px auto;
    max-width: 420px;
    text-align: center;
    color: var(--_muted);
  }
  .typing-line {
    display: flex;
    align-items: center;
    gap: 8px;
    min-height: 24px;
    padding: 0 24px;
    font-size: 12.5px;
    color: var(--_muted);
  }
  .dots {
    display: inline-flex;
    gap: 3px;
  }
  .dots i {
    width: 5px;
    height: 5px;
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
    0%, 80%, 100% { opacity: 0.25; }
    40% { opacity: 1; }
  }
  @media (prefers-reduced-motion: reduce) {
    .dots i {
      animation: none;
    }
  }
  .closed-banner {
    display: flex;
    align-items: center;
    gap: 8px;
    margin: 0 16px 8px;
    padding: 8px 12px;
    border-radius: 8px;
    background: var(--_warn-bg);
    color: var(--_warn-text);
    font-size: 13px;
  }
  .composer {
    padding: 0 16px 16px;
  }
  .composer-box,
  .composer {
    display: flex;
    flex-direction: column;
  }
  .composer textarea {
    width: 100%;
    min-height: 44px;
    max-height: 200px;
    padding: 11px 14px 4px;
    border: 1px solid var(--_line-strong);
    border-bottom: 0;
    border-radius: 10px 10px 0 0;
    background: var(--_panel);
    resize: none;
    outline: none;
    line-height: 1.45;
  }
  .composer-foot {
    display: flex;
    align-items: center;
    gap: 12px;
    padding: 6px 6px 6px 14px;
    border: 1px solid var(--_line-strong);
    border-top: 0;
    border-radius: 0 0 10px 10px;
    background: var(--_panel);
  }
  .composer:focus-within textarea,
  .composer:focus-within .composer-foot {
    border-color: var(--_accent);
  }
  .composer textarea:disabled {
    background: var(--_hover);
  }
  .hint {
    flex: 1;
    font-size: 12px;
    color: var(--_muted);
  }
  .counter {
    font-size: 12px;
    color: var(--_muted);
  }
  .counter.over {
    color: var(--_danger);
    font-weight: 600;
  }
  .send {
    height: 32px;
  }

  /* No conversation open */
  .conversation.empty {
    display: grid;
    place-items: center;
    background: var(--_bg);
  }
  .layout-narrow:not(.has-room) .conversation.empty {
    display: none;
  }
  .empty-state {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 8px;
    max-width: 360px;
    padding: 24px;
    text-align: center;
  }
  .empty-icon {
    display: grid;
    place-items: center;
    width: 56px;
    height: 56px;
    margin-bottom: 6px;
    border-radius: 16px;
    background: var(--_panel);
    border: 1px solid var(--_line);
    color: var(--_muted);
  }
  .empty-state h2 {
    font-size: 16px;
    font-weight: 650;
  }
  .empty-state p {
    color: var(--_muted);
  }
  .keys {
    display: grid;
    gap: 8px;
    width: 100%;
    margin-top: 18px;
    padding: 14px 16px;
    border: 1px solid var(--_line);
    border-radius: 10px;
    background: var(--_panel);
    font-size: 13px;
  }
  .keys div {
    display: grid;
    grid-template-columns: 128px 1fr;
    align-items: center;
    gap: 12px;
    text-align: left;
  }
  .keys dt {
    white-space: nowrap;
  }
  .keys dd {
    color: var(--_muted);
  }

  /* Visitor details */
  .profile {
    display: flex;
    flex-direction: column;
    gap: 18px;
    min-height: 0;
    overflow-y: auto;
    padding: 24px 20px;
    border-left: 1px solid var(--_line);
    background: var(--_panel-2);
  }
  .layout-medium .profile,
  .layout-narrow .profile {
    position: absolute;
    top: 61px;
    right: 0;
    bottom: 0;
    width: min(300px, 100%);
    z-index: 2;
    box-shadow: var(--_overlay-shadow);
  }
  .profile-head {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 4px;
    padding-bottom: 18px;
    border-bottom: 1px solid var(--_line);
    text-align: center;
  }
  .profile-head .avatar {
    margin-bottom: 8px;
  }
  .profile-head h3 {
    font-size: 16px;
    font-weight: 650;
  }
  .profile-head p {
    font-size: 13px;
    color: var(--_muted);
    overflow-wrap: anywhere;
  }
  .profile dl {
    display: flex;
    flex-direction: column;
    gap: 14px;
  }
  .profile dt {
    margin-bottom: 3px;
    font-size: 11.5px;
    font-weight: 650;
    letter-spacing: 0.04em;
    text-transform: uppercase;
    color: var(--_muted);
  }
  .profile dd {
    font-size: 13.5px;
    overflow-wrap: anywhere;
  }
  .room-full {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: 4px;
  }
  .room-full code {
    font: 12px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    word-break: break-all;
  }
`;

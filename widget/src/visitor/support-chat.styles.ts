import { css } from 'lit';

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
    --_gap: 20px;
    position: relative;
    z-index: var(--support-chat-z-index, 2147483000);
    font-family: var(--support-chat-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: 15px;
    line-height: 1.45;
    color: var(--_text);
    -webkit-font-smoothing: antialiased;
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

  /* Launcher */
  .launcher {
    position: fixed;
    bottom: var(--_gap);
    right: var(--_gap);
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
    left: var(--_gap);
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

  /* Panel */
  .panel {
    position: fixed;
    bottom: calc(var(--_gap) + 76px);
    right: var(--_gap);
    width: 384px;
    height: min(640px, calc(100vh - 120px));
    height: min(640px, calc(100dvh - 120px));
    display: flex;
    flex-direction: column;
    background: var(--_bg);
    border-radius: var(--_radius);
    box-shadow: var(--_shadow);
    overflow: hidden;
    visibility: hidden;
    opacity: 0;
    transform: translateY(16px) scale(0.98);
    transform-origin: bottom right;
    transition: opacity 0.18s ease, transform 0.18s ease, visibility 0s linear 0.18s;
  }
  :host([position='left']) .panel {
    right: auto;
    left: var(--_gap);
    transform-origin: bottom left;
  }
  .panel.open {
    visibility: visible;
    opacity: 1;
    transform: none;
    transition: opacity 0.18s ease, transform 0.18s ease;
  }
  @media (prefers-reduced-motion: reduce) {
    .panel,
    .panel.open,
    .launcher {
      transition: none;
    }
  }

  .header {
    display: flex;
    align-items: center;
    gap: 12px;
    padding: 16px 10px 16px 18px;
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .avatar {
    flex: none;
    width: 40px;
    height: 40px;
    border-radius: 50%;
    display: grid;
    place-items: center;
    background: rgb(255 255 255 / 0.18);
  }
  .avatar svg {
    width: 22px;
    height: 22px;
  }
  .heading {
    flex: 1;
    min-width: 0;
  }
  h2 {
    margin: 0;
    font-size: 16px;
    font-weight: 650;
    line-height: 1.3;
  }
  .header p {
    margin: 0;
    font-size: 13px;
  }
  .presence {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    margin-top: 6px;
    padding: 2px 10px 2px 8px;
    border-radius: 999px;
    background: rgb(0 0 0 / 0.16);
    font-size: 12px;
    font-weight: 600;
  }
  .presence::before {
    content: '';
    flex: none;
    width: 8px;
    height: 8px;
    border-radius: 50%;
    background: #e2e8f0;
  }
  .presence.here::before {
    background: #4ade80;
    box-shadow: 0 0 0 3px rgb(74 222 128 / 0.3);
  }
  .icon {
    flex: none;
    align-self: flex-start;
    width: 34px;
    height: 34px;
    border: 0;
    border-radius: 10px;
    background: transparent;
    color: inherit;
    display: grid;
    place-items: center;
  }
  .icon:hover {
    background: rgb(255 255 255 / 0.16);
  }
  .icon svg {
    width: 22px;
    height: 22px;
  }
  .header :focus-visible {
    outline-color: var(--_on-accent);
  }

  .banner,
  .notice {
    padding: 8px 16px;
    font-size: 13px;
    border-bottom: 1px solid var(--_line);
  }
  .banner {
    background: #fff4d6;
    color: #5c4200;
  }
  .notice {
    display: flex;
    gap: 12px;
    justify-content: space-between;
    align-items: baseline;
    background: #fdecec;
    color: #8e1c1c;
  }
  .notice .link {
    color: inherit;
  }
  @media (prefers-color-scheme: dark) {
    .banner {
      background: #3a3016;
      color: #ffe08a;
    }
    .notice {
      background: #3d1d1d;
      color: #ffc2c2;
    }
  }

  /* Log */
  .log {
    flex: 1;
    overflow-y: auto;
    overscroll-behavior: contain;
    padding: 16px 16px 8px;
    background: var(--_surface);
    display: flex;
    flex-direction: column;
  }
  .log:focus-visible {
    outline-offset: -2px;
  }
  .row {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    max-width: 82%;
    margin-top: 3px;
  }
  .row.first {
    margin-top: 14px;
  }
  .row:first-child {
    margin-top: 0;
  }
  .row.visitor {
    align-self: flex-end;
    align-items: flex-end;
  }
  .name {
    font-size: 12px;
    font-weight: 600;
    color: var(--_muted);
    margin: 0 4px 4px;
  }
  .bubble {
    padding: 9px 13px;
    border-radius: calc(var(--_radius) + 2px);
    background: var(--_bubble);
    box-shadow: 0 1px 2px rgb(15 23 42 / 0.08);
    border: 1px solid var(--_line);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .agent .bubble {
    border-top-left-radius: 6px;
  }
  .visitor .bubble {
    background: var(--_accent);
    border-color: transparent;
    color: var(--_on-accent);
    border-top-right-radius: 6px;
  }
  .pending .bubble {
    opacity: 0.75;
  }
  .failed .bubble {
    opacity: 1;
    background: transparent;
    color: var(--_text);
    border: 1px dashed var(--_danger);
  }
  .bubble a {
    color: inherit;
    text-decoration: underline;
    text-underline-offset: 2px;
  }
  .meta {
    font-size: 12px;
    color: var(--_muted);
    margin: 3px 4px 0;
    display: flex;
    gap: 5px;
  }
  .meta .link {
    margin-left: 4px;
  }
  .failed .status {
    color: var(--_danger);
  }
  .link {
    border: 0;
    padding: 0;
    background: none;
    color: var(--_accent);
    font-size: 12px;
    font-weight: 600;
    text-decoration: underline;
  }
  @media (prefers-color-scheme: dark) {
    .link {
      color: #93b4ff;
    }
  }
  .earlier {
    align-self: center;
    margin-bottom: 12px;
  }
  .system {
    align-self: center;
    text-align: center;
    font-size: 12px;
    color: var(--_muted);
    margin: 16px 0 4px;
  }
  .typing {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 6px 20px;
    font-size: 12px;
    color: var(--_muted);
    background: var(--_surface);
  }
  .dots {
    display: inline-flex;
    gap: 3px;
  }
  .dots i {
    width: 6px;
    height: 6px;
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

  /* Composer */
  .composer {
    display: flex;
    align-items: flex-end;
    gap: 8px;
    padding: 12px 12px 12px 16px;
    border-top: 1px solid var(--_line);
    background: var(--_bg);
  }
  textarea {
    flex: 1;
    resize: none;
    min-height: 44px;
    max-height: 160px;
    padding: 11px 14px;
    border: 1px solid var(--_line);
    border-radius: calc(var(--_radius) - 4px);
    background: var(--_surface);
    line-height: 1.4;
    outline: none;
  }
  textarea::placeholder {
    color: var(--_muted);
    opacity: 1;
  }
  textarea:focus-visible {
    outline: none;
  }
  textarea:focus {
    border-color: var(--_accent);
    box-shadow: 0 0 0 3px color-mix(in srgb, var(--_accent) 22%, transparent);
  }
  .send {
    flex: none;
    width: 44px;
    height: 44px;
    border: 0;
    border-radius: 50%;
    background: var(--_accent);
    color: var(--_on-accent);
    display: grid;
    place-items: center;
  }
  .send svg {
    width: 20px;
    height: 20px;
  }
  .send:disabled {
    cursor: default;
    background: var(--_line);
    color: var(--_muted);
  }
  .counter {
    margin: -6px 16px 10px;
    font-size: 12px;
    text-align: right;
    color: var(--_muted);
  }
  .counter.over {
    color: var(--_danger);
    font-weight: 600;
  }

  /* Pre-chat form */
  .prechat {
    display: grid;
    gap: 12px;
    padding: 16px 20px 20px;
    border-top: 1px solid var(--_line);
  }
  .prechat p {
    margin: 0;
    font-weight: 600;
  }
  .prechat label {
    display: grid;
    gap: 4px;
    font-size: 13px;
    color: var(--_muted);
  }
  .prechat input {
    padding: 10px 12px;
    border: 1px solid var(--_line);
    border-radius: 10px;
    background: var(--_surface);
    color: var(--_text);
    font-size: 15px;
  }
  .primary {
    padding: 11px 16px;
    border: 0;
    border-radius: 10px;
    background: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
  }

  /* Phones: the panel takes the screen. */
  @media (max-width: 480px) {
    .panel {
      inset: 0;
      width: auto;
      height: auto;
      border-radius: 0;
    }
    :host([position='left']) .panel {
      left: 0;
      right: 0;
    }
    :host([open]) .launcher {
      display: none;
    }
    .header {
      padding-top: max(18px, env(safe-area-inset-top));
    }
    .composer {
      padding-bottom: max(12px, env(safe-area-inset-bottom));
    }
    textarea {
      font-size: 16px;
    }
  }
`;

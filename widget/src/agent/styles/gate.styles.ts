import { css } from 'lit';

/** The sign-in, new-password and not-an-agent screens. */
export default css`
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
`;

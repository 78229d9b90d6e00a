import { css } from 'lit';

/** The console's modal dialogs: a confirmation, the agent's profile (name and avatar colour). */
export default css`
  dialog.modal {
    width: min(440px, calc(100vw - 24px));
    max-height: calc(100vh - 24px);
    padding: 22px 22px 18px;
    border: 1px solid var(--_line-strong);
    border-radius: 14px;
    background: var(--_panel);
    color: var(--_text);
    box-shadow: var(--_shadow);
  }
  dialog.modal::backdrop {
    background: rgb(10 14 22 / 0.45);
  }
  dialog.modal h2 {
    margin-bottom: 8px;
    font-size: 17px;
    font-weight: 650;
  }
  dialog.modal form {
    display: flex;
    flex-direction: column;
    gap: 14px;
  }
  dialog.modal .help {
    font-size: 13px;
    color: var(--_muted);
  }
  .dialog-actions {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: 8px;
    margin-top: 16px;
  }
  dialog.modal form .dialog-actions {
    margin-top: 2px;
  }
  .primary.danger {
    background: var(--_danger-solid);
  }
  .primary.danger:hover:not(:disabled) {
    background: color-mix(in srgb, var(--_danger-solid) 86%, #000);
  }
  .danger-text {
    color: var(--_danger);
  }
  dialog.modal .field {
    display: flex;
    flex-direction: column;
    gap: 5px;
    font-weight: 600;
    font-size: 13px;
  }
  dialog.modal input:not([type='radio']) {
    font: inherit;
    font-weight: 400;
    font-size: 14px;
    padding: 8px 10px;
    border: 1px solid var(--_line-strong);
    border-radius: 8px;
    background: var(--_panel);
    color: var(--_text);
  }
  .profile-preview {
    display: flex;
    justify-content: center;
  }
  .profile-preview .avatar {
    width: 56px;
    height: 56px;
    font-size: 19px;
  }
  .palette {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    margin: 0;
    padding: 0;
    border: 0;
  }
  .palette legend {
    margin-bottom: 6px;
    padding: 0;
    font-weight: 600;
    font-size: 13px;
  }
  .swatch {
    position: relative;
    display: grid;
    place-items: center;
    width: 34px;
    height: 34px;
    cursor: pointer;
  }
  .swatch input {
    position: absolute;
    inset: 0;
    margin: 0;
    opacity: 0;
    cursor: pointer;
  }
  .swatch-color {
    width: 28px;
    height: 28px;
    border-radius: 50%;
    background: var(--agent-color);
  }
  .swatch input:checked + .swatch-color {
    box-shadow:
      0 0 0 2px var(--_panel),
      0 0 0 4px var(--agent-color);
  }
  .swatch input:focus-visible + .swatch-color {
    outline: 2px solid var(--_accent);
    outline-offset: 4px;
  }
  .dialog-state {
    display: flex;
    align-items: center;
    gap: 6px;
    min-height: 18px;
    font-size: 13px;
    color: var(--_ok);
  }
  .dialog-state:empty {
    display: none;
  }
  .dialog-state.error {
    color: var(--_danger);
  }
`;

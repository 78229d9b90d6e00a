import { css } from 'lit';

/** The reply box: Reply or Note, the text area and its foot, and the saved replies listed under a `/`. */
export default css`
  .composer {
    position: relative;
    display: flex;
    flex-direction: column;
    padding: 0 16px 16px;
  }
  .composer-mode {
    display: flex;
    gap: 2px;
    align-self: flex-start;
    margin-bottom: -1px;
  }
  .composer-mode label {
    position: relative;
    display: inline-flex;
    cursor: pointer;
  }
  .composer-mode input {
    position: absolute;
    inset: 0;
    margin: 0;
    opacity: 0;
    cursor: pointer;
  }
  .composer-mode span {
    padding: 5px 12px 6px;
    border: 1px solid transparent;
    border-bottom: 0;
    border-radius: 8px 8px 0 0;
    font-size: 12.5px;
    font-weight: 600;
    color: var(--_muted);
  }
  .composer-mode input:checked + span {
    border-color: var(--_line-strong);
    background: var(--_panel);
    color: var(--_text);
  }
  .composer-mode .mode-note input:checked + span {
    border-color: var(--_note-line);
    background: var(--_note-bg);
    color: var(--_note-text);
  }
  .composer-mode input:focus-visible + span {
    outline: 2px solid var(--_accent);
    outline-offset: -2px;
  }
  .composer textarea {
    width: 100%;
    min-height: 44px;
    max-height: 200px;
    padding: 11px 14px 4px;
    border: 1px solid var(--_line-strong);
    border-bottom: 0;
    border-radius: 0 10px 0 0;
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
  /* A note: amber, so that nobody takes it for a reply the visitor will read. */
  .composer.note textarea,
  .composer.note .composer-foot,
  .composer.note:focus-within textarea,
  .composer.note:focus-within .composer-foot {
    border-color: var(--_note-line);
    background: var(--_note-bg);
  }
  .composer.note textarea::placeholder,
  .composer.note .hint {
    color: var(--_note-text);
  }
  .composer.note .send {
    background: var(--_note-button);
  }
  .composer.note .send:hover:not(:disabled) {
    background: color-mix(in srgb, var(--_note-button) 86%, #000);
  }
  .hint {
    flex: 1;
    min-width: 0;
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
  .layout-narrow .composer {
    padding: 0 8px 8px;
  }
  .layout-narrow .hint {
    display: none;
  }
  .layout-narrow .composer-foot {
    justify-content: flex-end;
  }

  /* Saved replies under a "/" */
  .reply-picker {
    position: absolute;
    left: 16px;
    right: 16px;
    bottom: calc(100% - 4px);
    z-index: 3;
    max-height: min(320px, 50vh);
    overflow-y: auto;
    border: 1px solid var(--_line-strong);
    border-radius: 10px;
    background: var(--_panel);
    box-shadow: var(--_shadow);
  }
  .layout-narrow .reply-picker {
    left: 8px;
    right: 8px;
  }
  .reply-option {
    display: flex;
    flex-direction: column;
    gap: 2px;
    padding: 8px 12px;
    border-bottom: 1px solid var(--_line);
    cursor: pointer;
  }
  .reply-option:last-child {
    border-bottom: 0;
  }
  .reply-option.active,
  .reply-option:hover {
    background: var(--_selected);
  }
  .reply-line {
    display: flex;
    align-items: baseline;
    gap: 8px;
    min-width: 0;
  }
  .reply-line code {
    flex: none;
    font: 600 12.5px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    color: var(--_link);
  }
  .reply-line strong {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    font-size: 13px;
    font-weight: 600;
  }
  .reply-preview {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    font-size: 12.5px;
    color: var(--_muted);
  }
  .reply-empty {
    padding: 10px 12px;
    font-size: 13px;
    color: var(--_muted);
  }
`;

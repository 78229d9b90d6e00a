import { css } from 'lit';

/** The settings' pages beside the team's: their tabs, the saved replies and their editor, the agents and the invitation, privacy requests. */
export default css`
  .settings-nav {
    display: flex;
    flex-wrap: wrap;
    gap: 4px;
    margin-top: 10px;
    padding: 3px;
    border-radius: 9px;
    background: var(--_hover);
  }
  .settings-nav button {
    height: 30px;
    padding: 0 12px;
    border: 0;
    border-radius: 7px;
    background: transparent;
    color: var(--_muted);
    font-weight: 600;
    font-size: 13px;
  }
  .settings-nav button[aria-current='page'] {
    background: var(--_panel);
    color: var(--_text);
    box-shadow: 0 1px 2px rgb(16 24 40 / 0.12);
  }
  .primary.small,
  .ghost.small {
    height: 30px;
    padding: 0 10px;
    font-size: 12.5px;
  }
  .settings code {
    font: 12.5px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  }

  /* Saved replies */
  .reply-list,
  .agent-list {
    display: flex;
    flex-direction: column;
  }
  .reply-item,
  .agent-row {
    display: flex;
    align-items: center;
    flex-wrap: wrap;
    gap: 8px 12px;
    padding: 10px 0;
    border-top: 1px solid var(--_line);
  }
  .reply-summary,
  .agent-main {
    display: flex;
    flex-direction: column;
    gap: 2px;
    flex: 1 1 220px;
    min-width: 0;
  }
  .reply-actions,
  .agent-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 4px;
  }
  .reply-editor {
    display: flex;
    flex-direction: column;
    gap: 12px;
    margin: 4px 0;
    padding: 14px;
    border: 1px solid var(--_accent);
    border-radius: 10px;
    background: var(--_panel-2);
  }
  .reply-fields {
    display: grid;
    grid-template-columns: minmax(0, 1fr) minmax(0, 2fr);
    gap: 12px;
  }
  .layout-narrow .reply-fields {
    grid-template-columns: minmax(0, 1fr);
  }
  .shortcut-input {
    display: flex;
    align-items: center;
    gap: 4px;
    font: 600 14px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    color: var(--_muted);
  }
  .shortcut-input input {
    flex: 1;
    width: 100%;
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  }
  .editor-actions {
    display: flex;
    justify-content: flex-end;
    gap: 8px;
  }

  /* Agents */
  .agent-name {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .agent-email {
    font-size: 12.5px;
    color: var(--_muted);
    overflow-wrap: anywhere;
  }
  .badge {
    display: inline-block;
    padding: 0 6px;
    border-radius: 8px;
    background: var(--_hover);
    color: var(--_muted);
    font-size: 11.5px;
    font-weight: 700;
    line-height: 17px;
    vertical-align: 1px;
  }
  .badge.admin {
    background: var(--_selected);
    color: var(--_link);
  }
  .badge.invited {
    background: var(--_warn-bg);
    color: var(--_warn-text);
  }
  .invite-form {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: 10px 12px;
  }
  .invite-form .field {
    flex: 1 1 200px;
    min-width: 0;
  }
  .check {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    height: 36px;
    font-weight: 600;
    font-size: 13px;
  }
  .check input {
    accent-color: var(--_accent);
  }
  .invitation {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: 6px;
    padding: 12px 14px;
    border-radius: 10px;
    background: var(--_selected);
  }
  .temporary {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 8px;
  }
  .temporary code {
    padding: 3px 8px;
    border-radius: 6px;
    background: var(--_panel);
    font-size: 14px;
    user-select: all;
    overflow-wrap: anywhere;
  }

  /* Privacy: find a person, what is stored, export, erase */
  .privacy-find {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: 10px;
    margin-top: 12px;
  }
  .privacy-find .field {
    display: flex;
    flex-direction: column;
    gap: 5px;
    font-weight: 600;
    font-size: 13px;
  }
  .privacy-find .grow {
    flex: 1 1 220px;
  }
  .privacy-find select,
  .privacy-find .find {
    height: 36px;
  }
  .privacy-found {
    margin-top: 14px;
  }
  .privacy-counts {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(190px, 1fr));
    gap: 8px;
    margin: 10px 0;
  }
  .privacy-counts div {
    padding: 8px 10px;
    border: 1px solid var(--_line);
    border-radius: 8px;
  }
  .privacy-counts dt {
    color: var(--_muted);
    font-size: 12.5px;
  }
  .privacy-counts dd {
    margin: 2px 0 0;
    font-weight: 700;
    font-size: 18px;
  }
  .privacy-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
  }
  .privacy-files {
    margin: 6px 0 0;
    padding-left: 18px;
  }
`;

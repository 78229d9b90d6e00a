import { css } from 'lit';

/** The list of conversations: tabs, filter, rows, unread marks. */
export default css`
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
    display: flex;
    gap: 2px;
    padding: 3px;
    border-radius: 9px;
    background: var(--_hover);
  }
  .tabs button {
    display: inline-flex;
    flex: 1 1 auto;
    align-items: center;
    justify-content: center;
    gap: 4px;
    min-width: 0;
    height: 30px;
    padding: 0 4px;
    border: 0;
    border-radius: 7px;
    background: transparent;
    color: var(--_muted);
    font-weight: 600;
    font-size: 12.5px;
    white-space: nowrap;
  }
  .tabs button[aria-selected='true'] {
    background: var(--_panel);
    color: var(--_text);
    box-shadow: 0 1px 2px rgb(16 24 40 / 0.12);
  }
  .tabs .count {
    font-size: 12px;
    font-weight: 500;
    color: var(--_muted);
  }
  .tabs [aria-selected='true'] .count {
    color: var(--_link);
    font-weight: 700;
  }
  .layout-medium .tabs button {
    font-size: 12px;
    padding: 0 2px;
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
  .room-sender {
    color: var(--_text);
    font-weight: 600;
  }
  .room-sender.mine {
    color: var(--_muted);
  }
  /* How long the visitor waits, who handles it, who else is in it. */
  .room-foot {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 2px 10px;
    margin-top: 3px;
    font-size: 12px;
  }
  .room-waiting {
    padding: 0 7px;
    border-radius: 9px;
    background: var(--_warn-bg);
    color: var(--_warn-text);
    font-weight: 650;
    line-height: 18px;
  }
  .room-assignee {
    display: inline-flex;
    align-items: center;
    gap: 3px;
    min-width: 0;
    color: var(--_muted);
  }
  .room-assignee.mine {
    color: var(--_link);
    font-weight: 600;
  }
  .room-agents {
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
`;

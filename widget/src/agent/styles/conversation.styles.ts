import { css } from 'lit';

/** The open conversation (header, log, typing line, composer), and the empty state when none is open. */
export default css`
  /* Conversation */
  .conversation {
    display: flex;
    flex-direction: column;
    min-width: 0;
    min-height: 0;
    background: var(--_panel);
  }
  .conv-head {
    position: relative;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 8px 10px;
    min-height: 60px;
    padding: 10px 12px 10px 18px;
    border-bottom: 1px solid var(--_line);
  }
  .layout-narrow .conv-head {
    padding: 8px 8px 8px 4px;
  }
  /* Who: the visitor's name, id and email; it gives way (ellipsis) before the tools wrap under it. */
  .conv-who {
    display: flex;
    align-items: center;
    gap: 10px;
    flex: 1 1 260px;
    min-width: 0;
  }
  .conv-title {
    flex: 1;
    min-width: 0;
  }
  .conv-title h2 {
    display: flex;
    align-items: baseline;
    gap: 8px;
    min-width: 0;
    font-size: 15px;
    font-weight: 650;
    white-space: nowrap;
  }
  .conv-name {
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .conv-title .room-id {
    flex: none;
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
  .conv-who .icon {
    flex: none;
  }
  .conv-who .icon:disabled {
    opacity: 0.4;
  }
  .conv-tools {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: flex-end;
    gap: 6px;
    flex: 1 1 auto;
    min-width: 0;
  }
  .layout-narrow .conv-tools {
    flex-basis: 100%;
    padding-left: 4px;
  }
  /* On a phone an open conversation's chip gives way: Close says it is open, and a closed one keeps its chip. */
  .layout-narrow .chip.status.open {
    display: none;
  }
  .conv-notice {
    display: flex;
    align-items: center;
    gap: 8px;
    margin: 8px 16px 0;
    padding: 8px 12px;
    border-radius: 8px;
    background: var(--_warn-bg);
    color: var(--_warn-text);
    font-size: 13px;
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
  .msg.auto .bubble {
    background: transparent;
    border: 1px dashed var(--_line-strong);
    color: var(--_muted);
  }
  .auto-label {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    color: var(--_muted);
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
    max-width: 440px;
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
    grid-template-columns: 150px 1fr;
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
  .help-note {
    margin-top: 10px;
    font-size: 13px;
  }
`;

import { css } from 'lit';

/** The conversation: message rows, bubbles, statuses, links, and the typing line. */
export default css`
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
  /* The team's automatic reply: not a person's bubble. */
  .system .bubble {
    background: transparent;
    border-style: dashed;
    box-shadow: none;
    color: var(--_muted);
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
  .aside {
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
`;

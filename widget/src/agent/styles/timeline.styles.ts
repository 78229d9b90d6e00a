import { css } from 'lit';

/** What the log shows beside visitors' and agents' messages: marks of what happened, and internal notes. */
export default css`
  /* A mark: centred, small, between the messages. */
  .timeline-mark {
    display: flex;
    align-items: baseline;
    justify-content: center;
    flex-wrap: wrap;
    gap: 2px 8px;
    margin: 14px auto 4px;
    padding: 3px 12px;
    width: fit-content;
    max-width: 100%;
    border-radius: 12px;
    background: var(--_hover);
    font-size: 12px;
    color: var(--_muted);
    text-align: center;
  }
  .timeline-mark span {
    font-weight: 600;
  }
  .timeline-mark .face {
    align-self: center;
  }
  /* A rating's comment: the visitor's words, on a line of their own under the mark. */
  .timeline-mark .mark-comment {
    flex-basis: 100%;
    color: var(--_text);
    font-size: 13px;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  /* A note: amber, labelled, on the team's side. */
  .msg.note .bubble,
  .msg.own.note .bubble,
  .msg.own.pending.note .bubble {
    border: 1px solid var(--_note-line);
    background: var(--_note-bg);
    color: var(--_text);
  }
  .msg.note .bubble a {
    color: var(--_note-text);
  }
  .note-label {
    display: inline-flex;
    align-items: center;
    gap: 3px;
    margin-left: 6px;
    padding: 0 6px;
    border-radius: 8px;
    background: var(--_note-bg);
    color: var(--_note-text);
    font-size: 11.5px;
    font-weight: 700;
  }
  /* Links in a colleague's bubble, dark enough on its tint. */
  .msg.agent:not(.own) .bubble a {
    color: var(--_link-on-tint);
  }
`;

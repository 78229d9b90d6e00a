import { css } from 'lit';

/** Files in the console beyond the shared sheet: where they sit in the timeline, a note's file, the overlay's frame, the file button. */
export default css`
  .conversation {
    position: relative;
  }
  .msg-file {
    display: flex;
    max-width: min(620px, 78%);
  }
  .msg-file + .bubble {
    margin-top: 4px;
  }
  /* A note's file: amber like the note, so that nobody takes it for one the visitor got. */
  .msg.note .file-card,
  .msg.note .file-thumb {
    border-color: var(--_note-line);
  }
  .msg.note .file-card {
    background: var(--_note-bg);
  }
  .msg.note .file-icon {
    color: var(--_note-text);
  }
  .msg-status .link {
    font-size: 12px;
  }
  .composer-foot .attach {
    width: 32px;
    height: 32px;
    margin-left: -8px;
    border-radius: 8px;
  }
  .composer-foot .attach:hover {
    background: var(--_hover);
  }
  .file-notice {
    margin: 0 16px 8px;
    border: 1px solid var(--_danger);
    border-radius: 8px;
    background: var(--_danger-bg);
  }
`;

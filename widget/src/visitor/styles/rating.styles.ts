import { css } from 'lit';

/**
 * The rating card at the end of a closed conversation: five faces in the text's colour (no
 * red or green), the picked one outlined in the accent colour, a comment and Send.
 */
export default css`
  .rating {
    display: grid;
    gap: 10px;
    margin: 12px 0 4px;
    padding: 14px;
    border: 1px solid var(--_line);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_text);
  }
  .faces {
    display: grid;
    grid-template-columns: repeat(5, 1fr);
    gap: 4px;
    margin: 0;
    padding: 0;
    border: 0;
    min-width: 0;
  }
  .faces legend {
    margin-bottom: 8px;
    padding: 0;
    font-weight: 600;
  }
  .face-choice {
    position: relative;
    display: grid;
    justify-items: center;
    gap: 4px;
    padding: 8px 2px 6px;
    border: 2px solid transparent;
    border-radius: 12px;
    color: var(--_muted);
    font-size: 11.5px;
    line-height: 1.2;
    text-align: center;
    cursor: pointer;
  }
  .face-choice:hover {
    background: var(--_surface);
    color: var(--_text);
  }
  .face-choice input {
    position: absolute;
    opacity: 0;
    inset: 0;
    margin: 0;
    cursor: pointer;
  }
  .face-choice:has(input:checked) {
    border-color: var(--_accent);
    color: var(--_text);
    font-weight: 600;
  }
  .face-choice:has(input:focus-visible) {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  .rating-comment-field {
    display: grid;
    gap: 4px;
    font-size: 13px;
    color: var(--_muted);
  }
  .rating textarea {
    padding: 10px 12px;
    border: 1px solid var(--_line);
    border-radius: 10px;
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
    font-size: 16px;
    resize: vertical;
  }
  .rating textarea[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .rating .counter {
    margin: -6px 0 0;
  }
  .rating .form-error {
    margin: 0;
    color: var(--_danger);
    font-size: 13px;
  }
  .rating-given {
    display: flex;
    align-items: center;
    gap: 8px;
    margin: 0;
    font-weight: 600;
  }
  .rating-comment {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .rating-note {
    margin: 0;
    font-size: 13px;
    color: var(--_muted);
  }
`;

import { css } from 'lit';

/** The pre-chat form and the inline one in the conversation: the email chunk adopts them with its code. */
export default css`
  .form {
    display: grid;
    gap: 12px;
    padding: 16px 20px 20px;
    border-top: 1px solid var(--_line);
  }
  .ask {
    margin-top: 14px;
    padding: 14px;
    border: 1px solid var(--_line);
    border-radius: var(--_radius);
    background: var(--_bg);
  }
  .form p {
    margin: 0;
    font-weight: 600;
  }
  .form .form-error {
    color: var(--_danger);
    font-weight: 400;
    font-size: 13px;
  }
  .actions {
    display: flex;
    align-items: center;
    gap: 16px;
  }
  .form label {
    display: grid;
    gap: 4px;
    font-size: 13px;
    color: var(--_muted);
  }
  .form input {
    padding: 10px 12px;
    border: 1px solid var(--_line);
    border-radius: 10px;
    background: var(--_surface);
    color: var(--_text);
    font-size: 15px;
  }
  .primary {
    padding: 11px 16px;
    border: 0;
    border-radius: 10px;
    background: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
  }
`;

import { css } from 'lit';

/** The message form and its counter (the forms asking for a name and an address: forms.styles.ts). */
export default css`
  /* Composer */
  .composer {
    display: flex;
    align-items: flex-end;
    gap: 8px;
    padding: 12px 12px 12px 16px;
    border-top: 1px solid var(--_line);
    background: var(--_bg);
  }
  .signin {
    display: block;
    margin: 0;
    text-align: center;
  }
  .signin small {
    display: block;
    color: var(--_muted);
  }
  textarea {
    flex: 1;
    resize: none;
    min-height: 44px;
    max-height: 160px;
    padding: 11px 14px;
    border: 1px solid var(--_line);
    border-radius: calc(var(--_radius) - 4px);
    background: var(--_surface);
    line-height: 1.4;
    outline: none;
  }
  textarea::placeholder {
    color: var(--_muted);
    opacity: 1;
  }
  textarea:focus-visible {
    outline: none;
  }
  textarea:focus {
    border-color: var(--_accent);
    box-shadow: 0 0 0 3px color-mix(in srgb, var(--_accent) 22%, transparent);
  }
  .send {
    flex: none;
    width: 44px;
    height: 44px;
    border: 0;
    border-radius: 50%;
    background: var(--_accent);
    color: var(--_on-accent);
    display: grid;
    place-items: center;
  }
  .send svg {
    width: 20px;
    height: 20px;
  }
  .send:disabled {
    cursor: default;
    background: var(--_line);
    color: var(--_muted);
  }
  .counter {
    margin: -6px 16px 10px;
    font-size: 12px;
    text-align: right;
    color: var(--_muted);
  }
  .counter.over {
    color: var(--_danger);
    font-weight: 600;
  }

  @media (max-width: 480px) {
    .composer {
      padding: 12px max(12px, env(safe-area-inset-right)) max(12px, env(safe-area-inset-bottom)) max(16px, env(safe-area-inset-left));
    }
  }
`;

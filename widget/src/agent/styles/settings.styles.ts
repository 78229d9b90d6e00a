import { css } from 'lit';

/** The team settings: a column of cards over the whole workspace, and a save bar at its foot. The reports share the column and its cards. */
export default css`
  .settings,
  .reports {
    flex: 1;
    min-height: 0;
    display: flex;
    flex-direction: column;
  }
  .settings-inner,
  .reports-inner {
    flex: 1;
    min-height: 0;
    overflow-y: auto;
    display: flex;
    flex-direction: column;
    gap: 16px;
    padding: 20px max(16px, calc((100% - 760px) / 2)) 32px;
  }
  .settings-head {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: 4px;
  }
  .settings-head .back-to-inbox {
    margin-left: -12px;
  }
  .settings-head h2 {
    font-size: 20px;
    font-weight: 650;
    letter-spacing: -0.01em;
  }
  .settings-head h2:focus {
    outline: none;
  }
  .settings .card,
  .reports .card {
    display: flex;
    flex-direction: column;
    gap: 10px;
    margin: 0;
    min-width: 0;
    padding: 18px 20px;
    border: 1px solid var(--_line);
    border-radius: 12px;
    background: var(--_panel);
  }
  .settings .card h3,
  .reports .card h3 {
    font-size: 15px;
    font-weight: 650;
  }
  .card-head {
    display: flex;
    align-items: center;
    flex-wrap: wrap;
    gap: 8px 12px;
    justify-content: space-between;
  }
  .settings legend {
    padding: 0;
    float: left;
    width: 100%;
  }
  .settings .help,
  .settings small,
  .reports .help {
    font-size: 12.5px;
    color: var(--_muted);
  }
  .settings .field-error {
    color: var(--_danger);
  }
  .fields {
    display: flex;
    flex-direction: column;
    gap: 14px;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 5px;
  }
  .field > span {
    font-weight: 600;
    font-size: 13px;
  }
  .settings input:not([type='radio']),
  .settings select,
  .settings textarea,
  .reports input {
    font: inherit;
    color: var(--_text);
    background: var(--_panel);
    border: 1px solid var(--_line-strong);
    border-radius: 8px;
    padding: 7px 10px;
    min-width: 0;
  }
  .settings textarea {
    resize: vertical;
    min-height: 64px;
  }
  .settings select {
    padding: 5px 6px;
  }
  .settings [aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .settings input:focus-visible,
  .settings select:focus-visible,
  .settings textarea:focus-visible,
  .reports input:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 0;
    border-color: transparent;
  }
  .empty-note {
    display: block;
    margin-top: 2px;
    font-weight: 600;
    color: var(--_warn-text);
  }

  /* Hours */
  .week {
    display: flex;
    flex-direction: column;
  }
  .day-row {
    display: grid;
    grid-template-columns: 110px minmax(0, 1fr);
    gap: 8px;
    align-items: start;
    padding: 8px 0;
    border-top: 1px solid var(--_line);
  }
  .day-row.refused {
    margin: 0 -8px;
    padding: 8px;
    border-radius: 8px;
    background: var(--_danger-bg);
  }
  .day-name {
    font-weight: 600;
    line-height: 32px;
  }
  .spans {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px 14px;
  }
  .closed-day {
    line-height: 32px;
  }
  .span {
    display: inline-flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px;
  }
  .span .field-error {
    flex-basis: 100%;
    font-size: 12px;
  }
  .icon.small {
    width: 28px;
    height: 28px;
  }
  .secondary.small {
    height: 30px;
    font-size: 12.5px;
  }
  .add-span {
    line-height: 32px;
  }
  .holiday-add {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
  }
  .holidays {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
  }
  .holidays li {
    display: inline-flex;
    align-items: center;
    gap: 2px;
    padding-left: 10px;
    border-radius: 16px;
    font-size: 13px;
    background: var(--_hover);
  }

  /* Choices and languages */
  .choice {
    display: flex;
    align-items: flex-start;
    gap: 10px;
    padding: 10px 12px;
    border: 1px solid var(--_line);
    border-radius: 10px;
    cursor: pointer;
  }
  .choice:has(input:checked) {
    border-color: var(--_accent);
    background: var(--_selected);
  }
  .choice input {
    margin: 3px 0 0;
    accent-color: var(--_accent);
  }
  .choice > span {
    display: flex;
    flex-direction: column;
    gap: 2px;
  }
  .measured-now {
    color: var(--_text);
    font-weight: 600;
  }
  .lang-tabs {
    display: flex;
    gap: 4px;
    overflow-x: auto;
    border-bottom: 1px solid var(--_line);
  }
  .lang-tabs [role='tab'] {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    height: 34px;
    padding: 0 12px;
    margin-bottom: -1px;
    border: 0;
    border-bottom: 2px solid transparent;
    background: none;
    font: inherit;
    font-weight: 600;
    font-size: 13px;
    white-space: nowrap;
    color: var(--_muted);
  }
  .lang-tabs [aria-selected='true'] {
    color: var(--_link);
    border-bottom-color: var(--_accent);
  }
  .lang-tabs .filled {
    width: 6px;
    height: 6px;
    border-radius: 50%;
    background: currentColor;
  }
  .notice {
    display: flex;
    align-items: center;
    flex-wrap: wrap;
    gap: 8px 10px;
    padding: 10px 14px;
    border-radius: 10px;
    font-size: 13px;
  }
  .notice.warn {
    background: var(--_warn-bg);
    color: var(--_warn-text);
  }

  /* Save bar */
  .save-bar {
    display: flex;
    align-items: center;
    gap: 10px;
    flex: none;
    padding: 10px max(16px, calc((100% - 760px) / 2));
    border-top: 1px solid var(--_line);
    background: var(--_panel);
  }
  .save-state {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    font-size: 13px;
    color: var(--_muted);
  }
  .save-state.saved {
    color: var(--_ok);
  }
  .save-state.error,
  .save-state.offline {
    color: var(--_danger);
  }
  .layout-narrow .day-row {
    grid-template-columns: minmax(0, 1fr);
    gap: 2px;
  }
  .layout-narrow .save-bar {
    flex-wrap: wrap;
  }
`;

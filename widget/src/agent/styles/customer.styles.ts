import { css } from 'lit';

/** A verified customer: the mark beside their name, their verified details, and the tag on what a visitor only typed. */
export default css`
  .verified-mark {
    display: inline-flex;
    flex: none;
    align-self: center;
    color: var(--_ok);
  }
  .conv-title h2 .verified-mark {
    margin-left: -4px;
  }
  .profile-head h3 {
    display: inline-flex;
    align-items: center;
    gap: 5px;
  }

  /* What the visitor typed: said plainly, never mistaken for what a sign-in proved. */
  .not-verified {
    display: inline-block;
    padding: 0 5px;
    border: 1px solid var(--_line-strong);
    border-radius: 4px;
    font-size: 11px;
    font-weight: 500;
    line-height: 16px;
    color: var(--_muted);
    white-space: nowrap;
    vertical-align: 1px;
  }

  /* What the company's sign-in vouched for, label beside value */
  .customer {
    display: flex;
    flex-direction: column;
    gap: 10px;
    padding: 12px 14px;
    border: 1px solid color-mix(in srgb, var(--_ok) 35%, var(--_line));
    border-radius: 10px;
    background: color-mix(in srgb, var(--_ok) 6%, var(--_panel));
  }
  .customer h4 {
    display: flex;
    align-items: center;
    gap: 6px;
    margin: 0;
    font-size: 11.5px;
    font-weight: 650;
    letter-spacing: 0.04em;
    text-transform: uppercase;
    color: var(--_ok);
  }
  /* One grid for every row: the labels' column as wide as the longest label (at most 45%). */
  .profile .customer dl {
    display: grid;
    grid-template-columns: fit-content(45%) minmax(0, 1fr);
    gap: 6px 12px;
  }
  .customer dl > div {
    display: grid;
    grid-column: 1 / -1;
    grid-template-columns: subgrid;
    align-items: baseline;
  }
  .profile .customer dt {
    margin: 0;
    font-size: 12.5px;
    font-weight: 400;
    letter-spacing: 0;
    text-transform: none;
    color: var(--_muted);
    overflow-wrap: anywhere;
  }
  .profile .customer dd {
    font-size: 13px;
    overflow-wrap: break-word;
  }
  .customer code {
    font: 12px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    word-break: break-all;
  }
`;

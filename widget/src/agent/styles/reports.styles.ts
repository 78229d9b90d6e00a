import { css } from 'lit';

/** The reports: the settings' column of cards (settings.styles.ts), wider, with tables, the per-day bars and the hour-of-week heat map. */
export default css`
  .reports-inner {
    padding: 20px max(16px, calc((100% - 1080px) / 2)) 32px;
  }
  .report-controls {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-start;
    justify-content: space-between;
    gap: 10px;
  }
  .range {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
  }
  .range button[aria-pressed='true'] {
    font-weight: 650;
    background: var(--_selected);
    border-color: var(--_accent);
    color: var(--_link);
  }
  .custom-range {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: 8px 12px;
    width: 100%;
  }
  .custom-range label {
    display: flex;
    flex-direction: column;
    gap: 4px;
    font-size: 12.5px;
    color: var(--_muted);
  }
  .report-error {
    color: var(--_danger);
  }
  .table-scroll {
    overflow-x: auto;
    max-width: 100%;
  }
  .table-scroll:focus-visible {
    outline: 2px solid var(--_accent);
  }
  .report-table {
    border-collapse: collapse;
    width: 100%;
    font-variant-numeric: tabular-nums;
  }
  .report-table th,
  .report-table td {
    padding: 6px 8px;
    border-bottom: 1px solid var(--_line);
    text-align: right;
    white-space: nowrap;
  }
  .report-table th:first-child {
    text-align: left;
  }
  .report-table thead th {
    white-space: normal;
    vertical-align: bottom;
    font-size: 12.5px;
    font-weight: 600;
    color: var(--_muted);
  }
  .report-table tbody tr:first-child th {
    font-weight: 650;
  }
  .bars {
    width: 100%;
    height: 160px;
    fill: var(--_accent);
    border-bottom: 1px solid var(--_line-strong);
  }
  .bars-axis {
    display: flex;
    justify-content: space-between;
    font-size: 12px;
    color: var(--_muted);
  }
  .reports details summary {
    cursor: pointer;
    color: var(--_link);
    width: fit-content;
  }
  .heat {
    border-collapse: separate;
    border-spacing: 2px;
    font-size: 11px;
    font-variant-numeric: tabular-nums;
  }
  .heat th {
    font-weight: 500;
    color: var(--_muted);
    padding: 0 4px;
  }
  .heat thead td {
    background: none;
    box-shadow: none;
  }
  .heat abbr {
    text-decoration: none;
  }
  .heat td {
    min-width: 22px;
    height: 22px;
    text-align: center;
    border-radius: 4px;
    background: var(--_panel-2);
    box-shadow: inset 0 0 0 1px var(--_line);
  }
  /* At most 70% of the accent: the count stays readable on the darkest cell, light or dark. */
  .heat td.level-1 {
    background: color-mix(in srgb, var(--_accent) 14%, var(--_panel-2));
  }
  .heat td.level-2 {
    background: color-mix(in srgb, var(--_accent) 28%, var(--_panel-2));
  }
  .heat td.level-3 {
    background: color-mix(in srgb, var(--_accent) 42%, var(--_panel-2));
  }
  .heat td.level-4 {
    background: color-mix(in srgb, var(--_accent) 56%, var(--_panel-2));
  }
  .heat td.level-5 {
    background: color-mix(in srgb, var(--_accent) 70%, var(--_panel-2));
  }
`;

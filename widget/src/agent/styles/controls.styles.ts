import { css } from 'lit';

/** What every view of the console uses: the reset beyond the shared one, buttons, links, chips, keys, avatars and the brand. */
export default css`
  button:disabled {
    cursor: default;
  }
  svg {
    flex: none;
  }
  a {
    color: var(--_link);
  }
  h1,
  h2,
  h3,
  p,
  dl,
  dd,
  ul {
    margin: 0;
  }
  ul {
    padding: 0;
    list-style: none;
  }
  kbd {
    display: inline-block;
    min-width: 20px;
    padding: 1px 5px;
    border: 1px solid var(--_line-strong);
    border-bottom-width: 2px;
    border-radius: 5px;
    font: 600 11px/16px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    text-align: center;
    color: var(--_muted);
    background: var(--_panel);
  }
  .sr {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .spacer {
    flex: 1;
  }
  .muted {
    color: var(--_muted);
  }

  /* Buttons */
  .primary,
  .secondary,
  .ghost {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 6px;
    height: 34px;
    padding: 0 12px;
    border-radius: 8px;
    font-weight: 600;
    font-size: 13px;
    white-space: nowrap;
  }
  .primary {
    border: 1px solid transparent;
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .primary:hover:not(:disabled) {
    background: var(--_accent-hover);
  }
  .primary:disabled {
    opacity: 0.45;
  }
  .primary.wide {
    width: 100%;
    height: 40px;
    font-size: 14px;
  }
  .secondary {
    border: 1px solid var(--_line-strong);
    background: var(--_panel);
  }
  .secondary:hover {
    background: var(--_hover);
  }
  .ghost {
    border: 1px solid transparent;
    background: transparent;
    color: var(--_muted);
  }
  .ghost:hover:not(:disabled) {
    background: var(--_hover);
    color: var(--_text);
  }
  .icon {
    display: inline-grid;
    place-items: center;
    width: 34px;
    height: 34px;
    border: 1px solid transparent;
    border-radius: 8px;
    background: transparent;
    color: var(--_muted);
  }
  .icon:hover {
    background: var(--_hover);
    color: var(--_text);
  }
  .icon[aria-pressed='true'] {
    background: var(--_selected);
    color: var(--_link);
  }
  .link {
    border: 0;
    padding: 0;
    background: none;
    color: var(--_link);
    font-weight: 600;
    font-size: 13px;
  }
  .link:hover {
    text-decoration: underline;
  }
  .chip {
    display: inline-flex;
    align-items: center;
    height: 22px;
    padding: 0 8px;
    border-radius: 11px;
    font-size: 12px;
    font-weight: 600;
    background: var(--_hover);
    color: var(--_muted);
    white-space: nowrap;
  }
  .chip.open {
    background: color-mix(in srgb, var(--_ok) 14%, transparent);
    color: var(--_ok);
  }

  /* Brand */
  .brand {
    margin: 0;
    display: flex;
    align-items: center;
    gap: 10px;
    font-weight: 650;
    font-size: 15px;
    letter-spacing: -0.01em;
    white-space: nowrap;
  }
  .mark {
    display: grid;
    place-items: center;
    width: 28px;
    height: 28px;
    border-radius: 8px;
    background: var(--_accent);
    color: var(--_on-accent);
  }

  /* Avatars */
  .avatar {
    display: grid;
    place-items: center;
    flex: none;
    width: 36px;
    height: 36px;
    border-radius: 50%;
    font-size: 13px;
    font-weight: 650;
    letter-spacing: 0.02em;
    background: #e4e8ef;
    color: #3b4452;
  }
  .avatar.small {
    width: 28px;
    height: 28px;
    font-size: 11.5px;
  }
  .avatar.large {
    width: 56px;
    height: 56px;
    font-size: 19px;
  }
  .hue-0 { background: #dbe7fe; color: #1e3f9a; }
  .hue-1 { background: #d9f5e3; color: #17603a; }
  .hue-2 { background: #fbefc9; color: #82410c; }
  .hue-3 { background: #fbe3ef; color: #8f1d4f; }
  .hue-4 { background: #ebe5fd; color: #5422a8; }
  .hue-5 { background: #d3f3f8; color: #135a6e; }
  .hue-6 { background: #fde6d3; color: #8c3412; }
  .hue-7 { background: #e1e6fd; color: #35309a; }
  @media (prefers-color-scheme: dark) {
    .avatar { background: #2a2f39; color: #c9d0dc; }
    .hue-0 { background: #1d3566; color: #c4d8ff; }
    .hue-1 { background: #173d2a; color: #b4ecc9; }
    .hue-2 { background: #45330e; color: #f9dc9a; }
    .hue-3 { background: #4a1a33; color: #f8c1dc; }
    .hue-4 { background: #35225e; color: #dccdfc; }
    .hue-5 { background: #113c47; color: #b3ebf5; }
    .hue-6 { background: #4a2713; color: #fbcfae; }
    .hue-7 { background: #25296a; color: #cbd0fd; }
  }
`;

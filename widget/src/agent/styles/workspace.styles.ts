import { css } from 'lit';

/** The signed-in page: the top bar, the banners, and the grid of list, conversation and details at each layout size. */
export default css`
  /* The workspace */
  .console {
    display: flex;
    flex-direction: column;
    height: 100%;
    min-height: inherit;
  }
  .topbar {
    display: flex;
    align-items: center;
    gap: 12px;
    height: 52px;
    padding: 0 12px 0 16px;
    flex: none;
    border-bottom: 1px solid var(--_line);
    background: var(--_panel);
  }
  .connection {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    margin-left: 8px;
    padding: 0 9px;
    height: 24px;
    border-radius: 12px;
    font-size: 12px;
    font-weight: 600;
    color: var(--_muted);
    background: var(--_hover);
  }
  .connection i {
    width: 7px;
    height: 7px;
    border-radius: 50%;
    background: currentColor;
  }
  .connection.state-open {
    color: var(--_ok);
    background: color-mix(in srgb, var(--_ok) 12%, transparent);
  }
  .connection.state-reconnecting,
  .connection.state-offline {
    color: var(--_warn-text);
    background: var(--_warn-bg);
  }
  /* The agent's switch, and what visitors see of the team */
  .status-switch {
    display: inline-flex;
    align-items: center;
    gap: 8px;
    height: 34px;
    padding: 0 10px 0 6px;
    border: 1px solid var(--_line-strong);
    border-radius: 17px;
    background: var(--_panel);
    font-size: 13px;
    font-weight: 600;
    white-space: nowrap;
  }
  .status-switch:hover:not(:disabled) {
    background: var(--_hover);
  }
  .status-switch .track {
    position: relative;
    width: 30px;
    height: 18px;
    border-radius: 9px;
    background: var(--_line-strong);
    transition: background 0.15s;
  }
  .status-switch .thumb {
    position: absolute;
    top: 2px;
    left: 2px;
    width: 14px;
    height: 14px;
    border-radius: 50%;
    background: #fff;
    box-shadow: 0 1px 2px rgb(0 0 0 / 0.3);
    transition: transform 0.15s;
  }
  .status-switch.on .track {
    background: var(--_ok);
  }
  .status-switch.on .thumb {
    transform: translateX(12px);
  }
  .status-switch.off {
    color: var(--_warn-text);
  }
  .team-line {
    flex: none;
    font-size: 12px;
    color: var(--_muted);
    white-space: nowrap;
  }
  .team-line.off {
    color: var(--_warn-text);
  }
  .settings-entry[aria-current='page'],
  .reports-entry[aria-current='page'] {
    background: var(--_selected);
    color: var(--_link);
  }
  .notif.on {
    color: var(--_ok);
    opacity: 1;
  }
  .notif.off {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    font-size: 13px;
    color: var(--_muted);
  }
  .me {
    display: flex;
    align-items: center;
    gap: 9px;
    height: 40px;
    padding: 0 6px 0 10px;
    min-width: 0;
    border: 0;
    border-left: 1px solid var(--_line);
    background: transparent;
    text-align: left;
  }
  .me:hover .me-text strong {
    text-decoration: underline;
  }
  /* Where the bar runs short, the agent's own name and email give way first. */
  .me-text {
    display: flex;
    flex-direction: column;
    min-width: 0;
    line-height: 1.2;
  }
  .me-text > * {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .me-text strong {
    font-size: 13px;
    font-weight: 600;
  }
  .me-text small {
    font-size: 12px;
    color: var(--_muted);
  }
  .banner {
    display: flex;
    align-items: center;
    gap: 10px;
    padding: 8px 16px;
    font-size: 13px;
    border-bottom: 1px solid var(--_line);
    background: var(--_panel);
  }
  .banner.warn {
    background: var(--_warn-bg);
    color: var(--_warn-text);
  }
  .workspace {
    position: relative;
    flex: 1;
    min-height: 0;
    display: grid;
    grid-template-columns: 336px minmax(0, 1fr) 296px;
  }
  .layout-wide:not(.has-room) .workspace {
    grid-template-columns: 336px minmax(0, 1fr);
  }
  .layout-medium .workspace {
    grid-template-columns: 320px minmax(0, 1fr);
  }
  .layout-narrow .workspace {
    grid-template-columns: minmax(0, 1fr);
  }
  .layout-narrow.has-room .inbox,
  .layout-narrow:not(.has-room) .conversation {
    display: none;
  }
  .back {
    display: none;
  }
  .layout-narrow .back {
    display: inline-grid;
  }
  .layout-medium .team-line,
  .layout-narrow .team-line,
  .layout-medium .settings-entry span,
  .layout-narrow .settings-entry span,
  .layout-medium .reports-entry span,
  .layout-narrow .reports-entry span,
  .layout-medium .me-text,
  .layout-narrow .me-text,
  .layout-medium .notif span,
  .layout-narrow .notif span,
  .layout-narrow .conv-head .ghost .label,
  .layout-medium .conv-head .ghost .label,
  .layout-narrow .close-quietly .label {
    display: none;
  }
  .layout-medium .notif,
  .layout-narrow .notif,
  .layout-medium .settings-entry,
  .layout-narrow .settings-entry,
  .layout-medium .reports-entry,
  .layout-narrow .reports-entry {
    width: 34px;
    padding: 0;
  }
  .layout-narrow .connection {
    margin-left: 0;
  }
  /* A phone's bar: the brand's mark, the connection's dot, the switch, icons, sign-out. */
  .layout-narrow .topbar {
    gap: 6px;
    padding: 0 8px 0 10px;
  }
  .layout-narrow .brand > span:not(.mark),
  .layout-narrow .connection span {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .layout-narrow .connection {
    padding: 0 8px;
  }
  /* On a phone the agent is their avatar (their profile behind it), and the switch its track. */
  .layout-narrow .me {
    padding: 0 2px;
    border-left: 0;
  }
  .layout-narrow .switch-label {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .layout-narrow .status-switch {
    padding: 0 6px;
  }
  .layout-narrow .topbar > .sign-out {
    flex: none;
    padding: 0 8px;
  }
`;

import { css, unsafeCSS } from 'lit';
import { AVATAR_COLORS } from '../format.ts';

/** Who handles a conversation: the header's chips and buttons, the assign menu, agents' avatars and presence. */
export default css`
  .chip.assignee {
    gap: 5px;
    min-width: 0;
    max-width: min(320px, 100%);
    padding-left: 3px;
  }
  .chip.assignee > span:last-child {
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .chip.assignee.none {
    padding-left: 8px;
    background: var(--_warn-bg);
    color: var(--_warn-text);
  }
  .chip.assignee.mine {
    background: var(--_selected);
    color: var(--_link);
  }
  .take {
    border-color: var(--_accent);
    color: var(--_link);
  }
  .assign-wrap {
    position: relative;
  }
  .assign-menu {
    position: absolute;
    top: calc(100% + 4px);
    right: 0;
    z-index: 4;
    display: flex;
    flex-direction: column;
    width: max-content;
    min-width: 220px;
    max-width: min(320px, calc(100vw - 24px));
    max-height: 320px;
    overflow-y: auto;
    padding: 4px;
    border: 1px solid var(--_line-strong);
    border-radius: 10px;
    background: var(--_panel);
    box-shadow: var(--_shadow);
  }
  /* On a phone the menu spans the header, under it, wherever its button is. */
  .layout-narrow .assign-wrap {
    position: static;
  }
  .layout-narrow .assign-menu {
    top: calc(100% - 4px);
    left: 8px;
    right: 8px;
    width: auto;
    min-width: 0;
    max-width: none;
  }
  .menu-agent {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 6px 8px;
    border: 0;
    border-radius: 7px;
    background: transparent;
    text-align: left;
  }
  .menu-agent:hover,
  .menu-agent:focus-visible {
    background: var(--_hover);
  }
  .menu-agent:focus-visible {
    outline-offset: -2px;
  }
  .menu-name {
    flex: 1;
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    font-weight: 600;
  }
  .menu-empty {
    padding: 8px 10px;
    color: var(--_muted);
  }
  /* Online (and available), away, offline: a dot and the word. */
  .presence {
    display: inline-flex;
    align-items: center;
    gap: 5px;
    flex: none;
    font-size: 12px;
    color: var(--_muted);
  }
  .presence i {
    width: 8px;
    height: 8px;
    border-radius: 50%;
    background: var(--_line-strong);
  }
  .presence.available i {
    background: var(--_ok);
  }
  .presence.away i {
    background: #d97706;
  }
  /* An agent's avatar: initials on the colour they picked (the accent until they do). */
  ${unsafeCSS(AVATAR_COLORS.map((color, i) => `.agent-color-${i} { --agent-color: ${color}; }`).join('\n'))}
  .agent-avatar {
    background: var(--agent-color, var(--_accent));
    color: #fff;
  }
  .avatar.tiny {
    width: 18px;
    height: 18px;
    font-size: 9px;
    letter-spacing: 0;
  }
`;

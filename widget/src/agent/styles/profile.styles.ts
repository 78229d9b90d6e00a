import { css } from 'lit';

/** The visitor's details beside the conversation. */
export default css`
  /* Visitor details */
  .profile {
    display: flex;
    flex-direction: column;
    gap: 18px;
    min-height: 0;
    overflow-y: auto;
    padding: 24px 20px;
    border-left: 1px solid var(--_line);
    background: var(--_panel-2);
  }
  .layout-medium .profile,
  .layout-narrow .profile {
    position: absolute;
    top: 61px;
    right: 0;
    bottom: 0;
    width: min(300px, 100%);
    z-index: 2;
    box-shadow: var(--_overlay-shadow);
  }
  .profile-head {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 4px;
    padding-bottom: 18px;
    border-bottom: 1px solid var(--_line);
    text-align: center;
  }
  .profile-head .avatar {
    margin-bottom: 8px;
  }
  .profile-head h3 {
    font-size: 16px;
    font-weight: 650;
  }
  .profile-head p {
    font-size: 13px;
    color: var(--_muted);
    overflow-wrap: anywhere;
  }
  .profile dl {
    display: flex;
    flex-direction: column;
    gap: 14px;
  }
  .profile dt {
    margin-bottom: 3px;
    font-size: 11.5px;
    font-weight: 650;
    letter-spacing: 0.04em;
    text-transform: uppercase;
    color: var(--_muted);
  }
  .profile dd {
    font-size: 13.5px;
    overflow-wrap: anywhere;
  }
  .room-full {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: 4px;
  }
  .room-full code {
    font: 12px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    word-break: break-all;
  }
`;

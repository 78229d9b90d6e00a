import { css } from 'lit';

/** The visitor's details beside the conversation. */
export default css`
  /* Visitor details */
  .profile {
    position: relative;
    display: flex;
    flex-direction: column;
    gap: 18px;
    min-height: 0;
    overflow-y: auto;
    padding: 24px 20px;
    border-left: 1px solid var(--_line);
    background: var(--_panel-2);
  }
  /* Over the conversation where there is no room beside it: a panel on the right, the whole width on a phone. */
  .layout-medium .profile,
  .layout-narrow .profile {
    position: absolute;
    top: 0;
    right: 0;
    bottom: 0;
    width: min(320px, 100%);
    z-index: 2;
    box-shadow: var(--_overlay-shadow);
  }
  .layout-narrow .profile {
    width: 100%;
  }
  .profile-close {
    display: none;
  }
  .layout-medium .profile-close,
  .layout-narrow .profile-close {
    display: inline-grid;
    position: absolute;
    top: 10px;
    right: 10px;
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
  /* The visitor's rating: face and score, when, and their comment. */
  .rating dd {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: 2px;
  }
  .rating-score {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    font-weight: 650;
  }
  .rating-comment {
    white-space: pre-wrap;
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

  /* What the visitor's browser told */
  .ctx-page dd {
    display: flex;
    flex-direction: column;
    gap: 1px;
  }
  .ctx-page a {
    font-weight: 600;
  }
  .ctx-url,
  .ctx-since {
    font-size: 12.5px;
    color: var(--_muted);
  }
  .ctx-url {
    word-break: break-all;
  }
  .ctx-earlier {
    display: flex;
    flex-direction: column;
    gap: 8px;
    padding-top: 16px;
    border-top: 1px solid var(--_line);
  }
  .ctx-earlier h4 {
    margin: 0;
    font-size: 11.5px;
    font-weight: 650;
    letter-spacing: 0.04em;
    text-transform: uppercase;
    color: var(--_muted);
  }
  .ctx-earlier ul {
    display: flex;
    flex-direction: column;
    gap: 6px;
  }
  .earlier-room {
    display: flex;
    flex-direction: column;
    gap: 4px;
    width: 100%;
    padding: 8px 10px;
    border: 1px solid var(--_line);
    border-radius: 8px;
    background: var(--_panel);
    text-align: left;
  }
  .earlier-room:hover {
    background: var(--_hover);
  }
  .earlier-head {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 8px;
    font-size: 12px;
    color: var(--_muted);
  }
  .earlier-preview {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    font-size: 13px;
  }
`;

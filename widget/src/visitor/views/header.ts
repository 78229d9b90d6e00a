import { html, nothing } from 'lit';
import { ICON_CHAT, ICON_CHEVRON, ICON_DOWNLOAD, icon } from '../../shared/icons.ts';
import type { PanelModel } from './model.ts';

/** The header (a div: a <header> in the host page's body would be a second "banner" landmark), then the connection and refusal notices. */
export function headerView(m: PanelModel) {
  const s = m.strings;
  const { agentsOnline } = m;
  const state = m.client.state;
  return html`
    <div part="header" class="header">
      <div class="avatar" aria-hidden="true">${icon(ICON_CHAT, 24)}</div>
      <div class="heading">
        <h2 part="title">${m.title}</h2>
        <p part="subtitle">${m.subtitle}</p>
        ${
          agentsOnline === undefined || state !== 'open'
            ? nothing
            : html`<p part="presence" class="presence ${agentsOnline > 0 ? 'here' : ''}">${agentsOnline > 0 ? s.agentHere : s.agentAway}</p>`
        }
      </div>
      <button class="icon" @click=${m.download} aria-label=${s.download} title=${s.download}>${icon(ICON_DOWNLOAD, 24)}</button>
      <button class="icon" @click=${m.close} aria-label=${s.closeChat} title=${s.closeChat}>${icon(ICON_CHEVRON, 24)}</button>
    </div>
    ${
      state === 'reconnecting' || state === 'offline'
        ? html`<div part="banner" class="banner" role="status">${state === 'offline' ? s.offline : s.reconnecting}</div>`
        : nothing
    }
    ${
      m.notice
        ? html`<div part="error" class="notice" role="alert">
          <span>${m.notice}</span>
          <button class="link" @click=${m.dismiss}>${s.dismiss}</button>
        </div>`
        : nothing
    }
  `;
}

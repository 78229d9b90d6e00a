import { html, nothing } from 'lit';
import { ICON_CHAT, ICON_CHEVRON, ICON_DOWNLOAD, ICON_MAIL, icon } from '../../shared/icons.ts';
import type { PanelModel } from './model.ts';

/** The header (a div: a <header> in the host page's body would be a second "banner" landmark), then the connection and refusal notices. */
export function headerView(m: PanelModel) {
  const s = m.strings;
  const state = m.client.state;
  return html`
    <div part="header" class="header">
      <div class="avatar" aria-hidden="true">${icon(ICON_CHAT, 24)}</div>
      <div class="heading">
        <h2 part="title">${s.title}</h2>
        ${s.subtitle ? html`<p part="subtitle">${s.subtitle}</p>` : nothing}
      </div>
      ${m.emailMe ? html`<button class="icon" @click=${m.emailMe} aria-label=${s.emailMe} title=${s.emailMe}>${icon(ICON_MAIL, 24)}</button>` : nothing}
      <button class="icon" @click=${m.download} aria-label=${s.download} title=${s.download}>${icon(ICON_DOWNLOAD, 24)}</button>
      <button class="icon" @click=${m.close} aria-label=${s.closeChat} title=${s.closeChat}>${icon(ICON_CHEVRON, 24)}</button>
      ${m.presence ? html`<i class="break"></i><p part="presence" class="presence ${m.here ? 'here' : ''}">${m.presence}</p>` : nothing}
      <p class="sr" role="status">${m.handling}</p>
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

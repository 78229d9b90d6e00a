import { html, nothing } from 'lit';
import type { ConnectionState } from '../../client/chat-client.ts';
import { format } from '../../shared/format.ts';
import { ICON_BELL, ICON_BELL_OFF, ICON_CHAT, icon } from '../../shared/icons.ts';
import type { AgentIdentity } from '../agent-session.ts';
import type { Permission } from '../attention-controller.ts';
import { initials } from '../format.ts';
import type { SupportAgentConsoleStrings } from '../strings.ts';

/** What the bar across the top of the workspace shows, and what its buttons do. */
export interface TopbarModel {
  strings: SupportAgentConsoleStrings;
  /** `idle` before the first connection attempt. */
  state: ConnectionState | 'idle';
  permission: Permission;
  identity: AgentIdentity | undefined;
  enableNotifications(): void;
  signOut(): void;
}

/** The product's mark and name, on the sign-in screens and in the top bar. */
const brandContent = (s: SupportAgentConsoleStrings) => html`<span class="mark">${icon(ICON_CHAT, 18)}</span><span>${s.product}</span>`;

/** The product's mark and name: the signed-in page's level-one heading, plain text above the sign-in card (whose title is the heading there). */
export const brand = (s: SupportAgentConsoleStrings, heading = false) =>
  heading ? html`<h1 class="brand">${brandContent(s)}</h1>` : html`<div class="brand">${brandContent(s)}</div>`;

export function topbarView(m: TopbarModel) {
  const s = m.strings;
  const state = m.state;
  const stateText =
    state === 'open' ? s.connected : state === 'offline' ? s.offline : state === 'reconnecting' ? s.reconnecting : s.connecting;
  const identity = m.identity;
  const permission = m.permission;
  const bell =
    permission === 'granted'
      ? html`<button class="ghost notif on" disabled aria-label=${s.notificationsOn} title=${s.notificationsOn}>${icon(ICON_BELL, 16)}<span>${s.notificationsOn}</span></button>`
      : permission === 'denied'
        ? html`<span class="notif off" role="img" aria-label=${s.notificationsBlockedHelp} title=${s.notificationsBlockedHelp}>${icon(ICON_BELL_OFF, 16)}<span>${s.notificationsBlocked}</span></span>`
        : permission === 'unsupported'
          ? nothing
          : html`<button class="ghost notif" aria-label=${s.notificationsOff} title=${s.notificationsOff} @click=${() => m.enableNotifications()}>
              ${icon(ICON_BELL, 16)}<span>${s.notificationsOff}</span>
            </button>`;
  return html`
    <header class="topbar" part="topbar">
      ${brand(s, true)}
      <span class="connection state-${state}" role="status"><i aria-hidden="true"></i>${stateText}</span>
      <span class="spacer"></span>
      ${bell}
      ${
        identity
          ? html`<span class="me" title=${format(s.account, { name: identity.email })}>
            <span class="avatar small me-avatar" aria-hidden="true">${initials(identity.name)}</span>
            <span class="me-text"><strong>${identity.name}</strong><small>${identity.email}</small></span>
          </span>`
          : nothing
      }
      <button class="ghost" @click=${() => m.signOut()}>${s.signOut}</button>
    </header>
  `;
}

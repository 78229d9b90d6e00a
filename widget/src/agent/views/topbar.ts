import type { AgentStatus } from '@support-chat/backend/protocol';
import type { Availability } from '@support-chat/backend/protocol/team';
import { html, nothing } from 'lit';
import type { ConnectionState } from '../../client/chat-client.ts';
import { format } from '../../shared/format.ts';
import { ICON_BELL, ICON_BELL_OFF, ICON_CHAT, icon } from '../../shared/icons.ts';
import type { Permission } from '../attention-controller.ts';
import { agentAvatar } from '../format.ts';
import type { SupportAgentConsoleStrings } from '../strings.ts';

/** What the bar across the top of the workspace shows, and what its buttons do. */
export interface TopbarModel {
  strings: SupportAgentConsoleStrings;
  /** `idle` before the first connection attempt. */
  state: ConnectionState | 'idle';
  permission: Permission;
  /** The signed-in agent: the name visitors see, their email and avatar colour. */
  me: { name: string; email: string; color: string | undefined } | undefined;
  /** The agent's own switch; undefined until the server has said. */
  status: AgentStatus | undefined;
  /** Whether visitors see the team as available now; undefined until known. */
  team: Availability | undefined;
  /** Admins get the team settings' entry. */
  admin: boolean;
  settingsOpen: boolean;
  reportsOpen: boolean;
  enableNotifications(): void;
  setStatus(status: AgentStatus): void;
  openSettings(): void;
  openReports(): void;
  openProfile(): void;
  signOut(): void;
}

/** Sliders: the team settings. */
const ICON_SETTINGS = 'M3 5h11v2H3zm15 0h3v2h-3zm-4-2h4v6h-4zM3 11h3v2H3zm7 0h11v2H10zM6 9h4v6H6zm-3 8h9v2H3zm13 0h5v2h-5zm-4-2h4v6h-4z';

/** Bars: the reports. */
const ICON_REPORTS = 'M4 19h16v2H4zm2-9h3v7H6zm5-5h3v12h-3zm5 8h3v4h-3z';

/** "Mon 9:00 AM" or "Mon 09:00", as the agent's locale tells the time, in their own time zone. */
const opening = (at: number) => new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: 'numeric', minute: '2-digit' }).format(at);

/** What visitors see of the team now, in a few words. */
export function teamLine(s: SupportAgentConsoleStrings, team: Availability): string {
  if (team.available) return s.teamAvailable;
  return team.nextOpening === undefined ? s.teamAway : format(s.teamOpens, { when: opening(team.nextOpening) });
}

/** The agent's Available/Away switch, with what visitors see of the team beside it (in its tooltip where the bar is narrow). */
function statusSwitch(m: TopbarModel) {
  const s = m.strings;
  const on = m.status !== 'away';
  const line = m.team && teamLine(s, m.team);
  const help = [on ? s.switchHelpAvailable : s.switchHelpAway, ...(line ? [format(s.teamSeen, { state: line })] : [])].join('\n');
  return html`
    <button
      class="status-switch ${on ? 'on' : 'off'}"
      role="switch"
      aria-checked=${on ? 'true' : 'false'}
      title=${help}
      ?disabled=${m.status === undefined}
      @click=${() => m.setStatus(on ? 'away' : 'available')}
    >
      <span class="track" aria-hidden="true"><span class="thumb"></span></span><span class="switch-label">${on ? s.available : s.away}</span>
    </button>
    ${line ? html`<span class="team-line ${m.team?.available ? 'on' : 'off'}" title=${format(s.teamSeen, { state: line })}>${line}</span>` : nothing}
  `;
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
  const me = m.me;
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
      <span class="connection state-${state}" role="status" title=${stateText}><i aria-hidden="true"></i><span>${stateText}</span></span>
      <span class="spacer"></span>
      ${statusSwitch(m)}
      <button class="ghost reports-entry" aria-label=${s.reports} title=${s.reports} aria-current=${m.reportsOpen ? 'page' : 'false'} @click=${() => m.openReports()}>
        ${icon(ICON_REPORTS, 16)}<span>${s.reports}</span>
      </button>
      ${
        m.admin
          ? html`<button class="ghost settings-entry" aria-label=${s.teamSettings} title=${s.teamSettings} aria-current=${m.settingsOpen ? 'page' : 'false'} @click=${() => m.openSettings()}>
            ${icon(ICON_SETTINGS, 16)}<span>${s.settingsShort}</span>
          </button>`
          : nothing
      }
      ${bell}
      ${
        me
          ? html`<button class="me" title=${`${s.yourProfile}\n${format(s.account, { name: me.email })}`} @click=${() => m.openProfile()}>
            ${agentAvatar(me, 'small')}
            <span class="sr">${s.yourProfile}: </span><span class="me-text"><strong>${me.name}</strong><small>${me.email}</small></span>
          </button>`
          : nothing
      }
      <button class="ghost sign-out" @click=${() => m.signOut()}>${s.signOut}</button>
    </header>
  `;
}

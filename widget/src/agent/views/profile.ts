import type { RoomSummary } from '@support-chat/backend/protocol';
import { html, nothing } from 'lit';
import { format } from '../../shared/format.ts';
import { ICON_AGENT, ICON_CLOSE, icon } from '../../shared/icons.ts';
import { fullTime } from '../../shared/time.ts';
import { hueOf, initials, visitorName } from '../format.ts';
import type { SupportAgentConsoleStrings } from '../strings.ts';
import { contextRows, earlierRooms } from './context.ts';

/** What the visitor-details panel shows. */
export interface ProfileModel {
  strings: SupportAgentConsoleStrings;
  roomId: string;
  room: RoomSummary | undefined;
  now: number;
  /** Other agents in the room, not counting this console. */
  others: number;
  /** The visitor's other conversations; undefined: not known. */
  earlier: RoomSummary[] | undefined;
  copied: boolean;
  copyRoomId(): void;
  open(roomId: string): void;
  /** Hides the panel (where it lies over the conversation). */
  hide(): void;
}

export function profileView(m: ProfileModel) {
  const { strings: s, roomId, room, others } = m;
  const name = visitorName(room, s);
  return html`
    <aside class="profile" part="profile" aria-label=${s.showProfile}>
      <button class="icon profile-close" aria-label=${s.hideProfile} title=${s.hideProfile} @click=${() => m.hide()}>${icon(ICON_CLOSE)}</button>
      <div class="profile-head">
        <span class="avatar large hue-${hueOf(roomId)}" aria-hidden="true">${room?.visitorName ? initials(room.visitorName) : icon(ICON_AGENT, 22)}</span>
        <h3>${name}</h3>
        <p>${room?.visitorEmail ?? s.profile}</p>
      </div>
      <dl>
        ${contextRows({ strings: s, context: room?.visitor, now: m.now, earlier: m.earlier, open: m.open })}
        <div><dt>${s.profileName}</dt><dd>${room?.visitorName ?? html`<span class="muted">${s.notGiven}</span>`}</dd></div>
        <div>
          <dt>${s.profileEmail}</dt>
          <dd>${room?.visitorEmail ? html`<a href="mailto:${room.visitorEmail}">${room.visitorEmail}</a>` : html`<span class="muted">${s.notGiven}</span>`}</dd>
        </div>
        <div>
          <dt>${s.profileRoom}</dt>
          <dd class="room-full">
            <code>${roomId}</code>
            <button class="link" @click=${() => m.copyRoomId()}>${m.copied ? s.copied : s.copy}</button>
          </dd>
        </div>
        ${
          room
            ? html`
              <div><dt>${s.profileStarted}</dt><dd>${fullTime(room.createdAt)}</dd></div>
              <div><dt>${s.profileLastMessage}</dt><dd>${fullTime(room.lastMessageAt)}</dd></div>
              <div><dt>${s.profileStatus}</dt><dd><span class="chip ${room.status}">${room.status === 'closed' ? s.statusClosed : s.statusOpen}</span></dd></div>
              <div><dt>${s.profileAgents}</dt><dd>${others ? format(s.agentsHereOthers, { n: others }) : s.agentsHere}</dd></div>
            `
            : nothing
        }
      </dl>
      ${earlierRooms({ strings: s, context: room?.visitor, now: m.now, earlier: m.earlier, open: m.open })}
    </aside>
  `;
}

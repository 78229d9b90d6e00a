import type { RoomSummary } from '@support-chat/backend/protocol';
import { html, nothing } from 'lit';
import { format } from '../../shared/format.ts';
import { ICON_AGENT, ICON_INBOX, ICON_SEARCH, icon } from '../../shared/icons.ts';
import { fullTime, relativeTime } from '../../shared/time.ts';
import { hueOf, initials, knownName, shortId, shownEmail, visitorName } from '../format.ts';
import { type Inbox, TABS, type Tab } from '../inbox.ts';
import type { SupportAgentConsoleStrings } from '../strings.ts';
import { verifiedMark } from './customer.ts';

export type { Tab } from '../inbox.ts';

/** What the list of conversations shows, and what its tabs, filter and rows do. */
export interface InboxModel {
  strings: SupportAgentConsoleStrings;
  inbox: Inbox;
  tab: Tab;
  filter: string;
  /** The tab's conversations that match the filter, as listed. */
  rooms: RoomSummary[];
  selected: string | undefined;
  /** This agent's id: their replies are "You:", their conversations under Mine. */
  me: string | undefined;
  now: number;
  /** Other agents in the room, not counting this console. */
  othersIn(room: RoomSummary): number;
  visitorTyping(roomId: string): boolean;
  selectTab(tab: Tab): void;
  setFilter(filter: string): void;
  openRoom(roomId: string): void;
}

export function inboxView(m: InboxModel) {
  const s = m.strings;
  const rooms = m.rooms;
  const focusable = rooms.find((r) => r.roomId === m.selected)?.roomId ?? rooms[0]?.roomId;
  const labels: Record<Tab, string> = { mine: s.mine, unassigned: s.unassigned, open: s.open, closed: s.closed };
  const tab = (name: Tab) => html`
    <button
      role="tab"
      id="tab-${name}"
      aria-selected=${m.tab === name ? 'true' : 'false'}
      aria-controls="room-list"
      tabindex=${m.tab === name ? 0 : -1}
      @click=${() => m.selectTab(name)}
    >
      ${labels[name]}<span class="count">${m.inbox.count(name, m.me)}</span>
    </button>
  `;
  const empties: Record<Tab, string> = { mine: s.noMine, unassigned: s.noUnassigned, open: s.noOpen, closed: s.noClosed };
  const empty = m.filter.trim() ? format(s.noMatch, { query: m.filter.trim() }) : empties[m.tab];
  return html`
    <nav class="inbox" part="inbox" aria-label=${s.inbox}>
      <div class="inbox-head">
        <div class="tabs" role="tablist" aria-label=${s.inbox}>${TABS.map(tab)}</div>
        <label class="filter">
          ${icon(ICON_SEARCH, 16)}
          <input
            type="search"
            aria-label=${s.search}
            placeholder=${s.searchPlaceholder}
            .value=${m.filter}
            @input=${(e: Event) => m.setFilter((e.target as HTMLInputElement).value)}
          />
          <kbd aria-hidden="true">/</kbd>
        </label>
      </div>
      <div class="room-list" id="room-list" role="tabpanel" aria-labelledby="tab-${m.tab}">
        ${
          rooms.length === 0
            ? html`<p class="inbox-empty">${icon(ICON_INBOX, 28)}<span>${empty}</span></p>`
            : html`<ul>
              ${rooms.map((room) => roomRow(m, room, room.roomId === focusable))}
            </ul>`
        }
      </div>
    </nav>
  `;
}

function roomRow(m: InboxModel, room: RoomSummary, focusable: boolean) {
  const s = m.strings;
  const name = visitorName(room, s);
  const known = knownName(room);
  const email = shownEmail(room)?.email;
  const unread = m.inbox.unreadOf(room.roomId, m.me);
  const others = m.othersIn(room);
  const typing = m.visitorTyping(room.roomId);
  const selected = room.roomId === m.selected;
  return html`
    <li>
      <button
        part="room"
        class="room ${selected ? 'selected' : ''} ${unread ? 'unread' : ''}"
        data-room-id=${room.roomId}
        aria-current=${selected ? 'true' : 'false'}
        tabindex=${focusable ? 0 : -1}
        @click=${() => m.openRoom(room.roomId)}
      >
        <span class="avatar hue-${hueOf(room.roomId)}" aria-hidden="true">${known ? initials(known) : icon(ICON_AGENT, 16)}</span>
        <span class="room-main">
          <span class="room-line">
            <span class="room-name">${name}</span>
            ${room.customer ? verifiedMark(s) : nothing}
            <span class="room-id">${shortId(room.roomId)}</span>
            <time class="room-time" datetime=${room.lastMessageAt} title=${fullTime(room.lastMessageAt)}>${relativeTime(room.lastMessageAt, s, new Date(m.now))}</time>
          </span>
          ${email ? html`<span class="room-email">${email}</span>` : nothing}
          <span class="room-line">
            <span class="room-preview ${typing ? 'typing' : ''}">${typing ? s.typingShort : html`${lastWriter(m, room)}${room.lastMessagePreview}`}</span>
            ${
              unread === true
                ? html`<span class="unread-dot"><span class="sr">${s.unreadNew}</span></span>`
                : unread > 0
                  ? html`<span class="unread-count"><span aria-hidden="true">${unread > 99 ? '99+' : unread}</span><span class="sr">${format(s.unreadCount, { n: unread })}</span></span>`
                  : nothing
            }
          </span>
          ${roomFoot(m, room, others)}
        </span>
      </button>
    </li>
  `;
}

/** Who wrote the preview's message: "You:", a colleague's name, or nothing for the visitor (the row is theirs). */
function lastWriter(m: InboxModel, room: RoomSummary) {
  const s = m.strings;
  const sender = room.lastSender;
  if (sender?.role !== 'agent') return nothing;
  const mine = sender.agentId !== undefined && sender.agentId === m.me;
  return html`<span class="room-sender ${mine ? 'mine' : ''}">${mine ? s.lastByYou : format(s.lastBy, { name: sender.name || s.agent })}</span> `;
}

/** "waiting 4 min" while the visitor's message is unanswered. */
export function waitingTime(since: string, now: number, s: SupportAgentConsoleStrings): string {
  const minutes = Math.max(0, Math.floor((now - Date.parse(since)) / 60_000));
  if (minutes < 1) return s.lessThanMinute;
  if (minutes < 60) return format(s.minutes, { n: minutes });
  if (minutes < 24 * 60) return format(s.hoursMinutes, { h: Math.floor(minutes / 60), m: minutes % 60 });
  return format(s.days, { n: Math.floor(minutes / (24 * 60)) });
}

/** The row's last line: how long the visitor waits, who handles it, and colleagues in it. */
function roomFoot(m: InboxModel, room: RoomSummary, others: number) {
  const s = m.strings;
  const waiting = room.status === 'open' && room.waitingSince ? waitingTime(room.waitingSince, m.now, s) : undefined;
  const assignee = room.assignee;
  if (!waiting && !assignee && others === 0) return nothing;
  return html`<span class="room-foot">
    ${waiting ? html`<span class="room-waiting" title=${format(s.waitingLabel, { time: waiting })}>${format(s.waitingFor, { time: waiting })}</span>` : nothing}
    ${assignee ? html`<span class="room-assignee ${assignee.agentId === m.me ? 'mine' : ''}">${icon(ICON_AGENT, 13)}${assignee.agentId === m.me ? s.assignedToYou : format(s.assignedTo, { name: assignee.name })}</span>` : nothing}
    ${others > 0 ? html`<span class="room-agents">${format(others === 1 ? s.otherAgents : s.otherAgentsPlural, { n: others })}</span>` : nothing}
  </span>`;
}

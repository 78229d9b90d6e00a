import type { RoomSummary } from '@support-chat/backend/protocol';
import { html, nothing, type TemplateResult } from 'lit';
import { format } from '../../shared/format.ts';
import {
  ICON_AGENT,
  ICON_BACK,
  ICON_BELL_OFF,
  ICON_CHAT,
  ICON_CHECK,
  ICON_DOWNLOAD,
  ICON_INFO,
  ICON_WARN,
  icon,
} from '../../shared/icons.ts';
import { fullTime } from '../../shared/time.ts';
import { hueOf, initials, knownName, shortId, shownEmail, visitorName } from '../format.ts';
import type { SupportAgentConsoleStrings } from '../strings.ts';
import { type AssignModel, assignControls, assigneeChip } from './assign.ts';
import { notVerifiedTag, verifiedMark } from './customer.ts';
import { pendingRow, type TimelineModel, timelineRows } from './timeline.ts';

/** An arrow going round: reopen. */
const ICON_REOPEN = 'M12 5V2L8 6l4 4V7a5 5 0 1 1-5 5H5a7 7 0 1 0 7-7z';

/** What the open conversation shows, and what its header and log do (the reply box is its own view). */
export interface ConversationModel extends TimelineModel {
  roomId: string;
  room: RoomSummary | undefined;
  hasOlder: boolean;
  loadingOlder: boolean;
  /** The room is gone (or never was): nothing to show or send. */
  missing: boolean;
  /** It is gone because an admin erased it. */
  erased: boolean;
  /** Who is typing in the room now. */
  typists: string[];
  profileShown: boolean;
  /** The assignment controls' model, once the room is known. */
  assign: Omit<AssignModel, 'room'>;
  /** The server's refusal of the last take or hand-over here ("Sam took this conversation first."). */
  notice: string | undefined;
  /** The reply box, rendered by its own view. */
  composer: TemplateResult;
  back(): void;
  download(): void;
  /** Closes the conversation, asking the visitor to rate it (`true`) or not. */
  close(askRating: boolean): void;
  reopen(): void;
  toggleProfile(): void;
  onLogScroll(event: Event): void;
  loadOlder(): void;
}

export function noConversationView(s: SupportAgentConsoleStrings) {
  return html`
    <section class="conversation empty" part="conversation" aria-label=${s.noConversation}>
      <div class="empty-state">
        <span class="empty-icon">${icon(ICON_CHAT, 28)}</span>
        <h2>${s.noConversation}</h2>
        <p>${s.noConversationHelp}</p>
        <dl class="keys" aria-label=${s.shortcuts}>
          <div><dt><kbd>Alt</kbd> <kbd>↓</kbd> <kbd>↑</kbd></dt><dd>${s.shortcutNext}</dd></div>
          <div><dt><kbd>Enter</kbd></dt><dd>${s.shortcutSend}</dd></div>
          <div><dt><kbd>Shift</kbd> <kbd>Enter</kbd></dt><dd>${s.shortcutNewline}</dd></div>
          <div><dt><kbd>/</kbd></dt><dd>${s.shortcutFilter}</dd></div>
          <div><dt><kbd>←</kbd> <kbd>→</kbd></dt><dd>${s.shortcutTabs}</dd></div>
          <div><dt><kbd>/</kbd> …</dt><dd>${s.shortcutReplies}</dd></div>
          <div><dt><kbd>↓</kbd> <kbd>Enter</kbd> <kbd>Esc</kbd></dt><dd>${s.shortcutPick}</dd></div>
        </dl>
        <p class="help-note">${s.helpNotes}</p>
      </div>
    </section>
  `;
}

export function conversationView(m: ConversationModel) {
  const s = m.strings;
  const { roomId, room, typists, missing } = m;
  const name = visitorName(room, s);
  const known = knownName(room);
  const email = shownEmail(room);
  const closed = room?.status === 'closed';
  return html`
    <section class="conversation" part="conversation" aria-label=${name}>
      <header class="conv-head">
        <div class="conv-who">
          <button class="icon back" aria-label=${s.back} title=${s.back} @click=${() => m.back()}>${icon(ICON_BACK)}</button>
          <span class="avatar hue-${hueOf(roomId)}" aria-hidden="true">${known ? initials(known) : icon(ICON_AGENT, 16)}</span>
          <div class="conv-title">
            <h2><span class="conv-name">${name}</span>${room?.customer ? verifiedMark(s, 15) : nothing} <span class="room-id">${shortId(roomId)}</span></h2>
            <p>${
              email
                ? html`<a href="mailto:${email.email}">${email.email}</a>${email.verified ? nothing : html` ${notVerifiedTag(s)}`}<span aria-hidden="true"> · </span>`
                : nothing
            }${room ? html`${s.profileStarted} ${fullTime(room.createdAt)}` : nothing}</p>
          </div>
          <button class="icon download" title=${s.downloadLabel} aria-label=${s.downloadLabel} @click=${() => m.download()} ?disabled=${missing}>
            ${icon(ICON_DOWNLOAD)}
          </button>
          <button
            class="icon profile-toggle"
            aria-pressed=${m.profileShown ? 'true' : 'false'}
            aria-label=${s.showProfile}
            title=${m.profileShown ? s.hideProfile : s.showProfile}
            @click=${() => m.toggleProfile()}
          >
            ${icon(ICON_INFO)}
          </button>
        </div>
        <div class="conv-tools">
          ${room ? html`<span class="chip status ${closed ? 'closed' : 'open'}">${closed ? s.statusClosed : s.statusOpen}</span>${assigneeChip({ ...m.assign, room })}` : nothing}
          <span class="spacer"></span>
          ${room ? assignControls({ ...m.assign, room }) : nothing}
          ${
            room && closed
              ? html`<button class="secondary reopen-room" title=${s.reopenConversationLabel} aria-label=${s.reopenConversationLabel} @click=${() => m.reopen()}>
                ${icon(ICON_REOPEN, 16)}<span class="label">${s.reopenConversation}</span>
              </button>`
              : room
                ? html`<button class="secondary close-room" title=${s.closeConversationLabel} aria-label=${s.closeConversationLabel} @click=${() => m.close(true)}>
                  ${icon(ICON_CHECK, 16)}<span class="label">${s.closeConversation}</span>
                </button>
                <button class="secondary close-quietly" title=${s.closeWithoutRatingLabel} aria-label=${s.closeWithoutRatingLabel} @click=${() => m.close(false)}>
                  ${icon(ICON_BELL_OFF, 16)}<span class="label">${s.closeWithoutRating}</span>
                </button>`
                : nothing
          }
        </div>
      </header>
      ${m.notice ? html`<div class="conv-notice" role="alert">${icon(ICON_WARN, 16)}<span>${m.notice}</span></div>` : nothing}
      ${
        missing
          ? html`<div class="log empty-log"><p class="system" role="alert">${m.erased ? s.erased : s.notFound}</p></div>`
          : html`<div part="log" class="log" role="log" aria-live="polite" aria-label=${name} tabindex="0" @scroll=${m.onLogScroll}>
            ${
              m.hasOlder
                ? html`<button class="earlier link" @click=${() => m.loadOlder()} ?disabled=${m.loadingOlder}>${m.loadingOlder ? s.loadingEarlier : s.earlier}</button>`
                : m.messages.length
                  ? html`<p class="beginning">${s.beginning}</p>`
                  : html`<p class="beginning">${s.loadingConversation}</p>`
            }
            ${timelineRows(m, name)} ${m.pending.map((p) => pendingRow(m, p))}
          </div>`
      }
      <div class="typing-line" aria-live="polite">
        ${typists.length ? html`<span class="dots" aria-hidden="true"><i></i><i></i><i></i></span>${format(s.typing, { name: typists.join(', ') })}` : nothing}
      </div>
      ${closed ? html`<div class="closed-banner" role="status">${icon(ICON_INFO, 16)}<span>${s.closedBanner}</span></div>` : nothing}
      ${m.files.notice} ${m.composer} ${m.files.overlay}
    </section>
  `;
}

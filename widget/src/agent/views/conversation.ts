import type { Message, RoomSummary } from '@support-chat/backend/protocol';
import { html, nothing, type TemplateResult } from 'lit';
import type { PendingMessage } from '../../client/chat-client.ts';
import { draftStatus } from '../../shared/composer.ts';
import { format } from '../../shared/format.ts';
import { ICON_AGENT, ICON_BACK, ICON_CHAT, ICON_CHECK, ICON_DOWNLOAD, ICON_INFO, ICON_SEND, icon } from '../../shared/icons.ts';
import { linkify } from '../../shared/linkify.ts';
import { clockTime, dayLabel, fullTime } from '../../shared/time.ts';
import { hueOf, initials, shortId, visitorName } from '../format.ts';
import type { SupportAgentConsoleStrings } from '../strings.ts';

/** A clock with an arrow: sent by itself. */
const ICON_AUTO = 'M12 3a9 9 0 1 0 9 9h-2a7 7 0 1 1-2.1-5L14 10h7V3l-2.6 2.6A9 9 0 0 0 12 3zm-1 4v6l5 3 1-1.7-4-2.3V7z';

/** What the open conversation shows, and what its header, log and composer do. */
export interface ConversationModel {
  strings: SupportAgentConsoleStrings;
  roomId: string;
  room: RoomSummary | undefined;
  messages: readonly Message[];
  /** This agent's messages not yet stored. */
  pending: PendingMessage[];
  hasOlder: boolean;
  loadingOlder: boolean;
  /** The room is gone (or never was): nothing to show or send. */
  missing: boolean;
  /** Who is typing in the room now. */
  typists: string[];
  draft: string;
  profileShown: boolean;
  /** The signed-in agent's name, whose messages are "You". */
  me: string | undefined;
  /** The latest message number the visitor has read, 0 for none. */
  seenSeq: number;
  now: number;
  back(): void;
  download(): void;
  close(): void;
  toggleProfile(): void;
  onLogScroll(event: Event): void;
  loadOlder(): void;
  retry(clientMsgId: string): void;
  discard(clientMsgId: string): void;
  /** The draft changed. */
  input(value: string): void;
  send(): void;
  stopTyping(): void;
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
        </dl>
      </div>
    </section>
  `;
}

export function conversationView(m: ConversationModel) {
  const s = m.strings;
  const { roomId, room, messages, pending, typists, draft, missing } = m;
  const name = visitorName(room, s);
  const closed = room?.status === 'closed';
  const status = draftStatus(draft, s);
  return html`
    <section class="conversation" part="conversation" aria-label=${name}>
      <header class="conv-head">
        <button class="icon back" aria-label=${s.back} title=${s.back} @click=${() => m.back()}>${icon(ICON_BACK)}</button>
        <span class="avatar hue-${hueOf(roomId)}" aria-hidden="true">${room?.visitorName ? initials(room.visitorName) : icon(ICON_AGENT, 16)}</span>
        <div class="conv-title">
          <h2>${name} <span class="room-id">${shortId(roomId)}</span></h2>
          <p>${room?.visitorEmail ? html`<a href="mailto:${room.visitorEmail}">${room.visitorEmail}</a><span aria-hidden="true"> · </span>` : nothing}${room ? html`${s.profileStarted} ${fullTime(room.createdAt)}` : nothing}</p>
        </div>
        ${room ? html`<span class="chip ${closed ? 'closed' : 'open'}">${closed ? s.statusClosed : s.statusOpen}</span>` : nothing}
        <span class="spacer"></span>
        <button class="ghost" title=${s.downloadLabel} aria-label=${s.downloadLabel} @click=${() => m.download()} ?disabled=${missing}>
          ${icon(ICON_DOWNLOAD, 16)}<span class="label">${s.download}</span>
        </button>
        ${
          room && !closed
            ? html`<button class="secondary close-room" title=${s.closeConversationLabel} aria-label=${s.closeConversationLabel} @click=${() => m.close()}>
              ${icon(ICON_CHECK, 16)}<span class="label">${s.closeConversation}</span>
            </button>`
            : nothing
        }
        <button
          class="icon profile-toggle"
          aria-pressed=${m.profileShown ? 'true' : 'false'}
          aria-label=${s.showProfile}
          title=${m.profileShown ? s.hideProfile : s.showProfile}
          @click=${() => m.toggleProfile()}
        >
          ${icon(ICON_INFO)}
        </button>
      </header>
      ${
        missing
          ? html`<div class="log empty-log"><p class="system" role="alert">${s.notFound}</p></div>`
          : html`<div part="log" class="log" role="log" aria-live="polite" aria-label=${name} tabindex="0" @scroll=${m.onLogScroll}>
            ${
              m.hasOlder
                ? html`<button class="earlier link" @click=${() => m.loadOlder()} ?disabled=${m.loadingOlder}>${m.loadingOlder ? s.loadingEarlier : s.earlier}</button>`
                : messages.length
                  ? html`<p class="beginning">${s.beginning}</p>`
                  : html`<p class="beginning">${s.loadingConversation}</p>`
            }
            ${messageRows(m, name)} ${pending.map((p) => pendingRow(m, p))}
          </div>`
      }
      <div class="typing-line" aria-live="polite">
        ${typists.length ? html`<span class="dots" aria-hidden="true"><i></i><i></i><i></i></span>${format(s.typing, { name: typists.join(', ') })}` : nothing}
      </div>
      ${closed ? html`<div class="closed-banner" role="status">${icon(ICON_INFO, 16)}<span>${s.closedBanner}</span></div>` : nothing}
      <form part="composer" class="composer" @submit=${(event: Event) => {
        event.preventDefault();
        m.send();
      }}>
        <textarea
          rows="1"
          aria-label=${format(s.replyPlaceholder, { name })}
          placeholder=${format(s.replyPlaceholder, { name })}
          .value=${draft}
          ?disabled=${missing}
          @input=${(event: Event) => m.input((event.target as HTMLTextAreaElement).value)}
          @keydown=${(event: KeyboardEvent) => {
            // Enter sends; Shift+Enter is a new line; Alt+Enter and an IME's Enter are left alone.
            if (event.key !== 'Enter' || event.shiftKey || event.altKey || event.isComposing) return;
            event.preventDefault();
            m.send();
          }}
          @blur=${() => m.stopTyping()}
        ></textarea>
        <div class="composer-foot">
          <span class="hint">${s.composerHint}</span>
          ${status.counter ? html`<span class="counter ${status.tooLong ? 'over' : ''}" aria-live="polite">${status.counter}</span>` : nothing}
          <button class="primary send" type="submit" ?disabled=${status.empty || status.tooLong || missing}>${icon(ICON_SEND, 16)}<span>${s.send}</span></button>
        </div>
      </form>
    </section>
  `;
}

/** The messages with a line for each day; consecutive messages from one sender within minutes share a heading. */
function messageRows(m: ConversationModel, visitor: string) {
  const s = m.strings;
  // "Seen" goes under the latest agent message the visitor has read.
  const seenMessage = m.messages.findLast((msg) => msg.sender.role === 'agent' && msg.seq <= m.seenSeq)?.seq;
  const rows: TemplateResult[] = [];
  let previous: Message | undefined;
  const today = new Date(m.now);
  for (const msg of m.messages) {
    if (!previous || new Date(previous.createdAt).toDateString() !== new Date(msg.createdAt).toDateString()) {
      rows.push(html`<div class="day" role="separator"><span>${dayLabel(msg.createdAt, s, today)}</span></div>`);
      previous = undefined;
    }
    const first =
      !previous ||
      previous.sender.role !== msg.sender.role ||
      previous.sender.name !== msg.sender.name ||
      Date.parse(msg.createdAt) - Date.parse(previous.createdAt) > 5 * 60_000;
    previous = msg;
    const role = msg.sender.role;
    const own = role === 'agent' && msg.sender.name === m.me;
    // An automatic reply stands on the team's side, marked apart from what agents wrote.
    const kind = role === 'agent' ? (own ? 'agent own' : 'agent') : role === 'system' ? 'agent auto' : role;
    const who =
      role === 'visitor'
        ? msg.sender.name || visitor
        : role === 'system'
          ? html`<span class="auto-label" title=${s.automaticReplyHelp}>${icon(ICON_AUTO, 13)}${s.automaticReply}</span>`
          : own
            ? s.you
            : msg.sender.name || s.agent;
    rows.push(html`
      <div part="message message-${role} ${own ? 'message-own' : ''}" class="msg ${kind} ${first ? 'first' : ''}" data-seq=${msg.seq}>
        ${first ? html`<div class="msg-head"><span class="msg-name">${who}</span><time datetime=${msg.createdAt} title=${fullTime(msg.createdAt)}>${clockTime(msg.createdAt)}</time></div>` : nothing}
        <div class="bubble" title=${first ? nothing : fullTime(msg.createdAt)}>${linkify(msg.text)}</div>
        ${msg.seq === seenMessage ? html`<div class="msg-status seen">${icon(ICON_CHECK, 13)}${s.seen}</div>` : nothing}
      </div>
    `);
  }
  return rows;
}

function pendingRow(m: ConversationModel, p: PendingMessage) {
  const s = m.strings;
  const failed = p.status === 'failed';
  return html`
    <div part="message message-agent message-own" class="msg agent own pending ${failed ? 'failed' : ''}" data-client-msg-id=${p.clientMsgId}>
      <div class="bubble">${linkify(p.text)}</div>
      <div class="msg-status">
        ${
          failed
            ? html`<span>${s.failed}${p.error ? `: ${p.error}` : ''}</span>
              <button class="link" @click=${() => m.retry(p.clientMsgId)}>${s.retrySend}</button>
              <button class="link" @click=${() => m.discard(p.clientMsgId)}>${s.discard}</button>`
            : s.sending
        }
      </div>
    </div>
  `;
}

import type { Message, RoomEvent } from '@support-chat/backend/protocol';
import { html, nothing, type TemplateResult } from 'lit';
import type { PendingMessage } from '../../client/chat-client.ts';
import { format } from '../../shared/format.ts';
import { ICON_CHECK, icon } from '../../shared/icons.ts';
import { linkify } from '../../shared/linkify.ts';
import { ratingFace } from '../../shared/rating-faces.ts';
import { clockTime, dayLabel, fullTime } from '../../shared/time.ts';
import type { FileParts } from '../conversation-files.ts';
import type { SupportAgentConsoleStrings } from '../strings.ts';

/** A clock with an arrow: sent by itself. */
const ICON_AUTO = 'M12 3a9 9 0 1 0 9 9h-2a7 7 0 1 1-2.1-5L14 10h7V3l-2.6 2.6A9 9 0 0 0 12 3zm-1 4v6l5 3 1-1.7-4-2.3V7z';
/** A folded page: an internal note. */
const ICON_NOTE = 'M5 3h10l5 5v11a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm9 1.5V9h4.5zM7 12v2h10v-2zm0 4v2h7v-2z';

/** What the log shows: the room's messages, this agent's unsent ones, and whose are whose. */
export interface TimelineModel {
  strings: SupportAgentConsoleStrings;
  messages: readonly Message[];
  pending: PendingMessage[];
  /** The name the signed-in agent's messages carry: theirs are "You". */
  me: string | undefined;
  /** The latest message number the visitor has read, 0 for none. */
  seenSeq: number;
  now: number;
  /** Files: a message's, and the ones on their way. */
  files: FileParts;
  retry(clientMsgId: string): void;
  discard(clientMsgId: string): void;
}

/** A mark's sentence in the agent's words: "Jane took the conversation", "You closed the conversation". */
export function markText(event: RoomEvent, s: SupportAgentConsoleStrings, me: string | undefined): string {
  const subject = (name: string | undefined) => (name !== undefined && name === me ? s.you : (name ?? ''));
  const object = (name: string) => (name === me ? s.youObject : name);
  switch (event.type) {
    case 'closed':
      return format(event.noRating ? s.markClosedNoRating : s.markClosed, { by: subject(event.by) });
    case 'rated':
      return event.previous === undefined
        ? format(s.markRated, { score: String(event.score) })
        : format(s.markRatingChanged, { score: String(event.score), previous: String(event.previous) });
    case 'reopened':
      return event.by === undefined ? s.markReopenedByVisitor : format(s.markReopened, { by: subject(event.by) });
    case 'assigned':
      return event.to === event.by
        ? format(s.markTook, { by: subject(event.by) })
        : format(s.markAssigned, { by: subject(event.by), to: object(event.to) });
    case 'unassigned':
      if (event.offline) return event.from === me ? s.markOfflineYou : format(s.markOffline, { from: event.from });
      return event.by !== undefined && event.by !== event.from
        ? format(s.markTookBack, { by: subject(event.by), from: object(event.from) })
        : format(s.markGaveBack, { from: subject(event.from) });
  }
}

/** The messages with a line for each day; consecutive messages from one sender within minutes share a heading; marks in between. */
export function timelineRows(m: TimelineModel, visitor: string): TemplateResult[] {
  const s = m.strings;
  // "Seen" goes under the latest agent message the visitor has read (a note is never theirs to read).
  const seenMessage = m.messages.findLast((msg) => msg.sender.role === 'agent' && !msg.internal && msg.seq <= m.seenSeq)?.seq;
  const rows: TemplateResult[] = [];
  let previous: Message | undefined;
  let day: string | undefined;
  const today = new Date(m.now);
  for (const msg of m.messages) {
    const msgDay = new Date(msg.createdAt).toDateString();
    if (msgDay !== day) {
      rows.push(html`<div class="day" role="separator"><span>${dayLabel(msg.createdAt, s, today)}</span></div>`);
      day = msgDay;
      previous = undefined;
    }
    if (msg.event) {
      rows.push(markRow(m, msg, msg.event));
      previous = undefined;
      continue;
    }
    const first =
      !previous ||
      previous.sender.role !== msg.sender.role ||
      previous.sender.name !== msg.sender.name ||
      Boolean(previous.internal) !== Boolean(msg.internal) ||
      Date.parse(msg.createdAt) - Date.parse(previous.createdAt) > 5 * 60_000;
    previous = msg;
    rows.push(messageRow(m, msg, visitor, first, msg.seq === seenMessage));
  }
  return rows;
}

function markRow(m: TimelineModel, msg: Message, event: RoomEvent) {
  return html`<p part="mark" class="timeline-mark" data-seq=${msg.seq} data-event=${event.type}>
    ${event.type === 'rated' ? ratingFace(event.score, 18) : nothing}<span>${markText(event, m.strings, m.me)}</span><time datetime=${msg.createdAt} title=${fullTime(msg.createdAt)}>${clockTime(msg.createdAt)}</time>
    ${event.type === 'rated' && event.comment ? html`<q class="mark-comment">${event.comment}</q>` : nothing}
  </p>`;
}

function messageRow(m: TimelineModel, msg: Message, visitor: string, first: boolean, seen: boolean) {
  const s = m.strings;
  const role = msg.sender.role;
  const note = msg.internal === true;
  const own = role === 'agent' && msg.sender.name === m.me;
  // An automatic reply stands on the team's side, marked apart from what agents wrote; a note, apart from both.
  const kind = role === 'agent' ? `agent${own ? ' own' : ''}${note ? ' note' : ''}` : role === 'system' ? 'agent auto' : role;
  const name = role === 'visitor' ? msg.sender.name || visitor : own ? s.you : msg.sender.name || s.agent;
  const who =
    role === 'system'
      ? html`<span class="auto-label" title=${s.automaticReplyHelp}>${icon(ICON_AUTO, 13)}${s.automaticReply}</span>`
      : note
        ? html`${name}<span class="note-label" title=${s.noteHelp}>${icon(ICON_NOTE, 13)}${s.note}</span>`
        : name;
  return html`
    <div part="message message-${role} ${own ? 'message-own' : ''} ${note ? 'message-note' : ''}" class="msg ${kind} ${first ? 'first' : ''}" data-seq=${msg.seq}>
      ${first ? html`<div class="msg-head"><span class="msg-name">${who}</span><time datetime=${msg.createdAt} title=${fullTime(msg.createdAt)}>${clockTime(msg.createdAt)}</time></div>` : nothing}
      ${msg.attachment ? html`<div class="msg-file">${note && !first ? html`<span class="sr">${s.note}: </span>` : nothing}${m.files.attachment(msg)}</div>` : nothing}
      ${
        msg.text || !msg.attachment
          ? html`<div class="bubble" title=${first ? nothing : fullTime(msg.createdAt)}>${note && !first && !msg.attachment ? html`<span class="sr">${s.note}: </span>` : nothing}${linkify(msg.text)}</div>`
          : nothing
      }
      ${seen ? html`<div class="msg-status seen">${icon(ICON_CHECK, 13)}${s.seen}</div>` : nothing}
    </div>
  `;
}

export function pendingRow(m: TimelineModel, p: PendingMessage) {
  const s = m.strings;
  const failed = p.status === 'failed';
  const note = p.internal ? html`<span class="sr">${s.note}: </span>` : nothing;
  return html`
    <div part="message message-agent message-own ${p.internal ? 'message-note' : ''}" class="msg agent own pending ${p.internal ? 'note' : ''} ${failed ? 'failed' : ''}" data-client-msg-id=${p.clientMsgId}>
      ${p.file ? html`<div class="msg-file">${note}${m.files.pending(p)}</div>` : nothing}
      ${p.text || !p.file ? html`<div class="bubble">${p.file ? nothing : note}${linkify(p.text)}</div>` : nothing}
      <div class="msg-status">
        ${
          p.file
            ? m.files.pendingStatus(p)
            : failed
              ? html`<span>${s.failed}${p.error ? `: ${p.error}` : ''}</span>
              <button class="link" @click=${() => m.retry(p.clientMsgId)}>${s.retrySend}</button>
              <button class="link" @click=${() => m.discard(p.clientMsgId)}>${s.discard}</button>`
              : s.sending
        }
      </div>
    </div>
  `;
}

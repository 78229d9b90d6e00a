import type { Message } from '@support-chat/backend/protocol';
import { html, nothing } from 'lit';
import type { PendingMessage } from '../../client/chat-client.ts';
import { linkify } from '../../shared/linkify.ts';
import { messageTime } from '../../shared/time.ts';
import type { SupportChatStrings } from '../strings.ts';
import type { PanelModel } from './model.ts';

/** "You", "Automatic reply", or the agent's name. */
export const senderName = (m: Message, s: SupportChatStrings) =>
  m.sender.role === 'visitor' ? s.you : m.sender.role === 'system' ? s.auto : m.sender.name || s.agent;

/** The greeting, the messages (a sender's run under one name), what is still sending, and who is typing. */
export function logView(m: PanelModel) {
  const s = m.strings;
  const client = m.client;
  let previous: Message | undefined;
  return html`
    <div part="log" class="log" role="log" aria-live="polite" aria-label=${s.title} tabindex="0">
      ${client.hasOlder() ? html`<button class="earlier link" @click=${() => client.loadOlder()}>${s.earlier}</button>` : nothing}
      ${row('agent', '', s.greeting, undefined, true)}
      ${client.messages().map((msg) => {
        const first = previous?.sender.role !== msg.sender.role || previous.sender.name !== msg.sender.name;
        previous = msg;
        const status = msg.sender.role === 'visitor' ? (msg.seq <= m.agentReadSeq ? s.seen : s.sent) : undefined;
        const file = msg.attachment && m.files?.attachment(msg);
        return row(
          msg.sender.role,
          first ? senderName(msg, s) : '',
          msg.text,
          messageTime(msg.createdAt, m.lang),
          false,
          status,
          msg.seq,
          file,
        );
      })}
      ${(m.files?.pending() ?? client.pending()).map((p, i) => pendingRow(m, p, i === 0 && previous?.sender.role !== 'visitor'))}
      ${m.ask}
      ${m.closed ? html`<p class="aside">${s.closed}</p>` : nothing}
      ${m.rating}
      ${m.note ? html`<p part="note" class="aside" role="status">${m.note}</p>` : nothing}
    </div>
    ${m.typing ? html`<div part="typing" class="typing"><span class="dots" aria-hidden="true"><i></i><i></i><i></i></span>${m.typing}</div>` : nothing}
    ${m.files?.overlay()}
  `;
}

function row(
  role: string,
  name: string,
  text: string,
  time: string | undefined,
  greeting: boolean,
  status?: string,
  seq?: number,
  file?: unknown,
) {
  return html`
    <div part="message message-${role}" class="row ${role} ${name ? 'first' : ''} ${greeting ? 'greeting' : ''}" data-seq=${seq ?? nothing}>
      ${name ? html`<div class="name">${name}</div>` : nothing}
      ${file}${text ? html`<div part="bubble" class="bubble">${linkify(text)}</div>` : nothing}
      ${
        time
          ? html`<div part="meta" class="meta">${time}${status ? html`<span aria-hidden="true">·</span><span class="status">${status}</span>` : nothing}</div>`
          : nothing
      }
    </div>
  `;
}

function pendingRow(m: PanelModel, p: PendingMessage, first: boolean) {
  const s = m.strings;
  const failed = p.status === 'failed';
  return html`
    <div part="message message-visitor" class="row visitor pending ${failed ? 'failed' : ''} ${first ? 'first' : ''}" data-client-msg-id=${p.clientMsgId}>
      ${first ? html`<div class="name">${s.you}</div>` : nothing}
      ${p.file && m.files ? m.files.pendingFile(p) : pendingText(m, p, failed)}
    </div>
  `;
}

/** A text on its way: its bubble, and "Sending…" or why it failed with Retry and Delete. */
function pendingText(m: PanelModel, p: PendingMessage, failed: boolean) {
  const s = m.strings;
  return html`
      <div part="bubble" class="bubble">${linkify(p.text)}</div>
      <div part="meta" class="meta">
        ${
          failed
            ? html`<span class="status">${s.failed}${p.error ? `: ${p.error}` : ''}</span>
              <button class="link retry" @click=${() => m.client.retry(p.clientMsgId)}>${s.retry}</button>
              <button class="link discard" @click=${() => m.client.discard(p.clientMsgId)}>${s.discard}</button>`
            : html`<span class="status">${s.sending}</span>`
        }
      </div>
  `;
}

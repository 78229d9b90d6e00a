import type { Attachment } from '@support-chat/backend/protocol';
import { ATTACHMENT_TYPES, INLINE_IMAGE_TYPES } from '@support-chat/backend/protocol/attachments';
import { html, nothing } from 'lit';
import type { PendingMessage } from '../client/chat-client.ts';
import type { AttachmentStrings, AttachmentsController } from './attachments-controller.ts';
import { fileSize, format } from './format.ts';
import { ICON_ATTACH, ICON_CLOSE, ICON_DOWNLOAD, ICON_FILE, ICON_UPLOAD, icon } from './icons.ts';

/** What the file field offers: every type on the list, and their endings (a browser knows no type for some, HEIC on most). */
const ACCEPT = Object.entries(ATTACHMENT_TYPES)
  .flatMap(([type, endings]) => [type, ...endings.map((ending) => `.${ending}`)])
  .join(',');

/** A file's kind as its ending says it, in every language: "PDF", "PNG", "DOCX". */
export const fileKind = (type: string) => (ATTACHMENT_TYPES[type as keyof typeof ATTACHMENT_TYPES]?.[0] ?? '').toUpperCase();

/** "2.4 MB · PDF", or the size and a status instead of the kind. */
const meta = (size: number, kind: string, lang: string) => `${fileSize(size, lang)} · ${kind}`;

function fileCard(name: string, detail: string, extra: unknown = nothing) {
  return html`<span class="file-icon" aria-hidden="true">${icon(ICON_FILE, 28)}</span>
    <span class="file-text"><span class="file-name" title=${name}>${name}</span><span class="file-meta">${detail}</span>${extra}</span>`;
}

/**
 * A message's file: an image that may show inline as a thumbnail (the box kept at its size
 * while the image comes, so nothing jumps) that opens full size; any other file as a card
 * whose link downloads it; "checking…" and "removed" as the malware scan says.
 */
export function attachmentView(c: AttachmentsController, roomId: string, a: Attachment, s: AttachmentStrings, lang: string) {
  if (a.status) {
    const status = a.status === 'checking' ? s.fileChecking : s.fileRemoved;
    return html`<div part="file" class="file-card off ${a.status}">${fileCard(a.name, `${fileSize(a.size, lang)} · ${status}`)}</div>`;
  }
  const src = INLINE_IMAGE_TYPES.has(a.type) ? c.thumb(roomId, a) : false;
  if (src !== false) {
    return html`<button part="file" type="button" class="file-thumb" title=${s.fileOpen} ?disabled=${!src} @click=${() => c.open(roomId, a)}>
      ${src ? html`<img src=${src} alt=${a.name} @error=${() => c.thumbFailed(a)} />` : html`<span class="file-wait" role="img" aria-label=${a.name}></span>`}
    </button>`;
  }
  const prefetch = () => c.prefetch(roomId, a);
  return html`<a
    part="file"
    class="file-card"
    href=${c.link(a) ?? '#'}
    @pointerenter=${prefetch}
    @focus=${prefetch}
    @click=${(event: Event) => c.download(event, roomId, a)}
    >${fileCard(a.name, meta(a.size, fileKind(a.type), lang))}<span class="file-action" aria-hidden="true">${icon(ICON_DOWNLOAD)}</span></a
  >`;
}

/** A file on its way: its card, with a progress bar while it uploads. */
export function pendingFileView(p: PendingMessage, s: AttachmentStrings, lang: string) {
  const f = p.file!;
  const uploading = p.status === 'sending' && !f.id;
  // No value while the slot is asked for: an indeterminate bar.
  const bar = html`<progress max="1" value=${f.progress || nothing} aria-label=${format(s.fileUploading, { name: f.name })}></progress>`;
  return html`<div part="file" class="file-card pending ${p.status}">${fileCard(f.name, meta(f.size, fileKind(f.type), lang), uploading ? bar : nothing)}</div>`;
}

/** Under a file on its way: Cancel while it uploads, "Sending…", or why it failed with Retry and Delete. */
export function pendingFileStatus(c: AttachmentsController, p: PendingMessage, s: AttachmentStrings) {
  const files = c.files;
  if (p.status === 'failed') {
    const why = p.file?.lost ? s.fileLost : p.error;
    return html`<span class="status">${s.failed}${why ? `: ${why}` : ''}</span>
      <button class="link retry" type="button" @click=${() => files?.retry(p.clientMsgId)}>${s.retry}</button>
      <button class="link discard" type="button" @click=${() => files?.discard(p.clientMsgId)}>${s.discard}</button>`;
  }
  return p.file?.id
    ? html`<span class="status">${s.sending}</span>`
    : html`<button class="link cancel" type="button" @click=${() => files?.discard(p.clientMsgId)}>${s.fileCancel}</button>`;
}

/** The composer's file button and the hidden file field it opens (which offers a phone's camera for images). */
export function fileButtonView(c: AttachmentsController, s: AttachmentStrings, size = 22) {
  return html`<button part="attach" class="attach" type="button" aria-label=${s.fileAttach} title=${s.fileAttach} @click=${c.pick}>${icon(ICON_ATTACH, size)}</button
    ><input class="file-input" type="file" multiple accept=${ACCEPT} tabindex="-1" aria-hidden="true" hidden @change=${c.picked} />`;
}

/** Over the conversation while files are dragged onto it. */
export function dropOverlayView(c: AttachmentsController, s: AttachmentStrings) {
  return c.dragging
    ? html`<div part="drop" class="drop-overlay" aria-hidden="true"><span>${icon(ICON_UPLOAD, 22)}${s.fileDrop}</span></div>`
    : nothing;
}

/** Why the last file was refused before it went ("This file is 31 MB; the limit is 10 MB."). */
export function refusalView(c: AttachmentsController, s: AttachmentStrings) {
  return c.refusal
    ? html`<p class="file-notice" role="alert"><span>${c.refusal}</span><button class="link" type="button" @click=${() => c.dismiss()}>${s.dismiss}</button></p>`
    : nothing;
}

/** An image full size, over the page: Escape, the close button or a click beside it close it. */
export function lightboxView(c: AttachmentsController, s: AttachmentStrings) {
  const box = c.lightbox;
  if (!box) return nothing;
  const close = (event: Event) => (event.currentTarget as Element).closest('dialog')?.close();
  return html`<dialog
    class="lightbox"
    aria-label=${box.attachment.name}
    @close=${c.closeLightbox}
    @click=${(event: Event) => event.target === event.currentTarget && close(event)}
    @keydown=${(event: KeyboardEvent) => event.stopPropagation()}
  >
    <img src=${box.src} alt=${box.attachment.name} />
    <div class="lightbox-bar">
      <span class="file-name">${box.attachment.name}</span>
      ${box.href ? html`<a href=${box.href} target="_blank" rel="noopener noreferrer">${s.fileOpen}</a>` : nothing}
      <button class="lightbox-close" type="button" aria-label=${s.fileClose} title=${s.fileClose} @click=${close}>${icon(ICON_CLOSE, 20)}</button>
    </div>
  </dialog>`;
}

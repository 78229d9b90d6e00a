/**
 * Files in <support-chat>: the code that the element loads when first needed (see
 * FilesLoader). In the script-tag build it is support-chat-files.js, which takes lit from
 * support-chat-app.js (`window.SupportChatWidget`) rather than carrying a second copy.
 */
import { html, type LitElement, nothing } from 'lit';
import {
  attachmentView,
  dropOverlayView,
  fileButtonView,
  lightboxView,
  pendingFileStatus,
  pendingFileView,
  refusalView,
} from '../shared/attachment-views.ts';
import attachmentStyles from '../shared/attachments.styles.ts';
import { type AttachmentStrings, AttachmentsController } from '../shared/attachments-controller.ts';
import { adopt } from './adopt-styles.ts';
import { FILE_STRINGS } from './file-strings.ts';
import type { FilesHost, VisitorFileViews } from './files-loader.ts';
import fileStyles from './styles/files.styles.ts';

/** Paste, drop and the file button on the panel, and the views of files, for one <support-chat>. */
export function visitorFiles(host: LitElement, o: FilesHost): VisitorFileViews {
  // The page's texts (`strings`) win, as for every other text.
  const texts = (): AttachmentStrings => ({ ...FILE_STRINGS[o.lang()]!, ...o.texts() });
  const c = new AttachmentsController(host, {
    client: () => o.client,
    maxBytes: o.maxBytes,
    target: () => ({}),
    within: (event) => o.open() && event.composedPath().some((node) => node instanceof HTMLElement && node.id === 'panel'),
    texts,
    lang: o.lang,
    sent: o.sent,
  });
  adopt(host, [attachmentStyles, fileStyles]);
  return {
    pending: () => c.files?.pending() ?? o.client.pending(),
    attachment: (message) => (message.attachment ? attachmentView(c, message.roomId, message.attachment, texts(), o.lang()) : nothing),
    pendingFile: (p) => {
      const s = texts();
      return html`${pendingFileView(p, s, o.lang())}<div part="meta" class="meta">${pendingFileStatus(c, p, s)}</div>`;
    },
    button: () => (c.enabled ? fileButtonView(c, texts()) : nothing),
    notice: () => refusalView(c, texts()),
    overlay: () => html`${dropOverlayView(c, texts())}${lightboxView(c, texts())}`,
  };
}

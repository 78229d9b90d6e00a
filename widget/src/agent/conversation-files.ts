import type { Message, ServerEvent } from '@support-chat/backend/protocol';
import { html, nothing, type ReactiveElement } from 'lit';
import type { ChatClient, PendingMessage } from '../client/chat-client.ts';
import {
  attachmentView,
  dropOverlayView,
  fileButtonView,
  lightboxView,
  pendingFileStatus,
  pendingFileView,
  refusalView,
} from '../shared/attachment-views.ts';
import { type AttachmentStrings, AttachmentsController } from '../shared/attachments-controller.ts';
import type { ServerListener } from './server-listener.ts';
import type { SupportAgentConsoleStrings } from './strings.ts';

export interface ConversationFilesOptions {
  client(): ChatClient | undefined;
  /** The conversation shown, if files may go to it (it exists). */
  room(): string | undefined;
  /** Whether the reply box is on Note: a file then goes as a note, for agents only. */
  note(roomId: string): boolean;
  /** A file went: the log scrolls to it. */
  sent(): void;
}

/** What the timeline and the reply box show of files. */
export interface FileParts {
  /** A message's file: a thumbnail or a card. */
  attachment(message: Message): unknown;
  /** A file on its way, and the line under it (progress, Cancel, or Retry and Delete). */
  pending(p: PendingMessage): unknown;
  pendingStatus(p: PendingMessage): unknown;
  /** The reply box's file button, when the deployment takes files. */
  button: unknown;
  /** Why the last file was refused. */
  notice: unknown;
  /** The drop overlay and the image opened full size, over the conversation. */
  overlay: unknown;
}

const stringsOf = (s: SupportAgentConsoleStrings): AttachmentStrings => ({ ...s, retry: s.retrySend, dismiss: s.fileDismiss });

/**
 * Files in the open conversation: pasted into the reply box, dropped onto the
 * conversation, or picked with the file button, as a reply or a note (as the reply box
 * is set); and the files of its messages. The deployment's limit comes with the `team`
 * event.
 */
export class ConversationFiles implements ServerListener {
  readonly #attachments: AttachmentsController;
  readonly #options: ConversationFilesOptions;
  #maxBytes: number | undefined;
  /** The texts of the last render: a refusal after it is said in them. */
  #texts: AttachmentStrings | undefined;

  constructor(host: ReactiveElement, options: ConversationFilesOptions) {
    this.#options = options;
    this.#attachments = new AttachmentsController(host, {
      client: options.client,
      maxBytes: () => this.#maxBytes,
      target: () => {
        const roomId = options.room();
        return roomId === undefined ? undefined : { roomId, internal: options.note(roomId) };
      },
      within: (event) => event.composedPath().some((node) => node instanceof HTMLElement && node.matches('section.conversation')),
      texts: () => this.#texts!,
      // Sizes as the agent's browser writes numbers, like its times.
      lang: () => navigator.language,
      sent: options.sent,
    });
  }

  event(event: ServerEvent): void {
    if (event.type === 'team') this.#maxBytes = event.status.attachmentMaxBytes;
  }

  reset(): void {
    this.#maxBytes = undefined;
  }

  /** A room's unacknowledged messages: the client's outbox, then the files still uploading. */
  pending(roomId: string): PendingMessage[] {
    return this.#attachments.files?.pending(roomId) ?? this.#options.client()?.pending(roomId) ?? [];
  }

  parts(s: SupportAgentConsoleStrings, roomId: string): FileParts {
    const c = this.#attachments;
    const texts = stringsOf(s);
    this.#texts = texts;
    const lang = navigator.language;
    return {
      attachment: (message) => (message.attachment ? attachmentView(c, roomId, message.attachment, texts, lang) : nothing),
      pending: (p) => pendingFileView(p, texts, lang),
      pendingStatus: (p) => pendingFileStatus(c, p, texts),
      button: c.enabled ? fileButtonView(c, texts, 18) : nothing,
      notice: refusalView(c, texts),
      overlay: html`${dropOverlayView(c, texts)}${lightboxView(c, texts)}`,
    };
  }
}

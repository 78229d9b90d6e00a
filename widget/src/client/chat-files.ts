import { type AttachmentType, attachmentTypeOf, MAX_ATTACHMENT_NAME_LENGTH } from '@support-chat/backend/protocol/attachments';
import { fileSize } from '../shared/format.ts';
import { AttachmentLinks } from './attachment-links.ts';
import type { ChatClient } from './chat-client.ts';
import type { PendingMessage } from './outbox.ts';
import { randomId } from './storage.ts';
import { Uploads } from './uploads.ts';

export { AttachmentUrlError } from './attachment-links.ts';

/** Why a file cannot be sent, found before anything is asked of the server. */
export type FileRefusal = 'no_files' | 'unsupported_type' | 'empty' | 'too_large';

/** A file refused before any request (ChatFiles.send); `reason` for a sentence in the person's language. */
export class FileRefusedError extends Error {
  constructor(
    readonly reason: FileRefusal,
    message: string,
    /** The deployment's largest file, in bytes. */
    readonly limit?: number,
  ) {
    super(message);
    this.name = 'FileRefusedError';
  }
}

/** What a file would be sent as, or why it cannot be: the server's own checks, by its name, type and size. */
export function checkFile(file: File, limit: number | undefined): AttachmentType | FileRefusedError {
  const type = attachmentTypeOf(file.name, file.type);
  if (!limit) return new FileRefusedError('no_files', 'Files cannot be sent here.');
  if (!type) return new FileRefusedError('unsupported_type', "This type of file can't be sent.");
  if (!file.size) return new FileRefusedError('empty', 'This file is empty.');
  if (file.size > limit) {
    return new FileRefusedError('too_large', `This file is ${fileSize(file.size)}; the limit is ${fileSize(limit)}.`, limit);
  }
  return type;
}

/** A file's name as the server takes it: at most 200 characters, its start and its ending kept. */
export function fileName(name: string): string {
  const clean = name.trim() || 'file';
  const half = MAX_ATTACHMENT_NAME_LENGTH / 2;
  return clean.length > MAX_ATTACHMENT_NAME_LENGTH ? `${clean.slice(0, half)}…${clean.slice(1 - half)}` : clean;
}

/** How long a slot or a link may take to come before the connection is checked and it is asked for again. */
const ANSWER_MS = 6_000;

/**
 * Files in a ChatClient's conversations: sending one as a message (a slot, the upload
 * straight to storage, then the message through the client's outbox), and links to the
 * files of messages. A companion of the client rather than part of it, so the visitor's
 * script loads it only once files are in play.
 */
export class ChatFiles {
  /**
   * The largest file the deployment takes, in bytes: the team's `attachmentMaxBytes`, from
   * each `team` event; undefined: no files, or not known yet. A page that learnt it
   * otherwise (the widget, from team.json) sets it.
   */
  maxBytes: number | undefined;
  readonly client: ChatClient;
  readonly #uploads: Uploads;
  readonly #links: AttachmentLinks;
  readonly #listeners = new Set<() => void>();

  constructor(client: ChatClient) {
    this.client = client;
    const stale = () => client.checkConnection();
    this.#uploads = new Uploads({
      send: (frame) => client.send(frame),
      stale,
      answerMs: ANSWER_MS,
      changed: () => this.#changed(),
      uploaded: (pending) => client.enqueue(pending),
    });
    this.#links = new AttachmentLinks({
      ask: (roomId, attachmentId) =>
        client.send({ action: 'attachmentUrl', attachmentId, ...(client.role === 'agent' && roomId !== undefined && { roomId }) }),
      stale,
      answerMs: ANSWER_MS,
    });
    client.on('state', (state) => {
      if (state !== 'open') return;
      this.#uploads.opened();
      this.#links.opened();
    });
    client.on('event', (event) => {
      if (event.type === 'team') this.maxBytes = event.status.attachmentMaxBytes;
      else if (event.type === 'uploadSlot') this.#uploads.slot(event);
      else if (event.type === 'attachmentUrl') this.#links.answered(event);
      else if (event.type === 'messageUpdated' && event.message.attachment) this.#links.forget(event.message.attachment.id);
      else if (event.type === 'error' && !this.#uploads.refused(event)) this.#links.refused(event);
    });
  }

  /** Calls `listener` whenever an upload moves on (its progress, a failure); returns the function that unsubscribes. */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Sends a file as a message. Checked here first: its type (by type, else by its name's
   * ending) and its size against `maxBytes`, refused with a FileRefusedError before any
   * request. Then uploaded (`file.progress` grows), then sent through the client's outbox
   * like a text, with `text` as its caption. A File cannot be stored: a reload forgets a
   * file not uploaded yet. Agents name the room; `internal` makes it a note's.
   */
  send(file: File, options: { roomId?: string; internal?: boolean; text?: string } = {}): PendingMessage {
    const type = checkFile(file, this.maxBytes);
    if (type instanceof FileRefusedError) throw type;
    const agent = this.client.role === 'agent';
    const pending = {
      clientMsgId: randomId(16),
      text: options.text ?? '',
      createdAt: new Date().toISOString(),
      status: 'sending' as const,
      ...(agent && options.roomId !== undefined && { roomId: options.roomId }),
      ...(agent && options.internal && { internal: true as const }),
      file: { name: fileName(file.name), type, size: file.size, progress: 0 },
    };
    this.#uploads.add(pending, file);
    // A visitor's first file opens the conversation, as a first message does.
    if (this.client.state === 'idle') this.client.connect();
    return pending;
  }

  /** The client's pending messages, then the files not uploaded yet (they join the others once uploaded). */
  pending(roomId?: string): PendingMessage[] {
    const uploading = this.#uploads.list();
    return [...this.client.pending(roomId), ...(this.client.role === 'agent' ? uploading.filter((p) => p.roomId === roomId) : uploading)];
  }

  /** Sends a failed message again: a file not uploaded yet goes with a fresh slot (the last one may have expired). */
  retry(clientMsgId: string): void {
    if (!this.#uploads.retry(clientMsgId)) this.client.retry(clientMsgId);
  }

  /** Stops an upload (or drops a failed message) and forgets it. */
  discard(clientMsgId: string): void {
    if (this.#uploads.discard(clientMsgId)) this.#changed();
    else this.client.discard(clientMsgId);
  }

  /**
   * A link to a message's file, valid for a few minutes (`attachmentUrl`), kept and handed
   * out again until shortly before it expires. Rejects with an AttachmentUrlError when the
   * server refuses (`not_found`: no such file here, or it is still being checked).
   */
  url(roomId: string | undefined, attachmentId: string): Promise<string> {
    return this.#links.get(roomId, attachmentId);
  }

  /** The link `url` gave for a file, while it has a little life left; undefined otherwise (ask `url`). */
  cachedUrl(attachmentId: string): string | undefined {
    return this.#links.cached(attachmentId);
  }

  #changed(): void {
    for (const listener of this.#listeners) listener();
  }
}

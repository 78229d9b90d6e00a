import type { ClientFrame, ServerEvent } from '@support-chat/backend/protocol';
import { backoffDelay } from './backoff.ts';
import type { PendingFile, PendingMessage } from './outbox.ts';

type Slot = Extract<ServerEvent, { type: 'uploadSlot' }>;

/** A file message before its file is uploaded: the message, the File itself, and the request under way. */
interface Upload {
  pending: PendingMessage & { file: PendingFile };
  file: File;
  /** Asked for a slot and not answered yet. */
  asking: boolean;
  xhr?: XMLHttpRequest;
  /** Uploaded, and waiting for the files given before it: files go in the order they were given. */
  ready?: boolean;
  timer?: ReturnType<typeof setTimeout>;
}

/** What the uploads need of their client. */
export interface UploadsHost {
  /** Sends a frame now if the connection is open; false when it is not. */
  send(frame: ClientFrame): boolean;
  /** A slot went unanswered: the connection may be dead (the client pings it, and replaces it if so). */
  stale(): void;
  /** The file is uploaded: its message goes through the outbox from here, like a text. */
  uploaded(pending: PendingMessage): void;
  changed(): void;
  /** How long a slot may take to come. */
  answerMs: number;
}

/**
 * Files on their way to storage, in memory only (a File cannot be stored, so a reload
 * forgets them): ask the server for an upload slot (a presigned S3 POST, good for two
 * minutes), POST the file to it, then hand the message to the outbox. A slot lost with its
 * connection is asked for again on the next one. An upload cut off fails at once (storage
 * out of reach while the chat works would never come back by itself), and the connection
 * is checked: if it was the network, the next connection sends the file again, with a
 * fresh slot.
 */
export class Uploads {
  readonly #host: UploadsHost;
  readonly #all = new Map<string, Upload>();

  constructor(host: UploadsHost) {
    this.#host = host;
  }

  /** The messages whose file is not uploaded yet, oldest first. */
  list(): PendingMessage[] {
    return [...this.#all.values()].map((upload) => upload.pending);
  }

  add(pending: PendingMessage & { file: PendingFile }, file: File): void {
    const upload: Upload = { pending, file, asking: false };
    this.#all.set(pending.clientMsgId, upload);
    this.#ask(upload);
  }

  /** Starts a failed upload over, with a fresh slot. */
  retry(clientMsgId: string): boolean {
    const upload = this.#all.get(clientMsgId);
    if (!upload) return false;
    this.#ask(upload);
    return true;
  }

  /** Stops an upload and forgets it. */
  discard(clientMsgId: string): boolean {
    const upload = this.#all.get(clientMsgId);
    if (!upload) return false;
    this.#stop(upload);
    this.#all.delete(clientMsgId);
    this.#release();
    return true;
  }

  /** A connection opened: every upload waiting for a slot asks on it (an answer on the old one is lost), and every one cut off goes again. */
  opened(): void {
    for (const upload of this.#all.values()) if (upload.pending.file.lost || upload.asking) this.#ask(upload);
  }

  /** The server's answer to `uploadSlot`: the file goes up. */
  slot(slot: Slot): void {
    const upload = this.#all.get(slot.clientMsgId);
    // A slot asked for twice (a slow answer, then the retry's) is used once.
    if (!upload?.asking) return;
    this.#stop(upload);
    const form = new FormData();
    for (const [name, value] of Object.entries(slot.fields)) form.append(name, value);
    // Last: S3 reads the fields before the file, and ignores any after it.
    form.append('file', upload.file);
    const xhr = new XMLHttpRequest();
    upload.xhr = xhr;
    xhr.upload.onprogress = (event) => {
      if (!event.lengthComputable) return;
      upload.pending.file.progress = event.loaded / event.total;
      this.#host.changed();
    };
    xhr.onload = () => {
      upload.xhr = undefined;
      if (xhr.status >= 200 && xhr.status < 300) this.#done(upload, slot.attachmentId);
      // Kept too long before it went (a frozen tab): a fresh one.
      else if (Date.parse(slot.expiresAt) <= Date.now()) this.#ask(upload);
      else this.#fail(upload, `The file was refused by the storage (HTTP ${xhr.status}).`);
    };
    xhr.onerror = () => {
      upload.xhr = undefined;
      upload.pending.file.lost = true;
      this.#fail(upload, 'The upload broke off.');
      this.#host.stale();
    };
    xhr.open('POST', slot.url);
    xhr.send(form);
    this.#host.changed();
  }

  /** A refusal of an `uploadSlot` of ours; answers whether it was one. */
  refused(error: { code: string; message: string; clientMsgId?: string }): boolean {
    const upload = error.clientMsgId === undefined ? undefined : this.#all.get(error.clientMsgId);
    if (!upload?.asking) return false;
    clearTimeout(upload.timer);
    // Still asking, a moment later (or at once on a new connection).
    if (error.code === 'rate_limited' || error.code === 'internal')
      upload.timer = setTimeout(() => this.#ask(upload), 1000 + backoffDelay(0));
    else this.#fail(upload, error.message);
    return true;
  }

  #ask(upload: Upload): void {
    this.#stop(upload);
    const { pending } = upload;
    pending.status = 'sending';
    pending.error = undefined;
    pending.file.progress = 0;
    pending.file.lost = undefined;
    upload.asking = true;
    const { name, type, size } = pending.file;
    const frame: ClientFrame = { action: 'uploadSlot', clientMsgId: pending.clientMsgId, name, type, size };
    if (this.#host.send(pending.roomId === undefined ? frame : { ...frame, roomId: pending.roomId })) {
      upload.timer = setTimeout(() => {
        this.#host.stale();
        this.#ask(upload);
      }, this.#host.answerMs);
    }
    this.#host.changed();
  }

  #done(upload: Upload, attachmentId: string): void {
    upload.pending.file = { ...upload.pending.file, id: attachmentId, progress: 1 };
    upload.ready = true;
    this.#host.changed();
    this.#release();
  }

  /**
   * Hands the uploaded files to the outbox in the order they were given (several dropped at
   * once finish in any order), passing over failed ones as the outbox passes over a failed text.
   */
  #release(): void {
    for (const upload of [...this.#all.values()]) {
      if (upload.pending.status === 'failed') continue;
      if (!upload.ready) return;
      this.#all.delete(upload.pending.clientMsgId);
      this.#host.uploaded(upload.pending);
    }
  }

  #fail(upload: Upload, message: string): void {
    this.#stop(upload);
    upload.pending.status = 'failed';
    upload.pending.error = message;
    this.#host.changed();
    this.#release();
  }

  #stop(upload: Upload): void {
    clearTimeout(upload.timer);
    upload.asking = false;
    const { xhr } = upload;
    upload.xhr = undefined;
    if (xhr) {
      xhr.onload = xhr.onerror = xhr.upload.onprogress = null;
      xhr.abort();
    }
  }
}

import type { AttachmentType } from '@support-chat/backend/protocol/attachments';
import { type KeyValueStore, readJson } from './storage.ts';

/** A message the server has not acknowledged yet. */
export interface PendingMessage {
  clientMsgId: string;
  /** Agents name the room; a visitor's messages go to their own room. */
  roomId?: string;
  text: string;
  /** When it was typed (ISO-8601), for display until the server's copy arrives. */
  createdAt: string;
  status: 'sending' | 'failed';
  /** The server's reason, when it refused the message. */
  error?: string;
  /** Agents: a note for colleagues (`sendMessage` with `internal`), never sent to the visitor. */
  internal?: true;
  /** A file going with the message (ChatClient.sendFile). */
  file?: PendingFile;
}

/** A file on its way: uploaded first (`id` unset, `progress` growing), then sent with its message like a text. */
export interface PendingFile {
  name: string;
  type: AttachmentType;
  /** In bytes. */
  size: number;
  /** The server's id for it, once uploaded. */
  id?: string;
  /** How much of it has been uploaded, 0 to 1. */
  progress: number;
  /** The upload broke off (the network, most likely): it goes again with the next connection, or on retry. */
  lost?: true;
}

/**
 * Unacknowledged messages, kept in storage so a message typed offline survives a reload
 * and is sent with its original clientMsgId. Every operation reads the stored list and
 * writes it back, so two tabs of the same site never overwrite each other's messages.
 */
export class Outbox {
  readonly #store: KeyValueStore;
  readonly #key: string;

  constructor(store: KeyValueStore, key: string) {
    this.#store = store;
    this.#key = key;
  }

  list(): PendingMessage[] {
    const parsed = readJson<unknown>(this.#store, this.#key);
    return Array.isArray(parsed) ? (parsed as PendingMessage[]).filter((m) => typeof m?.clientMsgId === 'string') : [];
  }

  get(clientMsgId: string): PendingMessage | undefined {
    return this.list().find((m) => m.clientMsgId === clientMsgId);
  }

  add(message: PendingMessage): void {
    this.#write([...this.list().filter((m) => m.clientMsgId !== message.clientMsgId), message]);
  }

  update(clientMsgId: string, change: Partial<PendingMessage>): PendingMessage | undefined {
    let updated: PendingMessage | undefined;
    this.#write(
      this.list().map((m) => {
        if (m.clientMsgId !== clientMsgId) return m;
        updated = { ...m, ...change };
        return updated;
      }),
    );
    return updated;
  }

  /** True when the message was there. */
  remove(clientMsgId: string): boolean {
    const before = this.list();
    const after = before.filter((m) => m.clientMsgId !== clientMsgId);
    if (after.length === before.length) return false;
    this.#write(after);
    return true;
  }

  #write(list: PendingMessage[]): void {
    if (list.length === 0) this.#store.remove(this.#key);
    else this.#store.set(this.#key, JSON.stringify(list));
  }
}

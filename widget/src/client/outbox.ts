import type { AttachmentType } from '@support-chat/backend/protocol/attachments';
import { type KeyValueStore, readJson, storageWrites } from './storage.ts';

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

/** A stored entry: the message, and `n`, which orders messages typed in the same millisecond in one tab. */
type StoredMessage = PendingMessage & { n?: number };

/** Orders a tab's messages typed within one millisecond (createdAt alone would tie). */
let typed = 0;

const byTyping = (a: StoredMessage, b: StoredMessage) =>
  a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : (a.n ?? 0) - (b.n ?? 0);

/**
 * Unacknowledged messages, kept in storage so a message typed offline survives a reload
 * and is sent with its original clientMsgId. Each message is a key of its own
 * (`<name>:<clientMsgId>`): the tabs of a site share the outbox, and localStorage is not one
 * store across a browser's processes (each tab reads a copy that hears of another's writes
 * a moment later), so a list under one key, read and written back, could drop a message
 * another tab had just added. A key per message is only ever added, changed or removed.
 */
export class Outbox {
  readonly #store: KeyValueStore;
  readonly #prefix: string;
  /**
   * The list as last read, and the count of storage writes then (see storageWrites): the
   * views ask for it on every render, and reading it means reading every key in storage.
   */
  #read: { writes: number; messages: PendingMessage[] } | undefined;

  constructor(store: KeyValueStore, name: string) {
    this.#store = store;
    this.#prefix = `${name}:`;
    storageWrites();
    // Before, the whole list was one key, `name`: its messages move to keys of their own.
    if (store.get(name) === null) return;
    const legacy = readJson<unknown>(store, name);
    if (Array.isArray(legacy)) for (const m of legacy as PendingMessage[]) if (typeof m?.clientMsgId === 'string') this.add(m);
    store.remove(name);
  }

  /** Oldest first, as typed. */
  list(): PendingMessage[] {
    const writes = storageWrites();
    if (this.#read?.writes !== writes) this.#read = { writes, messages: this.#readAll() };
    return [...this.#read.messages];
  }

  #readAll(): PendingMessage[] {
    const messages: StoredMessage[] = [];
    for (const key of this.#store.keys()) {
      if (!key.startsWith(this.#prefix)) continue;
      const m = readJson<StoredMessage>(this.#store, key);
      if (typeof m?.clientMsgId === 'string' && typeof m.text === 'string' && typeof m.createdAt === 'string') messages.push(m);
    }
    return messages.sort(byTyping);
  }

  get(clientMsgId: string): PendingMessage | undefined {
    const m = readJson<StoredMessage>(this.#store, this.#key(clientMsgId));
    return typeof m?.clientMsgId === 'string' ? m : undefined;
  }

  add(message: PendingMessage): void {
    this.#store.set(this.#key(message.clientMsgId), JSON.stringify({ ...message, n: ++typed }));
  }

  update(clientMsgId: string, change: Partial<PendingMessage>): PendingMessage | undefined {
    const current = this.get(clientMsgId);
    if (!current) return undefined;
    const updated = { ...current, ...change };
    this.#store.set(this.#key(clientMsgId), JSON.stringify(updated));
    return updated;
  }

  /** True when the message was there. */
  remove(clientMsgId: string): boolean {
    if (!this.get(clientMsgId)) return false;
    this.#store.remove(this.#key(clientMsgId));
    return true;
  }

  #key(clientMsgId: string): string {
    return this.#prefix + clientMsgId;
  }
}

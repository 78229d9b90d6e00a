import type { Message, RoomStatus, RoomSummary } from '@support-chat/backend/protocol';
import { type KeyValueStore, readJson, safeStorage } from '../client/storage.ts';

/** What changed when a summary came in. */
export interface InboxChange {
  /** The console had not heard of the room before. */
  isNew: boolean;
  /** The visitor wrote something since the last summary. */
  newMessage: boolean;
}

/** How far an agent has read each room: the room's `lastMessageAt` when they last saw it. */
type SeenMap = Record<string, string>;

const SEEN_KEEP_MS = 30 * 24 * 3600_000;

/**
 * The agent's inbox: every room summary the server sent (`rooms`, `roomUpdated`,
 * `roomClosed`), newest activity first, with unread counts. The server tells agents of
 * visitors' messages only, so a summary whose `lastMessageAt` moved on is a visitor
 * message; the agents' own replies are folded in from the room's `message` events.
 */
export class Inbox {
  readonly #rooms = new Map<string, RoomSummary>();
  readonly #unread = new Map<string, number>();
  #seen: SeenMap;
  readonly #store: KeyValueStore;
  readonly #key: string;

  /** `store` and `key`: where the read marks live (per agent), so a reload keeps them; memory by default. */
  constructor(store: KeyValueStore = safeStorage(null), key = 'seen') {
    this.#store = store;
    this.#key = key;
    this.#seen = this.#load();
  }

  get(roomId: string): RoomSummary | undefined {
    return this.#rooms.get(roomId);
  }

  /** The rooms of one status, newest activity first. */
  list(status: RoomStatus): RoomSummary[] {
    return [...this.#rooms.values()]
      .filter((room) => room.status === status)
      .sort((a, b) => (a.lastMessageAt < b.lastMessageAt ? 1 : a.lastMessageAt > b.lastMessageAt ? -1 : a.roomId < b.roomId ? 1 : -1));
  }

  count(status: RoomStatus): number {
    let n = 0;
    for (const room of this.#rooms.values()) if (room.status === status) n++;
    return n;
  }

  /**
   * Takes a summary: from `rooms` (`live` false) or `roomUpdated` (`live` true, where a
   * room first heard of is a new conversation with one message). `viewing`: the agent is
   * looking at this room right now.
   */
  upsert(summary: RoomSummary, { live = false, viewing = false }: { live?: boolean; viewing?: boolean } = {}): InboxChange {
    const before = this.#rooms.get(summary.roomId);
    // A summary never moves a room's activity backwards (a late `rooms` answer, an agent reply seen first).
    const merged =
      before && before.lastMessageAt > summary.lastMessageAt
        ? { ...summary, lastMessageAt: before.lastMessageAt, lastMessagePreview: before.lastMessagePreview }
        : summary;
    this.#rooms.set(summary.roomId, merged);
    const newMessage = before !== undefined ? summary.lastMessageAt > before.lastMessageAt : live && summary.lastMessagePreview !== '';
    if (viewing) this.markSeen(summary.roomId);
    else if (newMessage) this.#unread.set(summary.roomId, (this.#unread.get(summary.roomId) ?? 0) + 1);
    return { isNew: before === undefined, newMessage };
  }

  /**
   * An agent's reply seen in a joined room: the preview follows it, as agents' replies
   * raise no roomUpdated. (Visitors' messages are counted from their roomUpdated.)
   */
  noteReply(message: Message): void {
    const room = this.#rooms.get(message.roomId);
    if (!room || message.sender.role !== 'agent' || message.createdAt < room.lastMessageAt) return;
    const wasRead = this.unreadOf(message.roomId) === 0;
    this.#rooms.set(message.roomId, { ...room, lastMessageAt: message.createdAt, lastMessagePreview: oneLine(message.text) });
    if (wasRead) this.markSeen(message.roomId);
  }

  close(roomId: string): void {
    const room = this.#rooms.get(roomId);
    if (room) this.#rooms.set(roomId, { ...room, status: 'closed' });
  }

  setAgentsOnline(roomId: string, agentsOnline: number): void {
    const room = this.#rooms.get(roomId);
    if (room) this.#rooms.set(roomId, { ...room, agentsOnline });
  }

  /**
   * Visitor messages not yet seen: a number when counted live, `true` when the room has
   * activity since the agent last looked but how much is unknown (after a reload), 0 when read.
   */
  unreadOf(roomId: string): number | true {
    const room = this.#rooms.get(roomId);
    if (!room || room.status === 'closed') return 0;
    const counted = this.#unread.get(roomId);
    if (counted) return counted;
    const seen = this.#seen[roomId];
    return seen === undefined || room.lastMessageAt > seen ? true : 0;
  }

  /** The agent has looked at the room: everything in it up to now is read. */
  markSeen(roomId: string): void {
    this.#unread.delete(roomId);
    const room = this.#rooms.get(roomId);
    if (!room || this.#seen[roomId] === room.lastMessageAt) return;
    this.#seen[roomId] = room.lastMessageAt;
    this.#save();
  }

  #load(): SeenMap {
    return readJson<SeenMap | null>(this.#store, this.#key) ?? {};
  }

  #save(): void {
    const cutoff = new Date(Date.now() - SEEN_KEEP_MS).toISOString();
    for (const [roomId, at] of Object.entries(this.#seen)) if (at < cutoff) delete this.#seen[roomId];
    this.#store.set(this.#key, JSON.stringify(this.#seen));
  }
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

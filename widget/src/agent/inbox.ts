import type { RoomSummary } from '@support-chat/backend/protocol';
import { type KeyValueStore, readJson, safeStorage } from '../client/storage.ts';

/** What changed when a summary came in. */
export interface InboxChange {
  /** The console had not heard of the room before. */
  isNew: boolean;
  /** The visitor wrote something since the last summary. */
  newMessage: boolean;
}

/** The inbox's tabs: open conversations assigned to me, open ones nobody has, all open ones, closed ones. */
export type Tab = 'mine' | 'unassigned' | 'open' | 'closed';
export const TABS: readonly Tab[] = ['mine', 'unassigned', 'open', 'closed'];

/** Whether a conversation is listed under a tab; `me`: this agent's id. */
export function inTab(room: RoomSummary, tab: Tab, me: string | undefined): boolean {
  if (tab === 'closed') return room.status === 'closed';
  if (room.status !== 'open') return false;
  if (tab === 'mine') return me !== undefined && room.assignee?.agentId === me;
  if (tab === 'unassigned') return room.assignee === undefined;
  return true;
}

/** How far an agent has read each room: the room's `lastMessageAt` when they last saw it. */
type SeenMap = Record<string, string>;

const SEEN_KEEP_MS = 30 * 24 * 3600_000;

/**
 * The agent's inbox: every room summary the server sent (`rooms`, `roomUpdated`,
 * `roomClosed`, `roomReopened`, less `roomErased`), newest activity first, with unread counts. A summary
 * whose `lastMessageAt` moved on carries a new message: a visitor's counts as unread; an
 * agent's reply (this agent's or a colleague's) answers everything before it, so the room
 * reads as read in every console. Notes and marks move neither.
 *
 * Every console hears of a room when its visitor starts or stops waiting, but of each
 * message only in the rooms it follows (assigned to this agent, or open in it): elsewhere
 * a count would say 1 where the visitor wrote 3, so it says "unread" without a number.
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

  /** The rooms under a tab, newest activity first; `me`: this agent's id. */
  list(tab: Tab, me?: string): RoomSummary[] {
    return [...this.#rooms.values()]
      .filter((room) => inTab(room, tab, me))
      .sort((a, b) => (a.lastMessageAt < b.lastMessageAt ? 1 : a.lastMessageAt > b.lastMessageAt ? -1 : a.roomId < b.roomId ? 1 : -1));
  }

  count(tab: Tab, me?: string): number {
    let n = 0;
    for (const room of this.#rooms.values()) if (inTab(room, tab, me)) n++;
    return n;
  }

  /**
   * Takes a summary: from `rooms` (`live` false) or `roomUpdated` (`live` true, where a
   * room first heard of is a new conversation with one message). `viewing`: the agent is
   * looking at this room right now.
   */
  upsert(summary: RoomSummary, { live = false, viewing = false }: { live?: boolean; viewing?: boolean } = {}): InboxChange {
    const before = this.#rooms.get(summary.roomId);
    // Older than the one held (two handlers' summaries crossed on the way): nothing in it is news.
    if ((summary.revision ?? 0) < (before?.revision ?? 0)) return { isNew: false, newMessage: false };
    // A summary never moves a room's activity backwards (a late `rooms` answer, an agent reply seen first).
    const merged = before && before.lastMessageAt > summary.lastMessageAt ? { ...summary, ...latestMessageOf(before) } : summary;
    this.#rooms.set(summary.roomId, merged);
    const moved = before !== undefined ? summary.lastMessageAt > before.lastMessageAt : live && summary.lastMessagePreview !== '';
    const answered = moved && summary.lastSender?.role === 'agent';
    const newMessage = moved && !answered;
    if (viewing || answered) this.markSeen(summary.roomId);
    else if (newMessage) this.#unread.set(summary.roomId, (this.#unread.get(summary.roomId) ?? 0) + 1);
    return { isNew: before === undefined, newMessage };
  }

  close(roomId: string): void {
    this.#setStatus(roomId, 'closed');
  }

  reopen(roomId: string): void {
    this.#setStatus(roomId, 'open');
  }

  #setStatus(roomId: string, status: RoomSummary['status']): void {
    const room = this.#rooms.get(roomId);
    if (room) this.#rooms.set(roomId, { ...room, status });
  }

  /** The room was erased: nothing of it stays, its read mark neither. */
  remove(roomId: string): void {
    this.#rooms.delete(roomId);
    this.#unread.delete(roomId);
    if (!(roomId in this.#seen)) return;
    delete this.#seen[roomId];
    this.#save();
  }

  setAgentsOnline(roomId: string, agentsOnline: number): void {
    const room = this.#rooms.get(roomId);
    if (room) this.#rooms.set(roomId, { ...room, agentsOnline });
  }

  /**
   * Visitor messages not yet seen: a number when counted live in a room assigned to this
   * agent (`me`), whose every message this console hears; `true` when the room has activity
   * since the agent last looked but how much is unknown (another agent's or nobody's room,
   * or after a reload); 0 when read.
   */
  unreadOf(roomId: string, me?: string): number | true {
    const room = this.#rooms.get(roomId);
    if (!room || room.status === 'closed') return 0;
    const counted = this.#unread.get(roomId);
    if (counted) return me !== undefined && room.assignee?.agentId === me ? counted : true;
    // An agent's reply answered everything before it, whoever sent it.
    if (room.lastSender?.role === 'agent') return 0;
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

/** What a summary says of the room's latest message: when, what, who, and whether the visitor waits since. */
function latestMessageOf(room: RoomSummary): Pick<RoomSummary, 'lastMessageAt' | 'lastMessagePreview' | 'lastSender' | 'waitingSince'> {
  const { lastMessageAt, lastMessagePreview, lastSender, waitingSince } = room;
  return { lastMessageAt, lastMessagePreview, lastSender, waitingSince };
}

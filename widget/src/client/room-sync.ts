import type { ClientFrame, Message } from '@support-chat/backend/protocol';
import type { ChatClientEventMap, ChatClientOptions } from './chat-client-types.ts';
import type { Emitter } from './emitter.ts';
import type { OutboxSender } from './outbox-sender.ts';
import { RoomTimeline } from './room-timeline.ts';

type HistoryMode = 'latest' | 'after' | 'before' | 'join';

/** A room's timeline, and the history requests that fill it: one in flight at a time. */
export class RoomState extends RoomTimeline {
  queue: { mode: HistoryMode; frame: ClientFrame }[] = [];
  inflight?: HistoryMode;
  /** Set while live messages beyond the cursor wait for the ones in between. */
  gapTimer?: ReturnType<typeof setTimeout>;
}

/** See ChatClientOptions.gapFillMs. */
const GAP_FILL_MS = 1_500;
/** The visitor's own room, whatever its id: a visitor's frames never name it. */
export const OWN_ROOM = '';

/** What the rooms ask of the client. */
export interface RoomSyncHost {
  readonly role: 'visitor' | 'agent';
  /** Whether the socket is open: a request waits for the catch-up of the next one otherwise. */
  isOpen(): boolean;
  send(frame: ClientFrame): boolean;
  /** The frame as sent for the room (agents name it). */
  roomFrame<F extends ClientFrame>(frame: F, roomId: string | undefined): F;
}

/**
 * The rooms a client holds, each complete up to its cursor: the history requests that
 * fill them (one in flight per room, so each answer is known for what it is), the
 * catch-up after the cursor on every connection, and the gap a live message beyond the
 * cursor leaves, asked for if it stays. Agents' joined rooms are re-joined the same way.
 */
export class RoomSync {
  readonly #host: RoomSyncHost;
  /** The messages that come retire the outbox's entries they acknowledge. */
  readonly #sender: Pick<OutboxSender, 'acknowledge' | 'flush'>;
  readonly #events: Emitter<ChatClientEventMap>;
  readonly #options: Pick<ChatClientOptions, 'historyPageSize' | 'gapFillMs'>;
  readonly #rooms = new Map<string, RoomState>();
  readonly #joined = new Set<string>();
  /** Whose the visitor's timeline is (a customer's sub, '' for anonymous): a connection as someone else starts it afresh. */
  timelineOf: string | undefined;

  constructor(
    host: RoomSyncHost,
    sender: Pick<OutboxSender, 'acknowledge' | 'flush'>,
    events: Emitter<ChatClientEventMap>,
    options: Pick<ChatClientOptions, 'historyPageSize' | 'gapFillMs'>,
  ) {
    this.#host = host;
    this.#sender = sender;
    this.#events = events;
    this.#options = options;
  }

  /** The room (a visitor's own, whatever the id), made empty if there is none yet. */
  room(roomId: string | undefined): RoomState {
    const key = this.#host.role === 'visitor' ? OWN_ROOM : (roomId ?? OWN_ROOM);
    let room = this.#rooms.get(key);
    if (!room) {
      room = new RoomState();
      this.#rooms.set(key, room);
    }
    return room;
  }

  /** The visitor's timeline is `who`'s from now on: someone else's is dropped. */
  timelineFor(who: string): void {
    if (this.timelineOf !== undefined && this.timelineOf !== who) this.#rooms.delete(OWN_ROOM);
    this.timelineOf = who;
  }

  /** Forgets every room (the visitor was forgotten). */
  clear(): void {
    this.#rooms.clear();
  }

  /** Agents: enter a room, and re-enter it on every connection. */
  join(roomId: string): void {
    this.#joined.add(roomId);
    this.enqueue(this.room(roomId), roomId, 'join', { action: 'join', roomId });
  }

  leave(roomId: string): void {
    this.#joined.delete(roomId);
  }

  /** A connection opened: catch up on what was said while away in every room. */
  catchUp(): void {
    if (this.#host.role === 'visitor') this.#catchUp(OWN_ROOM);
    else for (const roomId of this.#joined) this.#catchUp(roomId);
  }

  /** The page came back: ask every room for what came after its cursor. */
  askAfterCursors(): void {
    for (const roomId of this.#host.role === 'visitor' ? [OWN_ROOM] : this.#joined) this.#askAfterCursor(roomId);
  }

  /** The connection went: its requests are made again by the next one's catch-up. */
  dropRequests(): void {
    for (const room of this.#rooms.values()) {
      room.queue = [];
      room.inflight = undefined;
      // The catch-up after the next connect fills any gap.
      clearTimeout(room.gapTimer);
      room.gapTimer = undefined;
    }
  }

  /** A live message. */
  receiveMessage(message: Message): void {
    const room = this.room(message.roomId);
    this.merge(room, [message], true);
    this.#advance(room, message.roomId);
  }

  receiveHistory(roomId: string, messages: Message[], hasMore: boolean): void {
    const room = this.room(roomId);
    const mode = room.inflight;
    room.inflight = undefined;
    this.merge(room, messages, false);
    if (mode === 'before' || ((mode === 'latest' || mode === 'join') && room.syncedSeq === undefined)) room.hasOlder = hasMore;
    const last = messages.at(-1);
    if (mode !== undefined && mode !== 'before') {
      // A latest page, or everything after the cursor up to its last message: either way
      // nothing up to that message is missing (numbers the server skipped do not exist,
      // or are not this client's to see).
      room.syncedSeq = Math.max(room.syncedSeq ?? 0, last?.seq ?? 0);
    }
    if (mode === 'after' && hasMore && last) {
      const limit = this.#options.historyPageSize;
      const frame = this.#host.roomFrame({ action: 'history', after: last.seq, ...(limit && { limit }) }, roomId);
      room.queue.unshift({ mode: 'after', frame });
    }
    this.#advance(room, roomId);
    this.#pump(room);
  }

  /** A history or join request was refused: the next request in line goes. */
  refused(): void {
    for (const room of this.#rooms.values()) {
      if (room.inflight === undefined) continue;
      room.inflight = undefined;
      this.#pump(room);
    }
  }

  /** Adds unseen messages in number order and retires the outbox entries they acknowledge. */
  merge(room: RoomState, messages: Message[], live: boolean): void {
    let acknowledged = false;
    for (const message of messages) {
      acknowledged = this.#sender.acknowledge(message.clientMsgId) || acknowledged;
      if (!room.add(message)) continue;
      this.#events.emit('message', { message, live });
    }
    if (acknowledged) this.#sender.flush();
  }

  /** One history-producing request per room at a time, so each answer is known for what it is. */
  enqueue(room: RoomState, roomId: string | undefined, mode: HistoryMode, frame: ClientFrame): void {
    const limit = this.#options.historyPageSize;
    if (frame.action === 'history' && limit) frame = { ...frame, limit };
    room.queue.push({ mode, frame: mode === 'join' ? frame : this.#host.roomFrame(frame, roomId) });
    this.#pump(room);
  }

  #pump(room: RoomState): void {
    if (room.inflight !== undefined || !this.#host.isOpen()) return;
    const next = room.queue.shift();
    if (!next) return;
    room.inflight = next.mode;
    this.#host.send(next.frame);
  }

  #catchUp(roomId: string): void {
    const room = this.room(roomId);
    if (this.#host.role === 'agent') this.enqueue(room, roomId, 'join', { action: 'join', roomId });
    if (room.syncedSeq !== undefined) this.enqueue(room, roomId, 'after', { action: 'history', after: room.syncedSeq });
    else if (this.#host.role === 'visitor') this.enqueue(room, roomId, 'latest', { action: 'history' });
  }

  /**
   * Moves the catch-up cursor over every message held in a row after it. Messages can
   * arrive out of order (concurrent sends finish in any order): one beyond a gap is
   * shown at once, and if the gap is still there after a moment it is asked for.
   */
  #advance(room: RoomState, roomId: string): void {
    if (!room.advance()) {
      clearTimeout(room.gapTimer);
      room.gapTimer = undefined;
      return;
    }
    room.gapTimer ??= setTimeout(() => {
      room.gapTimer = undefined;
      this.#askAfterCursor(roomId);
    }, this.#options.gapFillMs ?? GAP_FILL_MS);
  }

  /** Asks for what came after the room's cursor, unless it is being asked for already. */
  #askAfterCursor(roomId: string): void {
    const room = this.room(roomId);
    const catchingUp = room.inflight === 'after' || room.queue.some((q) => q.mode === 'after');
    if (room.syncedSeq === undefined || catchingUp) return;
    this.enqueue(room, roomId === OWN_ROOM ? undefined : roomId, 'after', { action: 'history', after: room.syncedSeq });
  }
}

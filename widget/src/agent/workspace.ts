import type { Message, RoomSummary, ServerEvent } from '@support-chat/backend/protocol';
import type { ServerError } from '../client/chat-client.ts';
import type { KeyValueStore } from '../client/storage.ts';
import { Inbox, type Tab } from './inbox.ts';

/** A visitor's message that deserves the agent's attention: the first of a conversation, or another. */
export interface Arrival {
  room: RoomSummary;
  reason: 'new-conversation' | 'message';
}

/**
 * What the console knows of the conversations, between a sign-in and a sign-out: the
 * inbox, how far each visitor has read, the read receipts sent, unsent drafts, and rooms
 * that turned out not to exist. The server's events are folded in here (`apply`); typing
 * and the open conversation's messages are the element's.
 */
export class Workspace {
  readonly inbox: Inbox;
  /** What the agent has typed and not sent, per room. */
  readonly drafts = new Map<string, string>();
  /** Rooms the server says do not exist (a bad link, or erased). */
  readonly missing = new Set<string>();
  /** Rooms an admin erased while this console was open: shown as such where one was open. */
  readonly erased = new Set<string>();
  readonly #visitorRead = new Map<string, number>();
  readonly #readSent = new Map<string, number>();

  /** `store` and `key`: where the inbox keeps its read marks (memory by default). */
  constructor(store?: KeyValueStore, key?: string) {
    this.inbox = new Inbox(store, key);
  }

  /** Folds in an event of the server's; answers a visitor's message that deserves attention. `viewing`: the agent is looking at that room. */
  apply(event: ServerEvent, viewing: (roomId: string) => boolean): Arrival | undefined {
    switch (event.type) {
      case 'rooms':
        for (const room of event.rooms) this.inbox.upsert(room, { viewing: viewing(room.roomId) });
        break;
      case 'roomUpdated': {
        const { room } = event;
        const change = this.inbox.upsert(room, { live: true, viewing: viewing(room.roomId) });
        if (change.newMessage) return { room, reason: change.isNew ? 'new-conversation' : 'message' };
        break;
      }
      case 'roomClosed':
        this.inbox.close(event.roomId);
        break;
      case 'roomReopened':
        this.inbox.reopen(event.roomId);
        break;
      case 'roomErased':
        this.inbox.remove(event.roomId);
        this.drafts.delete(event.roomId);
        this.#visitorRead.delete(event.roomId);
        this.#readSent.delete(event.roomId);
        this.missing.add(event.roomId);
        this.erased.add(event.roomId);
        break;
      case 'presence':
        this.inbox.setAgentsOnline(event.roomId, event.agentsOnline);
        break;
      case 'read':
        if (event.role === 'visitor' && event.seq > this.visitorReadSeq(event.roomId)) this.#visitorRead.set(event.roomId, event.seq);
        break;
    }
    return undefined;
  }

  /**
   * The rooms under a tab, newest activity first, that match the filter (name or email, typed
   * or verified, the verified customer's id, text or room id); `me`: this agent's id.
   */
  rooms(tab: Tab, filter: string, me?: string): RoomSummary[] {
    const query = filter.trim().toLowerCase();
    const rooms = this.inbox.list(tab, me);
    if (!query) return rooms;
    return rooms.filter((room) =>
      [
        room.visitorName,
        room.visitorEmail,
        room.customer?.name,
        room.customer?.email,
        room.customer?.id,
        room.lastMessagePreview,
        room.roomId,
      ].some((field) => field?.toLowerCase().includes(query)),
    );
  }

  /** The other agents in a room: `here` is the room this console is in, and counts as one of them. */
  othersIn(room: RoomSummary, here: string | undefined): number {
    return Math.max(0, room.agentsOnline - (room.roomId === here ? 1 : 0));
  }

  /** A refusal about the open room: a room that does not exist is marked missing (answers true: shown in its place). */
  refused(error: ServerError, open: string | undefined): boolean {
    const missing = error.code === 'not_found' && (error.action === 'join' || error.action === 'history') && open !== undefined;
    if (missing) this.missing.add(open);
    return missing;
  }

  /** The latest message number the room's visitor has read, 0 for none. */
  visitorReadSeq(roomId: string): number {
    return this.#visitorRead.get(roomId) ?? 0;
  }

  /**
   * The agent sees the room: everything in it is read. Answers the number of the visitor's
   * latest message when the visitor has not been told yet that it was read.
   */
  viewed(roomId: string, messages: readonly Message[]): number | undefined {
    this.inbox.markSeen(roomId);
    const latest = messages.findLast((m) => m.sender.role === 'visitor');
    if (!latest || latest.seq <= (this.#readSent.get(roomId) ?? 0)) return undefined;
    this.#readSent.set(roomId, latest.seq);
    return latest.seq;
  }
}

import type { ClosedRoom, RoomRecord, StoredRating } from '../chat/model.ts';
import type { RoomStore } from '../chat/ports.ts';
import type { AgentRef } from '../protocol/index.ts';
import { type RoomRecords, toRoom } from './room-records.ts';

/**
 * A room's conversation as its record keeps it: who holds it, its first reply, its close
 * and the rating asked for then, its reopening.
 */
export function roomConversation(records: RoomRecords): Pick<RoomStore, 'assign' | 'claimFirstReply' | 'close' | 'saveRating' | 'reopen'> {
  return {
    /**
     * Sets or clears the assignee, on the condition that the current one is `expected`: two
     * agents who take a room at once both condition on "nobody", and one of them wins.
     */
    async assign(
      roomId: string,
      to: AgentRef | undefined,
      expected: string | undefined,
      now: string,
    ): Promise<{ room: RoomRecord; conflict: boolean } | undefined> {
      const holds = expected === undefined ? 'attribute_not_exists(assignee)' : 'assignee.agentId = :expected';
      const outcome = await records.revise(roomId, {
        expression: to ? 'SET assignee = :to, assignedAt = :now' : 'REMOVE assignee, assignedAt',
        condition: `attribute_exists(roomId) AND ${holds}`,
        values: { ...(to && { ':to': to, ':now': now }), ...(expected !== undefined && { ':expected': expected }) },
        returnValues: 'ALL_NEW',
        failedItem: true,
      });
      if (outcome.applied) return { room: toRoom(outcome.output!), conflict: false };
      return outcome.item ? { room: toRoom(outcome.item), conflict: true } : undefined;
    },

    /** Of concurrent replies, the one that sets `conversationRepliedAt` first is the conversation's first. */
    async claimFirstReply(roomId: string, startedAt: string, at: string): Promise<boolean> {
      return records.claim(
        roomId,
        'conversationRepliedAt',
        at,
        'conversationStartedAt = :since AND attribute_not_exists(conversationRepliedAt)',
        startedAt,
      );
    },

    /**
     * Closes a room at `at`, asking for a rating or not (the previous rating stays until a new
     * one), and ends its conversation: of two closes at once, one finds the conversation under
     * way (`ended`), so it is counted once. Undefined when there is no such room.
     */
    async close(roomId: string, at: string, askRating: boolean): Promise<ClosedRoom | undefined> {
      const before = await records.update(roomId, {
        set: ['#status = :closed', 'closedAt = :at', ...(askRating ? ['ratingAskedAt = :at'] : [])],
        remove: ['conversationStartedAt', 'conversationRepliedAt', ...(askRating ? [] : ['ratingAskedAt'])],
        condition: 'attribute_exists(roomId)',
        names: { '#status': 'status' },
        values: { ':closed': 'closed', ':at': at },
        returnOld: true,
      });
      if (!before) return undefined;
      const { conversationStartedAt: startedAt, conversationRepliedAt: repliedAt, ratingAskedAt: _asked, ...rest } = before;
      return {
        room: { ...rest, status: 'closed', closedAt: at, ...(askRating && { ratingAskedAt: at }), revision: (before.revision ?? 0) + 1 },
        ...(startedAt !== undefined && { ended: { startedAt, ...(repliedAt !== undefined && { repliedAt }) } }),
      };
    },

    /** Stores a rating if the room is as read (`revision`), closed, and asking about the close the rating is of. */
    async saveRating(roomId: string, rating: StoredRating, revision: number | undefined): Promise<RoomRecord | undefined> {
      return records.update(roomId, {
        set: ['rating = :rating'],
        condition: `#status = :closed AND ratingAskedAt = :asked AND ${revision === undefined ? 'attribute_not_exists(#revision)' : '#revision = :revision'}`,
        names: { '#status': 'status' },
        values: {
          ':rating': rating,
          ':closed': 'closed',
          ':asked': rating.closedAt,
          ...(revision !== undefined && { ':revision': revision }),
        },
      });
    },

    /** Reopens a closed room: the room, or undefined when there is no such room or it was open. */
    async reopen(roomId: string): Promise<RoomRecord | undefined> {
      return records.update(roomId, {
        set: ['#status = :open'],
        condition: 'attribute_exists(roomId) AND #status = :closed',
        names: { '#status': 'status' },
        values: { ':open': 'open', ':closed': 'closed' },
      });
    },
  };
}

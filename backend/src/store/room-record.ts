import type { RoomRecord } from '../chat/model.ts';
import type { MessageRecord } from '../chat/ports.ts';

/** Room records as the store reads and works them out: plain functions of DynamoRoomStore's (room-store.ts). */

/** The room after recordMessage's update, worked out from the room before it. */
export function applied(before: RoomRecord | undefined, roomId: string, update: MessageRecord): RoomRecord {
  const after: RoomRecord = {
    ...(before ?? { roomId, status: 'open', createdAt: update.at }),
    lastSeq: update.seq,
    revision: (before?.revision ?? 0) + 1,
  };
  if (update.role === 'system') return after;
  Object.assign(after, {
    lastMessageAt: update.at,
    lastMessagePreview: update.preview,
    lastSender: update.sender ?? { role: update.role },
  });
  if (update.role === 'visitor') {
    Object.assign(after, {
      status: 'open',
      waitingSince: before?.waitingSince ?? update.at,
      conversationStartedAt: before?.conversationStartedAt ?? update.at,
    });
  }
  if (update.role === 'agent') {
    after.lastAgentAt = update.at;
    delete after.waitingSince;
  }
  return after;
}

/** A Rooms item as the room record it holds (without the store's own retention attributes). */
export function toRoom(item: Record<string, unknown>): RoomRecord {
  const { sk: _sk, activeAt: _activeAt, expiresAt: _expiresAt, ...room } = item;
  return room as unknown as RoomRecord;
}

/** An object with its keys in order, nested ones too, so two equal values serialize alike whatever order the store kept. */
export function sortedKeys(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => [k, sortedKeys(v)]),
  );
}

import { RoomNotFoundError, ForbiddenError, BadRequestError } from '../errors.ts';
import type { RoomSummary, ServerEvent } from '../protocol/index.ts';
import type { Connection, Member } from '../store/connection-store.ts';
import type { RoomRecord } from '../store/room-store.ts';
import { AGENT_INBOX_KEY } from '../store/connection-store.ts';
import type { ChatDeps } from './deps.ts';
import { sendToAll } from './fanout.ts';

/**
 * The room a frame is about. A visitor has exactly one room, their own: naming another
 * is forbidden, and saying nothing means their own. An agent must name an existing room.
 */
export async function resolveRoom(
  deps: ChatDeps,
  caller: Connection,
  roomId: string | undefined,
): Promise<{ roomId: string; room: RoomRecord | undefined }> {
  if (caller.role === 'visitor') {
    if (roomId !== undefined && roomId !== caller.roomId) throw new ForbiddenError('A visitor can only use their own room.');
    return { roomId: caller.roomId, room: undefined };
  }
  if (roomId === undefined) throw new BadRequestError('roomId: an agent must name the room.');
  const room = await deps.rooms.get(roomId);
  if (!room) throw new RoomNotFoundError();
  return { roomId, room };
}

export function countAgents(members: Member[]): number {
  return members.filter((m) => m.role === 'agent').length;
}

export function toSummary(room: RoomRecord, agentsOnline: number): RoomSummary {
  const summary: RoomSummary = {
    roomId: room.roomId,
    status: room.status,
    createdAt: room.createdAt,
    lastMessageAt: room.lastMessageAt ?? room.createdAt,
    lastMessagePreview: room.lastMessagePreview ?? '',
    agentsOnline,
  };
  if (room.visitorName !== undefined) summary.visitorName = room.visitorName;
  if (room.visitorEmail !== undefined) summary.visitorEmail = room.visitorEmail;
  return summary;
}

/** Tells every agent connection about a room's new state (the inbox's live update). */
export async function announceRoom(deps: ChatDeps, room: RoomRecord, roomMembers?: Member[]): Promise<void> {
  // A room without messages is not in the inbox yet; agents hear of it with its first message.
  if (room.lastMessageAt === undefined) return;
  const [agents, members] = await Promise.all([
    deps.connections.members(AGENT_INBOX_KEY),
    roomMembers ?? deps.connections.members(room.roomId),
  ]);
  await sendToAll(
    deps,
    agents.map((a) => a.connectionId),
    { type: 'roomUpdated', room: toSummary(room, countAgents(members)) },
  );
}

/** Sends an event to everyone in a room but the caller: typing indicators, read receipts. */
export async function sendToOthersInRoom(deps: ChatDeps, roomId: string, caller: Connection, event: ServerEvent): Promise<void> {
  const members = await deps.connections.members(roomId);
  await sendToAll(
    deps,
    members.filter((m) => m.connectionId !== caller.connectionId).map((m) => m.connectionId),
    event,
  );
}

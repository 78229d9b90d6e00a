import { BadRequestError, ForbiddenError, RoomNotFoundError } from '../errors.ts';
import type { ServerEvent } from '../protocol/index.ts';
import type { ChatContext } from './deps.ts';
import type { Connection, RoomRecord } from './model.ts';

/**
 * The room a frame is about. A visitor has exactly one room, their own: naming another
 * is forbidden, and saying nothing means their own. An agent must name an existing room
 * (read here, and handed back); a visitor's room is not read, since it may not exist yet.
 */
export async function resolveRoom(
  ctx: ChatContext,
  caller: Connection,
  roomId: string | undefined,
): Promise<{ roomId: string; room: RoomRecord | undefined }> {
  if (caller.role === 'visitor') {
    if (roomId !== undefined && roomId !== caller.roomId) throw new ForbiddenError('A visitor can only use their own room.');
    return { roomId: caller.roomId, room: undefined };
  }
  if (roomId === undefined) throw new BadRequestError('roomId: an agent must name the room.');
  const room = await ctx.rooms.get(roomId);
  if (!room) throw new RoomNotFoundError();
  return { roomId, room };
}

/** Sends an event to everyone in a room but the caller: typing indicators, read receipts. */
export async function sendToOthersInRoom(ctx: ChatContext, roomId: string, caller: Connection, event: ServerEvent): Promise<void> {
  const members = await ctx.connections.members(roomId);
  await ctx.out.send(
    members.filter((m) => m.connectionId !== caller.connectionId),
    event,
  );
}

import { RoomNotFoundError } from '../../errors.ts';
import type { CloseRoomFrame } from '../../protocol/index.ts';
import type { ChatContext } from '../deps.ts';
import { AGENT_INBOX, type Connection } from '../model.ts';
import { announceRoom } from '../presence.ts';

/** An agent closes a room: the room and every agent hear it. A visitor's next message reopens it. */
export async function closeRoom(ctx: ChatContext, _caller: Connection, frame: CloseRoomFrame): Promise<void> {
  const room = await ctx.rooms.close(frame.roomId);
  if (!room) throw new RoomNotFoundError();
  const [members, agents] = await Promise.all([ctx.connections.members(frame.roomId), ctx.connections.members(AGENT_INBOX)]);
  await ctx.out.send([...members, ...agents], { type: 'roomClosed', roomId: frame.roomId });
  await announceRoom(ctx, room, members);
}

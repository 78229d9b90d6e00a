import type { ListRoomsFrame } from '../../protocol/index.ts';
import { DEFAULT_PAGE_SIZE } from '../../protocol/limits.ts';
import type { ChatContext } from '../deps.ts';
import type { Connection } from '../model.ts';
import { countAgents, toSummary } from '../presence.ts';

/** The inbox: rooms of one status, newest activity first, each with its agents online. */
export async function listRooms(ctx: ChatContext, caller: Connection, frame: ListRoomsFrame): Promise<void> {
  const records = await ctx.rooms.list(frame.status ?? 'open', frame.limit ?? DEFAULT_PAGE_SIZE);
  // One small Query per listed room (at most 100), in parallel: an exact count that a
  // counter on the room record could not promise when a $disconnect is lost.
  const rooms = await Promise.all(records.map(async (room) => toSummary(room, countAgents(await ctx.connections.members(room.roomId)))));
  await ctx.out.send([caller.connectionId], { type: 'rooms', rooms });
}

import { RoomNotFoundError } from '../../errors.ts';
import type { VisitorRoomsFrame } from '../../protocol/index.ts';
import type { ChatContext } from '../deps.ts';
import type { AgentConnection } from '../model.ts';
import { countAgents, toSummary } from '../presence.ts';

/** The most of a visitor's other conversations an agent is shown. */
const OTHER_ROOMS = 20;

/** A visitor's other conversations (the rooms where they gave the same email), newest first. */
export async function visitorRooms(ctx: ChatContext, caller: AgentConnection, frame: VisitorRoomsFrame): Promise<void> {
  const room = await ctx.rooms.get(frame.roomId);
  if (!room) throw new RoomNotFoundError();
  const others = room.visitorRef
    ? (await ctx.rooms.byVisitor(room.visitorRef, OTHER_ROOMS + 1)).filter((other) => other.roomId !== room.roomId).slice(0, OTHER_ROOMS)
    : [];
  const rooms = await Promise.all(others.map(async (other) => toSummary(other, countAgents(await ctx.connections.members(other.roomId)))));
  await ctx.out.send([caller.connectionId], { type: 'visitorRooms', roomId: room.roomId, rooms });
}

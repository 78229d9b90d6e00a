import { RoomNotFoundError } from '../../errors.ts';
import type { JoinFrame, LeaveFrame } from '../../protocol/index.ts';
import { DEFAULT_PAGE_SIZE } from '../../protocol/limits.ts';
import type { ChatContext } from '../deps.ts';
import type { Connection } from '../model.ts';
import { announcePresence, countAgents, toSummary } from '../presence.ts';

type Agent = Connection & { role: 'agent' };

/** An agent enters a room: gets its latest history; the room hears of the agent. */
export async function join(ctx: ChatContext, caller: Agent, frame: JoinFrame): Promise<void> {
  const room = await ctx.rooms.get(frame.roomId);
  if (!room) throw new RoomNotFoundError();
  // False when the connection closed meanwhile: nobody is left to answer or announce.
  if (!(await ctx.connections.join(caller.connectionId, frame.roomId, caller, ctx.now()))) return;
  // Read once the membership exists: a change made before it (the visitor's context, their
  // name) is in this read, and one made after it reaches the agent as a member. Read before
  // it, a change in between would reach the agent by neither way.
  const [current, page, members] = await Promise.all([
    ctx.rooms.get(frame.roomId),
    // An agent's page, with the notes and the timeline's marks.
    ctx.messages.page(frame.roomId, { limit: DEFAULT_PAGE_SIZE, internal: true }),
    ctx.connections.members(frame.roomId),
  ]);
  await ctx.out.send([caller.connectionId], { type: 'history', roomId: frame.roomId, ...page });
  await ctx.out.send([caller.connectionId], { type: 'roomUpdated', room: toSummary(current ?? room, countAgents(members)) });
  await announcePresence(ctx, room.roomId, 'joined', caller.name);
}

/** An agent leaves a room; the room hears of it. */
export async function leave(ctx: ChatContext, caller: Agent, frame: LeaveFrame): Promise<void> {
  const room = await ctx.rooms.get(frame.roomId);
  if (!room) throw new RoomNotFoundError();
  await ctx.connections.leave(caller.connectionId, frame.roomId);
  // The leaver hears it too, as the confirmation.
  await announcePresence(ctx, frame.roomId, 'left', caller.name, caller.connectionId);
}

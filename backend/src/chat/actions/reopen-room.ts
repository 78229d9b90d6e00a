import { RoomNotFoundError } from '../../errors.ts';
import type { ReopenRoomFrame } from '../../protocol/index.ts';
import type { ChatContext } from '../deps.ts';
import { markRoom } from '../marks.ts';
import { AGENT_INBOX, type AgentConnection } from '../model.ts';
import { announceRoom, countAgents, toSummary } from '../presence.ts';

/** An agent reopens a closed conversation: the visitor's "closed" notice goes, and the timeline keeps a mark. */
export async function reopenRoom(ctx: ChatContext, caller: AgentConnection, frame: ReopenRoomFrame): Promise<void> {
  const room = await ctx.rooms.reopen(frame.roomId);
  const [members, agents] = await Promise.all([ctx.connections.members(frame.roomId), ctx.connections.members(AGENT_INBOX)]);
  if (!room) {
    const current = await ctx.rooms.get(frame.roomId);
    if (!current) throw new RoomNotFoundError();
    // Open already: the caller's console gets it as it is.
    return void (await ctx.out.send([caller.connectionId], { type: 'roomUpdated', room: toSummary(current, countAgents(members)) }));
  }
  await markRoom(ctx, room, { type: 'reopened', by: caller.name }, members);
  await ctx.out.send([...members, ...agents], { type: 'roomReopened', roomId: frame.roomId });
  await announceRoom(ctx, (await ctx.rooms.get(frame.roomId)) ?? room, members);
}

import { RoomNotFoundError } from '../../errors.ts';
import type { CloseRoomFrame } from '../../protocol/index.ts';
import type { ChatContext } from '../deps.ts';
import { markRoom } from '../marks.ts';
import { AGENT_INBOX, type AgentConnection } from '../model.ts';
import { announceRoom, countAgents, toSummary } from '../presence.ts';
import { ratingRequest } from '../ratings.ts';
import { countClose } from '../report-counts.ts';

/**
 * An agent closes a room: the room and every agent hear it, the timeline keeps a mark,
 * unless the agent said not to (`askRating: false`) the visitor is asked to rate it, and
 * the conversation it ends counts for the reports. A visitor's next message reopens it.
 */
export async function closeRoom(ctx: ChatContext, caller: AgentConnection, frame: CloseRoomFrame): Promise<void> {
  const before = await ctx.rooms.get(frame.roomId);
  if (!before) throw new RoomNotFoundError();
  const [members, agents] = await Promise.all([ctx.connections.members(frame.roomId), ctx.connections.members(AGENT_INBOX)]);
  if (before.status === 'closed') {
    return void (await ctx.out.send([caller.connectionId], { type: 'roomUpdated', room: toSummary(before, countAgents(members)) }));
  }
  const askRating = frame.askRating ?? true;
  const now = ctx.now();
  const closed = await ctx.rooms.close(frame.roomId, new Date(now).toISOString(), askRating);
  if (!closed) throw new RoomNotFoundError();
  await countClose(ctx, closed, { at: new Date(now).toISOString(), agentId: caller.agentId });
  const { room } = closed;
  await markRoom(ctx, room, { type: 'closed', by: caller.name, ...(!askRating && { noRating: true as const }) }, members);
  await ctx.out.send([...members, ...agents], { type: 'roomClosed', roomId: frame.roomId });
  const request = ratingRequest(room, now);
  if (request) {
    await ctx.out.send(
      members.filter((m) => m.role === 'visitor'),
      { type: 'rating', ...request },
    );
  }
  await announceRoom(ctx, (await ctx.rooms.get(frame.roomId)) ?? room, members);
}

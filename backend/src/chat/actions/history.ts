import type { HistoryFrame } from '../../protocol/index.ts';
import { DEFAULT_PAGE_SIZE } from '../../protocol/limits.ts';
import type { ChatContext } from '../deps.ts';
import { LINK_LIFETIME_MS } from '../follow-up.ts';
import type { Connection } from '../model.ts';
import { countAgents } from '../presence.ts';
import { ratingRequest } from '../ratings.ts';
import { resolveRoom } from '../rooms.ts';
import { teamStatus } from '../team.ts';

/**
 * A page of the room's history to the asker. A visitor asks on every (re)connect to catch
 * up, so what a visitor's widget shows beside the messages rides along: API Gateway cannot
 * post to a connection during its own $connect, and this is the visitor's first moment.
 */
export async function history(ctx: ChatContext, caller: Connection, frame: HistoryFrame): Promise<void> {
  const { roomId } = await resolveRoom(ctx, caller, frame.roomId);
  // Agents see their notes and the timeline's marks; a visitor's pages leave them out.
  const page = await ctx.messages.page(roomId, {
    before: frame.before,
    after: frame.after,
    limit: frame.limit ?? DEFAULT_PAGE_SIZE,
    internal: caller.role === 'agent',
  });
  await ctx.out.send([caller.connectionId], { type: 'history', roomId, ...page });
  if (caller.role === 'visitor') await visitorState(ctx, caller);
}

/**
 * What a visitor's widget shows beside the messages: agents in the room and whether the
 * conversation is closed, the name and email given (on a new device too), who is handling
 * it, the rating a closed conversation asks for, the team's
 * hours and availability, and, for a browser that came through an email's link, a fresh
 * token to keep the conversation with.
 */
async function visitorState(ctx: ChatContext, caller: Connection & { role: 'visitor' }): Promise<void> {
  const { roomId } = caller;
  const [members, room, status] = await Promise.all([ctx.connections.members(roomId), ctx.rooms.get(roomId), teamStatus(ctx)]);
  const to = [caller.connectionId];
  await ctx.out.send(to, { type: 'presence', roomId, agentsOnline: countAgents(members), status: room?.status ?? 'open' });
  if (room?.visitorName !== undefined || room?.visitorEmail !== undefined) {
    await ctx.out.send(to, {
      type: 'profile',
      roomId,
      ...(room.visitorName !== undefined && { name: room.visitorName }),
      ...(room.visitorEmail !== undefined && { email: room.visitorEmail }),
    });
  }
  if (room?.assignee) await ctx.out.send(to, { type: 'assigned', roomId, name: room.assignee.name });
  // A visitor away when the conversation closed is asked for their rating when they come back.
  const request = ratingRequest(room, ctx.now());
  if (request) await ctx.out.send(to, { type: 'rating', ...request });
  await ctx.out.send(to, { type: 'team', status });
  if (caller.resumed) {
    await ctx.out.send(to, { type: 'resume', roomId, token: await ctx.links.resumeToken(roomId, ctx.now() + LINK_LIFETIME_MS) });
  }
}

import type { HistoryFrame } from '../../protocol/index.ts';
import { DEFAULT_PAGE_SIZE } from '../../protocol/limits.ts';
import type { Connection } from '../model.ts';
import type { ChatContext } from '../deps.ts';
import { countAgents } from '../presence.ts';
import { resolveRoom } from '../rooms.ts';

/**
 * A page of the room's history to the asker. A visitor asks on every (re)connect to
 * catch up, so the room's presence rides along: API Gateway cannot post to a connection
 * during its own $connect, and this is the visitor's first moment to hear it.
 */
export async function history(ctx: ChatContext, caller: Connection, frame: HistoryFrame): Promise<void> {
  const { roomId } = await resolveRoom(ctx, caller, frame.roomId);
  const [page, members] = await Promise.all([
    ctx.messages.page(roomId, { before: frame.before, after: frame.after, limit: frame.limit ?? DEFAULT_PAGE_SIZE }),
    caller.role === 'visitor' ? ctx.connections.members(roomId) : undefined,
  ]);
  await ctx.out.send([caller.connectionId], { type: 'history', roomId, ...page });
  if (members) await ctx.out.send([caller.connectionId], { type: 'presence', roomId, agentsOnline: countAgents(members) });
}

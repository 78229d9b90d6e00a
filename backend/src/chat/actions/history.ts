import type { HistoryFrame } from '../../protocol/index.ts';
import { DEFAULT_PAGE_SIZE } from '../../protocol/limits.ts';
import type { Connection } from '../../store/connection-store.ts';
import type { ChatDeps } from '../deps.ts';
import { sendTo } from '../fanout.ts';
import { countAgents, resolveRoom } from '../rooms.ts';

/**
 * A page of the room's history to the asker. A visitor asks on every (re)connect to
 * catch up, so the room's presence rides along: API Gateway cannot post to a connection
 * during its own $connect, and this is the visitor's first moment to hear it.
 */
export async function history(deps: ChatDeps, caller: Connection, frame: HistoryFrame): Promise<void> {
  const { roomId } = await resolveRoom(deps, caller, frame.roomId);
  const page = await deps.messages.page(roomId, {
    before: frame.before,
    after: frame.after,
    limit: frame.limit ?? DEFAULT_PAGE_SIZE,
  });
  await sendTo(deps, caller.connectionId, { type: 'history', roomId, ...page });
  if (caller.role === 'visitor') {
    const members = await deps.connections.members(roomId);
    await sendTo(deps, caller.connectionId, { type: 'presence', roomId, agentsOnline: countAgents(members) });
  }
}

import type { ListRoomsFrame } from '../../protocol/index.ts';
import { DEFAULT_PAGE_SIZE } from '../../protocol/limits.ts';
import type { Connection } from '../../store/connection-store.ts';
import type { ChatDeps } from '../deps.ts';
import { sendTo } from '../fanout.ts';
import { countAgents, toSummary } from '../rooms.ts';

/** The inbox: rooms of one status, newest activity first, each with its agents online. */
export async function listRooms(deps: ChatDeps, caller: Connection, frame: ListRoomsFrame): Promise<void> {
  const records = await deps.rooms.list(frame.status ?? 'open', frame.limit ?? DEFAULT_PAGE_SIZE);
  // One small Query per listed room (at most 100), in parallel: an exact count that a
  // counter on the room record could not promise when a $disconnect is lost.
  const rooms = await Promise.all(
    records.map(async (room) => toSummary(room, countAgents(await deps.connections.members(room.roomId)))),
  );
  await sendTo(deps, caller.connectionId, { type: 'rooms', rooms });
}

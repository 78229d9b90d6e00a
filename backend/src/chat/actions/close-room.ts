import type { CloseRoomFrame } from '../../protocol/index.ts';
import { RoomNotFoundError } from '../../errors.ts';
import { AGENT_INBOX_KEY, type Connection } from '../../store/connection-store.ts';
import type { ChatDeps } from '../deps.ts';
import { sendToAll } from '../fanout.ts';
import { announceRoom } from '../rooms.ts';

/** An agent closes a room: the room and every agent hear it. A visitor's next message reopens it. */
export async function closeRoom(deps: ChatDeps, _caller: Connection, frame: CloseRoomFrame): Promise<void> {
  const room = await deps.rooms.close(frame.roomId);
  if (!room) throw new RoomNotFoundError();
  const [members, agents] = await Promise.all([
    deps.connections.members(frame.roomId),
    deps.connections.members(AGENT_INBOX_KEY),
  ]);
  await sendToAll(
    deps,
    [...members, ...agents].map((m) => m.connectionId),
    { type: 'roomClosed', roomId: frame.roomId },
  );
  await announceRoom(deps, room, members);
}

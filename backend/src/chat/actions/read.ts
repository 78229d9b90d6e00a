import type { ReadFrame } from '../../protocol/index.ts';
import type { Connection } from '../../store/connection-store.ts';
import type { ChatDeps } from '../deps.ts';
import { sendToAll } from '../fanout.ts';
import { resolveRoom } from '../rooms.ts';

/** Relays a read receipt to the room's other connections. */
export async function read(deps: ChatDeps, caller: Connection, frame: ReadFrame): Promise<void> {
  const { roomId } = await resolveRoom(deps, caller, frame.roomId);
  const others = (await deps.connections.members(roomId)).filter((m) => m.connectionId !== caller.connectionId);
  await sendToAll(
    deps,
    others.map((m) => m.connectionId),
    { type: 'read', roomId, role: caller.role, messageId: frame.messageId },
  );
}

import type { ReadFrame } from '../../protocol/index.ts';
import type { Connection } from '../../store/connection-store.ts';
import type { ChatDeps } from '../deps.ts';
import { resolveRoom, sendToOthersInRoom } from '../rooms.ts';

/** Relays a read receipt to the room's other connections. */
export async function read(deps: ChatDeps, caller: Connection, frame: ReadFrame): Promise<void> {
  const { roomId } = await resolveRoom(deps, caller, frame.roomId);
  await sendToOthersInRoom(deps, roomId, caller, { type: 'read', roomId, role: caller.role, messageId: frame.messageId });
}

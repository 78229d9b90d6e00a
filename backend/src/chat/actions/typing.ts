import type { TypingFrame } from '../../protocol/index.ts';
import type { Connection } from '../../store/connection-store.ts';
import type { ChatDeps } from '../deps.ts';
import { resolveRoom, sendToOthersInRoom } from '../rooms.ts';

/** Relays a typing indicator to the room's other connections; nothing is stored. */
export async function typing(deps: ChatDeps, caller: Connection, frame: TypingFrame): Promise<void> {
  const { roomId } = await resolveRoom(deps, caller, frame.roomId);
  await sendToOthersInRoom(deps, roomId, caller, {
    type: 'typing',
    roomId,
    role: caller.role,
    ...(caller.role === 'agent' && { name: caller.name }),
    isTyping: frame.isTyping,
  });
}

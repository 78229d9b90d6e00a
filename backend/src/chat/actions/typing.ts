import type { TypingFrame } from '../../protocol/index.ts';
import type { ChatContext } from '../deps.ts';
import type { Connection } from '../model.ts';
import { resolveRoom, sendToOthersInRoom } from '../rooms.ts';

/** Relays a typing indicator to the room's other connections; nothing is stored. */
export async function typing(ctx: ChatContext, caller: Connection, frame: TypingFrame): Promise<void> {
  const { roomId } = await resolveRoom(ctx, caller, frame.roomId);
  await sendToOthersInRoom(ctx, roomId, caller, {
    type: 'typing',
    roomId,
    role: caller.role,
    ...(caller.role === 'agent' && { name: caller.name }),
    isTyping: frame.isTyping,
  });
}

import type { ReadFrame } from '../../protocol/index.ts';
import type { Connection } from '../model.ts';
import type { ChatContext } from '../deps.ts';
import { resolveRoom, sendToOthersInRoom } from '../rooms.ts';

/** Relays a read receipt to the room's other connections. */
export async function read(ctx: ChatContext, caller: Connection, frame: ReadFrame): Promise<void> {
  const { roomId } = await resolveRoom(ctx, caller, frame.roomId);
  await sendToOthersInRoom(ctx, roomId, caller, { type: 'read', roomId, role: caller.role, seq: frame.seq });
}

import type { ReadFrame } from '../../protocol/index.ts';
import type { ChatContext } from '../deps.ts';
import type { Connection } from '../model.ts';
import { resolveRoom, sendToOthersInRoom } from '../rooms.ts';

/**
 * Relays a read receipt to the room's other connections. A visitor's is also kept: what
 * the visitor has read is not mailed to them.
 */
export async function read(ctx: ChatContext, caller: Connection, frame: ReadFrame): Promise<void> {
  const { roomId } = await resolveRoom(ctx, caller, frame.roomId);
  await Promise.all([
    sendToOthersInRoom(ctx, roomId, caller, { type: 'read', roomId, role: caller.role, seq: frame.seq }),
    caller.role === 'visitor' ? ctx.rooms.recordVisitorRead(roomId, frame.seq) : undefined,
  ]);
}

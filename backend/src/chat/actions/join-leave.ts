import type { JoinFrame, LeaveFrame } from '../../protocol/index.ts';
import { DEFAULT_PAGE_SIZE } from '../../protocol/limits.ts';
import type { Connection } from '../../store/connection-store.ts';
import { RoomNotFoundError } from '../../errors.ts';
import type { ChatDeps } from '../deps.ts';
import { sendTo, sendToAll } from '../fanout.ts';
import { announceRoom, countAgents } from '../rooms.ts';

type Agent = Connection & { role: 'agent' };

/** An agent enters a room: gets its latest history; the room hears of the agent. */
export async function join(deps: ChatDeps, caller: Agent, frame: JoinFrame): Promise<void> {
  const room = await deps.rooms.get(frame.roomId);
  if (!room) throw new RoomNotFoundError();
  await deps.connections.join(caller.connectionId, frame.roomId, caller.name, deps.now());
  const page = await deps.messages.page(frame.roomId, { limit: DEFAULT_PAGE_SIZE });
  await sendTo(deps, caller.connectionId, { type: 'history', roomId: frame.roomId, ...page });
  await announcePresence(deps, room.roomId, 'joined', caller.name);
}

/** An agent leaves a room; the room hears of it. */
export async function leave(deps: ChatDeps, caller: Agent, frame: LeaveFrame): Promise<void> {
  const room = await deps.rooms.get(frame.roomId);
  if (!room) throw new RoomNotFoundError();
  await deps.connections.leave(caller.connectionId, frame.roomId);
  // The leaver hears it too, as the confirmation.
  await announcePresence(deps, frame.roomId, 'left', caller.name, caller.connectionId);
}

/** Tells a room (and the inbox) how many agents are in it now. Also used on $disconnect. */
export async function announcePresence(
  deps: ChatDeps,
  roomId: string,
  event: 'joined' | 'left',
  name: string,
  alsoTell?: string,
): Promise<void> {
  const members = await deps.connections.members(roomId);
  const agentsOnline = countAgents(members);
  await sendToAll(
    deps,
    [...members.map((m) => m.connectionId), ...(alsoTell ? [alsoTell] : [])],
    { type: 'presence', roomId, agentsOnline, event, name },
  );
  const room = await deps.rooms.get(roomId);
  if (room) await announceRoom(deps, room, members);
}

import type { IdentifyFrame } from '../../protocol/index.ts';
import type { Connection } from '../../store/connection-store.ts';
import type { ChatDeps } from '../deps.ts';
import { sendToAll } from '../fanout.ts';
import { announceRoom } from '../rooms.ts';

/** The visitor gives a name and/or email: stored on the room, echoed to the visitor, shown to agents. */
export async function identify(deps: ChatDeps, caller: Connection & { role: 'visitor' }, frame: IdentifyFrame): Promise<void> {
  const room = await deps.rooms.setProfile(
    caller.roomId,
    { name: frame.name, email: frame.email },
    new Date(deps.now()).toISOString(),
  );
  const members = await deps.connections.members(caller.roomId);
  // Every tab the visitor has open shows the same profile.
  const visitorTabs = members.filter((m) => m.role === 'visitor').map((m) => m.connectionId);
  await sendToAll(deps, visitorTabs.length > 0 ? visitorTabs : [caller.connectionId], {
    type: 'profile',
    roomId: caller.roomId,
    ...(room.visitorName !== undefined && { name: room.visitorName }),
    ...(room.visitorEmail !== undefined && { email: room.visitorEmail }),
  });
  await announceRoom(deps, room, members);
}

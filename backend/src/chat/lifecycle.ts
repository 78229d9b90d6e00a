import type { Connection } from '../store/connection-store.ts';
import { announcePresence } from './actions/join-leave.ts';
import type { ChatDeps } from './deps.ts';

/** $connect: the authorizer has vouched for the caller; remember the connection. */
export async function openConnection(deps: ChatDeps, connection: Connection): Promise<void> {
  await deps.connections.add(connection, deps.now());
}

/** $disconnect: forget the connection; rooms an agent was in hear that the agent left. */
export async function closeConnection(deps: ChatDeps, connectionId: string): Promise<void> {
  const connection = await deps.connections.remove(connectionId);
  if (connection?.role !== 'agent') return;
  await Promise.all(connection.rooms.map((roomId) => announcePresence(deps, roomId, 'left', connection.name)));
}

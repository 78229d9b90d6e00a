import { AGENT_INBOX_KEY, type Connection } from '../store/connection-store.ts';
import type { ChatContext, ChatDeps } from './deps.ts';
import { announcePresence } from './presence.ts';

/** $connect: the authorizer has vouched for the caller; remember the connection. */
export async function openConnection(deps: Pick<ChatDeps, 'connections' | 'now'>, connection: Connection): Promise<void> {
  await deps.connections.add(connection, deps.now());
}

/**
 * $disconnect, or a connection found gone: forget it and every membership it held
 * (`foundIn`: memberships it was found under, forgotten even if its record is gone);
 * rooms an agent was in hear that the agent left.
 */
export async function closeConnection(ctx: ChatContext, connectionId: string, foundIn: Iterable<string> = []): Promise<void> {
  const connection = await ctx.connections.remove(connectionId);
  const held = new Set(connection?.role === 'agent' ? [AGENT_INBOX_KEY, ...connection.rooms] : connection ? [connection.roomId] : []);
  const stray = [...foundIn].filter((partition) => !held.has(partition));
  await Promise.all(stray.map((partition) => ctx.connections.forgetMembership(partition, connectionId)));
  if (connection?.role !== 'agent') return;
  await Promise.all(connection.rooms.map((roomId) => announcePresence(ctx, roomId, 'left', connection.name)));
}

/**
 * Closes the connections this invocation found gone, then any found gone while telling
 * rooms about those, once each. Runs at the end of every invocation that delivered.
 */
export async function pruneGone(ctx: ChatContext): Promise<void> {
  const pruned = new Set<string>();
  for (let gone = ctx.out.takeGone(); gone.size > 0; gone = ctx.out.takeGone()) {
    const fresh = [...gone].filter(([connectionId]) => !pruned.has(connectionId));
    for (const [connectionId] of fresh) pruned.add(connectionId);
    await Promise.all(
      fresh.map(async ([connectionId, foundIn]) => {
        ctx.log.info('pruning a stale connection', { connectionId });
        try {
          await closeConnection(ctx, connectionId, foundIn);
        } catch (error) {
          ctx.log.error('could not prune a stale connection', { connectionId, error: String(error) });
        }
      }),
    );
  }
}

import type { ConnectDeps, DisconnectDeps, PresenceContext } from './deps.ts';
import { AGENT_INBOX, type Connection } from './model.ts';
import { asError, Delivery } from './delivery.ts';
import { announcePresence } from './presence.ts';

/** $connect: the authorizer has vouched for the caller; remember the connection. */
export async function openConnection(deps: ConnectDeps, connection: Connection): Promise<void> {
  await deps.connections.add(connection, deps.now());
}

/** $disconnect, start to finish: close the connection, then prune any found gone meanwhile. */
export async function handleDisconnect(deps: DisconnectDeps, connectionId: string): Promise<void> {
  const ctx = { ...deps, out: new Delivery(deps.gateway, deps.log) };
  try {
    await closeConnection(ctx, connectionId);
  } finally {
    await pruneGone(ctx);
  }
}

/**
 * A closing connection, or one found gone: forget it and every membership it held
 * (`foundIn`: memberships it was found under, forgotten even if its record is gone);
 * rooms an agent was in hear that the agent left.
 */
export async function closeConnection(ctx: PresenceContext, connectionId: string, foundIn: Iterable<string> = []): Promise<void> {
  const connection = await ctx.connections.remove(connectionId);
  const held = new Set(connection?.role === 'agent' ? [AGENT_INBOX, ...connection.rooms] : connection ? [connection.roomId] : []);
  const stray = [...foundIn].filter((partition) => !held.has(partition));
  await Promise.all(stray.map((partition) => ctx.connections.forgetMembership(partition, connectionId)));
  if (connection?.role !== 'agent') return;
  await Promise.all(connection.rooms.map((roomId) => announcePresence(ctx, roomId, 'left', connection.name)));
}

/**
 * Closes the connections this invocation found gone, then any found gone while telling
 * rooms about those, once each. Runs at the end of every invocation that delivered.
 */
export async function pruneGone(ctx: PresenceContext): Promise<void> {
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
          ctx.log.error('could not prune a stale connection', { connectionId, error: asError(error) });
        }
      }),
    );
  }
}

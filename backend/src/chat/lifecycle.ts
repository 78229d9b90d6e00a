import { scheduleOfflineCheck } from './checks.ts';
import { asError, Delivery } from './delivery.ts';
import type { ConnectDeps, DisconnectDeps, PresenceContext } from './deps.ts';
import { type Connection, partitionsOf } from './model.ts';
import { announcePresence } from './presence.ts';
import { publishAvailability } from './team.ts';

/**
 * $connect: the authorizer has vouched for the caller; remember the connection. An agent's
 * first console coming online may make the team available: visitors hear of it. A further
 * console changes nothing they see, and working out who is available reads every agent's
 * consoles: it is not done again.
 */
export async function handleConnect(deps: ConnectDeps, connection: Connection): Promise<void> {
  const now = deps.now();
  await deps.connections.add(connection, now);
  if (connection.role !== 'agent') return;
  // A console that connected this long before is no other one opening at the same time.
  const openedBefore = { connectionId: connection.connectionId, connectedBefore: now - CONNECTING_MS };
  if (await deps.connections.hasConsole(connection.agentId, openedBefore)) return;
  await afterwards({ ...deps, out: new Delivery(deps.gateway, deps.log) }, (ctx) => publishAvailability(ctx, connection.connectionId));
}

/** $disconnect, start to finish: close the connection, then prune any found gone meanwhile. */
export async function handleDisconnect(deps: DisconnectDeps, connectionId: string): Promise<void> {
  await afterwards({ ...deps, out: new Delivery(deps.gateway, deps.log) }, (ctx) => closeConnection(ctx, connectionId));
}

/** Runs one invocation's work, then prunes the connections it found gone, whatever happened. */
export async function afterwards<C extends PresenceContext>(ctx: C, work: (ctx: C) => Promise<void>): Promise<void> {
  try {
    await work(ctx);
  } finally {
    await pruneGone(ctx);
  }
}

/**
 * A connection API Gateway cannot post to yet is still in its $connect (its record is
 * written before $connect returns): "gone" means gone only once it is this old, longer
 * than $connect may run (10 s).
 */
const CONNECTING_MS = 30_000;

/**
 * A closing connection, or one found gone (`foundIn`: the memberships it was found under,
 * forgotten even if its record is gone): forget it and every membership it held. Rooms an
 * agent was in hear that the agent left; an agent's last console closing tells visitors
 * whether anyone is left and starts the check that unassigns them if they stay away.
 */
export async function closeConnection(ctx: PresenceContext, connectionId: string, foundIn?: Iterable<string>): Promise<void> {
  // A $disconnect is certain; a failed post only says the connection is gone if it is not still connecting.
  const connectedBefore = foundIn ? ctx.now() - CONNECTING_MS : undefined;
  const connection = await ctx.connections.remove(connectionId, connectedBefore);
  const held = new Set(connection ? partitionsOf(connection) : []);
  const stray = [...(foundIn ?? [])].filter((partition) => !held.has(partition));
  await Promise.all(stray.map((partition) => ctx.connections.forgetMembership(partition, connectionId, connectedBefore!)));
  if (connection?.role !== 'agent') return;
  const stillOnline = await ctx.connections.hasConsole(connection.agentId);
  await Promise.all([
    ...connection.rooms.map((roomId) => announcePresence(ctx, roomId, 'left', connection.name)),
    ...(stillOnline
      ? []
      : [
          publishAvailability(ctx),
          scheduleOfflineCheck(ctx, connection.agentId).catch((error: unknown) =>
            ctx.log.error('could not schedule the check of an absent agent', { agentId: connection.agentId, error: asError(error) }),
          ),
        ]),
  ]);
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

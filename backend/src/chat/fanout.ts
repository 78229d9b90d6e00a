import type { ServerEvent } from '../protocol/index.ts';
import type { ChatDeps } from './deps.ts';
// A cycle (closing a connection announces presence, which sends), safe because nothing
// here runs at import time.
import { closeConnection } from './lifecycle.ts';

/**
 * Sends one event to many connections at once. A connection that is gone (HTTP 410) is
 * pruned like a $disconnect; any other failure is logged and does not stop delivery to the others.
 */
export async function sendToAll(deps: ChatDeps, connectionIds: Iterable<string>, event: ServerEvent): Promise<void> {
  const unique = [...new Set(connectionIds)];
  await Promise.all(unique.map((connectionId) => sendTo(deps, connectionId, event)));
}

export async function sendTo(deps: ChatDeps, connectionId: string, event: ServerEvent): Promise<void> {
  try {
    if (await deps.gateway.send(connectionId, event)) return;
    // Gone without a $disconnect (lost, or expired): forget it as $disconnect would have,
    // so rooms an agent was in hear that the agent left.
    deps.log.info('pruning a stale connection', { connectionId });
    await closeConnection(deps, connectionId);
  } catch (error) {
    deps.log.error('could not deliver an event', { connectionId, eventType: event.type, error: errorName(error) });
  }
}

function errorName(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

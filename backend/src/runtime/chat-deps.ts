import { connectionsApiFromEnv } from '../aws/connections-api.ts';
import { alertsFromEnv } from '../aws/sns-alerts.ts';
import type { ChatDeps } from '../chat/deps.ts';
import type { Log } from '../chat/ports.ts';
import { storesFromEnv } from '../store/from-env.ts';
import { createLogger } from './logger.ts';

/** Everything `$default` talks to, from its environment (the local stack builds the same). */
export function chatDepsFromEnv(env: NodeJS.ProcessEnv = process.env, log: Log = createLogger()): ChatDeps {
  const stores = storesFromEnv(env);
  return {
    connections: stores.connections(),
    messages: stores.messages(),
    rooms: stores.rooms(),
    claims: stores.claims(),
    gateway: connectionsApiFromEnv(env),
    alerts: alertsFromEnv(env),
    log,
    now: Date.now,
  };
}

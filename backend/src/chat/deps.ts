import type { AlertPublisher } from '../agent-alerts.ts';
import type { ConnectionGateway } from '../connection-gateway.ts';
import type { ConnectionStore } from '../store/connection-store.ts';
import type { MessageStore } from '../store/message-store.ts';
import type { RoomStore } from '../store/room-store.ts';
import type { SendClaims } from '../store/send-claims.ts';
import type { Delivery } from './delivery.ts';

/** The narrow logging surface the chat logic needs (Powertools' Logger provides it). */
export interface Log {
  info(message: string, ...extra: Record<string, string | number | boolean | undefined>[]): void;
  warn(message: string, ...extra: Record<string, string | number | boolean | undefined>[]): void;
  error(message: string, ...extra: Record<string, string | number | boolean | undefined>[]): void;
}

/**
 * Everything the chat logic talks to, passed in rather than imported, so tests give it
 * real parts (dynalite, the local gateway) and the Lambda handlers give it AWS's.
 */
export interface ChatDeps {
  connections: ConnectionStore;
  messages: MessageStore;
  rooms: RoomStore;
  claims: SendClaims;
  gateway: ConnectionGateway;
  alerts: AlertPublisher;
  log: Log;
  /** Milliseconds since the epoch. */
  now: () => number;
}

/** One invocation's view: the collaborators, and the delivery that notes connections found gone. */
export interface ChatContext extends ChatDeps {
  out: Delivery;
}

import type { Delivery } from './delivery.ts';
import type { AlertPublisher, ConnectionGateway, ConnectionStore, Log, MessageStore, RoomStore, SendClaims } from './ports.ts';

/**
 * Everything the chat logic talks to, passed in rather than imported, so tests give it
 * real parts (dynalite, the local gateway) and the Lambda handlers give it AWS's. Each
 * handler gets only what it uses: see ConnectDeps and DisconnectDeps.
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

/** $connect records the connection, nothing more. */
export type ConnectDeps = Pick<ChatDeps, 'connections' | 'log' | 'now'>;

/** $disconnect forgets the connection and tells the rooms an agent was in. */
export type DisconnectDeps = Pick<ChatDeps, 'connections' | 'rooms' | 'gateway' | 'log' | 'now'>;

/** One invocation's view: its collaborators, and the delivery that notes connections found gone. */
export type Context<D extends Partial<ChatDeps> = ChatDeps> = D & { out: Delivery };

/** What telling rooms about presence needs (a $disconnect has no more). */
export type PresenceContext = Context<Pick<ChatDeps, 'connections' | 'rooms' | 'log'>>;

/** A $default frame's view. */
export type ChatContext = Context<ChatDeps>;

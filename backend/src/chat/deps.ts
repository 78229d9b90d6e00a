import type { Delivery } from './delivery.ts';
import type { FollowUpConfig } from './follow-up.ts';
import type {
  AlertPublisher,
  ConnectionGateway,
  ConnectionStore,
  FollowUpQueue,
  Links,
  Log,
  MailSender,
  MessageStore,
  RoomStore,
  SendClaims,
  TeamStore,
} from './ports.ts';

/**
 * Everything the chat logic talks to, passed in rather than imported, so tests give it
 * real parts (dynalite, the local gateway, the local SES) and the Lambda handlers give it
 * AWS's. Each handler gets only what it uses: see ConnectDeps and DisconnectDeps.
 */
export interface ChatDeps {
  connections: ConnectionStore;
  messages: MessageStore;
  rooms: RoomStore;
  claims: SendClaims;
  team: TeamStore;
  gateway: ConnectionGateway;
  alerts: AlertPublisher;
  /** Email to visitors; absent where the deployment has no sending identity. */
  mail?: MailSender;
  /** Whether the deployment emails visitors (it has a sending identity): widgets offer it only then. */
  emailReplies: boolean;
  /** The email follow-up queue; absent with `mail`. */
  followUps?: FollowUpQueue;
  followUp: FollowUpConfig;
  links: Links;
  log: Log;
  /** Milliseconds since the epoch. */
  now: () => number;
}

/** $connect records the connection; an agent's may change who is available, which visitors hear. */
export type ConnectDeps = Pick<ChatDeps, 'connections' | 'rooms' | 'team' | 'emailReplies' | 'gateway' | 'log' | 'now'>;

/** $disconnect forgets the connection and tells the rooms an agent was in, and visitors who is available. */
export type DisconnectDeps = Pick<ChatDeps, 'connections' | 'rooms' | 'team' | 'emailReplies' | 'gateway' | 'log' | 'now'>;

/** One invocation's view: its collaborators, and the delivery that notes connections found gone. */
export type Context<D extends Partial<ChatDeps> = ChatDeps> = D & { out: Delivery };

/** What telling rooms about presence needs (a $disconnect has no more). */
export type PresenceContext = Context<Pick<ChatDeps, 'connections' | 'rooms' | 'team' | 'emailReplies' | 'log' | 'now'>>;

/** A $default frame's view. */
export type ChatContext = Context<ChatDeps>;

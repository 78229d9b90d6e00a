import type { PrivacyStores } from '../privacy/stores.ts';
import type { Delivery } from './delivery.ts';
import type { FollowUpConfig } from './follow-up.ts';
import type {
  AgentDirectory,
  AgentNotifier,
  AlertPublisher,
  CheckQueue,
  ConnectionGateway,
  ConnectionStore,
  CustomerRooms,
  FileStore,
  Links,
  Log,
  MailSender,
  MessageStore,
  ReportStore,
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
  /** Which room is each signed-in customer's. */
  customers: CustomerRooms;
  team: TeamStore;
  /** The aggregates the reports are read from. */
  reports: ReportStore;
  gateway: ConnectionGateway;
  alerts: AlertPublisher;
  /** Email to visitors; absent where the deployment has no sending identity. */
  mail?: MailSender;
  /** Whether the deployment emails visitors (it has a sending identity): widgets offer it only then. */
  emailReplies: boolean;
  /** The largest file a message may carry (the team's status tells it); undefined: the deployment takes no files. */
  attachmentMaxBytes: number | undefined;
  /** The attachments' bucket; absent where the deployment takes no files. */
  files?: FileStore;
  /** GuardDuty scans each file: a message's file waits as `checking` until its verdict (handlers/scan-result.ts). */
  malwareScan?: boolean;
  /** Checks that run later: email follow-ups, escalations to the team, assignees gone offline. */
  checks: CheckQueue;
  followUp: FollowUpConfig;
  /** Who may sign in to the console (Cognito): the admins manage it. */
  directory: AgentDirectory;
  /** Alerts one agent (their assigned conversation) by email; absent with `mail`. */
  notifier?: AgentNotifier;
  links: Links;
  /** The tables and bucket as stored, for the admins' export and erasure of one person's data. */
  privacy?: PrivacyStores;
  log: Log;
  /** Milliseconds since the epoch. */
  now: () => number;
}

/** $connect records the connection; an agent's may change who is available, which visitors hear. */
export type ConnectDeps = Pick<
  ChatDeps,
  'connections' | 'rooms' | 'team' | 'emailReplies' | 'attachmentMaxBytes' | 'gateway' | 'log' | 'now'
> &
  /**
   * A signed-in customer's connection finds (or makes) their room, carrying over this
   * browser's anonymous conversation, its files copied.
   */
  Pick<ChatDeps, 'customers' | 'messages' | 'claims'> & { files?: Pick<FileStore, 'copy'> };

/**
 * $disconnect forgets the connection and tells the rooms an agent was in, and visitors who
 * is available; an agent whose last console closed gets a check that unassigns their
 * conversations if they stay away.
 */
export type DisconnectDeps = Pick<
  ChatDeps,
  'connections' | 'rooms' | 'team' | 'emailReplies' | 'attachmentMaxBytes' | 'gateway' | 'checks' | 'log' | 'now'
>;

/** One invocation's view: its collaborators, and the delivery that notes connections found gone. */
export type Context<D extends Partial<ChatDeps> = ChatDeps> = D & { out: Delivery };

/** What telling rooms about presence needs (a $disconnect has no more). */
export type PresenceContext = Context<
  Pick<ChatDeps, 'connections' | 'rooms' | 'team' | 'emailReplies' | 'attachmentMaxBytes' | 'log' | 'now'>
> & {
  checks?: CheckQueue;
};

/** A $default frame's view, with the User-Agent API Gateway saw on the connection. */
export type ChatContext = Context<ChatDeps> & { userAgent?: string };

/**
 * The chat's own vocabulary: who is connected, what a room and a send claim are. The
 * stores (backend/src/store) keep these in DynamoDB; the chat logic only knows them.
 */
import type {
  AgentRef,
  AgentStatus,
  AgentsAvailability,
  Message,
  Rating,
  RoomStatus,
  RoomSummary,
  TeamSettings,
  VerifiedCustomer,
} from '../protocol/index.ts';

/** A live WebSocket connection, as the authorizer admitted it. */
export type Connection =
  /**
   * `resumed`: connected with a token from an email's link rather than the browser's own key.
   * `lang`: the language the widget asked for in the URL, which an away reply can use before
   * the visitor's `context` is on the room (frames of one connection run concurrently).
   * `customerId`: a signed-in customer's (their verified token's `sub`), whose room this is.
   */
  | { connectionId: string; role: 'visitor'; roomId: string; resumed?: boolean; lang?: string; customerId?: string }
  | { connectionId: string; role: 'agent'; agentId: string; name: string; email?: string; admin: boolean; rooms: string[] };

/** A visitor's connection also carries what API Gateway saw of their browser. */
export type VisitorConnection = Connection & { role: 'visitor' };
export type AgentConnection = Connection & { role: 'agent' };

/** A connection in a room, or in the agents' inbox. */
export interface Member {
  connectionId: string;
  role: 'visitor' | 'agent';
  name?: string;
  /** The room (or AGENT_INBOX, VISITORS) this membership was found under. */
  partition: string;
  /** An agent's Cognito id, on the inbox's memberships and the rooms' (one agent in two tabs counts once). */
  agentId?: string;
}

/** Every agent connection is a member of the inbox, so "tell all agents" is one lookup. */
export const AGENT_INBOX = '#agents';
/** Every visitor connection is a member here too, so a change of the team's availability reaches them all. */
export const VISITORS = '#visitors';

/**
 * Every console of one agent is a member here too, so telling one agent (the assignee of a
 * room) reads their own consoles, not every agent's. A room id never starts with '#'.
 */
export function consolesOf(agentId: string): string {
  return `#agent:${agentId}`;
}

/** Where a connection is a member: a visitor in its room and among all visitors; an agent in the inbox, among its agent's consoles, and in its rooms. */
export function partitionsOf(connection: Connection): string[] {
  return connection.role === 'visitor' ? [connection.roomId, VISITORS] : [AGENT_INBOX, consolesOf(connection.agentId), ...connection.rooms];
}

/** A room's record. `lastMessageAt` is absent until the first message. */
export interface RoomRecord {
  roomId: string;
  status: RoomStatus;
  /** How many times the record was written: each write adds one (see RoomSummary.revision). */
  revision?: number;
  /** The verified customer whose conversation this is (`customer.id`, also kept flat for conditions). */
  customer?: VerifiedCustomer;
  customerId?: string;
  /** An anonymous conversation that carried on in its customer's room once they signed in. */
  mergedInto?: string;
  visitorName?: string;
  visitorEmail?: string;
  createdAt: string;
  /** The number of the latest message recorded here. */
  lastSeq?: number;
  lastMessageAt?: string;
  lastMessagePreview?: string;
  lastAlertAt?: string;
  /** The visitor's language and time zone (the `context` action), for automatic replies and emails. */
  visitorLang?: string;
  visitorTimeZone?: string;
  /** The latest message number the visitor has read (their read receipts). */
  visitorReadSeq?: number;
  /** Since when (ISO) a visitor's message waits for an agent's answer; absent when answered. */
  waitingSince?: string;
  /**
   * The conversation under way (reports): when a visitor's message started it (ISO: the
   * room's first, or the first since it was closed), and when an agent first answered it.
   * A close ends it.
   */
  conversationStartedAt?: string;
  conversationRepliedAt?: string;
  /** When an agent last wrote here (ISO). */
  lastAgentAt?: string;
  /** When the team's away message was last sent here (ISO). */
  awayRepliedAt?: string;
  /** Email follow-up: the check due (epoch ms), the last email's time and what it covered. */
  followUpDueAt?: number;
  lastEmailAt?: number;
  emailedThroughSeq?: number;
  /** The visitor asked for no more emails about this conversation. */
  emailOptOut?: boolean;
  /** When the conversation was last mailed to the visitor on request (epoch ms). */
  transcriptSentAt?: number;
  /** Who wrote the message of the preview. */
  lastSender?: RoomSummary['lastSender'];
  /** The agent handling the conversation, and since when (ISO). */
  assignee?: AgentRef;
  assignedAt?: string;
  /** The visitor's email, lower-cased: the key of their other conversations (index `byVisitor`). */
  visitorRef?: string;
  /** Where the visitor is and what they browse with (the `context` action and their connection). */
  visitorPage?: { url: string; title?: string; at: string };
  visitorReferrer?: string;
  visitorBrowser?: string;
  visitorOs?: string;
  /** When an agent last closed the conversation (ISO). */
  closedAt?: string;
  /** The close (its `closedAt`) that asked the visitor for a rating; absent when the latest close did not ask. */
  ratingAskedAt?: string;
  /** The visitor's latest rating: see StoredRating. */
  rating?: StoredRating;
}

/** A rating as the room keeps it: which close it rates, how often it changed, whether it alerted the team. */
export interface StoredRating extends Rating {
  /** The close it rates (the room's `closedAt` then): a later close that asks starts a new rating. */
  closedAt: string;
  /** How many times the visitor changed it after giving it. */
  changes: number;
  /** A score of LOW_RATING_SCORE or lower alerted the team for this close (once per close). */
  alerted?: true;
}

/** An agent's profile as the team keeps it: how they are shown, and who they are. */
export interface AgentProfile {
  agentId: string;
  name: string;
  email?: string;
  color?: string;
  /** The name was chosen by the agent (or an admin), not derived from their sign-in. */
  chosen?: boolean;
}

/** The team as stored: its settings, and what visitors were last told of the agents. */
export interface TeamRecord {
  settings: TeamSettings;
  agents: AgentsAvailability;
  /** The deployment's retention period: the longest `settings.retentionDays` may be. */
  deploymentRetentionDays: number;
  /** The measured reply time and when it was measured (epoch ms). */
  replyMinutes?: number;
  replyMeasuredAt?: number;
}

/** An agent's own switch, and since when (epoch ms). */
export interface AgentSwitch {
  status: AgentStatus;
  since?: number;
}

/** A room closed: as it is now, and the conversation the close ended, if one was under way. */
export interface ClosedRoom {
  room: RoomRecord;
  ended?: { startedAt: string; repliedAt?: string };
}

export interface RecordedMessage {
  /** The room as it was before this message; undefined for a brand-new room. */
  before: RoomRecord | undefined;
  after: RoomRecord;
}

/** A message before it has its place in the room. */
export type MessageDraft = Omit<Message, 'seq'>;

export interface PageRequest {
  before?: number;
  after?: number;
  limit: number;
  /** Include agents' internal messages (notes, marks): for agents only. */
  internal?: boolean;
}

export interface Page {
  /** Oldest first. */
  messages: Message[];
  hasMore: boolean;
}

/** What a claim on a client message id says when another attempt made it. */
export interface ExistingClaim {
  /** When the attempt that holds it started (its handler's clock, epoch ms). */
  claimedAt: number;
  /** Set once that attempt stored the message. */
  seq?: number;
}

/** A write failed and whether it landed cannot be told yet. */
export class StoreOutcomeUnknownError extends Error {
  constructor(cause: unknown) {
    super('a message write failed and its outcome is unknown', { cause });
    this.name = 'StoreOutcomeUnknownError';
  }
}

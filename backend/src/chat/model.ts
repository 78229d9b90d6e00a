/**
 * The chat's own vocabulary: who is connected, what a room and a send claim are. The
 * stores (backend/src/store) keep these in DynamoDB; the chat logic only knows them.
 */
import type { Message, RoomStatus } from '../protocol/index.ts';

/** A live WebSocket connection, as the authorizer admitted it. */
export type Connection =
  | { connectionId: string; role: 'visitor'; roomId: string }
  | { connectionId: string; role: 'agent'; agentId: string; name: string; email?: string; rooms: string[] };

/** A connection in a room, or in the agents' inbox. */
export interface Member {
  connectionId: string;
  role: 'visitor' | 'agent';
  name?: string;
  /** The room (or AGENT_INBOX) this membership was found under. */
  partition: string;
}

/** Every agent connection is a member of the inbox, so "tell all agents" is one lookup. */
export const AGENT_INBOX = '#agents';

/** A room's record. `lastMessageAt` is absent until the first message. */
export interface RoomRecord {
  roomId: string;
  status: RoomStatus;
  visitorName?: string;
  visitorEmail?: string;
  createdAt: string;
  /** The number of the latest message recorded here. */
  lastSeq?: number;
  lastMessageAt?: string;
  lastMessagePreview?: string;
  lastAlertAt?: string;
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

/**
 * What the chat logic talks to, as interfaces it owns: DynamoDB (backend/src/store), the
 * API Gateway @connections API and SNS (backend/src/aws) implement them in production
 * and locally; tests may hand in their own.
 */
import type { Message, ServerEvent } from '../protocol/index.ts';
import type {
  Connection,
  ExistingClaim,
  Member,
  MessageDraft,
  Page,
  PageRequest,
  RecordedMessage,
  RoomRecord,
} from './model.ts';
import type { RoomStatus } from '../protocol/index.ts';

export interface ConnectionStore {
  /** Records a new connection and its membership (the visitor's room or the agents' inbox). */
  add(connection: Connection, now: number): Promise<void>;
  get(connectionId: string): Promise<Connection | undefined>;
  /** Admits one frame under the rate limit: the connection, 'rate_limited', or undefined when unknown. */
  admitFrame(connectionId: string, now: number): Promise<Connection | 'rate_limited' | undefined>;
  /** An agent joins a room; false when the connection is gone (or left again) meanwhile. */
  join(connectionId: string, roomId: string, name: string, now: number): Promise<boolean>;
  leave(connectionId: string, roomId: string): Promise<void>;
  /** Everyone in a room, or with AGENT_INBOX every agent. */
  members(partition: string): Promise<Member[]>;
  /** Forgets a connection and every membership it holds; what it was, or undefined if gone already. */
  remove(connectionId: string): Promise<Connection | undefined>;
  /** Forgets one membership: a connection found gone where no record says it was. */
  forgetMembership(partition: string, connectionId: string): Promise<void>;
}

export interface MessageStore {
  /**
   * Stores a message at its room's next number (gapless: n only after n - 1) and returns
   * it. `lastSeqSeen` is the room's last number as the caller knows it. Throws
   * StoreOutcomeUnknownError when a failed write may have landed.
   */
  append(draft: MessageDraft, lastSeqSeen: number): Promise<Message>;
  get(roomId: string, seq: number): Promise<Message | undefined>;
  /** The newest stored number of a room, 0 when it has none. */
  lastSeq(roomId: string): Promise<number>;
  /** The message a client message id was stored as (reads the whole room: rare paths only). */
  findByClientMsgId(roomId: string, clientMsgId: string): Promise<Message | undefined>;
  /** One page, oldest first: the latest, just before `before`, or just after `after`. */
  page(roomId: string, request: PageRequest): Promise<Page>;
}

export interface RoomStore {
  get(roomId: string): Promise<RoomRecord | undefined>;
  /** Records a stored message on its room (creating it); a visitor's message (re)opens it. */
  recordMessage(roomId: string, update: { seq: number; at: string; preview: string; reopen: boolean }): Promise<RecordedMessage>;
  /** Sets the visitor's name and/or email, creating the room record if need be. */
  setProfile(roomId: string, profile: { name?: string; email?: string }, now: string): Promise<RoomRecord>;
  /** Closes a room; undefined when there is no such room. */
  close(roomId: string): Promise<RoomRecord | undefined>;
  /** Takes the room's alert slot if no alert went out since `quietSince`. */
  claimAlert(roomId: string, now: string, quietSince: string): Promise<boolean>;
  /** Rooms with at least one message, newest activity first. */
  list(status: RoomStatus, limit: number): Promise<RoomRecord[]>;
}

/** One claim per (room, client message id): the attempt that makes it stores and broadcasts. */
export interface SendClaims {
  /** Undefined when this call made the claim; else the claim that stands. */
  claim(roomId: string, clientMsgId: string, now: number): Promise<ExistingClaim | undefined>;
  /** Takes over a claim whose attempt can no longer be running; false if another did, or it completed. */
  takeOver(roomId: string, clientMsgId: string, stale: ExistingClaim, now: number): Promise<boolean>;
  /** Records the number the message was stored at. */
  complete(roomId: string, clientMsgId: string, seq: number): Promise<void>;
  /** Gives up a claim whose attempt stored nothing. */
  release(roomId: string, clientMsgId: string, claimedAt: number): Promise<void>;
}

/** Sends server events down WebSocket connections. */
export interface ConnectionGateway {
  /** Resolves false when the connection is gone (HTTP 410); other failures throw. */
  send(connectionId: string, event: ServerEvent): Promise<boolean>;
  disconnect(connectionId: string): Promise<void>;
}

export interface AlertInput {
  roomId: string;
  visitorName?: string;
  visitorEmail?: string;
  text: string;
  firstMessage: boolean;
}

/** Tells the agents that a visitor is waiting. */
export interface AlertPublisher {
  publish(alert: AlertInput): Promise<void>;
}

/** What a log line may carry: an Error keeps its name, message and stack. */
export type LogValue = string | number | boolean | undefined | Error;

/** The narrow logging surface the chat logic needs (Powertools' Logger provides it). */
export interface Log {
  info(message: string, ...extra: Record<string, LogValue>[]): void;
  warn(message: string, ...extra: Record<string, LogValue>[]): void;
  error(message: string, ...extra: Record<string, LogValue>[]): void;
}

/**
 * What the chat logic talks to, as interfaces it owns: DynamoDB (backend/src/store), the
 * API Gateway @connections API and SNS (backend/src/aws) implement them in production
 * and locally; tests may hand in their own.
 */
import type { AttachmentType } from '../protocol/attachments.ts';
import type {
  AgentRef,
  AgentStatus,
  AgentsAvailability,
  Attachment,
  Message,
  Role,
  RoomStatus,
  RoomSummary,
  SavedReply,
  ServerEvent,
  TeamSettings,
  VerifiedCustomer,
} from '../protocol/index.ts';
import type {
  AgentProfile,
  AgentSwitch,
  ClosedRoom,
  Connection,
  ExistingClaim,
  Member,
  MessageDraft,
  Page,
  PageRequest,
  RecordedMessage,
  RoomRecord,
  StoredRating,
  TeamRecord,
} from './model.ts';

export interface ConnectionStore {
  /** Records a new connection and its memberships (partitionsOf: the visitor's room, or the agents' inbox and the agent's consoles). */
  add(connection: Connection, now: number): Promise<void>;
  get(connectionId: string): Promise<Connection | undefined>;
  /** Admits one frame under the rate limit: the connection, 'rate_limited', or undefined when unknown. */
  admitFrame(connectionId: string, now: number): Promise<Connection | 'rate_limited' | undefined>;
  /** An agent joins a room; false when the connection is gone (or left again) meanwhile. */
  join(connectionId: string, roomId: string, agent: { name: string; agentId: string }, now: number): Promise<boolean>;
  leave(connectionId: string, roomId: string): Promise<void>;
  /** Everyone in a room; with AGENT_INBOX every agent connection, with consolesOf(agentId) one agent's. */
  members(partition: string): Promise<Member[]>;
  /**
   * Whether the agent has a console connected; with `openedBefore`, one opened before that
   * connection: its id sorts first, or (the next one by id) it connected before
   * `connectedBefore`. Of consoles opening at once with none before them, the first by id
   * finds none. One item read, however many consoles are open.
   */
  hasConsole(agentId: string, openedBefore?: { connectionId: string; connectedBefore: number }): Promise<boolean>;
  /**
   * Forgets a connection and every membership it holds; what it was, or undefined if gone
   * already. With `connectedBefore` (epoch ms), only a connection made before then.
   */
  remove(connectionId: string, connectedBefore?: number): Promise<Connection | undefined>;
  /** Forgets one membership made before `connectedBefore`: a connection found gone where no record says it was. */
  forgetMembership(partition: string, connectionId: string, connectedBefore: number): Promise<void>;
  /** An agent connection goes by a new display name (its record, and its memberships in `partitions`). */
  rename(connectionId: string, name: string, partitions: string[]): Promise<void>;
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
  /**
   * Replaces the attachment of a stored message (its malware scan ended): the message after,
   * or undefined when there is no such message or it carries another file.
   */
  updateAttachment(roomId: string, seq: number, attachment: Attachment): Promise<Message | undefined>;
  /** The message that carries a file (reads the whole room: a malware scan's result only). */
  findByAttachment(roomId: string, attachmentId: string): Promise<Message | undefined>;
}

/** What recording a message on its room needs to know of it. */
export interface MessageRecord {
  seq: number;
  at: string;
  preview: string;
  role: Role;
  /** The writer, for the inbox's "who wrote last". */
  sender?: RoomSummary['lastSender'];
  /** Notes and marks move only the room's last number. */
  internal?: boolean;
}

export interface RoomStore {
  get(roomId: string): Promise<RoomRecord | undefined>;
  /** Records a stored message on its room: see createRoomStore's recordMessage (room-messages.ts) for each role's effect. */
  recordMessage(roomId: string, update: MessageRecord): Promise<RecordedMessage>;
  /** Sets the visitor's name and/or email, creating the room record if need be. */
  setProfile(roomId: string, profile: { name?: string; email?: string }, now: string): Promise<RoomRecord>;
  /** Sets what the visitor's browser told (language, time zone, page, referrer, browser, OS), creating the room record if need be. */
  setContext(roomId: string, context: VisitorContextUpdate, now: string): Promise<RoomRecord>;
  /** Keeps the highest message number the visitor has read. */
  recordVisitorRead(roomId: string, seq: number): Promise<void>;
  /**
   * Closes a room at `at` (ISO), asking the visitor for a rating or not, and ends its
   * conversation: the room after and the conversation ended, or undefined when there is no such room.
   */
  close(roomId: string, at: string, askRating: boolean): Promise<ClosedRoom | undefined>;
  /**
   * Notes the first agent reply of the conversation that started at `startedAt`: false when
   * another reply was first, or that conversation is over.
   */
  claimFirstReply(roomId: string, startedAt: string, at: string): Promise<boolean>;
  /**
   * Stores the visitor's rating if the room is still as read (its `revision`), closed and
   * asking about the close the rating is of: the room after, or undefined when it changed
   * meanwhile (the caller reads it again).
   */
  saveRating(roomId: string, rating: StoredRating, revision: number | undefined): Promise<RoomRecord | undefined>;
  /** Reopens a closed room: the room, or undefined when there is no such room or it was open. */
  reopen(roomId: string): Promise<RoomRecord | undefined>;
  /**
   * Sets (or, with undefined, clears) the room's assignee if its assignee is still
   * `expected` (undefined: nobody): the room after, or what it holds instead when the
   * condition failed (`conflict`), or undefined when there is no such room.
   */
  assign(
    roomId: string,
    to: AgentRef | undefined,
    expected: string | undefined,
    now: string,
  ): Promise<{ room: RoomRecord; conflict: boolean } | undefined>;
  /** Open rooms assigned to an agent. */
  assignedTo(agentId: string): Promise<RoomRecord[]>;
  /** The rooms of a visitor (by `visitorRef`), newest first. */
  byVisitor(visitorRef: string, limit: number): Promise<RoomRecord[]>;
  /** Takes the room's alert slot if no alert went out since `quietSince`. */
  claimAlert(roomId: string, now: string, quietSince: string): Promise<boolean>;
  /** Takes the room's away-reply slot: none since `quietSince`, or an agent wrote since. */
  claimAwayReply(roomId: string, now: string, quietSince: string): Promise<boolean>;
  /** Takes the next email follow-up check, unless one not older than `staleBefore` is due. */
  claimFollowUp(roomId: string, dueAt: number, staleBefore: number): Promise<boolean>;
  releaseFollowUp(roomId: string, dueAt: number): Promise<void>;
  recordEmail(roomId: string, throughSeq: number, at: number): Promise<void>;
  /** False when there is no such room. */
  optOutOfEmail(roomId: string): Promise<boolean>;
  claimTranscript(roomId: string, now: number, quietSince: number): Promise<boolean>;
  /** Rooms with at least one message, newest activity first. */
  list(status: RoomStatus, limit: number): Promise<RoomRecord[]>;
  /**
   * Makes (or keeps) a room the verified customer's, with what their token says now,
   * creating the record if need be: the room after it, and whether what agents see of the
   * customer changed (anything but `verifiedAt`); undefined when it is another customer's, or
   * was merged into another room.
   */
  verifyCustomer(roomId: string, customer: VerifiedCustomer): Promise<{ room: RoomRecord; changed: boolean } | undefined>;
  /**
   * Marks an anonymous room as carried on in the customer's room `into` (its messages are
   * copied there next) and closes it; undefined when it is another customer's, or was
   * merged elsewhere. Repeating it for the same customer and room succeeds, so an
   * interrupted copy is finished by the next connection.
   */
  mergeInto(roomId: string, customer: VerifiedCustomer, into: string): Promise<RoomRecord | undefined>;
}

/** Which room is each verified customer's: one per customer, bound once and for good. */
export interface CustomerRooms {
  roomOf(customerId: string): Promise<string | undefined>;
  /** Binds the customer to `roomId` unless they have a room already: the room that is theirs after the call. */
  bind(customerId: string, roomId: string): Promise<string>;
  /** The customer connected: their binding's retention period starts again. */
  renew(customerId: string): Promise<void>;
}

/** One claim per (room, client message id): the attempt that makes it stores and broadcasts. */
export interface SendClaims {
  /** Undefined when this call made the claim; else the claim that stands. */
  claim(roomId: string, clientMsgId: string, now: number): Promise<ExistingClaim | undefined>;
  /** Takes over a claim whose attempt can no longer be running; false if another did, or it completed. */
  takeOver(roomId: string, clientMsgId: string, stale: ExistingClaim, now: number): Promise<boolean>;
  /** Records the number the message was stored at. */
  complete(roomId: string, clientMsgId: string, seq: number): Promise<void>;
  /** The number a completed claim's message was stored at; undefined while none is. */
  seqOf(roomId: string, clientMsgId: string): Promise<number | undefined>;
  /** Gives up a claim whose attempt stored nothing. */
  release(roomId: string, clientMsgId: string, claimedAt: number): Promise<void>;
}

/** The team's settings, its agents' switches and the figures its reply time is measured from. */
export interface TeamStore {
  /** The team as stored, or with the deployment's default settings before anyone changed them. */
  get(): Promise<TeamRecord>;
  saveSettings(settings: TeamSettings, changedBy: string, now: number): Promise<void>;
  /**
   * Reads the team record again when this process's knowledge of the team's retention
   * setting is over a minute old (else does nothing): `$default` runs it alongside its first
   * read, so conversation reads and writes follow an admin's change within a minute.
   */
  refreshRetention(): Promise<void>;
  /** Stores what visitors are told of the agents; false when that is what they were told already. */
  publishAgents(agents: AgentsAvailability): Promise<boolean>;
  /** Each agent's switch (available when never set). */
  switches(agentIds: string[]): Promise<Map<string, AgentSwitch>>;
  setSwitch(agentId: string, status: AgentStatus, now: number): Promise<void>;
  /** Counts one first response of `minutes`, answered on `day` (YYYY-MM-DD, UTC). */
  recordFirstResponse(day: string, minutes: number): Promise<void>;
  /** The first-response counts per bucket (see reply-time.ts), summed over the days from `fromDay` to `toDay`. */
  firstResponses(fromDay: string, toDay: string): Promise<number[]>;
  saveReplyMinutes(minutes: number | undefined, now: number): Promise<void>;
  /** Agents' profiles (display name, colour); absent for an agent who never had one. */
  profiles(agentIds: string[]): Promise<Map<string, AgentProfile>>;
  saveProfile(profile: AgentProfile): Promise<void>;
  forgetAgent(agentId: string): Promise<void>;
  /** When the agent's last console closed (epoch ms), for the check that unassigns an absent agent. */
  setOfflineSince(agentId: string, at: number): Promise<void>;
  offlineSince(agentId: string): Promise<number | undefined>;
  replies(): Promise<SavedReply[]>;
  /** Saves a reply; false when the team has MAX_SAVED_REPLIES already (a new one) or another has its shortcut. */
  saveReply(reply: SavedReply): Promise<'saved' | 'full' | 'shortcut taken'>;
  /** False when there was no such reply. */
  deleteReply(id: string): Promise<boolean>;
}

/** A day's counters for reports, by name (see chat/report-counts.ts): `conversations`, `h{hour}`, `answered`, `f{bucket}`, ... */
export type ReportCounts = Record<string, number>;

/** One day's counters: the team's, or one agent's. */
export interface ReportItem {
  /** YYYY-MM-DD in the team's time zone. */
  day: string;
  /** Absent: the team's. */
  agentId?: string;
  counts: ReportCounts;
}

/** The aggregates reports are read from, kept up to date as events happen. */
export interface ReportStore {
  /** Adds to one day's counters of the team (`agentId` undefined) or of one agent, atomically. */
  add(day: string, agentId: string | undefined, counts: ReportCounts): Promise<void>;
  /** Every item of the days from `from` to `to`, inclusive: the team's and the agents'. */
  read(from: string, to: string): Promise<ReportItem[]>;
}

/** One attachment: the room it was uploaded for, and the id its upload slot gave. */
export interface FileRef {
  roomId: string;
  attachmentId: string;
}

/** An upload as its slot allowed it: the name, the exact type and size. */
export interface FileUpload {
  name: string;
  type: AttachmentType;
  size: number;
}

/** An upload as it is in its slot now: what its slot allowed, and its bytes. */
export interface StoredUpload extends FileUpload {
  /** This version of the upload (its ETag): a slot may upload again until it expires. */
  version: string;
  /** Up to `length` bytes from `offset` of this version; throws if the upload changed since. */
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** A file accepted for a message: copied out of the upload area, where no slot reaches it. */
export interface AcceptedFile extends FileRef, FileUpload {
  /** The message it goes with: a file goes with one message only. */
  clientMsgId: string;
}

/** A presigned S3 POST: the form `fields`, then the file, to `url`, before `expiresAt` (ISO). */
export interface UploadSlot {
  url: string;
  fields: Record<string, string>;
  expiresAt: string;
}

/**
 * The attachments' bucket (S3). A slot uploads to the room's upload area, which S3 empties
 * after a day; a message's file is the server's copy of a checked upload, which no slot can
 * overwrite (and the only copy a malware scan looks at). Nothing here decides who may read
 * what: the chat logic does (chat/attachments.ts).
 */
export interface FileStore {
  /** A presigned POST for one upload: this key, exactly this type and size, for `seconds`. */
  uploadSlot(ref: FileRef, upload: FileUpload, seconds: number): Promise<UploadSlot>;
  /** What is in an upload slot now; undefined when nothing was uploaded (or S3 has deleted it). */
  upload(ref: FileRef): Promise<StoredUpload | undefined>;
  /** Copies exactly `upload`'s version out of the upload area, for message `clientMsgId`; false when it changed or went meanwhile. */
  accept(ref: FileRef, upload: StoredUpload, clientMsgId: string): Promise<boolean>;
  /** An accepted file, or undefined when there is none. */
  get(ref: FileRef): Promise<AcceptedFile | undefined>;
  /** Deletes the upload and any accepted copy: a refused file. */
  remove(ref: FileRef): Promise<void>;
  /** Copies an accepted file to another room (a conversation carried over to a signed-in customer's); false when there is none. */
  copy(from: FileRef, to: FileRef): Promise<boolean>;
  /** Deletes the accepted file alone (a malware scan found it bad; its upload is never served, and S3 deletes it within a day). */
  removeFile(ref: FileRef): Promise<void>;
  /**
   * A presigned GET of an accepted file for `seconds`, served as its checked `type`: inline
   * for the images the elements show, as a download with its name for anything else.
   */
  downloadUrl(file: AcceptedFile, seconds: number): Promise<{ url: string; expiresAt: string }>;
}

/** The team's agents as the identity provider (Cognito) knows them. */
export interface DirectoryAgent {
  agentId: string;
  email: string;
  /** The `name` attribute, when set. */
  name?: string;
  admin: boolean;
  /** Invited, with a temporary password not changed yet. */
  invited: boolean;
}

/** Who may sign in to the console, managed by admins. */
export interface AgentDirectory {
  list(): Promise<DirectoryAgent[]>;
  get(agentId: string): Promise<DirectoryAgent | undefined>;
  /**
   * Creates an agent (in the agents group, and admins if asked) with a temporary password,
   * which the identity provider emails them, or which is returned where it cannot.
   * Refuses an email that is taken (AgentExistsError).
   */
  invite(agent: { email: string; name: string; admin: boolean }): Promise<{ agentId: string; temporaryPassword?: string }>;
  remove(agentId: string): Promise<void>;
  setAdmin(agentId: string, admin: boolean): Promise<void>;
}

export class AgentExistsError extends Error {
  constructor(message = 'an agent with this email exists') {
    super(message);
    this.name = 'AgentExistsError';
  }
}

/** A check that runs later, on its own: see chat/checks.ts. */
export type ScheduledCheck =
  /** Email the room's unread replies (chat/follow-up.ts). */
  | { kind: 'followUp'; roomId: string }
  /** Alert the whole team if the assigned room's visitor still waits. */
  | { kind: 'escalate'; roomId: string; waitingSince: string }
  /** Unassign an agent's rooms if they are still offline. */
  | { kind: 'assigneeOffline'; agentId: string; offlineSince: number };

/** Runs checks later (SQS with a delay in production). */
export interface CheckQueue {
  /** The check runs at `dueAt` (epoch ms), at most 15 minutes ahead. */
  schedule(check: ScheduledCheck, dueAt: number): Promise<void>;
}

/** The visitor's context as `context` and their connection give it. */
export interface VisitorContextUpdate {
  lang: string;
  timeZone?: string;
  page?: { url: string; title?: string };
  referrer?: string;
  browser?: string;
  os?: string;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** An unsubscribe link for the List-Unsubscribe headers (RFC 8058). */
  unsubscribeUrl?: string;
}

export type LinkPurpose = 'resume' | 'unsubscribe';
export type LinkCheck = { ok: true; roomId: string } | { ok: false; reason: 'malformed' | 'forged' | 'expired' | 'wrong purpose' };

/** Signed links for visitors, each bound to one room and one purpose, with an expiry. */
export interface Links {
  /** A token that lets a browser connect to the room as its visitor until `expiresAt` (epoch ms). */
  resumeToken(roomId: string, expiresAt: number): Promise<string>;
  /** The site's chat page, opening the room with a resume token (in the fragment: it never reaches a server's logs). */
  conversationUrl(roomId: string, expiresAt: number): Promise<string>;
  /** The page that stops this room's emails. */
  unsubscribeUrl(roomId: string): Promise<string>;
  check(token: string, purpose: LinkPurpose, now: number): Promise<LinkCheck>;
}

/** Sends email to visitors. */
export interface MailSender {
  send(mail: OutgoingMail): Promise<void>;
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
  /** A new conversation, rather than a visitor still waiting. */
  firstMessage: boolean;
  /** The assignee, when the alert is an escalation of their conversation to the team (or a low rating of it). */
  assignee?: string;
  /** A low satisfaction rating (1 to 5) rather than a waiting visitor: `text` is its comment, if any. */
  rating?: number;
}

/** Tells the agents that a visitor is waiting. */
export interface AlertPublisher {
  publish(alert: AlertInput): Promise<void>;
}

/** Tells one agent that the visitor of their conversation is waiting (by email). */
export interface AgentNotifier {
  notify(agent: { email: string; name: string }, alert: AlertInput): Promise<void>;
}

/** What a log line may carry: an Error keeps its name, message and stack. */
export type LogValue = string | number | boolean | undefined | Error;

/** The narrow logging surface the chat logic needs (Powertools' Logger provides it). */
export interface Log {
  info(message: string, ...extra: Record<string, LogValue>[]): void;
  warn(message: string, ...extra: Record<string, LogValue>[]): void;
  error(message: string, ...extra: Record<string, LogValue>[]): void;
}

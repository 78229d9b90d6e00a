import type { AttachmentType } from './attachments.ts';
import type { ExportedFileLink, PersonCounts, PersonRef } from './privacy-actions.ts';
import type { Report } from './reports.ts';
import type { LocalizedText, TeamStatus } from './team.ts';

/**
 * Frames the server sends. These are types only (the server builds them, it does not
 * parse them), so the widget and the agent console import them at no cost in bytes.
 */
export type Role = 'visitor' | 'agent' | 'system';
export type RoomStatus = 'open' | 'closed';

export interface Sender {
  role: Role;
  name?: string;
}

export interface Message {
  /**
   * The message's place in its room: 1 for the first, each next one exactly one more.
   * The server stores message n only after n - 1, so a client that holds every message
   * up to n can catch up with `history after=n` and miss nothing. A visitor's numbers
   * skip those of internal messages, which are not theirs to see.
   */
  seq: number;
  roomId: string;
  clientMsgId: string;
  sender: Sender;
  text: string;
  /** ISO-8601 with milliseconds. */
  createdAt: string;
  /** For agents only, never sent to a visitor: an agent's note to colleagues, or a mark of what happened (`event`). */
  internal?: true;
  /** On a mark in the timeline: what happened to the conversation. */
  event?: RoomEvent;
  /** A file sent with the message (the text may then be empty). */
  attachment?: Attachment;
}

/** A file in a message: checked by the server before anyone else saw it. Its bytes come by `attachmentUrl`. */
export interface Attachment {
  id: string;
  /** The name the sender's device gave it. */
  name: string;
  /** What its first bytes say it is. */
  type: AttachmentType;
  /** In bytes. */
  size: number;
  /**
   * Absent once it may be downloaded. `checking`: a malware scan is under way (the
   * deployment has one); `removed`: the scan found malware, and the file is gone.
   */
  status?: 'checking' | 'removed';
}

/** A mark in an agents' timeline. Names are agents' display names. */
export type RoomEvent =
  /** `noRating`: closed without asking the visitor to rate it. */
  | { type: 'closed'; by: string; noRating?: true }
  /** The visitor rated the conversation (`previous`: they changed their rating from that score). */
  | { type: 'rated'; score: number; comment?: string; previous?: number }
  /** `by` absent: the visitor's message reopened it. */
  | { type: 'reopened'; by?: string }
  /** `to` took it when `to` equals `by`. */
  | { type: 'assigned'; to: string; by: string }
  /** Given back by `by`, or taken back from an assignee offline too long (`offline`). */
  | { type: 'unassigned'; from: string; by?: string; offline?: true };

/** A visitor's satisfaction rating of a closed conversation: 1 (very bad) to 5 (very good). */
export interface Rating {
  score: number;
  comment?: string;
  /** When they first rated it (ISO): they may change it for 24 hours from then. */
  ratedAt: string;
  /** When they last changed it (ISO), if they did. */
  changedAt?: string;
}

/** An agent as others see them. */
export interface AgentRef {
  agentId: string;
  name: string;
}

/** What the visitor's browser told (the `context` action) and the server read from its connection. */
export interface VisitorContext {
  /** Their language (a BCP 47 tag) and time zone (IANA). */
  lang?: string;
  timeZone?: string;
  /** The page they are on, and when they came to it (ISO). */
  page?: { url: string; title?: string; at: string };
  referrer?: string;
  /** From the browser's User-Agent, e.g. "Firefox 132" and "macOS". */
  browser?: string;
  os?: string;
}

export interface RoomSummary {
  roomId: string;
  status: RoomStatus;
  /** What the visitor typed (`identify`): unverified, never used to merge anything. */
  visitorName?: string;
  visitorEmail?: string;
  /** Who the company's backend says the visitor is (a verified identity token): absent for anonymous visitors. */
  customer?: VerifiedCustomer;
  createdAt: string;
  lastMessageAt: string;
  lastMessagePreview: string;
  /** Who wrote the message of the preview: the visitor, or an agent (with their id). */
  lastSender?: { role: 'visitor' | 'agent'; name?: string; agentId?: string };
  /** Since when (ISO) the visitor's message waits for an agent's answer; absent when answered. */
  waitingSince?: string;
  /** The agent handling the conversation. */
  assignee?: AgentRef;
  visitor?: VisitorContext;
  /** The visitor's latest satisfaction rating, of the latest close they were asked about. */
  rating?: Rating;
  agentsOnline: number;
  /**
   * How many times the room's record was written. Summaries sent by handlers running at
   * once can arrive in either order: one with a lower revision than the summary held is
   * older, and is dropped.
   */
  revision?: number;
}

/**
 * A signed-in customer of the company, as their verified identity token says: one
 * conversation per `id` (the token's `sub`) on every device.
 */
export interface VerifiedCustomer {
  id: string;
  name?: string;
  email?: string;
  /** What the company chose to show agents: a plan, an account id, a flag. */
  attributes?: Record<string, string | number | boolean>;
  /** When the customer last connected with a good token (ISO). */
  verifiedAt: string;
}

/** A saved reply: inserted in the composer by its shortcut, in the visitor's language. */
export interface SavedReply {
  id: string;
  /** Typed after "/": 1 to 32 of a-z, 0-9, - and _. */
  shortcut: string;
  title: string;
  /** Per language; `{{visitor.name|fallback}}` and `{{agent.name}}` are filled in by the console. */
  text: LocalizedText;
  updatedAt: string;
}

/** An agent of the team, as the console lists them. */
export interface AgentInfo extends AgentRef {
  email: string;
  /** A colour for their avatar, "#rrggbb". */
  color?: string;
  admin: boolean;
  /** Their own switch. */
  status: AgentStatus;
  /** A console of theirs is connected now. */
  online: boolean;
  /** Invited, and not signed in yet. */
  invited?: boolean;
}

/** An agent's own switch: Available or Away. */
export type AgentStatus = 'available' | 'away';

export type ErrorCode =
  | 'bad_request'
  | 'unknown_action'
  | 'too_large'
  | 'forbidden'
  | 'not_found'
  /** Someone else got there first: another agent took the conversation. */
  | 'conflict'
  /** A file that may not be sent: its kind is not on the list, or it is not what its name and type say. */
  | 'unsupported_type'
  | 'rate_limited'
  | 'internal';

export type ServerEvent =
  | { type: 'message'; message: Message }
  | { type: 'history'; roomId: string; messages: Message[]; hasMore: boolean }
  | { type: 'typing'; roomId: string; role: Role; name?: string; isTyping: boolean }
  | { type: 'read'; roomId: string; role: Role; seq: number }
  /** After a visitor's `history`, `status` says whether the conversation is open or closed. */
  | { type: 'presence'; roomId: string; agentsOnline: number; event?: 'joined' | 'left'; name?: string; status?: RoomStatus }
  | { type: 'profile'; roomId: string; name?: string; email?: string }
  /**
   * The team: its settings and availability; to agents and visitors. `me`, to an agent who
   * asked: their own switch and role, and who they are (the name their messages carry).
   */
  | { type: 'team'; status: TeamStatus; me?: { status: AgentStatus; admin: boolean; agentId: string; name: string } }
  /** A visitor who came back through an email's link: a fresh token to reconnect with (7 days). */
  | { type: 'resume'; roomId: string; token: string }
  /** The conversation went to the visitor's email address, as asked with `emailTranscript`. */
  | { type: 'transcriptSent'; roomId: string }
  | { type: 'rooms'; rooms: RoomSummary[] }
  | { type: 'roomUpdated'; room: RoomSummary }
  | { type: 'roomClosed'; roomId: string }
  | { type: 'roomReopened'; roomId: string }
  /**
   * An admin erased the conversation (`erasePerson`, or `npm run privacy -- erase`): nothing
   * of it is left on the server. To its visitor's connections first, before they are closed:
   * the widget forgets it in every tab (as `reset`) and starts afresh, in a new room once the
   * visitor writes again. Then to every agent's console: it drops the room.
   */
  | { type: 'roomErased'; roomId: string }
  /**
   * To the visitor: the closed conversation asks for their rating. Sent when an agent closes
   * it asking, after each history page while it is closed so (a visitor away at the close
   * sees it when back), and after each `rate`. `rating`: theirs so far; `changeable`: whether
   * `rate` may still change it (until `changeableUntil`, 24 hours after the first).
   */
  | { type: 'rating'; roomId: string; rating?: Rating; changeable: boolean; changeableUntil?: string }
  /** To the visitor: who is handling their conversation (no name: nobody in particular). */
  | { type: 'assigned'; roomId: string; name?: string }
  /** The team's saved replies, to agents: on `listReplies`, and to every agent when one changes. */
  | { type: 'replies'; replies: SavedReply[] }
  /** The team's agents, to agents: on `listAgents`, and to every agent when one changes. */
  | { type: 'agents'; agents: AgentInfo[] }
  /** To an admin who invited an agent where the deployment cannot email the invitation (the local stack). */
  | { type: 'agentInvited'; email: string; temporaryPassword?: string }
  /** The visitor's other conversations (by their email), newest first. */
  | { type: 'visitorRooms'; roomId: string; rooms: RoomSummary[] }
  /**
   * Where to upload the file for message `clientMsgId`: a presigned S3 POST to `url` with
   * `fields` (then the file, last), for this one file, its type and size, until `expiresAt`.
   */
  | {
      type: 'uploadSlot';
      roomId: string;
      clientMsgId: string;
      attachmentId: string;
      url: string;
      fields: Record<string, string>;
      expiresAt: string;
    }
  /** A link to a message's file, valid until `expiresAt` (at most 5 minutes). */
  | { type: 'attachmentUrl'; roomId: string; attachmentId: string; url: string; expiresAt: string }
  /** A stored message changed: its file's malware scan ended. Replaces the message with the same `seq`. */
  | { type: 'messageUpdated'; message: Message }
  /** To an admin: what is stored about a person (`findPerson`), their rooms and the count of each kind of item. */
  | { type: 'person'; selector: PersonRef; roomIds: string[]; counts: PersonCounts }
  /**
   * To an admin: everything stored about a person (`exportPerson`): `data`, the JSON text of
   * every item as stored, and a link to each of their checked files.
   */
  | { type: 'personExport'; selector: PersonRef; data: string; files: ExportedFileLink[] }
  /** To an admin: the person's items were erased (`erasePerson`): how many of each kind. */
  | { type: 'personErased'; selector: PersonRef; counts: PersonCounts }
  /** The answer to `report`. */
  | { type: 'report'; report: Report }
  | { type: 'pong' }
  | { type: 'error'; code: ErrorCode; message: string; action?: string; clientMsgId?: string };

export type ServerEventType = ServerEvent['type'];
export type ServerEventOf<T extends ServerEventType> = Extract<ServerEvent, { type: T }>;

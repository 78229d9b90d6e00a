import type { TeamStatus } from './team.ts';

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
   * up to n can catch up with `history after=n` and miss nothing.
   */
  seq: number;
  roomId: string;
  clientMsgId: string;
  sender: Sender;
  text: string;
  /** ISO-8601 with milliseconds. */
  createdAt: string;
}

export interface RoomSummary {
  roomId: string;
  status: RoomStatus;
  visitorName?: string;
  visitorEmail?: string;
  createdAt: string;
  lastMessageAt: string;
  lastMessagePreview: string;
  agentsOnline: number;
}

/** An agent's own switch: Available or Away. */
export type AgentStatus = 'available' | 'away';

export type ErrorCode = 'bad_request' | 'unknown_action' | 'too_large' | 'forbidden' | 'not_found' | 'rate_limited' | 'internal';

export type ServerEvent =
  | { type: 'message'; message: Message }
  | { type: 'history'; roomId: string; messages: Message[]; hasMore: boolean }
  | { type: 'typing'; roomId: string; role: Role; name?: string; isTyping: boolean }
  | { type: 'read'; roomId: string; role: Role; seq: number }
  /** After a visitor's `history`, `status` says whether the conversation is open or closed. */
  | { type: 'presence'; roomId: string; agentsOnline: number; event?: 'joined' | 'left'; name?: string; status?: RoomStatus }
  | { type: 'profile'; roomId: string; name?: string; email?: string }
  /** The team: its settings and availability; to agents (`me`: their own switch and role) and visitors. */
  | { type: 'team'; status: TeamStatus; me?: { status: AgentStatus; admin: boolean } }
  /** A visitor who came back through an email's link: a fresh token to reconnect with (7 days). */
  | { type: 'resume'; roomId: string; token: string }
  /** The conversation went to the visitor's email address, as asked with `emailTranscript`. */
  | { type: 'transcriptSent'; roomId: string }
  | { type: 'rooms'; rooms: RoomSummary[] }
  | { type: 'roomUpdated'; room: RoomSummary }
  | { type: 'roomClosed'; roomId: string }
  | { type: 'pong' }
  | { type: 'error'; code: ErrorCode; message: string; action?: string; clientMsgId?: string };

export type ServerEventType = ServerEvent['type'];
export type ServerEventOf<T extends ServerEventType> = Extract<ServerEvent, { type: T }>;

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

export type ErrorCode =
  | 'bad_request'
  | 'unknown_action'
  | 'too_large'
  | 'forbidden'
  | 'not_found'
  | 'rate_limited'
  | 'internal';

export type ServerEvent =
  | { type: 'message'; message: Message }
  | { type: 'history'; roomId: string; messages: Message[]; hasMore: boolean }
  | { type: 'typing'; roomId: string; role: Role; name?: string; isTyping: boolean }
  | { type: 'read'; roomId: string; role: Role; seq: number }
  | { type: 'presence'; roomId: string; agentsOnline: number; event?: 'joined' | 'left'; name?: string }
  | { type: 'profile'; roomId: string; name?: string; email?: string }
  | { type: 'rooms'; rooms: RoomSummary[] }
  | { type: 'roomUpdated'; room: RoomSummary }
  | { type: 'roomClosed'; roomId: string }
  | { type: 'pong' }
  | { type: 'error'; code: ErrorCode; message: string; action?: string; clientMsgId?: string };

export type ServerEventType = ServerEvent['type'];
export type ServerEventOf<T extends ServerEventType> = Extract<ServerEvent, { type: T }>;

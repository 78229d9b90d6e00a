import type { ErrorCode, Message, ServerEvent } from '@support-chat/backend/protocol';
import type { BackoffOptions } from './backoff.ts';

/*
 * The types of ChatClient's public API (its options, its events, what they carry), apart
 * from the class so that its parts can name them without importing the class.
 */

/**
 * idle: not connecting (nothing asked for it yet, or disconnect() was called);
 * connecting: the first attempt; open; reconnecting: waiting for or making another
 * attempt; offline: the browser reports no network, the next attempt comes with `online`.
 */
export type ConnectionState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'offline';

export interface ServerError {
  code: ErrorCode;
  message: string;
  action?: string;
  clientMsgId?: string;
}

/** A signed-in customer's identity token, and whose it says it is (its `sub`, unverified). */
export interface CustomerToken {
  token: string;
  sub: string;
}

export interface VisitorProfile {
  name?: string;
  email?: string;
}

export interface ChatClientOptions {
  /** The WebSocket endpoint (wss://...), or a function that finds it (e.g. from config.json); asked again on each attempt until it answers. */
  endpoint: string | (() => string | Promise<string>);
  /** For agents: a fresh Cognito ID token for each connection. Without it the client is a visitor's. */
  token?: () => string | Promise<string>;
  /**
   * Where the visitor key, the outbox and the profile live, and what the elements keep
   * (see `store` and `tabStore`); null keeps everything in memory. @default localStorage for visitors, memory for agents
   */
  storage?: Storage | null;
  /** Prefix of the storage keys. @default "support-chat" */
  storageKey?: string;
  /** @default 4 minutes (API Gateway closes idle connections after 10) */
  pingIntervalMs?: number;
  /** A ping unanswered this long means a dead connection. @default 6 s */
  pongTimeoutMs?: number;
  /**
   * A message unacknowledged this long is sent again (same clientMsgId) and the
   * connection is checked with a ping: a silently dead one is replaced. @default 6 s
   */
  ackTimeoutMs?: number;
  /** A gap in the numbers of live messages this long is filled from the server. @default 1.5 s */
  gapFillMs?: number;
  /** A connection is replaced, without a gap, this long after it opened. @default 2 h minus 1 min */
  maxConnectionMs?: number;
  backoff?: BackoffOptions;
  /** Messages per history page (1-100). @default the server's, 50 */
  historyPageSize?: number;
  /**
   * Visitors: their language, asked on each attempt and sent as `&lang=` when connecting,
   * so the server can answer a first message in it before the `context` frame has arrived.
   */
  lang?: () => string;
}

export interface ChatClientEventMap {
  /** The connection state changed. */
  state: ConnectionState;
  /** Every frame the server sent, as it came. */
  event: ServerEvent;
  /** A message the client had not seen before; `live` is false for history pages. */
  message: { message: Message; live: boolean };
  /** Something a view shows changed: messages, the outbox, the profile, the state. */
  change: undefined;
  /** The server refused something (a failed message also carries its clientMsgId). */
  error: ServerError;
  /**
   * A connection made with a signed-in customer's identity token closed before it opened:
   * the token was refused, or the network failed (a browser cannot tell which; the public
   * API's POST /identity can).
   */
  identityRefused: undefined;
  /**
   * The client forgot the visitor: another tab's `reset` (a customer signed out), or (`true`)
   * an admin erased the conversation (`roomErased`), which starts the chat afresh as it stands.
   */
  reset: true | undefined;
}

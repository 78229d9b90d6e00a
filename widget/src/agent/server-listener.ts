import type { ClientFrame, ServerEvent } from '@support-chat/backend/protocol';
import type { ServerError } from '../client/chat-client.ts';

/**
 * A part of the console that keeps something of the server's (the team's agents, the
 * saved replies, assignment): the element hands each one the connection's news.
 */
export interface ServerListener {
  /** The connection opened: ask for what this part shows. */
  connected?(): void;
  /** An event of the server's. */
  event?(event: ServerEvent): void;
  /** A refusal; answers true when this part shows it in its place. */
  refused?(error: ServerError): boolean;
  /** Signed out: nothing known. */
  reset?(): void;
}

/** Sends a frame now; false when the console is not connected (nothing was sent). */
export type SendFrame = (frame: ClientFrame) => boolean;

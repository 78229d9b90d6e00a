import type { ClientFrame, ErrorCode } from '@support-chat/backend/protocol';
import { backoffDelay } from './backoff.ts';
import type { Outbox, PendingMessage } from './outbox.ts';

/** See ChatClientOptions.ackTimeoutMs. */
const ACK_TIMEOUT_MS = 6_000;

/** What the sender asks of the client. */
export interface OutboxSenderHost {
  /** Following another tab: the leader sends the outbox, which all tabs share. */
  following(): boolean;
  send(frame: ClientFrame): boolean;
  /** The frame as sent for the message's room (agents name it). */
  roomFrame<F extends ClientFrame>(frame: F, roomId: string | undefined): F;
  /** Checks the connection: a message went unacknowledged. */
  ping(): void;
}

/**
 * Sends the outbox's messages, one at a time: API Gateway runs a connection's frames
 * concurrently, so two messages sent back to back could be stored in either order.
 * Waiting for each acknowledgement keeps the conversation in the order it was typed. It
 * owns what is in flight on the current connection, the acknowledgement timeout (a
 * silent connection is found out by it), and the retry after a rate limit.
 */
export class OutboxSender {
  readonly #outbox: Outbox;
  readonly #host: OutboxSenderHost;
  readonly #ackTimeoutMs: number;
  /** clientMsgIds sent on the current connection and not yet answered. */
  readonly #inFlight = new Set<string>();
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #ackTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(outbox: Outbox, host: OutboxSenderHost, ackTimeoutMs = ACK_TIMEOUT_MS) {
    this.#outbox = outbox;
    this.#host = host;
    this.#ackTimeoutMs = ackTimeoutMs;
  }

  /** Sends the oldest unsent message, unless one is in flight already. */
  flush(): void {
    if (this.#inFlight.size > 0 || this.#host.following()) return;
    const next = this.#outbox.list().find((pending) => pending.status === 'sending');
    if (next) this.#transmit(next);
  }

  /** The server's copy of a message arrived: its outbox entry goes. True when it was in flight (the next can go). */
  acknowledge(clientMsgId: string): boolean {
    return this.#outbox.remove(clientMsgId) && this.#inFlight.delete(clientMsgId);
  }

  /**
   * The server refused a frame. One of the outbox's messages is sent again in a moment
   * when the server was busy or failed ('retried'), else marked failed with the server's
   * reason ('failed'); undefined when the error was about no message of the outbox.
   */
  refused(error: { code: ErrorCode; message: string; clientMsgId?: string }): 'retried' | 'failed' | undefined {
    const pending = error.clientMsgId === undefined ? undefined : this.#outbox.get(error.clientMsgId);
    if (!pending) return undefined;
    this.#inFlight.delete(pending.clientMsgId);
    if (error.code === 'rate_limited' || error.code === 'internal') {
      clearTimeout(this.#retryTimer);
      this.#retryTimer = setTimeout(() => this.flush(), 1000 + backoffDelay(0));
      return 'retried';
    }
    this.#outbox.update(pending.clientMsgId, { status: 'failed', error: error.message });
    this.flush();
    return 'failed';
  }

  /** The connection went, or another opened: nothing is in flight on it. */
  reset(): void {
    this.#inFlight.clear();
    clearTimeout(this.#ackTimer);
  }

  /** This tab stops sending (it disconnects, or follows another). */
  stop(): void {
    clearTimeout(this.#retryTimer);
    clearTimeout(this.#ackTimer);
  }

  #transmit(pending: PendingMessage): void {
    const frame = this.#host.roomFrame(
      {
        action: 'sendMessage',
        clientMsgId: pending.clientMsgId,
        text: pending.text,
        ...(pending.internal && { internal: true as const }),
        ...(pending.file?.id && { attachment: { id: pending.file.id } }),
      },
      pending.roomId,
    );
    if (!this.#host.send(frame)) return;
    this.#inFlight.add(pending.clientMsgId);
    clearTimeout(this.#ackTimer);
    this.#ackTimer = setTimeout(() => {
      if (!this.#inFlight.delete(pending.clientMsgId)) return;
      // No acknowledgement: the server is slow, or the connection died without a word
      // (a dead Wi-Fi, a sleeping NAT) and would only be found out by the next idle
      // ping, minutes away. A ping tells which; a dead connection is replaced and the
      // outbox flushed on the new one. Meanwhile the message goes again (same
      // clientMsgId, so the server stores and broadcasts it once either way).
      this.#host.ping();
      this.flush();
    }, this.#ackTimeoutMs);
  }
}

import type { Message, ServerEvent } from '@support-chat/backend/protocol';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChatClient, ConnectionState, ServerError } from '../client/chat-client.ts';

/** What a host hears from its client, beside the renders every change brings. */
export interface ConnectionListeners {
  state?(state: ConnectionState): void;
  event?(event: ServerEvent): void;
  message?(message: Message, live: boolean): void;
  /** Every refusal, first; answer true when the host shows this one its own way (it is then no notice). */
  error?(error: ServerError): boolean | undefined;
}

/**
 * Typing, read receipts and pings are best effort, a refused message (or file) shows on the
 * message itself, and a refused link to a file on the file: none of their refusals is
 * worth a notice.
 */
export const isQuietError = (error: ServerError): boolean =>
  error.clientMsgId !== undefined || ['typing', 'read', 'ping', 'attachmentUrl'].includes(error.action ?? '');

/**
 * A ChatClient for its host: subscribed while the host is on the page (each change renders
 * the host), disconnected when it leaves, and the server's latest refusal kept as a notice
 * until dismissed. The visitor's is for the element's life; the console makes one per
 * sign-in and ends it (`end()`) at sign-out.
 */
export class ConnectionController implements ReactiveController {
  /** The server's latest refusal worth showing, until dismissed. */
  notice: string | undefined;
  readonly client: ChatClient;
  readonly #host: ReactiveControllerHost;
  readonly #listeners: ConnectionListeners;
  #unsubscribe: (() => void)[] = [];

  constructor(host: ReactiveControllerHost, client: ChatClient, listeners: ConnectionListeners = {}) {
    this.#host = host;
    this.client = client;
    this.#listeners = listeners;
    host.addController(this);
  }

  dismiss(): void {
    this.notice = undefined;
    this.#host.requestUpdate();
  }

  /** For good: unsubscribed, disconnected, and no longer the host's. */
  end(): void {
    this.hostDisconnected();
    this.#host.removeController(this);
    this.#host.requestUpdate();
  }

  hostConnected(): void {
    const { client } = this;
    const l = this.#listeners;
    this.#unsubscribe = [
      client.on('change', () => this.#host.requestUpdate()),
      client.on('state', (state) => l.state?.(state)),
      client.on('event', (event) => l.event?.(event)),
      client.on('message', ({ message, live }) => l.message?.(message, live)),
      client.on('error', (error) => {
        if (l.error?.(error) === true || isQuietError(error)) return;
        this.notice = error.message;
        this.#host.requestUpdate();
      }),
    ];
  }

  hostDisconnected(): void {
    for (const off of this.#unsubscribe.splice(0)) off();
    this.client.disconnect();
  }
}

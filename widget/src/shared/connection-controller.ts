import type { Message, ServerEvent } from '@support-chat/backend/protocol';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChatClient, ConnectionState, ServerError } from '../client/chat-client.ts';

/** What a host hears from its client, beside the renders every change brings. */
export interface ConnectionListeners {
  state?(state: ConnectionState): void;
  event?(event: ServerEvent): void;
  message?(message: Message, live: boolean): void;
  /** Every refusal, first; answer true when the host shows this one its own way (it is then no notice). */
  error?(error: ServerError): boolean | void;
}

/**
 * Typing, read receipts and pings are best effort, and a refused message shows on the
 * message itself: none of their refusals is worth a notice.
 */
export const isQuietError = (error: ServerError): boolean =>
  error.clientMsgId !== undefined || error.action === 'typing' || error.action === 'read' || error.action === 'ping';

/**
 * The host's ChatClient: subscribed while the host is on the page (each change renders
 * the host), disconnected when it leaves, and the server's latest refusal kept as a notice
 * until dismissed. The console swaps the client at each sign-in; the visitor's is for life.
 */
export class ConnectionController implements ReactiveController {
  /** The server's latest refusal worth showing, until dismissed. */
  notice: string | undefined;
  private current: ChatClient | undefined;
  private unsubscribe: (() => void)[] = [];
  private attached = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly listeners: ConnectionListeners = {},
    client?: ChatClient,
  ) {
    this.current = client;
    host.addController(this);
  }

  get client(): ChatClient | undefined {
    return this.current;
  }

  /** Another client (or none): the previous one is unsubscribed first, then disconnected. */
  set client(client: ChatClient | undefined) {
    if (client === this.current) return;
    const previous = this.current;
    this.unsubscribeAll();
    this.current = client;
    this.notice = undefined;
    previous?.disconnect();
    if (this.attached) this.subscribe();
    this.host.requestUpdate();
  }

  /** `idle` without a client. */
  get state(): ConnectionState {
    return this.current?.state ?? 'idle';
  }

  dismiss(): void {
    this.notice = undefined;
    this.host.requestUpdate();
  }

  hostConnected(): void {
    this.attached = true;
    this.subscribe();
  }

  hostDisconnected(): void {
    this.attached = false;
    this.unsubscribeAll();
    this.current?.disconnect();
  }

  private subscribe(): void {
    const client = this.current;
    if (!client) return;
    const l = this.listeners;
    this.unsubscribe = [
      client.on('change', () => this.host.requestUpdate()),
      client.on('state', (state) => l.state?.(state)),
      client.on('event', (event) => l.event?.(event)),
      client.on('message', ({ message, live }) => l.message?.(message, live)),
      client.on('error', (error) => {
        if (l.error?.(error) === true || isQuietError(error)) return;
        this.notice = error.message;
        this.host.requestUpdate();
      }),
    ];
  }

  private unsubscribeAll(): void {
    for (const off of this.unsubscribe.splice(0)) off();
  }
}

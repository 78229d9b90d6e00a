import type { Message, ServerEvent } from '@support-chat/backend/protocol';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChatClient } from '../client/chat-client.ts';
import type { AttentionController } from '../shared/attention-controller.ts';

/** What reading needs of the element. */
export interface ReadHost extends ReactiveControllerHost {
  readonly client: ChatClient;
  readonly opened: boolean;
}

/**
 * Read, both ways. The visitor's: the agents' messages they have not seen (the launcher's
 * count, across reloads: the number of the last one seen is kept as `support-chat:read`),
 * with a sound for one that comes in while the panel is closed, and a receipt once they can
 * see the conversation. The agents': the latest message they have read ("Seen").
 */
export class ReadController implements ReactiveController {
  /** The agents' messages the visitor has not seen. */
  unread = 0;
  /** The latest message number an agent has read, 0 for none. */
  agentReadSeq = 0;
  readonly #host: ReadHost;
  readonly #attention: AttentionController;

  constructor(host: ReadHost, attention: AttentionController) {
    this.#host = host;
    this.#attention = attention;
    host.addController(this);
  }

  hostConnected(): void {
    addEventListener('storage', this.#onStorage);
  }

  hostDisconnected(): void {
    removeEventListener('storage', this.#onStorage);
  }

  /** The visitor read in another tab (its read mark is in the shared storage): the count here follows. */
  readonly #onStorage = (event: StorageEvent) => {
    if (event.key !== null && !event.key.endsWith(':read')) return;
    this.unread = this.#agentMessagesAfter(this.#lastReadSeq).length;
    this.#host.requestUpdate();
  };

  /** A message came into the conversation (`live`: as it was sent, not from a history page). */
  message(message: Message, live: boolean): void {
    if (message.sender.role === 'agent' && message.seq > this.#lastReadSeq) {
      this.unread = this.#agentMessagesAfter(this.#lastReadSeq).length;
      this.#host.requestUpdate();
      // One sound however many tabs are open (see ChatClient.attentionHere).
      if (live && !this.#host.opened && this.#host.client.attentionHere) this.#attention.blip();
    }
    this.markIfSeen();
  }

  /** The server's `read`: an agent read up to a message. */
  event(event: ServerEvent): void {
    if (event.type !== 'read' || event.role !== 'agent' || event.seq <= this.agentReadSeq) return;
    this.agentReadSeq = event.seq;
    this.#host.requestUpdate();
  }

  /** When the visitor can see the conversation, everything in it is read. */
  markIfSeen(): void {
    const { client, opened } = this.#host;
    if (!opened || document.visibilityState !== 'visible') return;
    const latest = this.#agentMessagesAfter(this.#lastReadSeq).at(-1);
    this.unread = 0;
    this.#host.requestUpdate();
    if (!latest) return;
    client.store.set('read', String(latest.seq));
    client.markRead(latest.seq);
  }

  get #lastReadSeq(): number {
    return Number(this.#host.client.store.get('read')) || 0;
  }

  #agentMessagesAfter(seq: number): Message[] {
    return this.#host.client.messages().filter((m) => m.sender.role === 'agent' && m.seq > seq);
  }
}

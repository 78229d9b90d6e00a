import type { Message, ServerEvent, SiteConfig } from '@support-chat/backend/protocol';
import type { ReactiveController, ReactiveElement } from 'lit';
import { ChatClient, type ConnectionState, type ServerError } from '../client/chat-client.ts';
import { pageStorage, prefixed, safeStorage } from '../client/storage.ts';
import { ConnectionController } from '../shared/connection-controller.ts';
import { format } from '../shared/format.ts';
import type { TypingController } from '../shared/typing-controller.ts';
import type { AgentIdentity } from './agent-session.ts';
import type { ConsoleAttentionController } from './attention-controller.ts';
import type { SupportAgentConsoleEventMap } from './events.ts';
import { visitorName } from './format.ts';
import type { ServerListener } from './server-listener.ts';
import type { SupportAgentConsoleStrings } from './strings.ts';
import { type Arrival, Workspace } from './workspace.ts';

/** Where the console keeps each agent's read marks: the page's localStorage, as `support-agent-console:seen:ID`. */
const consoleStore = () => prefixed(safeStorage(pageStorage('local')), 'support-agent-console');

/** Who is typing where: the visitor of a room, or each agent in it by name. */
export const typistKey = (roomId: string, role: string, name?: string) =>
  role === 'agent' ? `${roomId}\nagent\n${name ?? ''}` : `${roomId}\n${role}`;

/** Fires one of the element's events; answers false when a listener cancelled it. */
export type Fire = <K extends keyof SupportAgentConsoleEventMap>(
  type: K,
  detail: SupportAgentConsoleEventMap[K]['detail'],
  cancelable?: boolean,
) => boolean;

export interface WorkspaceOptions {
  /** The parts that hear the server (see ServerListener), in the order they hear it. */
  parts(): ServerListener[];
  /** The conversation shown. */
  selected(): string | undefined;
  /** The console shows (not a sign-in screen). */
  showing(): boolean;
  texts(): SupportAgentConsoleStrings;
  /** The ID token for each connection attempt. */
  token(): Promise<string>;
  typing: TypingController;
  attention: ConsoleAttentionController;
  fire: Fire;
  open(roomId: string): void;
  /** A connection opened. */
  opened(): void;
  /** The first inbox came, with a conversation in it, and nothing is selected or focused. */
  firstList(): void;
}

/**
 * The signed-in agent's connection, one per sign-in, and what it brings: the inbox and
 * the read marks (the Workspace), typing, attention while the page is hidden, read
 * receipts for what the agent sees, and every other event to the parts that keep it.
 */
export class WorkspaceController implements ReactiveController {
  workspace = new Workspace();
  #connection: ConnectionController | undefined;
  #awaitingFirstList = false;
  readonly #host: ReactiveElement;
  readonly #options: WorkspaceOptions;

  constructor(host: ReactiveElement, options: WorkspaceOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  get client(): ChatClient | undefined {
    return this.#connection?.client;
  }

  /** The server's latest refusal worth a notice, until dismissed. */
  get notice(): string | undefined {
    return this.#connection?.notice;
  }

  dismissNotice(): void {
    this.#connection?.dismiss();
  }

  /** The room this console is in now, and so counts among the room's agents. */
  get here(): string | undefined {
    return this.client?.state === 'open' ? this.#options.selected() : undefined;
  }

  /** An agent signed in: their workspace, connected; `linked`: a conversation the address names, opened at once. */
  start(identity: AgentIdentity, config: SiteConfig, linked: string | undefined): void {
    this.#options.fire('support-agent-console-sign-in', { email: identity.email, name: identity.name });
    this.workspace = new Workspace(consoleStore(), `seen:${identity.id}`);
    const client = new ChatClient({ endpoint: () => config.websocketUrl, token: () => this.#options.token() });
    this.#connection = new ConnectionController(this.#host, client, {
      state: (state) => this.#onState(state),
      event: (event) => this.#onEvent(event),
      message: (message, live) => this.#onMessage(message, live),
      error: (error) => this.#onError(error),
    });
    client.connect();
    this.#awaitingFirstList = !linked;
    if (linked) this.#options.open(linked);
  }

  /** The ID token was refreshed: an open connection starts again with it. */
  refreshed(): void {
    // A refresh during a connection attempt is that attempt's token already.
    if (this.client?.state === 'open') this.client.reconnect();
  }

  stop(): void {
    const { typing, attention } = this.#options;
    typing.stop();
    typing.clear();
    this.#connection?.end();
    this.#connection = undefined;
    this.workspace = new Workspace();
    for (const part of this.#options.parts()) part.reset?.();
    attention.resetTitle();
  }

  /** The agent sees the open conversation: it is read, and the visitor hears so. */
  hostUpdated(): void {
    const roomId = this.#options.selected();
    const client = this.client;
    if (!roomId || !client || !this.#viewing(roomId)) return;
    const seq = this.workspace.viewed(roomId, client.messages(roomId));
    if (seq !== undefined) client.markRead(seq, roomId);
  }

  #viewing(roomId: string): boolean {
    return roomId === this.#options.selected() && this.#options.showing() && !this.#options.attention.hidden;
  }

  #onState(state: ConnectionState): void {
    if (state === 'open') {
      this.#options.opened();
      for (const part of this.#options.parts()) part.connected?.();
      // The inbox as it is now; roomUpdated keeps it current from here on.
      this.client?.send({ action: 'listRooms', status: 'open', limit: 100 });
      this.client?.send({ action: 'listRooms', status: 'closed', limit: 100 });
    }
    this.#options.fire('support-agent-console-connection', { state });
  }

  #onEvent(event: ServerEvent): void {
    const arrival = this.workspace.apply(event, (roomId) => this.#viewing(roomId));
    if (arrival) this.#attend(arrival);
    for (const part of this.#options.parts()) part.event?.(event);
    if (event.type === 'typing') {
      const { roomId, role, name } = event;
      const s = this.#options.texts();
      const shown = role === 'visitor' ? visitorName(this.workspace.inbox.get(roomId), s) : name || s.agent;
      this.#options.typing.show(typistKey(roomId, role, name), event.isTyping ? shown : undefined);
    } else if (event.type === 'rooms') {
      // Straight after sign-in, the keyboard starts on the newest conversation.
      if (this.#awaitingFirstList && event.rooms.length > 0 && !this.#options.selected()) this.#options.firstList();
      this.#awaitingFirstList = false;
    }
  }

  #onMessage(message: Message, live: boolean): void {
    this.#options.typing.show(typistKey(message.roomId, message.sender.role, message.sender.name), undefined);
    if (message.roomId === this.#options.selected()) this.#options.fire('support-agent-console-message', { message, live });
  }

  /** Answers true for the refusals shown their own way. */
  #onError(error: ServerError): boolean {
    this.#options.fire('support-agent-console-error', error);
    return this.workspace.refused(error, this.#options.selected()) || this.#options.parts().some((part) => part.refused?.(error));
  }

  /** While the page is hidden: a count in its title and, unless the event is cancelled, a notification. */
  #attend({ room, reason }: Arrival): void {
    const s = this.#options.texts();
    const title = format(reason === 'new-conversation' ? s.newConversation : s.newMessage, { name: visitorName(room, s) });
    const detail = { roomId: room.roomId, reason, title, text: room.lastMessagePreview };
    this.#options.attention.arrived(
      detail,
      () => this.#options.fire('support-agent-console-attention', detail, true),
      () => this.#options.open(room.roomId),
    );
  }
}

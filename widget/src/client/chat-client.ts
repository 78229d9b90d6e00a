import type { ClientFrame, Message } from '@support-chat/backend/protocol';
import type { ChatClientEventMap, ChatClientOptions, ConnectionState, CustomerToken, VisitorProfile } from './chat-client-types.ts';
import { Connection } from './connection.ts';
import { Emitter } from './emitter.ts';
import { Outbox, type PendingMessage } from './outbox.ts';
import { OutboxSender } from './outbox-sender.ts';
import { RoomSync } from './room-sync.ts';
import { ServerFrames } from './server-frames.ts';
import { clearStore, type KeyValueStore, pageStorage, prefixed, randomId, safeStorage } from './storage.ts';
import { TabLeader } from './tab-leader.ts';
import { TabRelay, type TabRelayHost } from './tab-relay.ts';
import { VisitorCredentials } from './visitor-credentials.ts';
import { ProfileStore } from './visitor-profile.ts';

export type * from './chat-client-types.ts';
export {
  AttachmentUrlError,
  ChatFiles,
  checkFile,
  type FileRefusal,
  FileRefusedError,
} from './chat-files.ts';
export type { PendingFile, PendingMessage } from './outbox.ts';

/**
 * The chat protocol over one WebSocket, with no rendering: used by the visitor widget
 * and by the agent console. It reconnects with backoff, keeps unacknowledged messages
 * in an outbox (in storage, so they survive a reload), catches up with `history` after
 * the last message it saw, and hands every message to its listeners exactly once.
 *
 * This class is the public API and the wiring; its parts do the work: the socket's
 * lifecycle (Connection), the rooms' timelines and the history requests that fill them
 * (RoomSync), sending the outbox in order (OutboxSender), a visitor's tabs sharing one
 * connection (TabRelay), frames from the server to the part they concern (ServerFrames),
 * and what a visitor connects with and tells of themselves (VisitorCredentials, ProfileStore).
 */
export class ChatClient {
  /** 'agent' when constructed with a token provider. */
  readonly role: 'visitor' | 'agent';
  readonly #events = new Emitter<ChatClientEventMap>();
  /**
   * Where this client keeps its state, under `PREFIX:name` keys: the `storage` option,
   * never throwing (memory where storage is blocked). The elements keep their own keys here
   * too, so the option decides where everything goes.
   */
  readonly store: KeyValueStore;
  /**
   * The same for what lasts only as long as the tab: sessionStorage while `store` is the
   * page's localStorage, else the `storage` option itself (memory for null).
   */
  readonly tabStore: KeyValueStore;
  readonly #outbox: Outbox;
  readonly #credentials: VisitorCredentials;
  readonly #profile: ProfileStore;
  readonly #connection: Connection;
  readonly #sender: OutboxSender;
  readonly #rooms: RoomSync;
  /** A visitor's tabs share one connection (see TabLeader); where they cannot, each tab leads its own. */
  readonly #tabs: TabRelay;
  readonly #frames: ServerFrames;

  constructor(options: ChatClientOptions) {
    this.role = options.token ? 'agent' : 'visitor';
    const prefix = options.storageKey ?? 'support-chat';
    const local = pageStorage('local');
    const storage = options.storage !== undefined ? options.storage : this.role === 'visitor' ? local : null;
    this.store = prefixed(safeStorage(storage), prefix);
    this.tabStore = prefixed(safeStorage(storage && storage === local ? pageStorage('session') : storage), prefix);
    this.#outbox = new Outbox(this.store, 'outbox');
    this.#credentials = new VisitorCredentials(this.store);
    this.#profile = new ProfileStore(this.store);
    // The parts call each other through these: each is made after some that call it.
    const send = (frame: ClientFrame) => this.send(frame);
    const roomFrame = <F extends ClientFrame>(frame: F, roomId: string | undefined) => this.#roomFrame(frame, roomId);
    const following = () => this.#tabs.following;
    const receive = (data: unknown) => this.#frames.receive(data);
    this.#connection = new Connection(
      options,
      {
        following,
        visitor: (url) =>
          this.#credentials.connectAs(
            url,
            () => this.#connection.wanted,
            () => this.#forgetVisitor(),
          ),
        stateChanged: (state) => this.#tabs.forwardState(state),
        send,
        receive,
        openedAs: (customer) => this.#openedAs(customer),
        opened: () => {
          // Catch up on what was said while away, then send what was typed meanwhile.
          this.#rooms.catchUp();
          this.#sender.flush();
          this.#sendProfile();
        },
        dropRequests: () => {
          this.#sender.reset();
          this.#rooms.dropRequests();
        },
        returned: () => this.#rooms.askAfterCursors(),
      },
      this.#events,
    );
    this.#sender = new OutboxSender(
      this.#outbox,
      { following, send, roomFrame, ping: () => this.#connection.ping() },
      options.ackTimeoutMs,
    );
    this.#rooms = new RoomSync(
      { role: this.role, isOpen: () => this.#connection.isOpen, send, roomFrame },
      this.#sender,
      this.#events,
      options,
    );
    const shared = this.role === 'visitor' && storage !== null && storage === local && TabLeader.supported();
    const tabs: TabRelayHost = {
      rooms: this.#rooms,
      connection: this.#connection,
      follow: () => {
        this.#connection.drop();
        this.#sender.stop();
      },
      receive,
      send,
      loadOlder: () => this.loadOlder(),
      reset: () => {
        this.#resetHere();
        this.#events.emit('reset', undefined);
      },
      outboxChanged: () => {
        this.#events.emit('change', undefined);
        this.#sender.flush();
      },
      connect: () => this.connect(),
      disconnect: () => this.disconnect(),
    };
    this.#tabs = new TabRelay(shared ? `${prefix}:connection` : undefined, `${prefix}:outbox:`, tabs, this.#events);
    // An admin erased the conversation: forgotten as by `reset`, in every tab (each hears the
    // event: a follower from its leader, before the leader lets the connection go).
    this.#events.on('event', (event) => {
      if (event.type === 'roomErased' && this.role === 'visitor') {
        this.#resetHere();
        this.#events.emit('reset', true);
      }
    });
    this.#frames = new ServerFrames({
      rooms: this.#rooms,
      sender: this.#sender,
      profile: this.#profile,
      credentials: this.#credentials,
      tabs: this.#tabs,
      events: this.#events,
    });
  }

  /** The connection state: see ConnectionState. */
  get state(): ConnectionState {
    return this.#connection.state;
  }

  /** Subscribes to one kind of event; returns the function that unsubscribes. */
  on<K extends keyof ChatClientEventMap>(type: K, listener: (value: ChatClientEventMap[K]) => void): () => void {
    return this.#events.on(type, listener);
  }

  /** True once this browser has a visitor key, a link's token or a signed-in customer's conversation, i.e. the visitor has chatted here before. */
  get hasVisitorKey(): boolean {
    return this.#credentials.key(false) !== null || !!this.resumeToken || this.store.get('customer') !== null;
  }

  /**
   * Whether this tab is the one to get the visitor's attention (a sound) for a new message:
   * of tabs sharing the connection, the leader (the tab in front, or the last one that was);
   * else any visible tab.
   */
  get attentionHere(): boolean {
    return this.#tabs.leading ?? document.visibilityState !== 'hidden';
  }

  /** Whether connections are made as a signed-in customer. */
  get signedIn(): boolean {
    return this.#credentials.identity !== undefined;
  }

  /**
   * Visitors: connect as a signed-in customer from now on, with their identity token; the
   * connection is replaced at once if there is one. This browser's anonymous conversation
   * (its visitor key goes along once) carries on as theirs; another customer's, left by one
   * who did not sign out, is forgotten first. Undefined: back to anonymous.
   */
  useIdentity(identity: (() => Promise<CustomerToken>) | undefined): void {
    this.#credentials.identity = identity;
    // The customer's tab connects with their token: it takes the connection from the other tabs.
    if (identity) this.#tabs.claim();
    if (this.#connection.wanted) this.reconnect();
  }

  /**
   * Forgets everything of this visitor (a customer signed out on a shared browser): closes
   * the connection, drops the identity, and clears what the client and the elements keep in
   * storage: the visitor key, links, the outbox, the profile, the read marks. The next
   * person starts anonymous, with none of it.
   */
  reset(): void {
    this.#tabs.post({ t: 'reset' });
    this.#resetHere();
  }

  #resetHere(): void {
    this.disconnect();
    this.#credentials.identity = undefined;
    this.#forgetVisitor();
    this.#connection.forgetOpened();
    this.#rooms.timelineOf = undefined;
  }

  /**
   * The token of an email's link back into a conversation (`PREFIX:resume`), which the
   * client connects with instead of the visitor key; dropped once it has expired (the
   * payload's `e`, epoch seconds). The server hands a fresh one on each connect.
   */
  get resumeToken(): string | undefined {
    return this.#credentials.resumeToken;
  }

  /**
   * Visitors: connect with a link's token (checked first: POST {publicApiUrl}/resume) from
   * now on, on this device. Call it before connect(): the profile kept here was the other
   * conversation's.
   */
  useResume(token: string): void {
    this.#profile.forget();
    // The link opens its conversation, not a signed-in customer's (whose leftovers would be forgotten on connecting).
    this.store.remove('customer');
    this.#credentials.resumeToken = token;
    // The link's tab connects to the link's conversation: it takes the connection from the other tabs.
    this.#tabs.claimOnStart();
  }

  /** Starts connecting (creating the visitor key if there is none) and stays connected until disconnect(). */
  connect(): void {
    if (!this.#connection.start()) return;
    if (this.role === 'visitor' && !this.resumeToken) this.#credentials.key(true);
    this.#tabs.start(this.#credentials.identity !== undefined);
  }

  /** Closes the connection and stops reconnecting. The outbox stays in storage. */
  disconnect(): void {
    if (!this.#connection.stop()) return;
    this.#sender.stop();
    this.#tabs.stop();
    this.#connection.setState('idle');
  }

  /**
   * Replaces the connection now, asking the endpoint and the token afresh (an agent's
   * console calls it after refreshing the ID token). An open connection stays until its
   * replacement is open, has re-joined and catches up, so no message and no room is lost;
   * if the replacement fails, the old connection carries on. Without an open connection
   * it simply tries again at once.
   */
  reconnect(): void {
    this.#connection.reconnect();
  }

  /** Pings the server now: a connection that does not answer in time is replaced (ChatFiles' request went unanswered). */
  checkConnection(): void {
    this.#connection.ping();
  }

  /** Sends one frame now if the connection is open; false when it is not (the frame is dropped). */
  send(frame: ClientFrame): boolean {
    if (!this.#tabs.following) return this.#connection.send(frame);
    this.#tabs.post({ t: 'send', frame });
    return true;
  }

  /** The room's messages the client has seen, oldest first, each once. */
  messages(roomId?: string): readonly Message[] {
    return this.#rooms.room(roomId).messages;
  }

  /** Messages typed but not acknowledged yet (sending or failed), oldest first. */
  pending(roomId?: string): PendingMessage[] {
    const all = this.#outbox.list();
    return this.role === 'visitor' ? all : all.filter((m) => m.roomId === roomId);
  }

  /** Whether older messages than the first one shown exist (see loadOlder). */
  hasOlder(roomId?: string): boolean {
    return this.#rooms.room(roomId).hasOlder;
  }

  /**
   * Sends a message, now or as soon as the connection is back. It is in the outbox (and
   * in storage) until the server's `message` event with its clientMsgId arrives. Agents:
   * `internal` makes it a note for colleagues, which the visitor never gets.
   */
  sendMessage(text: string, roomId?: string, options: { internal?: boolean } = {}): PendingMessage {
    const pending: PendingMessage = {
      clientMsgId: randomId(16),
      text,
      createdAt: new Date().toISOString(),
      status: 'sending',
      ...(this.role === 'agent' && roomId !== undefined && { roomId }),
      ...(this.role === 'agent' && options.internal && { internal: true as const }),
    };
    return this.enqueue(pending);
  }

  /** Sends a message made elsewhere (ChatFiles: a file's, once uploaded), as sendMessage does its own. */
  enqueue(pending: PendingMessage): PendingMessage {
    this.#outbox.add(pending);
    this.#events.emit('change', undefined);
    if (this.role === 'visitor' && !this.#connection.wanted) this.connect();
    this.#sender.flush();
    return pending;
  }

  /** Sends a failed message again, with its original clientMsgId. */
  retry(clientMsgId: string): void {
    const pending = this.#outbox.update(clientMsgId, { status: 'sending', error: undefined });
    this.#events.emit('change', undefined);
    if (pending) this.#sender.flush();
  }

  /** Drops a message from the outbox (a failed one the visitor gives up on). */
  discard(clientMsgId: string): void {
    if (this.#outbox.remove(clientMsgId)) this.#events.emit('change', undefined);
  }

  /** Tells the room's others whether this side is typing. Dropped while disconnected. */
  setTyping(isTyping: boolean, roomId?: string): void {
    this.send(this.#roomFrame({ action: 'typing', isTyping }, roomId));
  }

  /** Tells the room's others that everything up to this message number has been read. */
  markRead(seq: number, roomId?: string): void {
    this.send(this.#roomFrame({ action: 'read', seq }, roomId));
  }

  /** Asks for the page before the oldest message shown; false when there is none. */
  loadOlder(roomId?: string): boolean {
    const room = this.#rooms.room(roomId);
    const oldest = room.messages[0];
    if (!room.hasOlder || !oldest) return false;
    if (this.#tabs.following) this.#tabs.post({ t: 'older' });
    else this.#rooms.enqueue(room, roomId, 'before', { action: 'history', before: oldest.seq });
    return true;
  }

  /** The visitor's name and/or email for the agents; sent now or when the connection is back. */
  identify(profile: VisitorProfile): void {
    if (!this.#profile.give(profile)) return;
    this.#events.emit('change', undefined);
    if (!this.#connection.wanted) this.connect();
    // Sent now if this tab follows another's open connection; else when this one opens.
    this.#sendProfile();
  }

  /** The profile the server confirmed, or the one waiting to be sent. */
  get profile(): VisitorProfile | undefined {
    return this.#profile.current;
  }

  /**
   * Visitors: rates the closed conversation (1 to 5, and a comment), or changes the rating.
   * Sent now or not at all: false while disconnected. The server answers with a `rating`
   * event, or an `error` for action `rate`.
   */
  rate(score: number, comment?: string): boolean {
    return this.send({ action: 'rate', score, ...(comment && { comment }) });
  }

  /** Agents: enter a room (and re-enter it after every reconnect). */
  join(roomId: string): void {
    this.#rooms.join(roomId);
  }

  /** Agents: leave a room. */
  leave(roomId: string): void {
    this.#rooms.leave(roomId);
    this.send({ action: 'leave', roomId });
  }

  /**
   * A connection opened, as a signed-in customer or anonymously: the first as a customer
   * makes the browser theirs; a connection as someone other than the timeline's starts the
   * timeline afresh.
   */
  #openedAs(customer: string | undefined): void {
    if (this.role !== 'visitor') return;
    if (customer !== undefined) this.#credentials.customerConnected(customer);
    this.#rooms.timelineFor(customer ?? '');
  }

  /** Clears what this client and the elements keep of the visitor, in storage and in memory. */
  #forgetVisitor(): void {
    clearStore(this.store);
    clearStore(this.tabStore);
    this.#rooms.clear();
    this.#sender.reset();
    this.#events.emit('change', undefined);
  }

  #sendProfile(): void {
    const frame = this.#profile.unsent;
    if (frame) this.send(frame);
  }

  /** Agents name the room in every frame; visitors never do. */
  #roomFrame<F extends ClientFrame>(frame: F, roomId: string | undefined): F {
    return this.role === 'agent' && roomId !== undefined ? { ...frame, roomId } : frame;
  }
}

import type { ClientFrame, ErrorCode, Message, ServerEvent } from '@support-chat/backend/protocol';
import { IDLE_TIMEOUT_MS, MAX_CONNECTION_MS } from '@support-chat/backend/protocol/limits';
import { type BackoffOptions, backoffDelay } from './backoff.ts';
import { Outbox, type PendingMessage } from './outbox.ts';
import { RoomTimeline } from './room-timeline.ts';
import { clearStore, type KeyValueStore, pageStorage, prefixed, randomId, readJson, safeStorage } from './storage.ts';
import { TabLeader, type TabMessage, type TimelineMark } from './tab-leader.ts';
import { VisitorCredentials } from './visitor-credentials.ts';

export {
  AttachmentUrlError,
  ChatFiles,
  checkFile,
  type FileRefusal,
  FileRefusedError,
} from './chat-files.ts';
export type { PendingFile, PendingMessage } from './outbox.ts';

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
  /** Another tab of this browser forgot the visitor (`reset`: a customer signed out); so has this one. */
  reset: undefined;
}

type Listener<T> = (value: T) => void;
type HistoryMode = 'latest' | 'after' | 'before' | 'join';

/** A room's timeline, and the history requests that fill it: one in flight at a time. */
class RoomState extends RoomTimeline {
  queue: { mode: HistoryMode; frame: ClientFrame }[] = [];
  inflight?: HistoryMode;
  /** Set while live messages beyond the cursor wait for the ones in between. */
  gapTimer?: ReturnType<typeof setTimeout>;
}

const CONNECT_TIMEOUT_MS = 15_000;
/** See ChatClientOptions.ackTimeoutMs, pongTimeoutMs and gapFillMs. */
const ACK_TIMEOUT_MS = 6_000;
const PONG_TIMEOUT_MS = 6_000;
const GAP_FILL_MS = 1_500;
/**
 * After the browser says the network is gone, a ping unanswered this long means the
 * connection went with it: the visitor sees "offline" within seconds, not after the
 * usual pong timeout. A connection that survived answers well within it.
 */
const OFFLINE_PONG_TIMEOUT_MS = 3_000;
/** The visitor's own room, whatever its id: a visitor's frames never name it. */
const OWN_ROOM = '';

/**
 * The chat protocol over one WebSocket, with no rendering: used by the visitor widget
 * and by the agent console. It reconnects with backoff, keeps unacknowledged messages
 * in an outbox (in storage, so they survive a reload), catches up with `history` after
 * the last message it saw, and hands every message to its listeners exactly once.
 */
export class ChatClient {
  /** 'agent' when constructed with a token provider. */
  readonly role: 'visitor' | 'agent';
  readonly #options: ChatClientOptions;
  #currentState: ConnectionState = 'idle';
  readonly #listeners = new Map<keyof ChatClientEventMap, Set<Listener<never>>>();
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
  readonly #rooms = new Map<string, RoomState>();
  readonly #joined = new Set<string>();
  /** clientMsgIds sent on the current connection and not yet answered. */
  readonly #inFlight = new Set<string>();
  #ws: WebSocket | undefined;
  /** The replacement connection while the current one nears its maximum age. */
  #next: WebSocket | undefined;
  #wanted = false;
  #attempt = 0;
  #everOpened = false;
  #reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  #pingTimer: ReturnType<typeof setInterval> | undefined;
  #pongTimer: ReturnType<typeof setTimeout> | undefined;
  #rotateTimer: ReturnType<typeof setTimeout> | undefined;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #ackTimer: ReturnType<typeof setTimeout> | undefined;
  /** A signed-in customer's token (visitors): connections are made with it. */
  #identity: (() => Promise<CustomerToken>) | undefined;
  /** Whose the visitor's timeline is (a customer's sub, '' for anonymous): a connection as someone else starts it afresh. */
  #timelineOf: string | undefined;
  /** A visitor's tabs share one connection (see TabLeader), under this lock and channel name; undefined where they cannot. */
  readonly #tabsName: string | undefined;
  /** While connected with other tabs: this one leads (holds the socket) or follows. */
  #tabs: TabLeader | undefined;
  /** Connect as the leader, taking the connection from the other tabs (an email's link was opened here). */
  #claim = false;
  /** The outbox's keys in localStorage start with this (see #onStorage). */
  readonly #outboxKeys: string;

  constructor(options: ChatClientOptions) {
    this.#options = options;
    this.role = options.token ? 'agent' : 'visitor';
    const prefix = options.storageKey ?? 'support-chat';
    const local = pageStorage('local');
    const storage = options.storage !== undefined ? options.storage : this.role === 'visitor' ? local : null;
    this.store = prefixed(safeStorage(storage), prefix);
    this.tabStore = prefixed(safeStorage(storage && storage === local ? pageStorage('session') : storage), prefix);
    this.#outbox = new Outbox(this.store, 'outbox');
    this.#credentials = new VisitorCredentials(this.store);
    const shared = this.role === 'visitor' && storage !== null && storage === local && TabLeader.supported();
    this.#tabsName = shared ? `${prefix}:connection` : undefined;
    this.#outboxKeys = `${prefix}:outbox:`;
  }

  /** The connection state: see ConnectionState. */
  get state(): ConnectionState {
    return this.#currentState;
  }

  /** Subscribes to one kind of event; returns the function that unsubscribes. */
  on<K extends keyof ChatClientEventMap>(type: K, listener: Listener<ChatClientEventMap[K]>): () => void {
    let set = this.#listeners.get(type);
    if (!set) {
      set = new Set();
      this.#listeners.set(type, set);
    }
    set.add(listener as Listener<never>);
    return () => set.delete(listener as Listener<never>);
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
    return this.#tabs ? this.#tabs.leading : document.visibilityState !== 'hidden';
  }

  /** Whether connections are made as a signed-in customer. */
  get signedIn(): boolean {
    return this.#identity !== undefined;
  }

  /**
   * Visitors: connect as a signed-in customer from now on, with their identity token; the
   * connection is replaced at once if there is one. This browser's anonymous conversation
   * (its visitor key goes along once) carries on as theirs; another customer's, left by one
   * who did not sign out, is forgotten first. Undefined: back to anonymous.
   */
  useIdentity(identity: (() => Promise<CustomerToken>) | undefined): void {
    this.#identity = identity;
    // The customer's tab connects with their token: it takes the connection from the other tabs.
    if (identity) this.#tabs?.claim();
    if (this.#wanted) this.reconnect();
  }

  /**
   * Forgets everything of this visitor (a customer signed out on a shared browser): closes
   * the connection, drops the identity, and clears what the client and the elements keep in
   * storage: the visitor key, links, the outbox, the profile, the read marks. The next
   * person starts anonymous, with none of it.
   */
  reset(): void {
    this.#tabs?.post({ t: 'reset' });
    this.#resetHere();
  }

  #resetHere(): void {
    this.disconnect();
    this.#identity = undefined;
    this.#forgetVisitor();
    this.#everOpened = false;
    this.#timelineOf = undefined;
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
    this.store.remove('profile');
    this.store.remove('identify');
    // The link opens its conversation, not a signed-in customer's (whose leftovers would be forgotten on connecting).
    this.store.remove('customer');
    this.#credentials.resumeToken = token;
    // The link's tab connects to the link's conversation: it takes the connection from the other tabs.
    this.#claim = true;
  }

  /** Starts connecting (creating the visitor key if there is none) and stays connected until disconnect(). */
  connect(): void {
    if (this.#wanted) return;
    this.#wanted = true;
    if (this.role === 'visitor' && !this.resumeToken) this.#credentials.key(true);
    addEventListener('online', this.#onOnline);
    addEventListener('offline', this.#onOffline);
    // The page is back: shown again, restored from the back-forward cache, resumed after a freeze.
    document.addEventListener('visibilitychange', this.#onReturn);
    document.addEventListener('resume', this.#onReturn);
    addEventListener('pageshow', this.#onReturn);
    if (!this.#tabsName) {
      this.#lead();
      return;
    }
    addEventListener('pagehide', this.#onPageHide);
    addEventListener('storage', this.#onStorage);
    this.#setState('connecting');
    this.#tabs = new TabLeader(this.#tabsName, {
      lead: () => this.#lead(),
      follow: () => this.#follow(),
      message: (m) => this.#fromTab(m),
    });
    this.#tabs.post({ t: 'hello' });
    if (this.#identity || this.#claim) this.#tabs.claim();
    this.#claim = false;
  }

  /** Opens the connection: this tab's own, or the one all of the visitor's tabs share. */
  #lead(): void {
    this.#attempt = 0;
    this.#snapshot();
    if (navigator.onLine === false) this.#setState('offline');
    else void this.#open(false);
  }

  /** Another tab leads now (one shown, or a signed-in customer's): this one's socket goes, its frames go through the leader. */
  #follow(): void {
    clearTimeout(this.#reconnectTimer);
    clearTimeout(this.#retryTimer);
    clearTimeout(this.#ackTimer);
    if (this.#next) this.#lose(this.#next);
    if (this.#ws) this.#lose(this.#ws);
    this.#tabs?.post({ t: 'hello' });
  }

  /** A tab that goes hands the connection to the next at once (the browser would, too, but later from the back-forward cache). */
  readonly #onPageHide = (event: PageTransitionEvent) => {
    this.disconnect();
    if (event.persisted) addEventListener('pageshow', () => this.connect(), { once: true });
  };

  /**
   * Another tab changed the outbox they share: shown here, and sent if this tab leads. The
   * `storage` event, not a word on the tabs' channel: it comes once this tab's copy of
   * localStorage has the change, and a word could come before it (nothing new to send yet).
   */
  readonly #onStorage = (event: StorageEvent) => {
    if (event.storageArea !== localStorage || (event.key !== null && !event.key.startsWith(this.#outboxKeys))) return;
    this.#emit('change', undefined);
    this.#flushOutbox();
  };

  /** Following: another tab holds the connection. */
  get #following(): boolean {
    return this.#tabs !== undefined && !this.#tabs.leading;
  }

  /** Closes the connection and stops reconnecting. The outbox stays in storage. */
  disconnect(): void {
    if (!this.#wanted) return;
    this.#wanted = false;
    removeEventListener('online', this.#onOnline);
    removeEventListener('offline', this.#onOffline);
    document.removeEventListener('visibilitychange', this.#onReturn);
    document.removeEventListener('resume', this.#onReturn);
    removeEventListener('pageshow', this.#onReturn);
    clearTimeout(this.#reconnectTimer);
    clearTimeout(this.#retryTimer);
    clearTimeout(this.#ackTimer);
    if (this.#next) this.#lose(this.#next);
    if (this.#ws) this.#lose(this.#ws);
    removeEventListener('pagehide', this.#onPageHide);
    removeEventListener('storage', this.#onStorage);
    this.#tabs?.close();
    this.#tabs = undefined;
    this.#setState('idle');
  }

  /**
   * Replaces the connection now, asking the endpoint and the token afresh (an agent's
   * console calls it after refreshing the ID token). An open connection stays until its
   * replacement is open, has re-joined and catches up, so no message and no room is lost;
   * if the replacement fails, the old connection carries on. Without an open connection
   * it simply tries again at once.
   */
  reconnect(): void {
    if (!this.#wanted || this.#following) return;
    if (this.#ws?.readyState === WebSocket.OPEN) {
      if (this.#next) this.#lose(this.#next);
      void this.#open(true);
      return;
    }
    if (this.#ws) this.#lose(this.#ws);
    this.#attempt = 0;
    this.#scheduleReconnect(true);
  }

  /** Pings the server now: a connection that does not answer in time is replaced (ChatFiles' request went unanswered). */
  checkConnection(): void {
    this.#ping();
  }

  /** Sends one frame now if the connection is open; false when it is not (the frame is dropped). */
  send(frame: ClientFrame): boolean {
    if (this.#following) {
      this.#tabs!.post({ t: 'send', frame });
      return true;
    }
    const ws = this.#ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return false;
    ws.send(JSON.stringify(frame));
    return true;
  }

  /** The room's messages the client has seen, oldest first, each once. */
  messages(roomId?: string): readonly Message[] {
    return this.#room(roomId).messages;
  }

  /** Messages typed but not acknowledged yet (sending or failed), oldest first. */
  pending(roomId?: string): PendingMessage[] {
    const all = this.#outbox.list();
    return this.role === 'visitor' ? all : all.filter((m) => m.roomId === roomId);
  }

  /** Whether older messages than the first one shown exist (see loadOlder). */
  hasOlder(roomId?: string): boolean {
    return this.#room(roomId).hasOlder;
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
    this.#emit('change', undefined);
    if (this.role === 'visitor' && !this.#wanted) this.connect();
    this.#flushOutbox();
    return pending;
  }

  /** Sends a failed message again, with its original clientMsgId. */
  retry(clientMsgId: string): void {
    const pending = this.#outbox.update(clientMsgId, { status: 'sending', error: undefined });
    this.#emit('change', undefined);
    if (pending) this.#flushOutbox();
  }

  /** Drops a message from the outbox (a failed one the visitor gives up on). */
  discard(clientMsgId: string): void {
    if (this.#outbox.remove(clientMsgId)) this.#emit('change', undefined);
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
    const room = this.#room(roomId);
    const oldest = room.messages[0];
    if (!room.hasOlder || !oldest) return false;
    if (this.#following) this.#tabs!.post({ t: 'older' });
    else this.#enqueue(room, roomId, 'before', { action: 'history', before: oldest.seq });
    return true;
  }

  /** The visitor's name and/or email for the agents; sent now or when the connection is back. */
  identify(profile: VisitorProfile): void {
    const clean: VisitorProfile = {};
    if (profile.name?.trim()) clean.name = profile.name.trim();
    if (profile.email?.trim()) clean.email = profile.email.trim();
    if (!clean.name && !clean.email) return;
    this.store.set('identify', JSON.stringify(clean));
    this.#emit('change', undefined);
    if (!this.#wanted) this.connect();
    // Sent now if this tab follows another's open connection; else when this one opens.
    this.#sendProfile();
  }

  /** The profile the server confirmed, or the one waiting to be sent. */
  get profile(): VisitorProfile | undefined {
    return readJson<VisitorProfile>(this.store, 'identify') ?? readJson<VisitorProfile>(this.store, 'profile');
  }

  /** Agents: enter a room (and re-enter it after every reconnect). */
  join(roomId: string): void {
    this.#joined.add(roomId);
    this.#enqueue(this.#room(roomId), roomId, 'join', { action: 'join', roomId });
  }

  /** Agents: leave a room. */
  leave(roomId: string): void {
    this.#joined.delete(roomId);
    this.send({ action: 'leave', roomId });
  }

  // --- connection -----------------------------------------------------------------

  async #open(rotation: boolean): Promise<void> {
    if (this.#following) return;
    if (!rotation) this.#setState(this.#everOpened || this.#attempt > 0 ? 'reconnecting' : 'connecting');
    let url: string;
    let customer: string | undefined;
    try {
      [url, customer] = await this.#url();
    } catch {
      // disconnect() may have come while the endpoint or the token was being asked for.
      if (!rotation && this.#wanted) this.#scheduleReconnect();
      return;
    }
    if (!this.#wanted || this.#following || (!rotation && this.#ws)) return;
    let ws: WebSocket;
    try {
      ws = new WebSocket(url);
    } catch {
      if (!rotation) this.#scheduleReconnect();
      return;
    }
    if (rotation) this.#next = ws;
    else this.#ws = ws;
    const giveUp = setTimeout(() => this.#lose(ws), CONNECT_TIMEOUT_MS);
    let opened = false;
    ws.onopen = () => {
      clearTimeout(giveUp);
      opened = true;
      this.#timeline(customer);
      if (ws === this.#next) {
        // The old connection's late frames would answer requests the new one is about
        // to make; its messages are covered by the catch-up below.
        const old = this.#ws;
        this.#ws = ws;
        this.#next = undefined;
        if (old) this.#lose(old);
      }
      this.#opened();
    };
    ws.onmessage = (event) => this.#receive(event.data);
    ws.onclose = () => {
      clearTimeout(giveUp);
      this.#lose(ws);
      if (customer !== undefined && !opened) this.#emit('identityRefused', undefined);
    };
  }

  /** Forgets a socket (closed, dead or timed out) and, if it was the current one, reconnects. */
  #lose(ws: WebSocket): void {
    ws.onopen = ws.onmessage = ws.onclose = null;
    if (ws.readyState === WebSocket.CONNECTING || ws.readyState === WebSocket.OPEN) ws.close();
    if (ws === this.#next) {
      this.#next = undefined;
      return;
    }
    if (ws !== this.#ws) return;
    this.#ws = undefined;
    clearInterval(this.#pingTimer);
    clearTimeout(this.#pongTimer);
    clearTimeout(this.#rotateTimer);
    this.#resetConnectionState();
    if (this.#wanted) this.#scheduleReconnect();
  }

  #opened(): void {
    this.#attempt = 0;
    this.#everOpened = true;
    this.#resetConnectionState();
    this.#setState('open');
    clearInterval(this.#pingTimer);
    this.#pingTimer = setInterval(() => this.#ping(), this.#options.pingIntervalMs ?? (IDLE_TIMEOUT_MS * 2) / 5);
    clearTimeout(this.#rotateTimer);
    this.#rotateTimer = setTimeout(() => void this.#open(true), this.#options.maxConnectionMs ?? MAX_CONNECTION_MS - 60_000);

    // Catch up on what was said while away, then send what was typed meanwhile.
    if (this.role === 'visitor') this.#catchUp(OWN_ROOM);
    else for (const roomId of this.#joined) this.#catchUp(roomId);
    this.#flushOutbox();
    this.#sendProfile();
  }

  #catchUp(roomId: string): void {
    const room = this.#room(roomId);
    if (this.role === 'agent') this.#enqueue(room, roomId, 'join', { action: 'join', roomId });
    if (room.syncedSeq !== undefined) this.#enqueue(room, roomId, 'after', { action: 'history', after: room.syncedSeq });
    else if (this.role === 'visitor') this.#enqueue(room, roomId, 'latest', { action: 'history' });
  }

  #resetConnectionState(): void {
    this.#inFlight.clear();
    clearTimeout(this.#ackTimer);
    for (const room of this.#rooms.values()) {
      room.queue = [];
      room.inflight = undefined;
      // The catch-up after the next connect fills any gap.
      clearTimeout(room.gapTimer);
      room.gapTimer = undefined;
    }
  }

  #scheduleReconnect(now = false): void {
    clearTimeout(this.#reconnectTimer);
    if (this.#following) return;
    if (navigator.onLine === false) {
      this.#setState('offline');
      return;
    }
    this.#setState(this.#everOpened || this.#attempt > 0 ? 'reconnecting' : 'connecting');
    const delay = now ? 0 : backoffDelay(this.#attempt, this.#options.backoff);
    this.#attempt++;
    this.#reconnectTimer = setTimeout(() => void this.#open(false), delay);
  }

  #ping(timeoutMs = this.#options.pongTimeoutMs ?? PONG_TIMEOUT_MS): void {
    if (!this.send({ action: 'ping' })) return;
    clearTimeout(this.#pongTimer);
    const ws = this.#ws;
    this.#pongTimer = setTimeout(() => ws && this.#lose(ws), timeoutMs);
  }

  readonly #onOnline = () => {
    // A socket that lived through an outage is often dead without knowing it (the route
    // or the address changed under it; Chromium keeps it "open"), and a ping would take
    // its full timeout to tell. A replacement costs one connect and loses nothing: the old
    // connection stays until the new one is open and has caught up.
    if (this.#ws) return this.reconnect();
    this.#attempt = 0;
    this.#scheduleReconnect(true);
  };

  readonly #onOffline = () => {
    // The socket may well survive a short outage; a quick ping finds out.
    if (this.#ws?.readyState === WebSocket.OPEN) this.#ping(Math.min(OFFLINE_PONG_TIMEOUT_MS, this.#options.pongTimeoutMs ?? Infinity));
    else if (!this.#ws) this.#scheduleReconnect();
  };

  /**
   * The page is back (shown again, restored from the back-forward cache, resumed after
   * being frozen): a phone may have suspended the socket meanwhile, and the server may
   * have dropped it, so what was said while away would wait for the next idle ping,
   * minutes away. Check the connection and ask for what came after the cursor now; a
   * closed socket is replaced at once.
   */
  readonly #onReturn = (event: Event) => {
    if (document.visibilityState !== 'visible' || (event.type === 'pageshow' && !(event as PageTransitionEvent).persisted)) return;
    // A follower has no socket of its own: shown, it takes the lead (TabLeader), connects and catches up then.
    if (this.#following) return;
    const ws = this.#ws;
    if (ws?.readyState === WebSocket.OPEN) {
      this.#ping();
      for (const roomId of this.role === 'visitor' ? [OWN_ROOM] : this.#joined) this.#askAfterCursor(roomId);
    } else if (ws?.readyState !== WebSocket.CONNECTING) {
      if (ws) this.#lose(ws);
      this.#attempt = 0;
      this.#scheduleReconnect(true);
    }
  };

  /** The URL to connect to, and, for a signed-in customer, whose token it carries. */
  async #url(): Promise<[url: string, customer?: string]> {
    const endpoint = typeof this.#options.endpoint === 'function' ? await this.#options.endpoint() : this.#options.endpoint;
    const url = new URL(endpoint, location.href);
    if (url.protocol === 'https:') url.protocol = 'wss:';
    else if (url.protocol === 'http:') url.protocol = 'ws:';
    if (this.#options.token) {
      url.searchParams.set('token', await this.#options.token());
      return [url.href];
    }
    const lang = this.#options.lang?.();
    if (lang) url.searchParams.set('lang', lang);
    const { token, sub } = (await this.#identity?.()) ?? {};
    // Disconnected (reset, maybe in another tab) while this was being asked for: nothing more is stored.
    if (!this.#wanted) throw new Error('disconnected');
    // A signed-in customer was here, and the page now says someone else is (or nobody is:
    // they were signed out without a reset). The next person finds nothing of theirs, not
    // even their outbox.
    const previous = this.store.get('customer');
    if (previous !== null && previous !== sub) this.#forgetVisitor();
    if (token === undefined) {
      url.searchParams.set(...this.#credentials.connectParameter());
      return [url.href];
    }
    url.searchParams.set('identity', token);
    // This browser's anonymous conversation carries on as the customer's (the server checks it is nobody else's).
    const key = this.#credentials.key(false);
    if (key) url.searchParams.set('visitorKey', key);
    return [url.href, sub];
  }

  /**
   * A connection opened, as a signed-in customer or anonymously: the first as a customer
   * makes the browser theirs (the anonymous key, handed over, is not needed any more); a
   * connection as someone other than the timeline's starts the timeline afresh.
   */
  #timeline(customer: string | undefined): void {
    if (this.role !== 'visitor') return;
    if (customer !== undefined) {
      this.store.set('customer', customer);
      this.store.remove('key');
      this.store.remove('resume');
    }
    const who = customer ?? '';
    if (this.#timelineOf !== undefined && this.#timelineOf !== who) this.#rooms.delete(OWN_ROOM);
    this.#timelineOf = who;
  }

  /** Clears what this client and the elements keep of the visitor, in storage and in memory. */
  #forgetVisitor(): void {
    clearStore(this.store);
    clearStore(this.tabStore);
    this.#rooms.clear();
    this.#inFlight.clear();
    this.#emit('change', undefined);
  }

  #setState(state: ConnectionState): void {
    if (state === this.#currentState) return;
    this.#currentState = state;
    if (this.#tabs?.leading) this.#tabs.post({ t: 'state', state });
    this.#emit('state', state);
    this.#emit('change', undefined);
  }

  // --- the other tabs ----------------------------------------------------------------

  /** Leading: tells the other tabs everything this one holds of the conversation. */
  #snapshot(): void {
    this.#tabs?.post({ t: 'snapshot', messages: this.#room(OWN_ROOM).messages, state: this.#currentState, ...this.#mark() });
  }

  #mark(): TimelineMark {
    const { syncedSeq, hasOlder } = this.#room(OWN_ROOM);
    return { of: this.#timelineOf, syncedSeq, hasOlder };
  }

  #fromTab(m: TabMessage): void {
    const leading = this.#tabs?.leading;
    if (m.t === 'reset') {
      this.#resetHere();
      this.#emit('reset', undefined);
    } else if (leading) {
      if (m.t === 'hello') this.#snapshot();
      else if (m.t === 'send') this.send(m.frame);
      else if (m.t === 'older') this.loadOlder();
    } else if (m.t === 'event' || m.t === 'snapshot') {
      // The leader's timeline started afresh (a connection as someone else): so does this tab's.
      if (m.of !== undefined && m.of !== this.#timelineOf) {
        if (this.#timelineOf !== undefined) this.#rooms.delete(OWN_ROOM);
        this.#timelineOf = m.of;
      }
      // The leader's cursor: every message up to it has come to this tab too (the snapshot, then each frame in order).
      const room = this.#room(OWN_ROOM);
      if (m.syncedSeq !== undefined) room.syncedSeq = Math.max(room.syncedSeq ?? 0, m.syncedSeq);
      room.hasOlder = m.hasOlder;
      if (m.t === 'event') this.#receive(m.data);
      else {
        this.#merge(room, m.messages, false);
        this.#setState(m.state as ConnectionState);
        this.#emit('change', undefined);
      }
    } else if (m.t === 'state') this.#setState(m.state as ConnectionState);
  }

  // --- frames from the server ------------------------------------------------------

  #receive(data: unknown): void {
    clearTimeout(this.#pongTimer);
    let event: ServerEvent;
    try {
      event = JSON.parse(String(data)) as ServerEvent;
    } catch {
      return;
    }
    if (typeof event !== 'object' || event === null || typeof event.type !== 'string') return;
    switch (event.type) {
      case 'message': {
        const room = this.#room(event.message.roomId);
        this.#merge(room, [event.message], true);
        this.#advance(room, event.message.roomId);
        break;
      }
      case 'history':
        this.#receiveHistory(event.roomId, event.messages, event.hasMore);
        break;
      case 'profile':
        this.store.set('profile', JSON.stringify({ name: event.name, email: event.email }));
        this.store.remove('identify');
        break;
      case 'resume':
        this.#credentials.resumeToken = event.token;
        break;
      case 'messageUpdated':
        this.#room(event.message.roomId).replace(event.message);
        break;
      case 'error':
        this.#receiveError(event);
        break;
    }
    if (this.#tabs?.leading) this.#tabs.post({ t: 'event', data: String(data), ...this.#mark() });
    this.#emit('event', event);
    this.#emit('change', undefined);
  }

  #receiveHistory(roomId: string, messages: Message[], hasMore: boolean): void {
    const room = this.#room(roomId);
    const mode = room.inflight;
    room.inflight = undefined;
    this.#merge(room, messages, false);
    if (mode === 'before' || ((mode === 'latest' || mode === 'join') && room.syncedSeq === undefined)) room.hasOlder = hasMore;
    const last = messages.at(-1);
    if (mode !== undefined && mode !== 'before') {
      // A latest page, or everything after the cursor up to its last message: either way
      // nothing up to that message is missing (numbers the server skipped do not exist,
      // or are not this client's to see).
      room.syncedSeq = Math.max(room.syncedSeq ?? 0, last?.seq ?? 0);
    }
    if (mode === 'after' && hasMore && last) {
      const limit = this.#options.historyPageSize;
      const frame = this.#roomFrame({ action: 'history', after: last.seq, ...(limit && { limit }) }, roomId);
      room.queue.unshift({ mode: 'after', frame });
    }
    this.#advance(room, roomId);
    this.#pump(room);
  }

  /**
   * Moves the catch-up cursor over every message held in a row after it. Messages can
   * arrive out of order (concurrent sends finish in any order): one beyond a gap is
   * shown at once, and if the gap is still there after a moment it is asked for.
   */
  #advance(room: RoomState, roomId: string): void {
    if (!room.advance()) {
      clearTimeout(room.gapTimer);
      room.gapTimer = undefined;
      return;
    }
    room.gapTimer ??= setTimeout(() => {
      room.gapTimer = undefined;
      this.#askAfterCursor(roomId);
    }, this.#options.gapFillMs ?? GAP_FILL_MS);
  }

  /** Asks for what came after the room's cursor, unless it is being asked for already. */
  #askAfterCursor(roomId: string): void {
    const room = this.#room(roomId);
    const catchingUp = room.inflight === 'after' || room.queue.some((q) => q.mode === 'after');
    if (room.syncedSeq === undefined || catchingUp) return;
    this.#enqueue(room, roomId === OWN_ROOM ? undefined : roomId, 'after', { action: 'history', after: room.syncedSeq });
  }

  #receiveError(error: ServerError): void {
    const pending = error.clientMsgId === undefined ? undefined : this.#outbox.get(error.clientMsgId);
    if (pending) {
      this.#inFlight.delete(pending.clientMsgId);
      if (error.code === 'rate_limited' || error.code === 'internal') {
        clearTimeout(this.#retryTimer);
        this.#retryTimer = setTimeout(() => this.#flushOutbox(), 1000 + backoffDelay(0));
        return;
      }
      this.#outbox.update(pending.clientMsgId, { status: 'failed', error: error.message });
      this.#flushOutbox();
    } else if (error.action === 'history' || error.action === 'join') {
      for (const room of this.#rooms.values()) {
        if (room.inflight === undefined) continue;
        room.inflight = undefined;
        this.#pump(room);
      }
    } else if (error.action === 'identify') {
      this.store.remove('identify');
    }
    this.#emit('error', error);
  }

  /** Adds unseen messages in number order and retires the outbox entries they acknowledge. */
  #merge(room: RoomState, messages: Message[], live: boolean): void {
    let acknowledged = false;
    for (const message of messages) {
      if (this.#outbox.remove(message.clientMsgId)) acknowledged = this.#inFlight.delete(message.clientMsgId) || acknowledged;
      if (!room.add(message)) continue;
      this.#emit('message', { message, live });
    }
    if (acknowledged) this.#flushOutbox();
  }

  // --- frames to the server ----------------------------------------------------------

  /** One history-producing request per room at a time, so each answer is known for what it is. */
  #enqueue(room: RoomState, roomId: string | undefined, mode: HistoryMode, frame: ClientFrame): void {
    const limit = this.#options.historyPageSize;
    if (frame.action === 'history' && limit) frame = { ...frame, limit };
    room.queue.push({ mode, frame: mode === 'join' ? frame : this.#roomFrame(frame, roomId) });
    this.#pump(room);
  }

  #pump(room: RoomState): void {
    if (room.inflight !== undefined || this.#ws?.readyState !== WebSocket.OPEN) return;
    const next = room.queue.shift();
    if (!next) return;
    room.inflight = next.mode;
    this.send(next.frame);
  }

  /**
   * Sends the oldest unsent message, one at a time: API Gateway runs a connection's frames
   * concurrently, so two messages sent back to back could be stored in either order.
   * Waiting for each acknowledgement keeps the conversation in the order it was typed.
   */
  #flushOutbox(): void {
    // Only the leader sends the outbox, which all tabs share.
    if (this.#inFlight.size > 0 || this.#following) return;
    const next = this.#outbox.list().find((pending) => pending.status === 'sending');
    if (next) this.#transmit(next);
  }

  #transmit(pending: PendingMessage): void {
    const frame = this.#roomFrame(
      {
        action: 'sendMessage',
        clientMsgId: pending.clientMsgId,
        text: pending.text,
        ...(pending.internal && { internal: true as const }),
        ...(pending.file?.id && { attachment: { id: pending.file.id } }),
      },
      pending.roomId,
    );
    if (!this.send(frame)) return;
    this.#inFlight.add(pending.clientMsgId);
    clearTimeout(this.#ackTimer);
    this.#ackTimer = setTimeout(() => {
      if (!this.#inFlight.delete(pending.clientMsgId)) return;
      // No acknowledgement: the server is slow, or the connection died without a word
      // (a dead Wi-Fi, a sleeping NAT) and would only be found out by the next idle
      // ping, minutes away. A ping tells which; a dead connection is replaced and the
      // outbox flushed on the new one. Meanwhile the message goes again (same
      // clientMsgId, so the server stores and broadcasts it once either way).
      this.#ping();
      this.#flushOutbox();
    }, this.#options.ackTimeoutMs ?? ACK_TIMEOUT_MS);
  }

  #sendProfile(): void {
    const profile = readJson<VisitorProfile>(this.store, 'identify');
    if (profile) this.send({ action: 'identify', ...profile });
  }

  /** Agents name the room in every frame; visitors never do. */
  #roomFrame<F extends ClientFrame>(frame: F, roomId: string | undefined): F {
    return this.role === 'agent' && roomId !== undefined ? { ...frame, roomId } : frame;
  }

  #room(roomId: string | undefined): RoomState {
    const key = this.role === 'visitor' ? OWN_ROOM : (roomId ?? OWN_ROOM);
    let room = this.#rooms.get(key);
    if (!room) {
      room = new RoomState();
      this.#rooms.set(key, room);
    }
    return room;
  }

  #emit<K extends keyof ChatClientEventMap>(type: K, value: ChatClientEventMap[K]): void {
    for (const listener of this.#listeners.get(type) ?? []) (listener as Listener<ChatClientEventMap[K]>)(value);
  }
}

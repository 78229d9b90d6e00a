import type { ClientFrame } from '@support-chat/backend/protocol';
import { IDLE_TIMEOUT_MS, MAX_CONNECTION_MS } from '@support-chat/backend/protocol/limits';
import { backoffDelay } from './backoff.ts';
import type { ChatClientEventMap, ChatClientOptions, ConnectionState } from './chat-client-types.ts';
import type { Emitter } from './emitter.ts';

/** What of ChatClientOptions the connection goes by: where to connect, as whom, and its timings. */
export type ConnectionOptions = Pick<
  ChatClientOptions,
  'endpoint' | 'token' | 'lang' | 'pingIntervalMs' | 'pongTimeoutMs' | 'maxConnectionMs' | 'backoff'
>;

/** What the connection asks of the client, and tells it. */
export interface ConnectionHost {
  /** Following another tab: that tab holds the connection, this one opens none. */
  following(): boolean;
  /** Sets on a visitor's URL what they connect with; answers whose token it carries (a customer's sub). Throws to try again later. */
  visitor(url: URL): Promise<string | undefined>;
  /** The state changed (the other tabs follow it). */
  stateChanged(state: ConnectionState): void;
  /** Sends a frame as the client does (a follower's goes through the leader): for pings. */
  send(frame: ClientFrame): boolean;
  receive(data: unknown): void;
  /** A connection opened, as a signed-in customer or anonymously, before anything else is done on it. */
  openedAs(customer: string | undefined): void;
  /** The connection is open and counts as such: catch up and send what waits. */
  opened(): void;
  /** What was asked on the connection that went (or before the one that opened) is asked again: forget it. */
  dropRequests(): void;
  /** The page came back with the connection open: ask for what came after the cursor. */
  returned(): void;
}

const CONNECT_TIMEOUT_MS = 15_000;
/** See ChatClientOptions.pongTimeoutMs. */
const PONG_TIMEOUT_MS = 6_000;
/**
 * After the browser says the network is gone, a ping unanswered this long means the
 * connection went with it: the visitor sees "offline" within seconds, not after the
 * usual pong timeout. A connection that survived answers well within it.
 */
const OFFLINE_PONG_TIMEOUT_MS = 3_000;

/**
 * The WebSocket's lifecycle, apart from what goes over it: connecting with backoff,
 * the idle ping and its pong timeout, the seamless replacement before API Gateway's
 * maximum age, and the browser's hints (`online`, `offline`, the page coming back). The
 * client decides what to say on an open connection (ConnectionHost); this keeps one open.
 */
export class Connection {
  readonly #options: ConnectionOptions;
  readonly #host: ConnectionHost;
  readonly #events: Emitter<ChatClientEventMap>;
  #state: ConnectionState = 'idle';
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

  constructor(options: ConnectionOptions, host: ConnectionHost, events: Emitter<ChatClientEventMap>) {
    this.#options = options;
    this.#host = host;
    this.#events = events;
  }

  /** See ConnectionState. */
  get state(): ConnectionState {
    return this.#state;
  }

  /** Sets the state this connection is in, or (following) the leading tab's is in. */
  setState(state: ConnectionState): void {
    if (state === this.#state) return;
    this.#state = state;
    this.#host.stateChanged(state);
    this.#events.emit('state', state);
    this.#events.emit('change', undefined);
  }

  /** Whether a connection is wanted (between start() and stop()). */
  get wanted(): boolean {
    return this.#wanted;
  }

  /** Whether the current socket is open. */
  get isOpen(): boolean {
    return this.#ws?.readyState === WebSocket.OPEN;
  }

  /** A connection is wanted from now on: the browser's hints are listened to. False when it was already. */
  start(): boolean {
    if (this.#wanted) return false;
    this.#wanted = true;
    addEventListener('online', this.#onOnline);
    addEventListener('offline', this.#onOffline);
    // The page is back: shown again, restored from the back-forward cache, resumed after a freeze.
    document.addEventListener('visibilitychange', this.#onReturn);
    document.addEventListener('resume', this.#onReturn);
    addEventListener('pageshow', this.#onReturn);
    return true;
  }

  /** No connection is wanted any more: the sockets close. False when none was. */
  stop(): boolean {
    if (!this.#wanted) return false;
    this.#wanted = false;
    removeEventListener('online', this.#onOnline);
    removeEventListener('offline', this.#onOffline);
    document.removeEventListener('visibilitychange', this.#onReturn);
    document.removeEventListener('resume', this.#onReturn);
    removeEventListener('pageshow', this.#onReturn);
    this.drop();
    return true;
  }

  /** Closes the sockets without wanting less (this tab follows another now). */
  drop(): void {
    clearTimeout(this.#reconnectTimer);
    if (this.#next) this.#lose(this.#next);
    if (this.#ws) this.#lose(this.#ws);
  }

  /** Opens the connection: this tab's own, or the one all of the visitor's tabs share. */
  lead(): void {
    this.#attempt = 0;
    if (navigator.onLine === false) this.setState('offline');
    else void this.#open(false);
  }

  /** A connection made afresh starts with the state `connecting`, not `reconnecting` (a reset visitor's). */
  forgetOpened(): void {
    this.#everOpened = false;
  }

  /** See ChatClient.reconnect. */
  reconnect(): void {
    if (!this.#wanted || this.#host.following()) return;
    if (this.#ws?.readyState === WebSocket.OPEN) {
      if (this.#next) this.#lose(this.#next);
      void this.#open(true);
      return;
    }
    if (this.#ws) this.#lose(this.#ws);
    this.#attempt = 0;
    this.#scheduleReconnect(true);
  }

  /** Sends one frame now if the socket is open; false when it is not. */
  send(frame: ClientFrame): boolean {
    const ws = this.#ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return false;
    ws.send(JSON.stringify(frame));
    return true;
  }

  async #open(rotation: boolean): Promise<void> {
    if (this.#host.following()) return;
    if (!rotation) this.setState(this.#everOpened || this.#attempt > 0 ? 'reconnecting' : 'connecting');
    let url: string;
    let customer: string | undefined;
    try {
      [url, customer] = await this.#url();
    } catch {
      // disconnect() may have come while the endpoint or the token was being asked for.
      if (!rotation && this.#wanted) this.#scheduleReconnect();
      return;
    }
    if (!this.#wanted || this.#host.following() || (!rotation && this.#ws)) return;
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
      this.#host.openedAs(customer);
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
    ws.onmessage = (event) => {
      clearTimeout(this.#pongTimer);
      this.#host.receive(event.data);
    };
    ws.onclose = () => {
      clearTimeout(giveUp);
      this.#lose(ws);
      if (customer !== undefined && !opened) this.#events.emit('identityRefused', undefined);
    };
  }

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
    // The visitor's parameters first: the URL's text is read once they are on it.
    const customer = await this.#host.visitor(url);
    return [url.href, customer];
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
    this.#host.dropRequests();
    if (this.#wanted) this.#scheduleReconnect();
  }

  #opened(): void {
    this.#attempt = 0;
    this.#everOpened = true;
    this.#host.dropRequests();
    this.setState('open');
    clearInterval(this.#pingTimer);
    this.#pingTimer = setInterval(() => this.ping(), this.#options.pingIntervalMs ?? (IDLE_TIMEOUT_MS * 2) / 5);
    clearTimeout(this.#rotateTimer);
    this.#rotateTimer = setTimeout(() => void this.#open(true), this.#options.maxConnectionMs ?? MAX_CONNECTION_MS - 60_000);
    this.#host.opened();
  }

  #scheduleReconnect(now = false): void {
    clearTimeout(this.#reconnectTimer);
    if (this.#host.following()) return;
    if (navigator.onLine === false) {
      this.setState('offline');
      return;
    }
    this.setState(this.#everOpened || this.#attempt > 0 ? 'reconnecting' : 'connecting');
    const delay = now ? 0 : backoffDelay(this.#attempt, this.#options.backoff);
    this.#attempt++;
    this.#reconnectTimer = setTimeout(() => void this.#open(false), delay);
  }

  /** Pings the server now: a connection that does not answer in time is replaced. */
  ping(timeoutMs = this.#options.pongTimeoutMs ?? PONG_TIMEOUT_MS): void {
    if (!this.#host.send({ action: 'ping' })) return;
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
    if (this.#ws?.readyState === WebSocket.OPEN) this.ping(Math.min(OFFLINE_PONG_TIMEOUT_MS, this.#options.pongTimeoutMs ?? Infinity));
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
    if (this.#host.following()) return;
    const ws = this.#ws;
    if (ws?.readyState === WebSocket.OPEN) {
      this.ping();
      this.#host.returned();
    } else if (ws?.readyState !== WebSocket.CONNECTING) {
      if (ws) this.#lose(ws);
      this.#attempt = 0;
      this.#scheduleReconnect(true);
    }
  };
}

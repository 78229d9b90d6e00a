import type { ClientFrame, Message } from '@support-chat/backend/protocol';

/** What the tabs of one browser say to each other (see TabLeader). */
export type TabMessage =
  /** Leader to all: a frame from the server as it came, and the leader's cursor after it. */
  | ({ t: 'event'; data: string } & TimelineMark)
  /** Leader to all: the connection state. */
  | { t: 'state'; state: string }
  /** Leader to all, answering `hello`: everything it holds of the conversation. */
  | ({ t: 'snapshot'; messages: Message[]; state: string } & TimelineMark)
  /** A follower that just came: asks for the snapshot. */
  | { t: 'hello' }
  /** Follower to leader: a frame to send on the connection. */
  | { t: 'send'; frame: ClientFrame }
  /** Follower to leader: the page before the oldest message. */
  | { t: 'older' }
  /** To all: a signed-out customer's browser forgets them in every tab. */
  | { t: 'reset' };

/** Where the leader's timeline stands: whose it is (a customer's sub, '' for anonymous), and its cursor. */
export interface TimelineMark {
  of?: string;
  syncedSeq?: number;
  hasOlder: boolean;
}

export interface TabLeaderHandlers {
  /** This tab holds the lock now: open the connection. */
  lead(): void;
  /** Another tab took the lock (one shown, or a signed-in customer's): close the connection and follow. */
  follow(): void;
  message(message: TabMessage): void;
}

/**
 * One connection for all of a visitor's tabs. The tabs of a site elect a leader with the
 * Web Locks API: the tab holding the lock `NAME` (for its life; the browser frees it when
 * the tab goes, even if it crashed) opens the WebSocket; the others queue for the lock and
 * talk to the leader over the BroadcastChannel `NAME`. A tab that is shown takes the lock
 * (`steal`), so the leader is the tab in front, or the last one that was. Browsers without
 * either API do without (each tab its own connection: see `supported`).
 */
export class TabLeader {
  /** Whether this tab holds the lock. */
  leading = false;
  readonly #name: string;
  readonly #handlers: TabLeaderHandlers;
  readonly #channel: BroadcastChannel;
  #abort = new AbortController();
  #release: (() => void) | undefined;
  /** The request whose lock this tab holds. */
  #grant: object | undefined;
  #closed = false;

  static supported(): boolean {
    return typeof BroadcastChannel === 'function' && typeof navigator.locks?.request === 'function';
  }

  constructor(name: string, handlers: TabLeaderHandlers) {
    this.#name = name;
    this.#handlers = handlers;
    this.#channel = new BroadcastChannel(name);
    this.#channel.onmessage = (event: MessageEvent<TabMessage>) => {
      if (!this.#closed && typeof event.data?.t === 'string') handlers.message(event.data);
    };
    document.addEventListener('visibilitychange', this.#onVisibility);
    this.#request(false);
    this.#onVisibility();
  }

  /**
   * The tab in front leads: a phone suspends the tabs behind (Safari on iOS does at once),
   * and a suspended leader would keep the lock but hear nothing.
   */
  readonly #onVisibility = () => {
    if (document.visibilityState === 'visible') this.claim();
  };

  post(message: TabMessage): void {
    if (!this.#closed) this.#channel.postMessage(message);
  }

  /** Takes the lock from the leader now (this tab is shown, or connects with a customer's token or a link's). */
  claim(): void {
    if (this.leading || this.#closed) return;
    this.#abort.abort();
    this.#abort = new AbortController();
    this.#request(true);
  }

  /** Leaves: the lock goes to the next tab in line. */
  close(): void {
    this.#closed = true;
    this.leading = false;
    document.removeEventListener('visibilitychange', this.#onVisibility);
    this.#abort.abort();
    this.#release?.();
    this.#channel.close();
  }

  #request(steal: boolean): void {
    const signal = this.#abort.signal;
    const grant = {};
    navigator.locks
      .request(this.#name, steal ? { steal } : { signal }, () => {
        // Granted just as it was aborted (claim or close): let it go.
        if (this.#closed || (!steal && signal.aborted)) return;
        const already = this.leading;
        this.#grant = grant;
        this.leading = true;
        if (!already) this.#handlers.lead();
        return new Promise<void>((resolve) => {
          this.#release = resolve;
        });
      })
      .catch(() => {
        // Aborted while queued, or an earlier grant of this tab's taken by its own claim: nothing to do.
        if (this.#grant !== grant || this.#closed) return;
        // Stolen by another tab's claim: follow, and wait in line again.
        this.#grant = this.#release = undefined;
        this.leading = false;
        this.#handlers.follow();
        this.#request(false);
      });
  }
}

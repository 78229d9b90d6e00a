import type { ClientFrame } from '@support-chat/backend/protocol';
import type { ChatClientEventMap, ConnectionState } from './chat-client-types.ts';
import type { Connection } from './connection.ts';
import type { Emitter } from './emitter.ts';
import { OWN_ROOM, type RoomSync } from './room-sync.ts';
import { TabLeader, type TabMessage, type TimelineMark } from './tab-leader.ts';

/** What the relay asks of the client. */
export interface TabRelayHost {
  readonly rooms: RoomSync;
  /** Leading, this tab opens it; following, it shows the leader's state. */
  readonly connection: Pick<Connection, 'state' | 'setState' | 'lead'>;
  /** Another tab leads: close this tab's socket and stop sending. */
  follow(): void;
  /** A frame from the server, as the leader passed it on. */
  receive(data: unknown): void;
  /** A follower's frame, to send on the connection. */
  send(frame: ClientFrame): boolean;
  /** A follower asks for the page before the oldest message. */
  loadOlder(): void;
  /** Another tab forgot the visitor: so does this one. */
  reset(): void;
  /** Another tab changed the outbox: show it, and send it if this tab leads. */
  outboxChanged(): void;
  connect(): void;
  disconnect(): void;
}

/**
 * The visitor's tabs sharing one connection (see TabLeader, which elects the leader): what
 * the leader passes on to the followers (every frame from the server with its cursor, the
 * state, a snapshot of the conversation for a newcomer), what followers hand the leader
 * (their frames, a request for older messages), and the browser's signs that matter to
 * the group (a tab going away, another tab writing the shared outbox). Without a `name`
 * (an agent, storage other than localStorage, a browser without Web Locks) each tab
 * leads its own connection.
 */
export class TabRelay {
  readonly #name: string | undefined;
  /** The outbox's keys in localStorage start with this (see #onStorage). */
  readonly #outboxKeys: string;
  readonly #host: TabRelayHost;
  readonly #events: Emitter<ChatClientEventMap>;
  /** While connected with other tabs: this one leads (holds the socket) or follows. */
  #tabs: TabLeader | undefined;
  /** Connect as the leader, taking the connection from the other tabs (an email's link was opened here). */
  #claim = false;

  constructor(name: string | undefined, outboxKeys: string, host: TabRelayHost, events: Emitter<ChatClientEventMap>) {
    this.#name = name;
    this.#outboxKeys = outboxKeys;
    this.#host = host;
    this.#events = events;
  }

  /** Whether this tab leads the others; undefined when it shares the connection with none. */
  get leading(): boolean | undefined {
    return this.#tabs?.leading;
  }

  /** Following: another tab holds the connection. */
  get following(): boolean {
    return this.#tabs !== undefined && !this.#tabs.leading;
  }

  /** Joins the other tabs (or leads alone): `claim` takes the connection from them (a customer's token). */
  start(claim: boolean): void {
    if (!this.#name) {
      this.#lead();
      return;
    }
    addEventListener('pagehide', this.#onPageHide);
    addEventListener('storage', this.#onStorage);
    this.#host.connection.setState('connecting');
    this.#tabs = new TabLeader(this.#name, {
      lead: () => this.#lead(),
      follow: () => this.#follow(),
      message: (m) => this.#fromTab(m),
    });
    this.#tabs.post({ t: 'hello' });
    if (claim || this.#claim) this.#tabs.claim();
    this.#claim = false;
  }

  /** Leaves the other tabs: the next in line leads. */
  stop(): void {
    removeEventListener('pagehide', this.#onPageHide);
    removeEventListener('storage', this.#onStorage);
    this.#tabs?.close();
    this.#tabs = undefined;
  }

  /** Takes the connection from the other tabs now (a signed-in customer's tab connects with their token). */
  claim(): void {
    this.#tabs?.claim();
  }

  /** Takes the connection from the other tabs on the next start (a link's tab connects to the link's conversation). */
  claimOnStart(): void {
    this.#claim = true;
  }

  /** To the other tabs: a follower's frame or request for older messages, to the leader; a reset, to all. */
  post(message: TabMessage): void {
    this.#tabs?.post(message);
  }

  /** Leading: a frame from the server goes to the followers, with the cursor after it. */
  forward(data: string): void {
    if (this.#tabs?.leading) this.#tabs.post({ t: 'event', data, ...this.#mark() });
  }

  /** Leading: the followers show the connection's state. */
  forwardState(state: ConnectionState): void {
    if (this.#tabs?.leading) this.#tabs.post({ t: 'state', state });
  }

  /** Opens the connection: this tab's own, or the one all of the visitor's tabs share. */
  #lead(): void {
    this.#snapshot();
    this.#host.connection.lead();
  }

  /** Another tab leads now (one shown, or a signed-in customer's): this one's socket goes, its frames go through the leader. */
  #follow(): void {
    this.#host.follow();
    this.#tabs?.post({ t: 'hello' });
  }

  /** A tab that goes hands the connection to the next at once (the browser would, too, but later from the back-forward cache). */
  readonly #onPageHide = (event: PageTransitionEvent) => {
    this.#host.disconnect();
    if (event.persisted) addEventListener('pageshow', () => this.#host.connect(), { once: true });
  };

  /**
   * Another tab changed the outbox they share: shown here, and sent if this tab leads. The
   * `storage` event, not a word on the tabs' channel: it comes once this tab's copy of
   * localStorage has the change, and a word could come before it (nothing new to send yet).
   */
  readonly #onStorage = (event: StorageEvent) => {
    if (event.storageArea !== localStorage || (event.key !== null && !event.key.startsWith(this.#outboxKeys))) return;
    this.#host.outboxChanged();
  };

  /** Leading: tells the other tabs everything this one holds of the conversation. */
  #snapshot(): void {
    this.#tabs?.post({
      t: 'snapshot',
      messages: this.#host.rooms.room(OWN_ROOM).messages,
      state: this.#host.connection.state,
      ...this.#mark(),
    });
  }

  #mark(): TimelineMark {
    const { syncedSeq, hasOlder } = this.#host.rooms.room(OWN_ROOM);
    return { of: this.#host.rooms.timelineOf, syncedSeq, hasOlder };
  }

  #fromTab(m: TabMessage): void {
    const leading = this.#tabs?.leading;
    if (m.t === 'reset') this.#host.reset();
    else if (leading) {
      if (m.t === 'hello') this.#snapshot();
      else if (m.t === 'send') this.#host.send(m.frame);
      else if (m.t === 'older') this.#host.loadOlder();
    } else if (m.t === 'event' || m.t === 'snapshot') {
      const rooms = this.#host.rooms;
      // The leader's timeline started afresh (a connection as someone else): so does this tab's.
      if (m.of !== undefined) rooms.timelineFor(m.of);
      // The leader's cursor: every message up to it has come to this tab too (the snapshot, then
      // each frame in order). Not before a snapshot: the frames the leader passed on before it
      // heard this tab's hello carry a cursor this tab has none of the messages for, and a tab
      // that took the lead then would ask only for what came after it.
      const room = rooms.room(OWN_ROOM);
      if (m.syncedSeq !== undefined && (m.t === 'snapshot' || room.syncedSeq !== undefined))
        room.syncedSeq = Math.max(room.syncedSeq ?? 0, m.syncedSeq);
      room.hasOlder = m.hasOlder;
      if (m.t === 'event') this.#host.receive(m.data);
      else {
        rooms.merge(room, m.messages, false);
        this.#host.connection.setState(m.state as ConnectionState);
        this.#events.emit('change', undefined);
      }
    } else if (m.t === 'state') this.#host.connection.setState(m.state as ConnectionState);
  }
}

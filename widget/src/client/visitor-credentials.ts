import { VISITOR_KEY_PATTERN } from '@support-chat/backend/protocol/limits';
import type { CustomerToken } from './chat-client-types.ts';
import { type KeyValueStore, randomId } from './storage.ts';

/**
 * Who the visitor is in this browser, as the client connects: the random visitor key that
 * names their room, or the token of an email's link back into a conversation, which takes
 * its place until it expires, or a signed-in customer's identity token, which the page
 * hands over for each connection. The key and the link's token live in the client's store,
 * and so does whose the browser was last (`PREFIX:customer`, a customer's sub), so that the
 * next person on a shared browser finds nothing of theirs.
 */
export class VisitorCredentials {
  readonly #store: KeyValueStore;
  /** A signed-in customer's token (see ChatClient.useIdentity): connections are made with it. */
  identity: (() => Promise<CustomerToken>) | undefined;

  constructor(store: KeyValueStore) {
    this.#store = store;
  }

  /** The visitor key, made (and kept) when `create` says so and there is none. */
  key(create: boolean): string | null {
    const key = this.#store.get('key');
    if (key && VISITOR_KEY_PATTERN.test(key)) return key;
    if (!create) return null;
    const fresh = randomId(32);
    this.#store.set('key', fresh);
    return fresh;
  }

  /**
   * The link's token (`PREFIX:resume`), dropped once it has expired (the payload's `e`,
   * epoch seconds). The server hands a fresh one on each connect.
   */
  get resumeToken(): string | undefined {
    const token = this.#store.get('resume');
    if (!token) return undefined;
    try {
      const payload = JSON.parse(atob(token.split('.')[0]!.replace(/-/g, '+').replace(/_/g, '/'))) as { e: number };
      if (payload.e * 1000 > Date.now()) return token;
    } catch {
      // not a token: dropped below
    }
    this.#store.remove('resume');
    return undefined;
  }

  set resumeToken(token: string) {
    this.#store.set('resume', token);
  }

  /**
   * Sets on a visitor's connection URL what they connect with, and answers whose token it
   * carries (a signed-in customer's sub). `forget` clears everything of the visitor first
   * when the browser was another customer's.
   */
  async connectAs(url: URL, wanted: () => boolean, forget: () => void): Promise<string | undefined> {
    const { token, sub } = (await this.identity?.()) ?? {};
    // Disconnected (reset, maybe in another tab) while this was being asked for: nothing more is stored.
    if (!wanted()) throw new Error('disconnected');
    // A signed-in customer was here, and the page now says someone else is (or nobody is:
    // they were signed out without a reset). The next person finds nothing of theirs, not
    // even their outbox.
    const previous = this.#store.get('customer');
    if (previous !== null && previous !== sub) forget();
    if (token === undefined) {
      url.searchParams.set(...this.#connectParameter());
      return undefined;
    }
    url.searchParams.set('identity', token);
    // This browser's anonymous conversation carries on as the customer's (the server checks it is nobody else's).
    const key = this.key(false);
    if (key) url.searchParams.set('visitorKey', key);
    return sub;
  }

  /**
   * A connection as a signed-in customer opened: the browser is theirs now, and the
   * anonymous key (handed over) and a link's token are not needed any more.
   */
  customerConnected(customer: string): void {
    this.#store.set('customer', customer);
    this.#store.remove('key');
    this.#store.remove('resume');
  }

  /** What to connect with: the link's token while it is good, else the visitor key (made if need be). */
  #connectParameter(): ['resume' | 'visitorKey', string] {
    const resume = this.resumeToken;
    return resume ? ['resume', resume] : ['visitorKey', this.key(true)!];
  }
}

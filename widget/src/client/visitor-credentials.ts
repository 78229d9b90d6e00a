import { VISITOR_KEY_PATTERN } from '@support-chat/backend/protocol/limits';
import { type KeyValueStore, randomId } from './storage.ts';

/**
 * Who the visitor is in this browser, as the client connects: the random visitor key that
 * names their room, or the token of an email's link back into a conversation, which takes
 * its place until it expires. Both live in the client's store.
 */
export class VisitorCredentials {
  readonly #store: KeyValueStore;

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

  /** What to connect with: the link's token while it is good, else the visitor key (made if need be). */
  connectParameter(): ['resume' | 'visitorKey', string] {
    const resume = this.resumeToken;
    return resume ? ['resume', resume] : ['visitorKey', this.key(true)!];
  }
}

/**
 * localStorage that never throws: Safari's private mode, sandboxed iframes and full
 * quotas make the real one throw, and a chat must keep working (in memory) when it does.
 */
export interface KeyValueStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
  /** Every key held: for forgetting everything of one prefix (a signed-out customer's). */
  keys(): string[];
}

/** See storageWrites. */
let writes = 0;
let hearing = false;

/**
 * A count of the writes to storage this document can know of: every set and remove through
 * a safeStorage store, and every `storage` event (another tab's write, which this document's
 * copy of localStorage holds by the time the event comes). What was read from storage still
 * holds while the count has not moved, so a reader called on every render may keep it.
 * The first call starts listening: call it early (the Outbox does, when constructed), so
 * the count moves before any other listener of the event reads storage.
 */
export function storageWrites(): number {
  if (!hearing && typeof addEventListener === 'function') {
    addEventListener('storage', () => writes++);
    hearing = true;
  }
  return writes;
}

export function safeStorage(storage: Storage | null | undefined): KeyValueStore {
  const memory = new Map<string, string>();
  return {
    get(key) {
      try {
        if (storage) return storage.getItem(key);
      } catch {
        // fall through to memory
      }
      return memory.get(key) ?? null;
    },
    set(key, value) {
      writes++;
      memory.set(key, value);
      try {
        storage?.setItem(key, value);
      } catch {
        // kept in memory only
      }
    },
    remove(key) {
      writes++;
      memory.delete(key);
      try {
        storage?.removeItem(key);
      } catch {
        // nothing to do
      }
    },
    keys() {
      const keys = new Set(memory.keys());
      try {
        for (let i = 0; storage && i < storage.length; i++) keys.add(storage.key(i)!);
      } catch {
        // memory's keys only
      }
      return [...keys];
    },
  };
}

/** Removes every key of a store (of a prefixed store: its prefix's only). */
export function clearStore(store: KeyValueStore): void {
  for (const key of store.keys()) store.remove(key);
}

/** The JSON value stored under `key`; undefined when there is none, or it is not JSON. */
export function readJson<T>(store: KeyValueStore, key: string): T | undefined {
  const raw = store.get(key);
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return undefined;
  }
}

/** A store whose keys are `PREFIX:name`: each product keeps its keys under its own prefix. */
export function prefixed(store: KeyValueStore, prefix: string): KeyValueStore {
  return {
    get: (name) => store.get(`${prefix}:${name}`),
    set: (name, value) => store.set(`${prefix}:${name}`, value),
    remove: (name) => store.remove(`${prefix}:${name}`),
    keys: () =>
      store
        .keys()
        .filter((key) => key.startsWith(`${prefix}:`))
        .map((key) => key.slice(prefix.length + 1)),
  };
}

/** The page's localStorage or sessionStorage, or null where merely touching it throws. */
export function pageStorage(area: 'local' | 'session'): Storage | null {
  try {
    return (area === 'local' ? globalThis.localStorage : globalThis.sessionStorage) ?? null;
  } catch {
    return null;
  }
}

/** `bytes` random bytes as unpadded base64url. */
export function randomId(bytes: number): string {
  const data = crypto.getRandomValues(new Uint8Array(bytes));
  return btoa(String.fromCharCode(...data))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

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
      memory.set(key, value);
      try {
        storage?.setItem(key, value);
      } catch {
        // kept in memory only
      }
    },
    remove(key) {
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

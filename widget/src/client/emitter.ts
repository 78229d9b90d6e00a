type Listener<T> = (value: T) => void;

/**
 * Typed listeners by event name: ChatClient's `on`, and the `emit` its parts call, so that
 * a part tells the views what changed without a callback through the client for each event.
 */
export class Emitter<Events> {
  readonly #listeners = new Map<keyof Events, Set<Listener<never>>>();

  /** Subscribes to one kind of event; returns the function that unsubscribes. */
  on<K extends keyof Events>(type: K, listener: Listener<Events[K]>): () => void {
    let set = this.#listeners.get(type);
    if (!set) {
      set = new Set();
      this.#listeners.set(type, set);
    }
    set.add(listener as Listener<never>);
    return () => set.delete(listener as Listener<never>);
  }

  emit<K extends keyof Events>(type: K, value: Events[K]): void {
    for (const listener of this.#listeners.get(type) ?? []) (listener as Listener<Events[K]>)(value);
  }
}

import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** `#room=ID` in the page's address. */
export function roomFromHash(): string | undefined {
  const match = /(?:^#|&)room=([^&]+)/.exec(location.hash);
  if (!match) return undefined;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return undefined;
  }
}

export interface HashRouteOptions {
  /** Whether the address is the console's to read and write (the `routing` property). */
  enabled(): boolean;
  /** The address changed to name this conversation. */
  navigate(roomId: string): void;
}

/**
 * The open conversation in the page's address: `#room=ID` opens it (alerts link there),
 * and the hash follows the selection, replaced rather than pushed, so Back leaves the console.
 */
export class HashRouteController implements ReactiveController {
  readonly #options: HashRouteOptions;

  constructor(host: ReactiveControllerHost, options: HashRouteOptions) {
    this.#options = options;
    host.addController(this);
  }

  /** The conversation the address names, when routing is on. */
  get roomId(): string | undefined {
    return this.#options.enabled() ? roomFromHash() : undefined;
  }

  /** Puts the open conversation in the address (none: the hash goes). */
  follow(roomId: string | undefined): void {
    if (!this.#options.enabled() || roomFromHash() === roomId) return;
    const url = roomId ? `#room=${encodeURIComponent(roomId)}` : location.pathname + location.search;
    history.replaceState(history.state, '', url);
  }

  hostConnected(): void {
    addEventListener('hashchange', this.#onHashChange);
  }

  hostDisconnected(): void {
    removeEventListener('hashchange', this.#onHashChange);
  }

  readonly #onHashChange = () => {
    const roomId = this.roomId;
    if (roomId) this.#options.navigate(roomId);
  };
}

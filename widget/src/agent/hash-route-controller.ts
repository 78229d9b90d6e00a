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

/** The team settings' address; each page but the first has its own below it (`#settings/replies`). */
export const SETTINGS_HASH = '#settings';

/** The settings' pages: the team's hours and texts, the saved replies, the agents, privacy requests. */
export type SettingsPage = 'team' | 'replies' | 'agents' | 'privacy';
const PAGES: readonly SettingsPage[] = ['team', 'replies', 'agents', 'privacy'];
const pageHash = (page: SettingsPage) => (page === 'team' ? SETTINGS_HASH : `${SETTINGS_HASH}/${page}`);

export interface HashRouteOptions {
  /** Whether the address is the console's to read and write (the `routing` property). */
  enabled(): boolean;
  /** The address changed to name this conversation. */
  navigate(roomId: string): void;
}

/**
 * The open conversation in the page's address: `#room=ID` opens it (alerts link there),
 * and the hash follows the selection, replaced rather than pushed, so Back leaves the console.
 * The team settings are `#settings`, pushed, so that Back returns to the conversations; their
 * other pages (`#settings/replies`, `#settings/agents`) replace it.
 */
export class HashRouteController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #options: HashRouteOptions;
  /** The settings' page shown, when the address is not the console's. */
  #settings: SettingsPage | undefined;
  /** The settings' entry in the session history is this console's, to go back from. */
  #pushed = false;

  constructor(host: ReactiveControllerHost, options: HashRouteOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** Whether the team settings show: `#settings` in the address (with routing off, since openSettings). */
  get settings(): boolean {
    return this.settingsPage !== undefined;
  }

  /** The settings' page shown, if any. */
  get settingsPage(): SettingsPage | undefined {
    if (!this.#options.enabled()) return this.#settings;
    return PAGES.find((page) => location.hash === pageHash(page));
  }

  openSettings(page: SettingsPage = 'team'): void {
    if (this.settings) {
      this.showSettingsPage(page);
      return;
    }
    if (this.#options.enabled()) {
      history.pushState(history.state, '', pageHash(page));
      this.#pushed = true;
    } else {
      this.#settings = page;
    }
    this.#host.requestUpdate();
  }

  /** Another page of the settings, in place of the one shown (Back still returns to the conversations). */
  showSettingsPage(page: SettingsPage): void {
    if (this.#options.enabled()) history.replaceState(history.state, '', pageHash(page));
    else this.#settings = page;
    this.#host.requestUpdate();
  }

  /** Back to the conversations: through the session history when the settings' entry is ours, so the address is as it was. */
  closeSettings(): void {
    if (!this.settings) return;
    if (this.#options.enabled() && this.#pushed) {
      history.back(); // its popstate renders
      return;
    }
    if (this.#options.enabled()) history.replaceState(history.state, '', location.pathname + location.search);
    else this.#settings = undefined;
    this.#host.requestUpdate();
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
    this.#pushed = false;
  }

  hostConnected(): void {
    addEventListener('hashchange', this.#onHashChange);
    addEventListener('popstate', this.#onHashChange);
  }

  hostDisconnected(): void {
    removeEventListener('hashchange', this.#onHashChange);
    removeEventListener('popstate', this.#onHashChange);
  }

  /** A link, Back or Forward moved the address: to a conversation, into the settings or out of them. */
  readonly #onHashChange = () => {
    if (!this.settings) this.#pushed = false;
    this.#host.requestUpdate();
    const roomId = this.roomId;
    if (roomId) this.#options.navigate(roomId);
  };
}

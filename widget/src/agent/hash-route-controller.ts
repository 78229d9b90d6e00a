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

/** The reports' address. */
export const REPORTS_HASH = '#reports';

/** The settings' pages: the team's hours and texts, the saved replies, the agents, privacy requests. */
export type SettingsPage = 'team' | 'replies' | 'agents' | 'privacy';
/** A screen in place of the conversations: a page of the settings, or the reports. */
export type Screen = SettingsPage | 'reports';
const SCREENS: readonly Screen[] = ['team', 'replies', 'agents', 'privacy', 'reports'];
const pageHash = (page: Screen) => (page === 'reports' ? REPORTS_HASH : page === 'team' ? SETTINGS_HASH : `${SETTINGS_HASH}/${page}`);

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
 * other pages (`#settings/replies`, `#settings/agents`) replace it. The reports (`#reports`)
 * are a screen of the same kind: pushed from the conversations, in place of the settings from there.
 */
export class HashRouteController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #options: HashRouteOptions;
  /** The screen shown, when the address is not the console's. */
  #screen: Screen | undefined;
  /** The screen's entry in the session history is this console's, to go back from. */
  #pushed = false;

  constructor(host: ReactiveControllerHost, options: HashRouteOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** The screen in place of the conversations, if any: `#settings...` or `#reports` in the address (with routing off, since opened). */
  get screen(): Screen | undefined {
    if (!this.#options.enabled()) return this.#screen;
    return SCREENS.find((screen) => location.hash === pageHash(screen));
  }

  /** Whether the team settings show. */
  get settings(): boolean {
    return this.settingsPage !== undefined;
  }

  /** The settings' page shown, if any. */
  get settingsPage(): SettingsPage | undefined {
    const screen = this.screen;
    return screen === 'reports' ? undefined : screen;
  }

  /** Whether the reports show. */
  get reports(): boolean {
    return this.screen === 'reports';
  }

  openSettings(page: SettingsPage = 'team'): void {
    this.#open(page);
  }

  openReports(): void {
    this.#open('reports');
  }

  /** A screen: in place of the one shown, else pushed, so that Back returns to the conversations. */
  #open(screen: Screen): void {
    if (this.screen !== undefined) {
      this.showScreen(screen);
      return;
    }
    if (this.#options.enabled()) {
      history.pushState(history.state, '', pageHash(screen));
      this.#pushed = true;
    } else {
      this.#screen = screen;
    }
    this.#host.requestUpdate();
  }

  /** Another page of the settings (or the reports), in place of the one shown (Back still returns to the conversations). */
  showScreen(page: Screen): void {
    if (this.#options.enabled()) history.replaceState(history.state, '', pageHash(page));
    else this.#screen = page;
    this.#host.requestUpdate();
  }

  /** Back to the conversations: through the session history when the screen's entry is ours, so the address is as it was. */
  closeScreen(): void {
    if (this.screen === undefined) return;
    if (this.#options.enabled() && this.#pushed) {
      history.back(); // its popstate renders
      return;
    }
    if (this.#options.enabled()) history.replaceState(history.state, '', location.pathname + location.search);
    else this.#screen = undefined;
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

  /** A link, Back or Forward moved the address: to a conversation, into a screen or out of it. */
  readonly #onHashChange = () => {
    if (this.screen === undefined) this.#pushed = false;
    this.#host.requestUpdate();
    const roomId = this.roomId;
    if (roomId) this.#options.navigate(roomId);
  };
}

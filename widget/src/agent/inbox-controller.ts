import type { RoomSummary } from '@support-chat/backend/protocol';
import type { ReactiveElement } from 'lit';
import { inTab, TABS, type Tab } from './inbox.ts';
import { KeyboardController } from './keyboard-controller.ts';
import type { ServerListener } from './server-listener.ts';
import type { SupportAgentConsoleStrings } from './strings.ts';
import { inboxView } from './views/inbox.ts';
import type { Workspace } from './workspace.ts';

export interface InboxOptions {
  workspace(): Workspace;
  /** This agent's id: Mine, and "You:". */
  me(): string | undefined;
  selected(): string | undefined;
  /** The room this console is in now (it does not count among the others there). */
  here(): string | undefined;
  /** The keyboard works while the list shows (signed in, settings closed). */
  enabled(): boolean;
  visitorTyping(roomId: string): boolean;
  open(roomId: string): void;
}

/**
 * The list of conversations: its tabs (Mine, Unassigned, All open, Closed), the filter,
 * and the keyboard (see KeyboardController), rendered from the workspace's inbox.
 */
export class InboxController implements ServerListener {
  tab: Tab = 'open';
  filter = '';
  readonly #host: ReactiveElement;
  readonly #options: InboxOptions;

  constructor(host: ReactiveElement, options: InboxOptions) {
    this.#host = host;
    this.#options = options;
    // Listens on the element itself: nothing else needs to hold it.
    new KeyboardController(host, {
      enabled: options.enabled,
      rooms: () => this.rooms,
      selected: options.selected,
      open: options.open,
      clearFilter: () => {
        const had = this.filter !== '';
        this.#set({ filter: '' });
        return had;
      },
      moveTab: (to) => {
        const at = TABS.indexOf(this.tab);
        this.#set({ tab: to === 'first' ? TABS[0]! : to === 'last' ? TABS.at(-1)! : TABS[(at + to + TABS.length) % TABS.length]! });
        return this.tab;
      },
    });
  }

  /** The tab's conversations that match the filter, as listed. */
  get rooms(): RoomSummary[] {
    return this.#options.workspace().rooms(this.tab, this.filter, this.#options.me());
  }

  /** A conversation opens: the list shows its status's tab, unless it is under the tab shown or a filter finds it. */
  reveal(room: RoomSummary | undefined): void {
    if (room && !this.filter && !inTab(room, this.tab, this.#options.me())) this.#set({ tab: room.status });
  }

  render(s: SupportAgentConsoleStrings, now: number) {
    const o = this.#options;
    const workspace = o.workspace();
    return inboxView({
      strings: s,
      inbox: workspace.inbox,
      tab: this.tab,
      filter: this.filter,
      rooms: this.rooms,
      selected: o.selected(),
      me: o.me(),
      now,
      othersIn: (room) => workspace.othersIn(room, o.here()),
      visitorTyping: o.visitorTyping,
      selectTab: (tab) => this.#set({ tab }),
      setFilter: (filter) => this.#set({ filter }),
      openRoom: o.open,
    });
  }

  /** Signed out: the list starts over. */
  reset(): void {
    this.tab = 'open';
    this.filter = '';
  }

  #set(change: Partial<Pick<InboxController, 'tab' | 'filter'>>): void {
    Object.assign(this, change);
    this.#host.requestUpdate();
  }
}

import type { RoomSummary } from '@support-chat/backend/protocol';
import type { ReactiveController, ReactiveElement } from 'lit';

export interface KeyboardOptions {
  /** Only while the workspace shows (not on the sign-in screens). */
  enabled(): boolean;
  /** The conversations as listed. */
  rooms(): RoomSummary[];
  selected(): string | undefined;
  open(roomId: string): void;
  /** Empties the filter; false when it was empty. */
  clearFilter(): boolean;
  /** Shows the next tab (1), the previous one (-1), the first ('first') or the last ('last'); answers its name. */
  moveTab(to: 1 | -1 | 'first' | 'last'): string;
}

const isField = (target: EventTarget | undefined) => target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement;

/**
 * The console from the keyboard, on one keydown listener on the host: Alt+↓/↑ opens the
 * next or previous conversation from anywhere, `/` goes to the filter, arrows, Home and End
 * move through the list (one tab stop), ↓ leaves the filter for the list and Escape
 * empties it, and on the tabs ←/→ go to the next or previous one (round), Home and End to
 * the first and last.
 */
export class KeyboardController implements ReactiveController {
  readonly #host: ReactiveElement;
  readonly #options: KeyboardOptions;

  constructor(host: ReactiveElement, options: KeyboardOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {
    this.#host.addEventListener('keydown', this.#onKeydown);
  }

  hostDisconnected(): void {
    this.#host.removeEventListener('keydown', this.#onKeydown);
  }

  /** Opens the next (1) or previous (-1) conversation in the list. */
  step(delta: 1 | -1): void {
    const rooms = this.#options.rooms();
    if (rooms.length === 0) return;
    const index = rooms.findIndex((room) => room.roomId === this.#options.selected());
    const next = rooms[index === -1 ? (delta === 1 ? 0 : rooms.length - 1) : Math.min(rooms.length - 1, Math.max(0, index + delta))];
    if (next) this.#options.open(next.roomId);
  }

  readonly #onKeydown = (event: KeyboardEvent) => {
    if (!this.#options.enabled()) return;
    const target = event.composedPath()[0] as HTMLElement | undefined;
    const arrow = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
    if (event.altKey && arrow) {
      event.preventDefault();
      this.step(arrow);
    } else if (event.key === '/' && !isField(target) && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      this.#query<HTMLInputElement>('.filter input')?.focus();
    } else if (target?.matches('.room')) {
      this.#inList(event, target);
    } else if (target?.matches('.filter input')) {
      if (event.key === 'ArrowDown') {
        event.preventDefault();
        this.#query<HTMLElement>('.room')?.focus();
      } else if (event.key === 'Escape' && this.#options.clearFilter()) {
        event.preventDefault();
      }
    } else if (target?.matches('.tabs [role="tab"]')) {
      const to = ({ ArrowRight: 1, ArrowLeft: -1, Home: 'first', End: 'last' } as const)[event.key as 'Home'];
      if (to === undefined) return;
      event.preventDefault();
      const tab = this.#options.moveTab(to);
      void this.#host.updateComplete.then(() => this.#query<HTMLElement>(`#tab-${tab}`)?.focus());
    }
  };

  /** Arrow keys move through the list, Home and End jump to its ends; the focused row is the list's one tab stop. */
  #inList(event: KeyboardEvent, target: HTMLElement): void {
    if (event.altKey || !['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(event.key)) return;
    const buttons = [...this.#host.renderRoot.querySelectorAll<HTMLButtonElement>('.room')];
    const index = buttons.indexOf(target as HTMLButtonElement);
    if (index === -1) return;
    event.preventDefault();
    const last = buttons.length - 1;
    const next =
      event.key === 'Home' ? 0 : event.key === 'End' ? last : Math.min(last, Math.max(0, index + (event.key === 'ArrowDown' ? 1 : -1)));
    for (const [i, button] of buttons.entries()) button.tabIndex = i === next ? 0 : -1;
    buttons[next]?.focus();
  }

  #query<E extends Element>(selector: string): E | null {
    return this.#host.renderRoot.querySelector<E>(selector);
  }
}

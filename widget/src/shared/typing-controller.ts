import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** While the user types, "typing" goes out at most this often... */
export const TYPING_REPEAT_MS = 3000;
/** ...and "stopped" this long after the last keystroke. */
export const TYPING_STOP_MS = 4000;
/** Someone else's "typing" shows this long, unless they type on or stop. */
export const TYPING_SHOWN_MS = 10_000;

/**
 * Typing, both ways. Out: the user's keystrokes become a throttled "typing" and, once
 * they pause, send, leave or blur, one "stopped". In: who else is typing, each shown until
 * they stop, write, or go quiet for TYPING_SHOWN_MS.
 */
export class TypingController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #send: (isTyping: boolean, roomId?: string) => void;
  #sentAt = 0;
  #sentTo: string | undefined;
  #stopTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #typists = new Map<string, { name: string; timer: ReturnType<typeof setTimeout> }>();

  /** `send` tells the room's others (a visitor's room is their own: `roomId` undefined). */
  constructor(host: ReactiveControllerHost, send: (isTyping: boolean, roomId?: string) => void) {
    this.#host = host;
    this.#send = send;
    host.addController(this);
  }

  /** The user typed in the composer of `roomId`; `hasText`: the draft is more than spaces. */
  typed(hasText: boolean, roomId?: string): void {
    const now = Date.now();
    if (hasText && now - this.#sentAt > TYPING_REPEAT_MS) {
      this.#sentAt = now;
      this.#sentTo = roomId;
      this.#send(true, roomId);
    }
    clearTimeout(this.#stopTimer);
    this.#stopTimer = setTimeout(() => this.stop(), TYPING_STOP_MS);
  }

  /** The user stopped (sent, left the conversation, left the field): "stopped", if "typing" went out. */
  stop(): void {
    clearTimeout(this.#stopTimer);
    if (this.#sentAt === 0) return;
    this.#sentAt = 0;
    this.#send(false, this.#sentTo);
  }

  /** Someone else, under `key`, is typing (shown as `name`), or stopped (`name` undefined). */
  show(key: string, name: string | undefined): void {
    clearTimeout(this.#typists.get(key)?.timer);
    if (name === undefined) this.#typists.delete(key);
    else this.#typists.set(key, { name, timer: setTimeout(() => this.show(key, undefined), TYPING_SHOWN_MS) });
    this.#host.requestUpdate();
  }

  /** The names of those typing, among the keys that start with `prefix`. */
  names(prefix = ''): string[] {
    return [...this.#typists].filter(([key]) => key.startsWith(prefix)).map(([, typist]) => typist.name);
  }

  has(key: string): boolean {
    return this.#typists.has(key);
  }

  /** Forgets everyone's typing (the conversations are gone). */
  clear(): void {
    for (const typist of this.#typists.values()) clearTimeout(typist.timer);
    this.#typists.clear();
  }

  hostDisconnected(): void {
    this.stop();
    this.clear();
  }
}

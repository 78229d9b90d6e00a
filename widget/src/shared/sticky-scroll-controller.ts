import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface StickyScrollOptions {
  /** The scrolling log, when it is rendered. */
  log(): HTMLElement | null | undefined;
  /** Within this many pixels of the bottom, the log follows what comes in. */
  threshold: number;
  /** What the log shows (the open conversation; whether the panel is open): when it changes, the log starts at the bottom. */
  view(): unknown;
}

/**
 * A message log that stays at the bottom while the reader is there (new messages scroll
 * into view) and stays put when they have scrolled up to read. Measures before each
 * render, scrolls after it. The console's (agent/paging-scroll-controller.ts) also keeps
 * the reader's place when an older page goes in above.
 */
export class StickyScrollController implements ReactiveController {
  /** The view changed in this update. */
  protected viewChanged = false;
  #stick = true;
  protected toEnd = false;
  #renderedView: unknown;
  readonly #options: StickyScrollOptions;

  constructor(host: ReactiveControllerHost, options: StickyScrollOptions) {
    this.#options = options;
    host.addController(this);
  }

  /** The next render ends at the bottom, wherever the reader was (they just sent something). */
  scrollToEnd(): void {
    this.toEnd = true;
  }

  hostUpdate(): void {
    const view = this.#options.view();
    this.viewChanged = view !== this.#renderedView;
    this.#renderedView = view;
    const log = this.#options.log();
    if (log && !this.viewChanged) this.measure(log);
  }

  hostUpdated(): void {
    const log = this.#options.log();
    if (log) this.place(log, this.#stick || this.viewChanged || this.toEnd);
    this.toEnd = false;
  }

  /** Before the render: is the reader at the bottom? */
  protected measure(log: HTMLElement): void {
    this.#stick = log.scrollHeight - log.scrollTop - log.clientHeight < this.#options.threshold;
  }

  /** After the render: to the bottom, or left where it is. */
  protected place(log: HTMLElement, toBottom: boolean): void {
    if (toBottom) log.scrollTop = log.scrollHeight;
  }
}

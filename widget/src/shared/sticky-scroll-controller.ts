import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface StickyScrollOptions {
  /** The scrolling log, when it is rendered. */
  log(): HTMLElement | null | undefined;
  /** Within this many pixels of the bottom, the log follows what comes in. */
  threshold: number;
  /** What the log shows (the open conversation; whether the panel is open): when it changes, the log starts at the bottom. */
  view(): unknown;
  /** The first message's number. When it changes under the same view, an older page went in above and the reader's place is kept. */
  first?(): number | undefined;
  /** Asks for the page before the first message; false when there is none. */
  loadOlder?(): boolean;
}

/**
 * A message log that stays at the bottom while the reader is there (new messages scroll
 * into view), stays put when they have scrolled up, and keeps what they were reading in
 * place when an older page goes in above. Measures before each render, scrolls after it.
 */
export class StickyScrollController implements ReactiveController {
  /** An older page was asked for and has not come yet. */
  loadingOlder = false;
  private stick = true;
  private toEnd = false;
  private viewChanged = false;
  private renderedView: unknown;
  private renderedFirst: number | undefined;
  private anchor: { first: number | undefined; height: number; top: number } | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: StickyScrollOptions,
  ) {
    host.addController(this);
  }

  /** The next render ends at the bottom, wherever the reader was (they just sent something). */
  scrollToEnd(): void {
    this.toEnd = true;
  }

  /** Asks for the older page, unless one is on its way. */
  loadOlder(): void {
    if (this.loadingOlder || !this.options.loadOlder?.()) return;
    this.loadingOlder = true;
    this.host.requestUpdate();
  }

  /** For the log's scroll event: near the top, the older page is asked for. */
  readonly onScroll = (event: Event): void => {
    if ((event.target as HTMLElement).scrollTop <= 120) this.loadOlder();
  };

  hostUpdate(): void {
    const view = this.options.view();
    this.viewChanged = view !== this.renderedView;
    this.renderedView = view;
    this.anchor = undefined;
    if (this.viewChanged) this.loadingOlder = false;
    const log = this.options.log();
    if (!log || this.viewChanged) return;
    this.stick = log.scrollHeight - log.scrollTop - log.clientHeight < this.options.threshold;
    this.anchor = { first: this.renderedFirst, height: log.scrollHeight, top: log.scrollTop };
  }

  hostUpdated(): void {
    const log = this.options.log();
    if (!log) {
      this.renderedFirst = undefined;
      return;
    }
    const first = this.options.first?.();
    const anchor = this.anchor;
    if (anchor?.first !== undefined && first !== anchor.first && !this.toEnd) {
      log.scrollTop = anchor.top + (log.scrollHeight - anchor.height);
      this.loadingOlder = false;
    } else if (this.stick || this.viewChanged || this.toEnd) {
      log.scrollTop = log.scrollHeight;
    }
    this.toEnd = false;
    this.renderedFirst = first;
  }
}

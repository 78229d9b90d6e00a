import type { ReactiveControllerHost } from 'lit';
import { StickyScrollController, type StickyScrollOptions } from '../shared/sticky-scroll-controller.ts';

export interface PagingScrollOptions extends StickyScrollOptions {
  /** The first message's number: when it changes under the same view, an older page went in above. */
  first(): number | undefined;
  /** Asks for the page before the first message; false when there is none. */
  loadOlder(): boolean;
}

/**
 * The console's log: sticky scroll, the older page asked for as the agent scrolls near the
 * top (or clicks for it), one at a time, and the messages being read kept in place when it
 * goes in above them.
 */
export class PagingScrollController extends StickyScrollController {
  /** An older page was asked for and has not come yet. */
  loadingOlder = false;
  #renderedFirst: number | undefined;
  #anchor: { first: number | undefined; height: number; top: number } | undefined;

  readonly #host: ReactiveControllerHost;
  readonly #paging: PagingScrollOptions;

  constructor(host: ReactiveControllerHost, paging: PagingScrollOptions) {
    super(host, paging);
    this.#host = host;
    this.#paging = paging;
  }

  /** Asks for the older page, unless one is on its way. */
  loadOlder(): void {
    if (this.loadingOlder || !this.#paging.loadOlder()) return;
    this.loadingOlder = true;
    this.#host.requestUpdate();
  }

  /** For the log's scroll event: near the top, the older page is asked for. */
  readonly onScroll = (event: Event): void => {
    if ((event.target as HTMLElement).scrollTop <= 120) this.loadOlder();
  };

  override hostUpdate(): void {
    this.#anchor = undefined;
    super.hostUpdate();
    if (this.viewChanged) this.loadingOlder = false;
  }

  override hostUpdated(): void {
    super.hostUpdated();
    if (!this.#paging.log()) this.#renderedFirst = undefined;
  }

  protected override measure(log: HTMLElement): void {
    super.measure(log);
    this.#anchor = { first: this.#renderedFirst, height: log.scrollHeight, top: log.scrollTop };
  }

  protected override place(log: HTMLElement, toBottom: boolean): void {
    const first = this.#paging.first();
    const anchor = this.#anchor;
    if (anchor?.first !== undefined && first !== anchor.first && !this.toEnd) {
      log.scrollTop = anchor.top + (log.scrollHeight - anchor.height);
      this.loadingOlder = false;
    } else {
      super.place(log, toBottom);
    }
    this.#renderedFirst = first;
  }
}

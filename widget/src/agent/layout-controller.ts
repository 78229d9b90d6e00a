import type { ReactiveController, ReactiveElement } from 'lit';

/** wide: list, conversation and details; medium: list and conversation; narrow: one at a time. */
export type LayoutSize = 'wide' | 'medium' | 'narrow';

/**
 * The console's layout from its own width (not the window's: it may sit in a sidebar):
 * the size class its styles select on, and whether the visitor-details panel shows,
 * `auto` meaning when there is room for it.
 */
export class LayoutController implements ReactiveController {
  size: LayoutSize = 'wide';
  #profile: 'auto' | 'shown' | 'hidden' = 'auto';
  readonly #observer =
    typeof ResizeObserver === 'undefined'
      ? undefined
      : new ResizeObserver(([entry]) => {
          const width = entry?.contentRect.width ?? 0;
          const size = width >= 1180 ? 'wide' : width >= 720 ? 'medium' : 'narrow';
          if (size === this.size) return;
          this.size = size;
          this.#host.requestUpdate();
        });

  readonly #host: ReactiveElement;

  constructor(host: ReactiveElement) {
    this.#host = host;
    host.addController(this);
  }

  get profileShown(): boolean {
    return this.#profile === 'shown' || (this.#profile === 'auto' && this.size === 'wide');
  }

  toggleProfile(): void {
    this.#profile = this.profileShown ? 'hidden' : 'shown';
    this.#host.requestUpdate();
  }

  hostConnected(): void {
    this.#observer?.observe(this.#host);
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
  }
}

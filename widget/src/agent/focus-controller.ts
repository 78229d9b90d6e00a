import type { ReactiveController, ReactiveElement } from 'lit';

/**
 * Focus that follows what the console shows: `after(selector)` moves focus to that element
 * once the next render has put it on the page (the email field of a sign-in form that is
 * about to appear, the composer of a conversation being opened).
 */
export class FocusController implements ReactiveController {
  #target: string | undefined;

  readonly #host: ReactiveElement;

  constructor(host: ReactiveElement) {
    this.#host = host;
    host.addController(this);
  }

  after(selector: string): void {
    this.#target = selector;
    this.#host.requestUpdate();
  }

  hostUpdated(): void {
    const target = this.#target && this.#host.renderRoot.querySelector<HTMLElement>(this.#target);
    if (!target) return;
    this.#target = undefined;
    target.focus();
  }
}

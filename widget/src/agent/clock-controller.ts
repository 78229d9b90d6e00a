import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The time now, renewed every `everyMs` while the host is on the page, so that relative times ("5m") move on. */
export class ClockController implements ReactiveController {
  now = Date.now();
  #timer: ReturnType<typeof setInterval> | undefined;

  readonly #host: ReactiveControllerHost;
  readonly #everyMs: number;

  constructor(host: ReactiveControllerHost, everyMs: number) {
    this.#host = host;
    this.#everyMs = everyMs;
    host.addController(this);
  }

  hostConnected(): void {
    this.#timer = setInterval(() => {
      this.now = Date.now();
      this.#host.requestUpdate();
    }, this.#everyMs);
  }

  hostDisconnected(): void {
    clearInterval(this.#timer);
  }
}

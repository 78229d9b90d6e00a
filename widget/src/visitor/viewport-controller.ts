import type { ReactiveController } from 'lit';
import { type DialogHost, PHONE } from './dialog-controller.ts';

/**
 * Keeps the full-screen panel of a phone inside what the visitor can see. An on-screen
 * keyboard (and a pinch zoom) shrinks the visual viewport, not the layout viewport that
 * `position: fixed` follows: on iOS the composer would sit under the keyboard. While the
 * panel is open, the visual viewport's height and top go to two custom properties that
 * the phone's styles size the panel with; set through the CSSOM, which a strict
 * Content-Security-Policy allows (a style attribute it would not). A log that was at its
 * last message stays there as the panel shrinks. On a wider screen, or without
 * `visualViewport`, nothing is set and nothing moves.
 */
export class ViewportController implements ReactiveController {
  readonly #host: DialogHost;
  readonly #log: () => HTMLElement | null;
  #listening = false;

  constructor(host: DialogHost, log: () => HTMLElement | null) {
    this.#host = host;
    this.#log = log;
    host.addController(this);
  }

  hostUpdated(): void {
    this.#listen(this.#host.opened);
  }

  hostDisconnected(): void {
    this.#listen(false);
  }

  #listen(listen: boolean): void {
    const viewport = window.visualViewport;
    if (!viewport || listen === this.#listening) return;
    this.#listening = listen;
    // resize also comes when the window changes, and so when it crosses the phone's width.
    for (const type of ['resize', 'scroll'])
      listen ? viewport.addEventListener(type, this.#fit) : viewport.removeEventListener(type, this.#fit);
    this.#fit();
  }

  readonly #fit = () => {
    const style = this.#host.style;
    const viewport = this.#listening && PHONE.matches ? window.visualViewport : null;
    const log = this.#log();
    const atEnd = log && log.scrollHeight - log.scrollTop - log.clientHeight < 48;
    for (const name of ['height', 'top'] as const) {
      const value = name === 'height' ? viewport?.height : viewport?.offsetTop;
      if (value === undefined) style.removeProperty(`--_viewport-${name}`);
      else style.setProperty(`--_viewport-${name}`, `${value}px`);
    }
    if (atEnd) log.scrollTop = log.scrollHeight;
  };
}

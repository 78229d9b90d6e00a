import type { ReactiveController, ReactiveElement } from 'lit';
import { STAND_IN } from './element-basics.ts';

/**
 * The launcher the script-tag loader drew (loader.ts) goes in the same task as the element's
 * first render draws its own: the page never shows two launchers, nor none, however long
 * a chunk the element holds for takes (ChunkLoader's `hold`). The focus, if the stand-in
 * had it, moves to the element's launcher.
 */
export class StandInController implements ReactiveController {
  readonly #host: ReactiveElement;

  constructor(host: ReactiveElement) {
    this.#host = host;
    host.addController(this);
  }

  /** Its first render: after that, nothing more to do. */
  hostUpdated(): void {
    this.#host.removeController(this);
    const root = this.#host.renderRoot as ShadowRoot;
    const standIn = root.querySelector(`[${STAND_IN}]`);
    if (!standIn) return;
    const focused = standIn.contains(root.activeElement);
    standIn.remove();
    if (focused) root.querySelector<HTMLElement>('[part="launcher"]')?.focus();
  }
}

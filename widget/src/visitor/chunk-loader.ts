import type { ReactiveControllerHost } from 'lit';
import { type ExtraName, type Extras, loadExtra } from './load-extra.ts';

/**
 * The lazy chunks an element uses (load-extra.ts): `get` answers a chunk's module once it
 * is here and asks for it (once) until then; the element renders again when it comes.
 * Shared by the element's controllers that need a chunk. A
 * chunk that does not load leaves the element as it was without it (English texts, no
 * file button, ...), said once in the console; the next page tries again.
 */
export class ChunkLoader {
  readonly #host: ReactiveControllerHost;
  readonly #loaded: Partial<Extras> = {};
  readonly #failed = new Set<ExtraName>();
  /** Each chunk asked for, settled once it has come or failed. */
  readonly #arrivals: Partial<Record<ExtraName, Promise<void>>> = {};
  /** The chunks the element draws a stand-in for until they come. */
  readonly #held = new Set<ExtraName>();

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
  }

  /** The chunk's module if it is here; else undefined, and the chunk on its way. */
  get<N extends ExtraName>(name: N): Extras[N] | undefined {
    this.#arrivals[name] ??= loadExtra(name).then(
      (chunk) => {
        this.#loaded[name] = chunk;
        this.#host.requestUpdate();
      },
      (error: unknown) => {
        this.#failed.add(name);
        console.warn(`support-chat: the ${name} chunk did not load`, error);
        this.#host.requestUpdate();
      },
    );
    return this.#loaded[name];
  }

  /** Whether the chunk was asked for and did not load (the element goes on without it). */
  failed(name: ExtraName): boolean {
    return this.#failed.has(name);
  }

  /**
   * As `get`, for a chunk that the element draws a stand-in for until it comes (the
   * visitor's texts, the form before the first message): `rendered` waits for it.
   */
  hold<N extends ExtraName>(name: N): Extras[N] | undefined {
    const chunk = this.get(name);
    if (!chunk && !this.failed(name)) this.#held.add(name);
    return chunk;
  }

  /**
   * The host's `updateComplete` (`update`, its own), once the chunks held for have come too,
   * and rendered: what waits for the element sees it with the visitor's texts and the form
   * before the first message, not with their stand-ins. Each caller waits until the chunk
   * has come: none takes it off for the others.
   */
  async rendered(update: () => Promise<boolean>): Promise<boolean> {
    let done = await update();
    while (this.#holding) {
      await Promise.all([...this.#held].map((name) => this.#arrivals[name]));
      done = await update();
    }
    return done;
  }

  /** A chunk held for is still on its way. */
  get #holding(): boolean {
    return [...this.#held].some((name) => !this.#loaded[name] && !this.#failed.has(name));
  }
}

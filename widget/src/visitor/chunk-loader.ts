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
  readonly #asked = new Set<ExtraName>();
  readonly #failed = new Set<ExtraName>();
  readonly #pending = new Set<Promise<unknown>>();

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
  }

  /** The chunk's module if it is here; else undefined, and the chunk on its way. */
  get<N extends ExtraName>(name: N): Extras[N] | undefined {
    if (!this.#asked.has(name)) {
      this.#asked.add(name);
      const loading = loadExtra(name).then(
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
      this.#pending.add(loading);
      void loading.then(() => this.#pending.delete(loading));
    }
    return this.#loaded[name];
  }

  /** Whether the chunk was asked for and did not load (the element goes on without it). */
  failed(name: ExtraName): boolean {
    return this.#failed.has(name);
  }

  /** Whether a chunk asked for is still on its way. */
  get loading(): boolean {
    return this.#pending.size > 0;
  }

  /** Once every chunk asked for so far has come (or failed). */
  async settled(): Promise<void> {
    while (this.#pending.size) await Promise.all(this.#pending);
  }
}

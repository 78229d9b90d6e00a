import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Copies text to the clipboard and says so for a moment ("Copied"). */
export class CopyController implements ReactiveController {
  /** Something was copied in the last moment. */
  copied = false;
  #timer: ReturnType<typeof setTimeout> | undefined;

  readonly #host: ReactiveControllerHost;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  async copy(text: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      return; // No clipboard permission: the text is selectable all the same.
    }
    this.copied = true;
    this.#host.requestUpdate();
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.copied = false;
      this.#host.requestUpdate();
    }, 1500);
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
    this.copied = false;
  }
}

import type { ReactiveController, ReactiveElement } from 'lit';

/** Where the panel takes the whole screen, and is a modal dialog. */
export const PHONE = matchMedia('(max-width: 480px)');

/** What the dialog needs of its element. */
export interface DialogHost extends ReactiveElement {
  opened: boolean;
  close(): void;
}

/**
 * The panel as a dialog, and where focus goes: into the form or the composer when it
 * opens, back to the launcher when it closes (Escape does too). On a phone the panel takes
 * the whole screen and is modal (aria-modal; Tab and Shift+Tab go round inside it); the
 * element renders again when the screen crosses that width.
 */
export class DialogController implements ReactiveController {
  readonly #host: DialogHost;

  constructor(host: DialogHost) {
    this.#host = host;
    host.addController(this);
  }

  /** Open on a phone's screen: a modal dialog. */
  get modal(): boolean {
    return this.#host.opened && PHONE.matches;
  }

  hostConnected(): void {
    PHONE.addEventListener('change', this.#rerender);
  }

  hostDisconnected(): void {
    PHONE.removeEventListener('change', this.#rerender);
  }

  /** Focuses the pre-chat form's first field, else the message field. */
  focusComposer(): void {
    this.#host.renderRoot.querySelector<HTMLElement>('.prechat input, [part="input"]')?.focus();
  }

  /** The panel's close button, and Escape: the panel closes and the launcher has the focus. */
  readonly close = () => {
    const host = this.#host;
    host.close();
    // After the render: on phones the launcher is hidden while the panel is open.
    void host.updateComplete.then(() => host.renderRoot.querySelector<HTMLElement>('.launcher')?.focus());
  };

  readonly keydown = (event: KeyboardEvent) => {
    const root = this.#host.renderRoot as ShadowRoot;
    if (!this.#host.opened) return;
    if (event.key === 'Escape') {
      event.stopPropagation();
      this.close();
    } else if (event.key === 'Tab' && PHONE.matches) {
      // Full screen, the panel is a modal dialog: Tab and Shift+Tab go round inside it.
      const all = [...root.querySelectorAll<HTMLElement>('.panel :is(button, input, textarea, [tabindex="0"], [href]):not(:disabled)')];
      const edge = event.shiftKey ? all[0] : all.at(-1);
      if (root.activeElement !== edge) return;
      event.preventDefault();
      (event.shiftKey ? all.at(-1) : all[0])?.focus();
    }
  };

  readonly #rerender = () => this.#host.requestUpdate();
}

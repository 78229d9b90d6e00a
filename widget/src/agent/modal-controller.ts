import type { ReactiveController, ReactiveElement } from 'lit';

/** A question before something that cannot be undone, or that the agent may not mean. */
export interface ConfirmRequest {
  title: string;
  message: string;
  /** The confirming button's label. */
  confirm: string;
  /** The confirming button looks dangerous (a removal). */
  danger?: boolean;
  run(): void;
}

export type Modal = { kind: 'confirm'; request: ConfirmRequest } | { kind: 'profile' };

/**
 * The console's one modal dialog at a time (a confirmation, the agent's profile), as a
 * native `<dialog>` opened with showModal(): the browser keeps focus inside it, Escape
 * closes it, and the page behind is inert. Focus goes back where it was when it closes.
 */
export class ModalController implements ReactiveController {
  open: Modal | undefined;
  #returnTo: HTMLElement | undefined;
  readonly #host: ReactiveElement;

  constructor(host: ReactiveElement) {
    this.#host = host;
    host.addController(this);
  }

  confirm(request: ConfirmRequest): void {
    this.#show({ kind: 'confirm', request });
  }

  profile(): void {
    this.#show({ kind: 'profile' });
  }

  /** The confirmation's button: it closes, then what it confirms runs. */
  accept(): void {
    const open = this.open;
    this.close();
    if (open?.kind === 'confirm') open.request.run();
  }

  close(): void {
    if (!this.open) return;
    this.open = undefined;
    this.#host.renderRoot.querySelector<HTMLDialogElement>('dialog.modal[open]')?.close();
    this.#host.requestUpdate();
    const back = this.#returnTo;
    this.#returnTo = undefined;
    void this.#host.updateComplete.then(() => back?.isConnected && back.focus());
  }

  hostUpdated(): void {
    const dialog = this.#host.renderRoot.querySelector<HTMLDialogElement>('dialog.modal');
    if (dialog && !dialog.open) dialog.showModal();
  }

  hostDisconnected(): void {
    this.open = this.#returnTo = undefined;
  }

  #show(modal: Modal): void {
    const active = (this.#host.renderRoot as ShadowRoot).activeElement;
    this.#returnTo = active instanceof HTMLElement ? active : undefined;
    this.open = modal;
    this.#host.requestUpdate();
  }
}

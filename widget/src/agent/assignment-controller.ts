import type { ReactiveControllerHost, ReactiveElement } from 'lit';
import type { ServerError } from '../client/chat-client.ts';
import type { SendFrame, ServerListener } from './server-listener.ts';

/**
 * Who handles the open conversation: Take, Assign to… (a menu of colleagues) and Give
 * back. The server settles races: of two agents taking at once, the loser gets the room as
 * it is (its `roomUpdated` names the assignee) and then `conflict` with a sentence ("Sam
 * took this conversation first."), shown in the conversation until the agent acts again.
 */
export class AssignmentController implements ServerListener {
  /** The conversation whose assign menu is open. */
  #menuFor: string | undefined;
  /** The last refusal, for the room it was about. */
  #notice: { roomId: string; message: string } | undefined;
  /** The room of the last request (a refusal does not name it). */
  #asked: string | undefined;
  readonly #host: ReactiveControllerHost & Pick<ReactiveElement, 'renderRoot' | 'updateComplete'>;
  readonly #send: SendFrame;

  constructor(host: ReactiveControllerHost & Pick<ReactiveElement, 'renderRoot' | 'updateComplete'>, send: SendFrame) {
    this.#host = host;
    this.#send = send;
  }

  /** The refusal to show in this conversation, if any. */
  notice(roomId: string): string | undefined {
    return this.#notice?.roomId === roomId ? this.#notice.message : undefined;
  }

  take(roomId: string): void {
    this.#ask(roomId, { action: 'assign', roomId });
  }

  assignTo(roomId: string, agentId: string): void {
    this.closeMenu(false);
    this.#ask(roomId, { action: 'assign', roomId, agentId });
  }

  giveBack(roomId: string): void {
    this.#ask(roomId, { action: 'unassign', roomId });
  }

  refused(error: ServerError): boolean {
    if ((error.action !== 'assign' && error.action !== 'unassign') || !this.#asked) return false;
    this.#notice = { roomId: this.#asked, message: error.message };
    this.#host.requestUpdate();
    return true;
  }

  menuOpen(roomId: string): boolean {
    return this.#menuFor === roomId;
  }

  toggleMenu(roomId: string): void {
    if (this.#menuFor === roomId) {
      this.closeMenu(true);
      return;
    }
    this.#menuFor = roomId;
    // Who is online now: the roster's broadcasts follow changes to agents, not every connection.
    this.#send({ action: 'listAgents' });
    this.#host.requestUpdate();
    void this.#host.updateComplete.then(() => this.#items()[0]?.focus());
  }

  /** Closes the menu; `refocus`: focus goes back to its button (Escape, a second click). */
  closeMenu(refocus: boolean): void {
    if (this.#menuFor === undefined) return;
    this.#menuFor = undefined;
    this.#host.requestUpdate();
    if (refocus) void this.#host.updateComplete.then(() => this.#host.renderRoot.querySelector<HTMLElement>('.assign-to')?.focus());
  }

  /** The menu from the keyboard: arrows, Home and End move, Escape closes, Tab leaves it closed. */
  readonly onMenuKeydown = (event: KeyboardEvent) => {
    const items = this.#items();
    const index = items.indexOf(event.composedPath()[0] as HTMLElement);
    const last = items.length - 1;
    const next =
      event.key === 'ArrowDown'
        ? Math.min(last, index + 1)
        : event.key === 'ArrowUp'
          ? Math.max(0, index - 1)
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : undefined;
    if (next !== undefined) {
      event.preventDefault();
      items[next]?.focus();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      this.closeMenu(true);
    } else if (event.key === 'Tab') {
      this.closeMenu(false);
    }
  };

  /** Focus left the menu and its button (a click elsewhere): it closes. */
  readonly onMenuFocusOut = (event: FocusEvent) => {
    const to = event.relatedTarget as Node | null;
    const wrap = this.#host.renderRoot.querySelector('.assign-wrap');
    if (!to || !wrap?.contains(to)) this.closeMenu(false);
  };

  reset(): void {
    this.#menuFor = this.#notice = this.#asked = undefined;
  }

  #ask(roomId: string, frame: Parameters<SendFrame>[0]): void {
    this.#asked = roomId;
    this.#notice = undefined;
    this.#send(frame);
    this.#host.requestUpdate();
  }

  #items(): HTMLElement[] {
    return [...this.#host.renderRoot.querySelectorAll<HTMLElement>('.assign-menu [role="menuitem"]')];
  }
}

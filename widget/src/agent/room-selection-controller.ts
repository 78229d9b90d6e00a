import type { RoomSummary } from '@support-chat/backend/protocol';
import type { ReactiveControllerHost } from 'lit';
import type { ChatClient } from '../client/chat-client.ts';
import type { FocusController } from './focus-controller.ts';
import type { HashRouteController } from './hash-route-controller.ts';
import type { Workspace } from './workspace.ts';
import type { Fire } from './workspace-controller.ts';

export interface RoomSelectionOptions {
  client(): ChatClient | undefined;
  workspace(): Workspace;
  /** The conversation shown is about to be left: the agent's typing there stops, its menus close. */
  leaving(): void;
  /** A conversation opens: the list shows it. */
  reveal(room: RoomSummary | undefined): void;
  route: HashRouteController;
  focus: FocusController;
  fire: Fire;
}

/**
 * Which conversation is open beside the list. Opening one joins it (its history comes
 * back) and leaves the one before, so the console is in one room at a time; the address
 * follows (`#room=ID`) and the focus goes to the reply box. Back (the narrow layout's)
 * leaves it for the list, the focus on the list.
 */
export class RoomSelectionController {
  /** The conversation shown, if any. */
  roomId: string | undefined;
  readonly #host: ReactiveControllerHost;
  readonly #options: RoomSelectionOptions;

  constructor(host: ReactiveControllerHost, options: RoomSelectionOptions) {
    this.#host = host;
    this.#options = options;
  }

  open(roomId: string): void {
    const o = this.#options;
    const client = o.client();
    if (!client) return;
    o.focus.after('textarea');
    if (roomId === this.roomId) return;
    o.leaving();
    if (this.roomId) client.leave(this.roomId);
    this.#set(roomId);
    o.workspace().missing.delete(roomId);
    o.reveal(o.workspace().inbox.get(roomId));
    client.join(roomId);
    o.route.follow(roomId);
    o.fire('support-agent-console-select', { roomId });
  }

  /** Back to the list: the conversation is left, and the address no longer names it. */
  backToList(): void {
    const o = this.#options;
    const roomId = this.roomId;
    if (!roomId) return;
    o.leaving();
    o.client()?.leave(roomId);
    this.#set(undefined);
    o.route.follow(undefined);
    o.focus.after('.room[tabindex="0"]');
  }

  /** Signed out: nothing open (the connection that was in it is gone). */
  clear(): void {
    this.#set(undefined);
  }

  #set(roomId: string | undefined): void {
    if (roomId === this.roomId) return;
    this.roomId = roomId;
    this.#host.requestUpdate();
  }
}

import type { RoomSummary, ServerEvent } from '@support-chat/backend/protocol';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SendFrame, ServerListener } from './server-listener.ts';

/**
 * The open conversation's visitor's other conversations (`visitorRooms`: the same email,
 * newest first), asked for when a conversation opens, again when its visitor gives an
 * email, and after a reconnect.
 */
export class VisitorRoomsController implements ReactiveController, ServerListener {
  readonly #rooms = new Map<string, RoomSummary[]>();
  /** The email each room was asked about (none: ''). */
  readonly #asked = new Map<string, string>();
  readonly #host: ReactiveControllerHost;
  readonly #send: SendFrame;
  readonly #open: () => { roomId: string; email: string | undefined } | undefined;

  /** `open`: the conversation shown and its visitor's email, if any. */
  constructor(host: ReactiveControllerHost, send: SendFrame, open: () => { roomId: string; email: string | undefined } | undefined) {
    this.#host = host;
    this.#send = send;
    this.#open = open;
    host.addController(this);
  }

  /** The other conversations of this room's visitor; undefined until the server has said. */
  of(roomId: string): RoomSummary[] | undefined {
    return this.#rooms.get(roomId);
  }

  hostUpdate(): void {
    const open = this.#open();
    if (!open?.email) return;
    if (this.#asked.get(open.roomId) === open.email) return;
    if (this.#send({ action: 'visitorRooms', roomId: open.roomId })) this.#asked.set(open.roomId, open.email);
  }

  connected(): void {
    this.#asked.clear();
    this.#host.requestUpdate();
  }

  event(event: ServerEvent): void {
    if (event.type !== 'visitorRooms') return;
    this.#rooms.set(event.roomId, event.rooms);
    this.#host.requestUpdate();
  }

  reset(): void {
    this.#rooms.clear();
    this.#asked.clear();
  }
}

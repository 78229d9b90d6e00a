import type { ServerEvent } from '@support-chat/backend/protocol';
import type { ChatClientEventMap, ServerError } from './chat-client-types.ts';
import type { Emitter } from './emitter.ts';
import type { OutboxSender } from './outbox-sender.ts';
import type { RoomSync } from './room-sync.ts';
import type { TabRelay } from './tab-relay.ts';
import type { VisitorCredentials } from './visitor-credentials.ts';
import type { ProfileStore } from './visitor-profile.ts';

/** The parts of ChatClient that frames from the server concern. */
export interface FrameParts {
  rooms: RoomSync;
  sender: OutboxSender;
  profile: ProfileStore;
  credentials: VisitorCredentials;
  tabs: TabRelay;
  events: Emitter<ChatClientEventMap>;
}

/**
 * Frames from the server, on this tab's socket or passed on by the leading tab: each goes
 * to the part of the client it concerns, then to the client's listeners, and (leading) on
 * to the other tabs. What is not a JSON event is dropped.
 */
export class ServerFrames {
  readonly #parts: FrameParts;

  constructor(parts: FrameParts) {
    this.#parts = parts;
  }

  receive(data: unknown): void {
    const { rooms, profile, credentials, tabs, events } = this.#parts;
    let event: ServerEvent;
    try {
      event = JSON.parse(String(data)) as ServerEvent;
    } catch {
      return;
    }
    if (typeof event !== 'object' || event === null || typeof event.type !== 'string') return;
    switch (event.type) {
      case 'message':
        rooms.receiveMessage(event.message);
        break;
      case 'history':
        rooms.receiveHistory(event.roomId, event.messages, event.hasMore);
        break;
      case 'profile':
        profile.confirmed(event);
        break;
      case 'resume':
        credentials.resumeToken = event.token;
        break;
      case 'messageUpdated':
        rooms.room(event.message.roomId).replace(event.message);
        break;
      case 'error':
        this.#receiveError(event);
        break;
    }
    tabs.forward(String(data));
    events.emit('event', event);
    events.emit('change', undefined);
  }

  #receiveError(error: ServerError): void {
    const outcome = this.#parts.sender.refused(error);
    // Sent again in a moment: nothing to tell.
    if (outcome === 'retried') return;
    if (outcome === undefined && (error.action === 'history' || error.action === 'join')) this.#parts.rooms.refused();
    else if (outcome === undefined && error.action === 'identify') this.#parts.profile.refused();
    this.#parts.events.emit('error', error);
  }
}

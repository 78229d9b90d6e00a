import type { AgentStatus, ClientFrame, ServerEvent, TeamStatus } from '@support-chat/backend/protocol';
import { type Availability, teamAvailability } from '@support-chat/backend/protocol/team';
import type { ReactiveControllerHost } from 'lit';
import type { ServerError } from '../client/chat-client.ts';

/** The signed-in agent's own switch and role, as the server keeps them. */
export interface TeamMe {
  status: AgentStatus;
  admin: boolean;
}

/**
 * The team as this console knows it: the `team` events (after `getTeam`, on every
 * connect, with the agent's own switch and role; and whenever the settings or who is
 * available change), and the agent's Available/Away switch, kept by the server so that it
 * survives a reload and follows the agent to every device.
 */
export class TeamController {
  /** The settings and availability, as visitors get them; undefined until the first `team` event. */
  status: TeamStatus | undefined;
  me: TeamMe | undefined;
  /** The switch as flipped here, until the server's answer. */
  #asked: AgentStatus | undefined;
  readonly #host: ReactiveControllerHost;
  readonly #send: (frame: ClientFrame) => boolean;

  constructor(host: ReactiveControllerHost, send: (frame: ClientFrame) => boolean) {
    this.#host = host;
    this.#send = send;
  }

  /** The connection opened: the team and the agent's own switch, as they are now. */
  connected(): void {
    this.#send({ action: 'getTeam' });
  }

  /** Folds in a `team` event; answers whether it was one. */
  event(event: ServerEvent): boolean {
    if (event.type !== 'team') return false;
    this.status = event.status;
    if (event.me) {
      this.me = event.me;
      this.#asked = undefined;
    }
    this.#host.requestUpdate();
    return true;
  }

  /** A refused `setStatus` puts the switch back where the server has it; the console's notice says why. */
  refused(error: ServerError): void {
    if (error.action !== 'setStatus') return;
    this.#asked = undefined;
    this.#host.requestUpdate();
  }

  /** The agent's switch, as last flipped; undefined until the server has said. */
  get myStatus(): AgentStatus | undefined {
    return this.#asked ?? this.me?.status;
  }

  get admin(): boolean {
    return this.me?.admin === true;
  }

  /** Flips the agent's switch. */
  setStatus(status: AgentStatus): void {
    if (!this.#send({ action: 'setStatus', status })) return;
    this.#asked = status;
    this.#host.requestUpdate();
  }

  /** Whether visitors see the team as available at `now` (the hours move on without a message). */
  availability(now: number): Availability | undefined {
    return this.status && teamAvailability(this.status, now);
  }

  /** Signed out: nothing known. */
  reset(): void {
    this.status = undefined;
    this.me = undefined;
    this.#asked = undefined;
  }
}

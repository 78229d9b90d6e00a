import type { AgentStatus, ServerEvent, TeamStatus } from '@support-chat/backend/protocol';
import { type Availability, teamAvailability } from '@support-chat/backend/protocol/team';
import type { ReactiveControllerHost } from 'lit';
import type { ServerError } from '../client/chat-client.ts';
import type { SendFrame, ServerListener } from './server-listener.ts';

/** The signed-in agent as the server knows them: their switch, role, id, and the name their messages carry. */
export interface TeamMe {
  status: AgentStatus;
  admin: boolean;
  agentId: string;
  name: string;
}

/**
 * The team as this console knows it: the `team` events (after `getTeam`, on every
 * connect, with the agent's own switch and role; and whenever the settings or who is
 * available change), and the agent's Available/Away switch, kept by the server so that it
 * survives a reload and follows the agent to every device.
 */
export class TeamController implements ServerListener {
  /** The settings and availability, as visitors get them; undefined until the first `team` event. */
  status: TeamStatus | undefined;
  me: TeamMe | undefined;
  /** The switch as flipped here, until the server's answer. */
  #asked: AgentStatus | undefined;
  readonly #host: ReactiveControllerHost;
  readonly #send: SendFrame;

  constructor(host: ReactiveControllerHost, send: SendFrame) {
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

  /** A refused `setStatus` puts the switch back where the server has it; the console's notice says why (answers false). */
  refused(error: ServerError): boolean {
    if (error.action !== 'setStatus') return false;
    this.#asked = undefined;
    this.#host.requestUpdate();
    return false;
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

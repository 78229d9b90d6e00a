import type { AgentInfo, ServerEvent } from '@support-chat/backend/protocol';
import type { ReactiveControllerHost } from 'lit';
import type { ServerError } from '../client/chat-client.ts';
import type { SendFrame, ServerListener } from './server-listener.ts';

/** What an agent (an admin, for all but their profile) asks of the team's agents. */
export type RosterAction = 'inviteAgent' | 'removeAgent' | 'setAdmin' | 'updateProfile';
const ACTIONS: ReadonlySet<string> = new Set<RosterAction>(['inviteAgent', 'removeAgent', 'setAdmin', 'updateProfile']);

/** An invitation the server confirmed: shown once, with the temporary password where the pool cannot email it. */
export interface Invitation {
  email: string;
  temporaryPassword?: string;
}

/**
 * The team's agents as the console knows them (`listAgents` on every connect, then the
 * `agents` every change brings to every console): for the assign picker, avatars'
 * colours, the agent's own profile, and the admins' invitations, roles and removals.
 * A request waits for the roster that shows it done; a refusal keeps the server's sentence.
 */
export class RosterController implements ServerListener {
  /** Every agent, by name; undefined until the server has said. */
  agents: AgentInfo[] | undefined;
  /** The last invitation, until the admin dismisses it. */
  invited: Invitation | undefined;
  /** The request waiting for its answer. */
  pending: RosterAction | undefined;
  /** The server's sentence for the last refusal, and what it refused. */
  refusal: { action: RosterAction; message: string } | undefined;
  /** The agent's profile was saved since the editor opened. */
  profileSaved = false;
  /** What the roster must show for the pending request to be done. */
  #done: ((agents: AgentInfo[]) => boolean) | undefined;
  /** Hears whether the pending invitation went through. */
  #invitation: ((ok: boolean) => void) | undefined;
  readonly #host: ReactiveControllerHost;
  readonly #send: SendFrame;

  constructor(host: ReactiveControllerHost, send: SendFrame) {
    this.#host = host;
    this.#send = send;
  }

  connected(): void {
    this.refresh();
  }

  /** Asks for the roster as it is now (who is online, too). */
  refresh(): void {
    this.#send({ action: 'listAgents' });
  }

  event(event: ServerEvent): void {
    if (event.type === 'agents') {
      this.agents = event.agents;
      if (this.pending !== 'inviteAgent' && this.#done?.(event.agents)) {
        if (this.pending === 'updateProfile') this.profileSaved = true;
        this.#finish();
      }
    } else if (event.type === 'agentInvited') {
      this.invited = { email: event.email, ...(event.temporaryPassword !== undefined && { temporaryPassword: event.temporaryPassword }) };
      if (this.pending === 'inviteAgent') this.#finish(true);
    } else {
      return;
    }
    this.#host.requestUpdate();
  }

  refused(error: ServerError): boolean {
    if (!error.action || !ACTIONS.has(error.action)) return false;
    this.refusal = { action: error.action as RosterAction, message: error.message };
    this.#finish();
    this.#host.requestUpdate();
    return true;
  }

  get(agentId: string | undefined): AgentInfo | undefined {
    return agentId === undefined ? undefined : this.agents?.find((agent) => agent.agentId === agentId);
  }

  /** Invites an agent; answers whether the server did (the form keeps what was typed otherwise). */
  invite(email: string, name: string, admin: boolean): Promise<boolean> {
    this.invited = undefined;
    this.#invitation?.(false);
    const answered = new Promise<boolean>((resolve) => (this.#invitation = resolve));
    this.#ask('inviteAgent', { action: 'inviteAgent', email, name, ...(admin && { admin: true }) }, () => false);
    return answered;
  }

  remove(agentId: string): void {
    this.#ask('removeAgent', { action: 'removeAgent', agentId }, (agents) => !agents.some((a) => a.agentId === agentId));
  }

  setAdmin(agentId: string, admin: boolean): void {
    this.#ask('setAdmin', { action: 'setAdmin', agentId, admin }, (agents) =>
      agents.some((a) => a.agentId === agentId && a.admin === admin),
    );
  }

  /** The agent's own name and avatar colour; `me`: their id. */
  updateProfile(me: string, name: string, color: string | undefined): void {
    this.profileSaved = false;
    this.#ask('updateProfile', { action: 'updateProfile', name, ...(color && { color }) }, (agents) =>
      agents.some((a) => a.agentId === me && a.name === name.trim() && (!color || a.color === color)),
    );
  }

  dismissInvitation(): void {
    this.invited = undefined;
    this.#host.requestUpdate();
  }

  /** The profile editor opens afresh: no "saved" or refusal from last time. */
  clearProfileState(): void {
    this.profileSaved = false;
    if (this.refusal?.action === 'updateProfile') this.refusal = undefined;
  }

  reset(): void {
    this.agents = this.invited = this.refusal = undefined;
    this.#finish();
    this.profileSaved = false;
  }

  #ask(action: RosterAction, frame: Parameters<SendFrame>[0], done: (agents: AgentInfo[]) => boolean): void {
    this.refusal = undefined;
    if (!this.#send(frame)) {
      this.refusal = { action, message: '' };
      this.#finish();
    } else {
      this.pending = action;
      this.#done = done;
    }
    this.#host.requestUpdate();
  }

  /** The pending request is answered; an invitation hears whether it went through. */
  #finish(ok = false): void {
    this.pending = undefined;
    this.#done = undefined;
    this.#invitation?.(ok);
    this.#invitation = undefined;
  }
}

import type { AgentInfo } from '@support-chat/backend/protocol';
import { MAX_EMAIL_LENGTH, MAX_NAME_LENGTH } from '@support-chat/backend/protocol/limits';
import { html, nothing } from 'lit';
import { format } from '../../shared/format.ts';
import { agentAvatar } from '../format.ts';
import type { RosterController } from '../roster-controller.ts';
import type { SupportAgentConsoleStrings } from '../strings.ts';

/** What the admins' agents page shows, and what its buttons do. */
export interface AgentsAdminModel {
  strings: SupportAgentConsoleStrings;
  roster: RosterController;
  /** This admin's id: they can neither remove themselves nor revoke their own role. */
  me: string | undefined;
  /** Copies the temporary password; `copied` says so for a moment. */
  copy(text: string): void;
  copied: boolean;
  /** Asks before removing (the console's confirmation dialog). */
  confirmRemove(agent: AgentInfo): void;
}

export function agentsAdminView(m: AgentsAdminModel) {
  const s = m.strings;
  const roster = m.roster;
  const refusal = roster.refusal && roster.refusal.action !== 'updateProfile' ? roster.refusal.message || s.notConnected : undefined;
  return html`
    <section class="card agents-admin" aria-labelledby="agents-title">
      <h3 id="agents-title">${s.agentsTitle}</h3>
      <p class="help">${s.agentsLead}</p>
      ${refusal !== undefined ? html`<p class="save-state error" role="alert">${format(s.agentRefused, { message: refusal })}</p>` : nothing}
      ${
        roster.agents === undefined
          ? html`<p class="muted">${s.agentsLoading}</p>`
          : html`<ul class="agent-list">${roster.agents.map((agent) => agentRow(m, agent))}</ul>`
      }
    </section>
    ${inviteSection(m)}
  `;
}

function agentRow(m: AgentsAdminModel, agent: AgentInfo) {
  const s = m.strings;
  const me = agent.agentId === m.me;
  const busy = m.roster.pending !== undefined;
  const presence = !agent.online ? s.offlineStatus : agent.status === 'away' ? s.awayStatus : s.online;
  return html`
    <li class="agent-row" data-agent-id=${agent.agentId}>
      ${agentAvatar(agent)}
      <div class="agent-main">
        <span class="agent-name">${agent.name}${me ? html` <span class="badge">${s.youBadge}</span>` : nothing}${agent.admin ? html` <span class="badge admin">${s.adminBadge}</span>` : nothing}${agent.invited ? html` <span class="badge invited">${s.invitedBadge}</span>` : nothing}</span>
        <span class="agent-email">${agent.email}</span>
        <span class="presence ${!agent.online ? 'offline' : agent.status}"><i aria-hidden="true"></i>${presence}</span>
      </div>
      ${
        me
          ? nothing
          : html`<div class="agent-actions">
            <button class="ghost small set-admin" ?disabled=${busy} @click=${() => m.roster.setAdmin(agent.agentId, !agent.admin)}>
              ${agent.admin ? s.revokeAdmin : s.makeAdmin}<span class="sr">: ${agent.name}</span>
            </button>
            <button class="ghost small danger-text remove-agent" ?disabled=${busy} aria-label=${format(s.removeAgentLabel, { name: agent.name })} @click=${() => m.confirmRemove(agent)}>${s.removeAgent}</button>
          </div>`
      }
    </li>
  `;
}

/** The invitation form, and once the server has answered, the temporary password (where it could not be emailed), shown only until dismissed. */
function inviteSection(m: AgentsAdminModel) {
  const s = m.strings;
  const roster = m.roster;
  const invited = roster.invited;
  const inviting = roster.pending === 'inviteAgent';
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const email = String(data.get('email') ?? '').trim();
    const name = String(data.get('name') ?? '').trim();
    if (!email || !name) return;
    void roster.invite(email, name, data.get('admin') === 'on').then((ok) => ok && form.reset());
  };
  return html`
    <section class="card invite" aria-labelledby="invite-title">
      <h3 id="invite-title">${s.inviteTitle}</h3>
      ${
        invited
          ? html`<div class="invitation" role="status">
            ${
              invited.temporaryPassword
                ? html`<p>${format(s.invitedLocal, { email: invited.email })}</p>
                  <p class="temporary"><code>${invited.temporaryPassword}</code>
                    <button class="secondary small copy-password" @click=${() => m.copy(invited.temporaryPassword!)}>${m.copied ? s.copied : s.copyPassword}</button></p>
                  <p class="help">${s.invitedAdvice}</p>`
                : html`<p>${format(s.invitedEmailed, { email: invited.email })}</p>`
            }
            <button class="ghost small dismiss" @click=${() => roster.dismissInvitation()}>${s.done}</button>
          </div>`
          : nothing
      }
      <form class="invite-form" @submit=${submit}>
        <label class="field"><span>${s.inviteEmail}</span><input name="email" type="email" required maxlength=${MAX_EMAIL_LENGTH} autocomplete="off" /></label>
        <label class="field"><span>${s.inviteName}</span><input name="name" required maxlength=${MAX_NAME_LENGTH} autocomplete="off" /></label>
        <label class="check"><input type="checkbox" name="admin" /><span>${s.inviteAdmin}</span></label>
        <button class="primary" type="submit" ?disabled=${inviting}>${inviting ? s.inviting : s.invite}</button>
      </form>
    </section>
  `;
}

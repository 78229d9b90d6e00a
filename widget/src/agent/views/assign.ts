import type { AgentInfo, RoomSummary } from '@support-chat/backend/protocol';
import { html, nothing } from 'lit';
import { format } from '../../shared/format.ts';
import { ICON_AGENT, ICON_CHEVRON, icon } from '../../shared/icons.ts';
import type { AssignmentController } from '../assignment-controller.ts';
import { agentAvatar } from '../format.ts';
import type { SupportAgentConsoleStrings } from '../strings.ts';

/** What the conversation's assignment controls show, and for whom. */
export interface AssignModel {
  strings: SupportAgentConsoleStrings;
  room: RoomSummary;
  /** This agent's id. */
  me: string | undefined;
  admin: boolean;
  /** The team's agents; undefined until known. */
  agents: AgentInfo[] | undefined;
  assignment: AssignmentController;
}

/** A hand holding a card: take. */
const ICON_TAKE =
  'M12 2a4 4 0 1 1 0 8 4 4 0 0 1 0-8zm-8 18c0-3.3 4.7-5 8-5 1.2 0 2.6.2 3.9.7L13 18.6 11.4 17 10 18.4l3 3 7-7-1.4-1.4-.6.6C16.6 12.3 14.3 12 12 12c-4 0-10 2-10 6v2z';
/** An arrow back: give back. */
const ICON_RETURN = 'M10 9V5l-7 7 7 7v-4.1c5 0 8.5 1.6 11 5.1-1-5-4-10-11-11z';

/** Who handles the conversation, in the header: "Assigned to Jane", "Assigned to you", or "Unassigned". */
export function assigneeChip(m: AssignModel) {
  const s = m.strings;
  const assignee = m.room.assignee;
  if (!assignee) return html`<span class="chip assignee none">${s.unassignedChip}</span>`;
  const label = assignee.agentId === m.me ? s.assignedToYou : format(s.assignedTo, { name: assignee.name });
  const info = m.agents?.find((a) => a.agentId === assignee.agentId);
  return html`<span class="chip assignee ${assignee.agentId === m.me ? 'mine' : ''}" title=${label}>${agentAvatar(info ?? assignee, 'tiny')}<span>${label}</span></span>`;
}

/** Take (unassigned), Assign to… (a menu of colleagues, with who is online), Give back (mine, or an admin's to give). */
export function assignControls(m: AssignModel) {
  const s = m.strings;
  const a = m.assignment;
  const { room } = m;
  const roomId = room.roomId;
  const assignee = room.assignee;
  const mine = assignee !== undefined && assignee.agentId === m.me;
  const canHandOver = !assignee || mine || m.admin;
  const menuOpen = a.menuOpen(roomId);
  return html`
    ${
      assignee
        ? nothing
        : html`<button class="secondary take" title=${s.takeLabel} @click=${() => a.take(roomId)}>${icon(ICON_TAKE, 16)}<span class="label">${s.take}</span></button>`
    }
    ${
      canHandOver
        ? html`<span class="assign-wrap" @focusout=${a.onMenuFocusOut}>
          <button
            class="ghost assign-to"
            aria-haspopup="menu"
            aria-expanded=${menuOpen ? 'true' : 'false'}
            aria-controls=${menuOpen ? 'assign-menu' : nothing}
            title=${s.assignToLabel}
            @click=${() => a.toggleMenu(roomId)}
          >
            ${icon(ICON_AGENT, 16)}<span class="label">${s.assignTo}</span>${icon(ICON_CHEVRON, 14)}
          </button>
          ${menuOpen ? menu(m) : nothing}
        </span>`
        : nothing
    }
    ${
      assignee && (mine || m.admin)
        ? html`<button class="ghost give-back" title=${s.giveBackLabel} @click=${() => a.giveBack(roomId)}>${icon(ICON_RETURN, 16)}<span class="label">${s.giveBack}</span></button>`
        : nothing
    }
  `;
}

function menu(m: AssignModel) {
  const s = m.strings;
  const roomId = m.room.roomId;
  // Everyone but who has it already; this agent first, as "Name (you)".
  const choices = (m.agents ?? [])
    .filter((agent) => agent.agentId !== m.room.assignee?.agentId)
    .sort((x, y) => Number(y.agentId === m.me) - Number(x.agentId === m.me));
  if (choices.length === 0) return html`<div class="assign-menu" id="assign-menu"><p class="menu-empty">${s.noColleagues}</p></div>`;
  return html`
    <div class="assign-menu" id="assign-menu" role="menu" aria-label=${s.colleagues} @keydown=${m.assignment.onMenuKeydown}>
      ${choices.map((agent) => {
        const state = !agent.online ? s.offlineStatus : agent.status === 'away' ? s.awayStatus : s.online;
        const name = agent.agentId === m.me ? format(s.youSuffix, { name: agent.name }) : agent.name;
        return html`<button role="menuitem" tabindex="-1" class="menu-agent" data-agent-id=${agent.agentId} @click=${() => m.assignment.assignTo(roomId, agent.agentId)}>
                ${agentAvatar(agent, 'small')}
                <span class="menu-name">${name}</span>
                <span class="presence ${!agent.online ? 'offline' : agent.status}"><i aria-hidden="true"></i>${state}</span>
              </button>`;
      })}
    </div>
  `;
}

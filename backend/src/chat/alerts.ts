import { ALERT_QUIET_MS } from '../protocol/limits.ts';
import type { AgentRef, Message } from '../protocol/server-events.ts';
import { DEFAULT_ESCALATE_AFTER_MINUTES, type TeamSettings } from '../protocol/team.ts';
import { summaryOf } from './attachments.ts';
import { asError } from './delivery.ts';
import type { ChatContext } from './deps.ts';
import type { Member, RoomRecord } from './model.ts';
import type { AlertInput } from './ports.ts';
import { countAgents } from './presence.ts';

/** Who the alert names: a signed-in customer by what their site vouched for, else what the visitor typed. */
export function alertVisitor(room: RoomRecord): Pick<AlertInput, 'visitorName' | 'visitorEmail'> {
  return { visitorName: room.customer?.name ?? room.visitorName, visitorEmail: room.customer?.email ?? room.visitorEmail };
}

/**
 * Alerts agents on a room's first visitor message, and when a visitor writes while no
 * agent is in the room and the room had no alert in the quiet window. A conversation with
 * an assignee alerts the assignee first (by email), and the whole team if the visitor still
 * waits `escalateAfterMinutes` later. Never fails the message: by now it is stored and
 * delivered.
 */
export async function alertIfUnattended(
  ctx: ChatContext,
  before: RoomRecord | undefined,
  after: RoomRecord,
  members: Member[],
  message: Message,
  settings: TeamSettings,
): Promise<void> {
  const firstMessage = before?.lastMessageAt === undefined;
  if (!firstMessage && countAgents(members) > 0) return;
  try {
    const now = ctx.now();
    const claimed = await ctx.rooms.claimAlert(after.roomId, new Date(now).toISOString(), new Date(now - ALERT_QUIET_MS).toISOString());
    if (!claimed) return;
    const alert: AlertInput = {
      roomId: after.roomId,
      ...alertVisitor(after),
      text: summaryOf(message),
      firstMessage,
    };
    if (!after.assignee) {
      await ctx.alerts.publish(alert);
      ctx.log.info('alerted agents', { roomId: after.roomId, firstMessage });
      return;
    }
    await alertAssignee(ctx, after.assignee, alert);
    if (after.waitingSince) {
      const minutes = settings.escalateAfterMinutes ?? DEFAULT_ESCALATE_AFTER_MINUTES;
      await ctx.checks.schedule({ kind: 'escalate', roomId: after.roomId, waitingSince: after.waitingSince }, now + minutes * 60_000);
    }
  } catch (error) {
    ctx.log.error('could not alert agents', { roomId: after.roomId, error: asError(error) });
  }
}

/** The assignee's own alert, by email; where the deployment sends no email (or knows no address), the team's. */
async function alertAssignee(ctx: ChatContext, assignee: AgentRef, alert: AlertInput): Promise<void> {
  const email =
    (await ctx.team.profiles([assignee.agentId])).get(assignee.agentId)?.email ?? (await ctx.directory.get(assignee.agentId))?.email;
  if (ctx.notifier && email) {
    await ctx.notifier.notify({ email, name: assignee.name }, alert);
    ctx.log.info('alerted the assignee', { roomId: alert.roomId, agentId: assignee.agentId });
  } else {
    await ctx.alerts.publish({ ...alert, assignee: assignee.name });
    ctx.log.info('alerted agents', { roomId: alert.roomId, firstMessage: alert.firstMessage });
  }
}

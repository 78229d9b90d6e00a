import { DEFAULT_ESCALATE_AFTER_MINUTES } from '../protocol/team.ts';
import { alertVisitor } from './alerts.ts';
import type { AssignmentContext } from './assignment.ts';
import { moveAssignment } from './assignment.ts';
import type { ChatDeps, Context } from './deps.ts';
import { runFollowUp } from './follow-up.ts';
import type { ScheduledCheck } from './ports.ts';

/**
 * The checks that run later, on their own, from the check queue: an unread reply's email,
 * an assigned visitor still waiting (the whole team is alerted), an assignee who stayed
 * offline (their conversations go back to Unassigned). Each reads the room again when it
 * runs and does nothing if things moved on meanwhile.
 */
export type ChecksDeps = Pick<
  ChatDeps,
  | 'connections'
  | 'rooms'
  | 'messages'
  | 'team'
  | 'alerts'
  | 'checks'
  | 'links'
  | 'followUp'
  | 'emailReplies'
  | 'attachmentMaxBytes'
  | 'log'
  | 'now'
> & { mail?: ChatDeps['mail'] };

export async function runCheck(ctx: Context<ChecksDeps>, check: ScheduledCheck & { dueAt: number }): Promise<void> {
  switch (check.kind) {
    case 'followUp':
      if (ctx.mail) await runFollowUp({ ...ctx, mail: ctx.mail }, check.roomId, check.dueAt);
      return;
    case 'escalate':
      return escalate(ctx, check.roomId, check.waitingSince);
    case 'assigneeOffline':
      return unassignAbsent(ctx, check.agentId, check.offlineSince);
  }
}

/** The assignee did not answer in time: the whole team hears that the visitor still waits. */
async function escalate(ctx: Context<ChecksDeps>, roomId: string, waitingSince: string): Promise<void> {
  const room = await ctx.rooms.get(roomId);
  if (!room?.assignee || room.status !== 'open' || room.waitingSince !== waitingSince) return;
  await ctx.alerts.publish({
    roomId,
    ...alertVisitor(room),
    text: room.lastMessagePreview ?? '',
    firstMessage: false,
    assignee: room.assignee.name,
  });
  ctx.log.info('alerted the team: the assignee has not answered', { roomId });
}

/** An agent offline since `offlineSince`, still offline: their open conversations go back to Unassigned. */
async function unassignAbsent(ctx: AssignmentContext & Context<ChecksDeps>, agentId: string, offlineSince: number): Promise<void> {
  const online = await ctx.connections.hasConsole(agentId);
  // Back meanwhile, or gone again later (that departure has its own check).
  if (online || (await ctx.team.offlineSince(agentId)) !== offlineSince) return;
  for (const room of await ctx.rooms.assignedTo(agentId)) {
    const from = room.assignee!;
    await moveAssignment(ctx, room.roomId, from, undefined, { type: 'unassigned', from: from.name, offline: true });
  }
}

/**
 * After an agent's last console closed: a check that unassigns their conversations if they
 * stay away as long as the team's `escalateAfterMinutes`.
 */
export async function scheduleOfflineCheck(
  ctx: Context<Pick<ChatDeps, 'team' | 'now'>> & { checks?: ChatDeps['checks'] },
  agentId: string,
): Promise<void> {
  if (!ctx.checks) return;
  const now = ctx.now();
  const { settings } = await ctx.team.get();
  await ctx.team.setOfflineSince(agentId, now);
  const minutes = settings.escalateAfterMinutes ?? DEFAULT_ESCALATE_AFTER_MINUTES;
  await ctx.checks.schedule({ kind: 'assigneeOffline', agentId, offlineSince: now }, now + minutes * 60_000);
}

import type { Message } from '../protocol/index.ts';
import { teamAvailability } from '../protocol/team.ts';
import { alertIfUnattended } from './alerts.ts';
import { sendAwayReply } from './away-reply.ts';
import { asError } from './delivery.ts';
import type { ChatContext } from './deps.ts';
import { scheduleFollowUp } from './follow-up.ts';
import { markRoom } from './marks.ts';
import type { Member, RecordedMessage } from './model.ts';
import { announceMessage } from './presence.ts';
import { recordFirstResponse } from './reply-time.ts';
import { countConversation, countFirstReply, startedConversation } from './report-counts.ts';
import { teamStatus } from './team.ts';

/**
 * After a visitor's message is stored and delivered: a closed room that it reopened gets
 * its mark, the inbox hears of it (every console when the visitor starts waiting, else the
 * consoles that follow the room: see announceMessage), agents are alerted by the alert
 * rules (the assignee first), and when nobody is available the team's away message
 * answers; a message that starts a conversation counts for the reports. None of it fails
 * the message, which is sent already.
 */
export async function afterVisitorMessage(
  ctx: ChatContext,
  recorded: RecordedMessage,
  members: Member[],
  message: Message,
  connectionLang?: string,
): Promise<void> {
  // Counted beside the rest, never before it: the inbox and the alert wait for nothing of it (it logs its own failure).
  const counted = startedConversation(recorded) ? countConversation(ctx, recorded.after.conversationStartedAt!) : undefined;
  try {
    if (recorded.before?.status === 'closed' && recorded.after.status === 'open') {
      await markRoom(ctx, recorded.after, { type: 'reopened' }, members);
    }
    await announceMessage(ctx, recorded, members);
    const status = await teamStatus(ctx);
    const { available } = teamAvailability(status, ctx.now());
    await Promise.all([
      alertIfUnattended(ctx, recorded.before, recorded.after, members, message, status.settings),
      available ? undefined : sendAwayReply(ctx, recorded.after, status.settings, members, connectionLang),
      counted,
    ]);
  } catch (error) {
    ctx.log.error('could not follow up a visitor message', { roomId: recorded.after.roomId, error: asError(error) });
  }
}

/**
 * After an agent's reply: every console's inbox shows that the visitor no longer waits
 * (the consoles that follow the room see each further reply); the first answer to a
 * waiting visitor counts towards the measured reply time; a reply the visitor does not
 * read in time goes by email; the first reply of a conversation counts for the reports.
 */
export async function afterAgentMessage(
  ctx: ChatContext,
  recorded: RecordedMessage,
  members: Member[],
  reply: { agentId: string; at: string },
): Promise<void> {
  try {
    await Promise.all([
      announceMessage(ctx, recorded, members),
      recordFirstResponse(ctx, recorded.before?.waitingSince),
      scheduleFollowUp(ctx, recorded.after),
      firstReply(ctx, recorded, reply),
    ]);
  } catch (error) {
    ctx.log.error('could not follow up an agent reply', { roomId: recorded.after.roomId, error: asError(error) });
  }
}

/** The reply is the first of the conversation under way if it is the first to claim it (two agents may answer at once). */
async function firstReply(ctx: ChatContext, recorded: RecordedMessage, reply: { agentId: string; at: string }): Promise<void> {
  const room = recorded.before;
  if (!room?.conversationStartedAt || room.conversationRepliedAt) return;
  if (!(await ctx.rooms.claimFirstReply(room.roomId, room.conversationStartedAt, reply.at))) return;
  await countFirstReply(ctx, { startedAt: room.conversationStartedAt, ...reply });
}

import type { Message } from '../protocol/index.ts';
import { teamAvailability } from '../protocol/team.ts';
import { alertIfUnattended } from './alerts.ts';
import { sendAwayReply } from './away-reply.ts';
import { asError } from './delivery.ts';
import type { ChatContext } from './deps.ts';
import { scheduleFollowUp } from './follow-up.ts';
import type { Member, RecordedMessage } from './model.ts';
import { announceRoom } from './presence.ts';
import { recordFirstResponse } from './reply-time.ts';
import { teamStatus } from './team.ts';

/**
 * After a visitor's message is stored and delivered: the agents' inbox hears of it, agents
 * are alerted by the alert rules, and when nobody is available the team's away message
 * answers. None of it fails the message, which is sent already.
 */
export async function afterVisitorMessage(ctx: ChatContext, recorded: RecordedMessage, members: Member[], message: Message): Promise<void> {
  await announceRoom(ctx, recorded.after, members);
  try {
    const status = await teamStatus(ctx);
    const { available } = teamAvailability(status, ctx.now());
    await Promise.all([
      alertIfUnattended(ctx, recorded.before, recorded.after, members, message),
      available ? undefined : sendAwayReply(ctx, recorded.after, status.settings, members),
    ]);
  } catch (error) {
    ctx.log.error('could not follow up a visitor message', { roomId: recorded.after.roomId, error: asError(error) });
  }
}

/**
 * After an agent's reply: the first answer to a waiting visitor counts towards the
 * measured reply time, and a reply the visitor does not read in time goes by email.
 * (The inbox does not hear of replies: the agents in the room see them, and telling every
 * agent of every reply would multiply the fan-out for a preview the next listRooms shows.)
 */
export async function afterAgentMessage(ctx: ChatContext, recorded: RecordedMessage): Promise<void> {
  try {
    await Promise.all([recordFirstResponse(ctx, recorded.before?.waitingSince), scheduleFollowUp(ctx, recorded.after)]);
  } catch (error) {
    ctx.log.error('could not follow up an agent reply', { roomId: recorded.after.roomId, error: asError(error) });
  }
}

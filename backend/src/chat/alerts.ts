import type { Message } from '../protocol/index.ts';
import { ALERT_QUIET_MS } from '../protocol/limits.ts';
import { asError } from './delivery.ts';
import type { ChatContext } from './deps.ts';
import type { Member, RoomRecord } from './model.ts';
import { countAgents } from './presence.ts';

/**
 * Alerts agents on a room's first visitor message, and when a visitor writes while no
 * agent is in the room and the room had no alert in the quiet window. Never fails the
 * message: by now it is stored and delivered.
 */
export async function alertIfUnattended(
  ctx: ChatContext,
  before: RoomRecord | undefined,
  after: RoomRecord,
  members: Member[],
  message: Message,
): Promise<void> {
  const firstMessage = before?.lastMessageAt === undefined;
  if (!firstMessage && countAgents(members) > 0) return;
  try {
    const now = ctx.now();
    const claimed = await ctx.rooms.claimAlert(after.roomId, new Date(now).toISOString(), new Date(now - ALERT_QUIET_MS).toISOString());
    if (!claimed) return;
    await ctx.alerts.publish({
      roomId: after.roomId,
      visitorName: after.visitorName,
      visitorEmail: after.visitorEmail,
      text: message.text,
      firstMessage,
    });
    ctx.log.info('alerted agents', { roomId: after.roomId, firstMessage });
  } catch (error) {
    ctx.log.error('could not alert agents', { roomId: after.roomId, error: asError(error) });
  }
}

import { randomUUID } from 'node:crypto';
import { localized, type TeamSettings } from '../protocol/team.ts';
import type { ChatContext } from './deps.ts';
import type { Member, RoomRecord } from './model.ts';

/** After one away reply, another only after this long, or once an agent has written since. */
const AWAY_QUIET_MS = 12 * 60 * 60_000;

/**
 * The team's away message, in the visitor's language, as an automatic reply in the
 * conversation: once per stretch of unavailability, not to every message.
 */
export async function sendAwayReply(
  ctx: ChatContext,
  room: RoomRecord,
  settings: TeamSettings,
  members: Member[],
  connectionLang?: string,
): Promise<void> {
  // The room's language once `context` is on it; before, the one the visitor's connection asked for.
  const text = localized(settings.awayMessage, room.visitorLang ?? connectionLang ?? 'en')?.trim();
  if (!text) return;
  const now = ctx.now();
  if (!(await ctx.rooms.claimAwayReply(room.roomId, new Date(now).toISOString(), new Date(now - AWAY_QUIET_MS).toISOString()))) return;
  const message = await ctx.messages.append(
    { roomId: room.roomId, clientMsgId: `away-${randomUUID()}`, sender: { role: 'system' }, text, createdAt: new Date(now).toISOString() },
    room.lastSeq ?? 0,
  );
  await Promise.all([
    ctx.out.send(members, { type: 'message', message }),
    ctx.rooms.recordMessage(room.roomId, { seq: message.seq, at: message.createdAt, preview: text, role: 'system' }),
  ]);
}

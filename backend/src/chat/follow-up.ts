import type { Message } from '../protocol/index.ts';
import { asError } from './delivery.ts';
import type { RoomRecord } from './model.ts';
import type { CheckQueue, Links, Log, MailSender, MessageStore, RoomStore, TeamStore } from './ports.ts';

/**
 * Email follow-up: an agent's reply the visitor has not read a few minutes later goes to
 * their email address, with the conversation's other unread replies, a little context and
 * a link back. Replies that come within 15 minutes of an email wait for the next one, so a
 * visitor never gets one email per message.
 */
export interface FollowUpConfig {
  /** How long a reply may stay unread before it is mailed. @default 3 minutes */
  delayMs: number;
  /** At least this long between two emails about one conversation. @default 15 minutes */
  batchMs: number;
}

export const DEFAULT_FOLLOW_UP: FollowUpConfig = { delayMs: 3 * 60_000, batchMs: 15 * 60_000 };

export interface FollowUpDeps {
  rooms: RoomStore;
  messages: MessageStore;
  team: TeamStore;
  checks: CheckQueue;
  mail: MailSender;
  links: Links;
  followUp: FollowUpConfig;
  log: Log;
  now: () => number;
}

/** A check that was due and never ran (its Lambda failed for good) stops blocking new ones after this long. */
const STALE_CHECK_MS = 60 * 60_000;
/** How many earlier messages an email shows for context. */
const CONTEXT_MESSAGES = 3;

/**
 * Schedules the room's follow-up check, unless one is due already (it will cover this
 * reply too). Never fails the caller: a reply is delivered whether or not it can be mailed.
 */
export async function scheduleFollowUp(
  deps: Pick<FollowUpDeps, 'rooms' | 'checks' | 'followUp' | 'log' | 'now'> & { emailReplies: boolean },
  room: RoomRecord,
): Promise<void> {
  if (!deps.emailReplies || !room.visitorEmail || room.emailOptOut) return;
  const now = deps.now();
  const dueAt = Math.max(now + deps.followUp.delayMs, (room.lastEmailAt ?? 0) + deps.followUp.batchMs);
  try {
    if (!(await deps.rooms.claimFollowUp(room.roomId, dueAt, now - STALE_CHECK_MS))) return;
    await deps.checks.schedule({ kind: 'followUp', roomId: room.roomId }, dueAt).catch(async (error: unknown) => {
      await deps.rooms.releaseFollowUp(room.roomId, dueAt);
      throw error;
    });
  } catch (error) {
    deps.log.error('could not schedule an email follow-up', { roomId: room.roomId, error: asError(error) });
  }
}

/**
 * Whether agents' replies wait unread and not yet emailed: an address given now (identify)
 * schedules a check only then, so that it does not start an earlier reply's clock.
 */
export async function hasUnreadReplies(deps: Pick<FollowUpDeps, 'messages'>, room: RoomRecord): Promise<boolean> {
  if (room.lastAgentAt === undefined) return false;
  const covered = Math.max(room.visitorReadSeq ?? 0, room.emailedThroughSeq ?? 0);
  if ((room.lastSeq ?? 0) <= covered) return false;
  return (await allAfter(deps.messages, room.roomId, covered)).some((m) => m.sender.role === 'agent');
}

/**
 * The follow-up check, run by the queue when it is due: mails the replies the visitor has
 * not read, then schedules the next check if replies came meanwhile. A failed send throws,
 * so the queue tries again (and, after its retries, alarms); nothing is lost or blocked.
 */
export async function runFollowUp(deps: FollowUpDeps & { emailReplies: boolean }, roomId: string, dueAt: number): Promise<void> {
  const room = await deps.rooms.get(roomId);
  // A duplicate delivery, or a check that a later claim replaced.
  if (!room || room.followUpDueAt !== dueAt) return;
  const mailedThrough = await mailUnreadReplies(deps, room);
  await deps.rooms.releaseFollowUp(roomId, dueAt);
  // Replies stored while this check ran could not claim a check of their own.
  const latest = await deps.messages.page(roomId, { after: Math.max(mailedThrough, room.visitorReadSeq ?? 0), limit: 100 });
  if (latest.messages.some((m) => m.sender.role === 'agent')) {
    await scheduleFollowUp(deps, (await deps.rooms.get(roomId)) ?? room);
  }
}

/** Sends the email, if there is anything unread to send; returns the number it covered up to. */
async function mailUnreadReplies(deps: FollowUpDeps, room: RoomRecord): Promise<number> {
  const covered = Math.max(room.visitorReadSeq ?? 0, room.emailedThroughSeq ?? 0);
  if (!room.visitorEmail || room.emailOptOut) return covered;
  const after = await allAfter(deps.messages, room.roomId, covered);
  const unread = after.filter((m) => m.sender.role === 'agent');
  if (unread.length === 0) return covered;
  const before = await deps.messages.page(room.roomId, { before: after[0]!.seq, limit: CONTEXT_MESSAGES });
  // The emails' texts and layout are a chunk of their own in a bundle: only this and a transcript use them.
  const [{ settings }, { followUpEmail }] = await Promise.all([deps.team.get(), import('./emails.ts')]);
  const expiresAt = deps.now() + LINK_LIFETIME_MS;
  const mail = followUpEmail({
    to: room.visitorEmail,
    lang: room.visitorLang ?? 'en',
    timeZone: room.visitorTimeZone,
    teamName: settings.name,
    unread,
    context: [...before.messages, ...after.filter((m) => m.seq < unread[0]!.seq)],
    conversationUrl: await deps.links.conversationUrl(room.roomId, expiresAt),
    unsubscribeUrl: await deps.links.unsubscribeUrl(room.roomId),
  });
  await deps.mail.send(mail);
  const through = after.at(-1)!.seq;
  await deps.rooms.recordEmail(room.roomId, through, deps.now());
  deps.log.info('emailed unread replies', { roomId: room.roomId, replies: unread.length });
  return through;
}

/** A link in an email stays good this long. */
export const LINK_LIFETIME_MS = 7 * 24 * 60 * 60_000;

async function allAfter(messages: MessageStore, roomId: string, after: number): Promise<Message[]> {
  const all: Message[] = [];
  for (let cursor = after, more = true; more; ) {
    const page = await messages.page(roomId, { after: cursor, limit: 100 });
    all.push(...page.messages);
    more = page.hasMore && page.messages.length > 0;
    cursor = page.messages.at(-1)?.seq ?? cursor;
  }
  return all;
}

import { LOW_RATING_SCORE, RATING_CHANGE_MS } from '../protocol/limits.ts';
import type { ServerEventOf } from '../protocol/server-events.ts';
import { alertVisitor } from './alerts.ts';
import { asError } from './delivery.ts';
import type { ChatContext } from './deps.ts';
import type { RoomRecord, StoredRating } from './model.ts';

/**
 * Satisfaction ratings: what a closed room asks of its visitor, and the one place a rating
 * is written (storeRating), so whatever counts ratings (reports) hooks in there.
 */

/** The rating a room's latest close asked for, and the visitor's so far; undefined when it asks for none (open, or closed without asking). */
export function ratingRequest(room: RoomRecord | undefined, now: number): Omit<ServerEventOf<'rating'>, 'type'> | undefined {
  if (room?.status !== 'closed' || room.ratingAskedAt === undefined) return undefined;
  const rating = currentRating(room);
  if (!rating) return { roomId: room.roomId, changeable: true };
  const { closedAt: _close, changes: _changes, alerted: _alerted, ...shown } = rating;
  const until = Date.parse(rating.ratedAt) + RATING_CHANGE_MS;
  return { roomId: room.roomId, rating: shown, changeable: now < until, changeableUntil: new Date(until).toISOString() };
}

/** The visitor's rating of the room's latest close that asked for one, if they gave it. */
export function currentRating(room: RoomRecord): StoredRating | undefined {
  return room.rating && room.rating.closedAt === room.ratingAskedAt ? room.rating : undefined;
}

/**
 * Writes a rating on its room if the room is still as read: the room after, and the score it
 * replaces (a change of this close's rating), or undefined when the room changed meanwhile.
 * Every rating and change goes through here once (a resent identical rating never does).
 */
export async function storeRating(
  ctx: ChatContext,
  room: RoomRecord,
  rating: StoredRating,
): Promise<{ room: RoomRecord; previous?: number } | undefined> {
  const saved = await ctx.rooms.saveRating(room.roomId, rating, room.revision);
  if (!saved) return undefined;
  const previous = currentRating(room)?.score;
  return previous === undefined ? { room: saved } : { room: saved, previous };
}

/** A score of LOW_RATING_SCORE or lower tells the team, once per close: the rating being stored carries `alerted` then. */
export function alertsTeam(rating: Pick<StoredRating, 'score'>, before: StoredRating | undefined): boolean {
  return rating.score <= LOW_RATING_SCORE && !before?.alerted;
}

/** The low rating's alert, to the team's topic. Never fails the rating: by now it is stored. */
export async function alertLowRating(ctx: ChatContext, room: RoomRecord, rating: StoredRating): Promise<void> {
  try {
    await ctx.alerts.publish({
      roomId: room.roomId,
      ...alertVisitor(room),
      text: rating.comment ?? '',
      firstMessage: false,
      rating: rating.score,
      ...(room.assignee && { assignee: room.assignee.name }),
    });
    ctx.log.info('alerted agents of a low rating', { roomId: room.roomId, score: rating.score });
  } catch (error) {
    ctx.log.error('could not alert agents of a low rating', { roomId: room.roomId, error: asError(error) });
  }
}

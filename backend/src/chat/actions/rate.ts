import { ConflictError, ForbiddenError } from '../../errors.ts';
import type { RateFrame } from '../../protocol/index.ts';
import { RATING_CHANGE_MS } from '../../protocol/limits.ts';
import type { ChatContext } from '../deps.ts';
import { markRoom } from '../marks.ts';
import type { RoomRecord, StoredRating, VisitorConnection } from '../model.ts';
import { announceRoom } from '../presence.ts';
import { alertLowRating, alertsTeam, currentRating, ratingRequest, storeRating } from '../ratings.ts';
import { countRating } from '../report-counts.ts';
import { resolveRoom } from '../rooms.ts';

/** Attempts at a rating whose room another write changed meanwhile (an agent reopening it, another tab rating). */
const ATTEMPTS = 3;

/**
 * The visitor rates their closed conversation, or changes their rating within 24 hours of
 * giving it. Every tab of theirs hears the rating; agents get a mark in the timeline and the
 * room's summary; a low score alerts the team once per close. The same rating again changes
 * nothing.
 */
export async function rate(ctx: ChatContext, caller: VisitorConnection, frame: RateFrame): Promise<void> {
  const { roomId } = await resolveRoom(ctx, caller, frame.roomId);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const room = await ctx.rooms.get(roomId);
    if (room?.status !== 'closed' || room.ratingAskedAt === undefined) {
      throw new ForbiddenError('This conversation asks for no rating: only a conversation an agent closed asking for one can be rated.');
    }
    const now = ctx.now();
    const before = currentRating(room);
    if (before && now >= Date.parse(before.ratedAt) + RATING_CHANGE_MS) {
      throw new ForbiddenError('This rating can no longer be changed: ratings can be changed for 24 hours after they are given.');
    }
    const comment = frame.comment || undefined;
    if (before && before.score === frame.score && before.comment === comment) {
      return void (await ctx.out.send([caller.connectionId], { type: 'rating', ...ratingRequest(room, now)! }));
    }
    const at = new Date(now).toISOString();
    const rating: StoredRating = {
      score: frame.score,
      ...(comment !== undefined && { comment }),
      ratedAt: before?.ratedAt ?? at,
      ...(before && { changedAt: at }),
      closedAt: room.ratingAskedAt,
      changes: before ? before.changes + 1 : 0,
      ...((before?.alerted || alertsTeam(frame, before)) && { alerted: true as const }),
    };
    const stored = await storeRating(ctx, room, rating);
    if (!stored) continue;
    const members = await ctx.connections.members(roomId);
    const visitorTabs = members.filter((m) => m.role === 'visitor');
    await Promise.all([
      ctx.out.send(visitorTabs.length > 0 ? visitorTabs : [caller.connectionId], { type: 'rating', ...ratingRequest(stored.room, now)! }),
      markRoom(
        ctx,
        stored.room,
        {
          type: 'rated',
          score: rating.score,
          ...(comment !== undefined && { comment }),
          ...(stored.previous !== undefined && { previous: stored.previous }),
        },
        members,
      ),
      alertsTeam(rating, before) ? alertLowRating(ctx, stored.room, rating) : undefined,
      // For the reports: the agent handling it (else the last to write), under the day it was first given.
      countRating(ctx, {
        roomId,
        ...(ratedAgent(stored.room) !== undefined && { agentId: ratedAgent(stored.room) }),
        at: Date.parse(rating.ratedAt),
        score: rating.score,
        ...(stored.previous !== undefined && { previous: stored.previous }),
      }),
    ]);
    await announceRoom(ctx, (await ctx.rooms.get(roomId)) ?? stored.room, members);
    return;
  }
  throw new ConflictError('The conversation changed while you rated it: please try again.');
}

/** The agent a rating is for: the conversation's assignee, else the agent who wrote last. */
function ratedAgent(room: RoomRecord): string | undefined {
  return room.assignee?.agentId ?? (room.lastSender?.role === 'agent' ? room.lastSender.agentId : undefined);
}

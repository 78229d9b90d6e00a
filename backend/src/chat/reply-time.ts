import { isOpen } from '../protocol/schedule.ts';
import type { TeamStore } from './ports.ts';

/**
 * The reply-time promise, measured: first responses are counted per day in buckets of
 * minutes, and the median over 14 days is read from the summed buckets. Counting in
 * buckets keeps each day one small item, updated with one ADD per answer.
 */

/** Upper bounds of the buckets, in minutes; the last is open-ended. */
export const BUCKETS = [1, 2, 3, 5, 7.5, 10, 15, 20, 30, 45, 60, 90, 120, 240, 480, 1440, Infinity] as const;
/** Fewer answers than this in the window say too little to promise anything. */
export const MIN_SAMPLES = 5;
export const WINDOW_DAYS = 14;

export function bucketOf(minutes: number): number {
  return BUCKETS.findIndex((bound) => minutes <= bound);
}

/** The median of counts per bucket, in minutes: linear within its bucket; undefined with too few answers. */
export function medianMinutes(counts: readonly number[]): number | undefined {
  const total = counts.reduce((sum, n) => sum + n, 0);
  if (total < MIN_SAMPLES) return undefined;
  const half = total / 2;
  let below = 0;
  for (const [i, count] of counts.entries()) {
    if (below + count >= half && count > 0) {
      const lower = i === 0 ? 0 : BUCKETS[i - 1]!;
      const upper = BUCKETS[i]! === Infinity ? lower * 2 : BUCKETS[i]!;
      return lower + ((half - below) / count) * (upper - lower);
    }
    below += count;
  }
  return undefined;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** YYYY-MM-DD of an instant, in UTC: the days the counts are kept under (a 14-day median does not care for time zones). */
export function dayOf(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** The days of the measuring window ending at `now`: from and to, inclusive. */
export function windowDays(now: number): [string, string] {
  return [dayOf(now - (WINDOW_DAYS - 1) * DAY_MS), dayOf(now)];
}

/**
 * Counts an agent's first answer to a waiting visitor, when the wait began within
 * business hours: a question asked at night and answered in the morning says nothing of
 * how fast the team answers while it is there.
 */
export async function recordFirstResponse(ctx: { team: TeamStore; now: () => number }, waitingSince: string | undefined): Promise<void> {
  if (!waitingSince) return;
  const startedAt = Date.parse(waitingSince);
  const { settings } = await ctx.team.get();
  if (!isOpen(settings.hours, startedAt)) return;
  const now = ctx.now();
  await ctx.team.recordFirstResponse(dayOf(now), Math.max(0, now - startedAt) / 60_000);
}

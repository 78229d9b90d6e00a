import {
  addDays,
  DURATION_BUCKETS,
  type DurationMedian,
  type ReportDay,
  type ReportFigures,
  type TeamFigures,
} from '../protocol/reports.ts';
import type { ReportCounts, ReportItem } from './ports.ts';

/** The figures of a report, summed from day items (see report-counts.ts for what each counter is). */

/** The median of counts per duration bucket: the bucket that holds it (for an even count, the lower middle one). */
export function medianOf(buckets: readonly number[]): DurationMedian | undefined {
  const total = buckets.reduce((sum, n) => sum + n, 0);
  if (total === 0) return undefined;
  const rank = Math.ceil(total / 2);
  let i = 0;
  for (let seen = buckets[0]!; seen < rank; seen += buckets[i]!) i++;
  const upTo = DURATION_BUCKETS[i]!;
  return { over: i === 0 ? 0 : DURATION_BUCKETS[i - 1]!, ...(Number.isFinite(upTo) && { upTo }) };
}

/** Sums counters (several days, or the team's and an agent's). */
export function sum(counts: Iterable<ReportCounts>): ReportCounts {
  const total: ReportCounts = {};
  for (const item of counts) for (const [name, n] of Object.entries(item)) total[name] = (total[name] ?? 0) + Number(n);
  return total;
}

/** An agent's figures, or the team's but for its conversations, from summed counters. */
export function figuresOf(counts: ReportCounts): ReportFigures {
  const buckets = (prefix: string) => DURATION_BUCKETS.map((_, i) => counts[`${prefix}${i}`] ?? 0);
  const firstResponse = medianOf(buckets('f'));
  const resolution = medianOf(buckets('r'));
  return {
    answered: counts.answered ?? 0,
    ...(firstResponse && { firstResponse }),
    resolved: counts.resolved ?? 0,
    ...(resolution && { resolution }),
    ratings: counts.ratings ?? 0,
    goodRatings: counts.goodRatings ?? 0,
  };
}

export function teamFiguresOf(counts: ReportCounts): TeamFigures {
  return { conversations: counts.conversations ?? 0, ...figuresOf(counts) };
}

/** Each day of the range, oldest first, from the team's items (a day without one has nothing). */
export function daysOf(from: string, to: string, teamItems: ReportItem[]): ReportDay[] {
  const byDay = new Map(teamItems.map((item) => [item.day, item.counts]));
  const days: ReportDay[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push({ day, ...teamFiguresOf(byDay.get(day) ?? {}) });
  return days;
}

/** Conversations started per hour of the week, Monday first: each day's `h{hour}` counters, under its weekday. */
export function hoursOf(teamItems: ReportItem[]): number[][] {
  const week = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
  for (const item of teamItems) {
    const mondayFirst = (new Date(`${item.day}T00:00:00Z`).getUTCDay() + 6) % 7;
    for (let hour = 0; hour < 24; hour++) week[mondayFirst]![hour]! += item.counts[`h${hour}`] ?? 0;
  }
  return week;
}

import { DATE_PATTERN } from './schedule.ts';

/**
 * Reports: the team's figures over a range of days (in the team's time zone), from
 * aggregates kept as events happen (backend/src/chat/report-counts.ts). The schema of the
 * answer to the `report` action (report-actions.ts) and the days it covers; docs/agents.md
 * defines each figure. Types and plain functions only, so the console can import them.
 */

/** The longest range one report covers: a year, leap day included. */
export const MAX_REPORT_DAYS = 366;

/**
 * Upper bounds of the duration buckets, in seconds (the last is open-ended). A median over
 * any range is read from summed buckets, so it is known to the bucket: each is about half
 * as wide again as the one before.
 */
export const DURATION_BUCKETS = [
  15,
  30,
  45,
  60,
  90,
  120,
  180,
  300,
  450,
  600,
  900,
  1200,
  1800,
  2700,
  3600,
  5400,
  7200,
  10800,
  14400,
  28800,
  43200,
  86400,
  172800,
  345600,
  604800,
  Number.POSITIVE_INFINITY,
] as const;

/** The days from `from` to `to` inclusive (YYYY-MM-DD, calendar days), or undefined when either is no real date. */
export function daysBetween(from: string, to: string): number | undefined {
  const start = calendarDay(from);
  const end = calendarDay(to);
  return start === undefined || end === undefined ? undefined : Math.round((end - start) / 86_400_000) + 1;
}

/** A YYYY-MM-DD that names a real day, as epoch ms of its UTC midnight. */
export function calendarDay(day: string): number | undefined {
  if (!DATE_PATTERN.test(day)) return undefined;
  const at = Date.parse(`${day}T00:00:00Z`);
  return new Date(at).toISOString().slice(0, 10) === day ? at : undefined;
}

/** The day `days` after (or before) a YYYY-MM-DD. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * A median duration, known to its bucket: it lies above `over` seconds and at most `upTo`
 * (absent: the open-ended last bucket). For an even count, the lower of the two middle ones.
 */
export interface DurationMedian {
  over: number;
  upTo?: number;
}

/** What the agents did over the range (the team's, or one agent's: see docs/agents.md). */
export interface ReportFigures {
  /** Conversations answered: those that got an agent's reply (one agent's: that they answered first). */
  answered: number;
  /** From the visitor's first message to the first agent reply, of the conversations answered. */
  firstResponse?: DurationMedian;
  /** Conversations closed (one agent's: that they closed). */
  resolved: number;
  /** From the visitor's first message to the close, of the conversations closed. */
  resolution?: DurationMedian;
  /** Ratings given, and of them 4 or 5. */
  ratings: number;
  goodRatings: number;
}

/** The team's figures: the agents', and the conversations the visitors started. */
export interface TeamFigures extends ReportFigures {
  conversations: number;
}

export interface ReportDay extends TeamFigures {
  /** YYYY-MM-DD in the team's time zone. */
  day: string;
}

export interface ReportAgent {
  agentId: string;
  /** How the agent is shown; absent for an agent removed from the team since. */
  name?: string;
  figures: ReportFigures;
}

export interface Report {
  from: string;
  to: string;
  /** The team's time zone, which the days and hours are in. */
  timeZone: string;
  team: TeamFigures;
  /** Each day of the range, oldest first, the days without anything too. */
  days: ReportDay[];
  /** Conversations started per hour of the week: 7 rows, Monday first, of 24 hours. */
  hours: number[][];
  /** Admins: every agent (and any removed one with figures); others: themselves. */
  agents: ReportAgent[];
}

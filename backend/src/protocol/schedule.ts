/**
 * Business hours: when the team is open, when it opens next and when it last closed, in
 * the team's own time zone. Plain functions on the `Intl` API with no dependencies, so
 * the widget (to say "back Tuesday at 09:00" and to follow the hours live) and the
 * handlers (to decide on an away reply) compute the same answer from the same settings.
 */

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** One opening on a day: `from` to `to`, "HH:MM" on a 15-minute step; `to` may be "24:00". */
export interface OpeningSpan {
  from: string;
  to: string;
}

export interface BusinessHours {
  /** An IANA time zone, e.g. "Europe/Berlin". */
  timeZone: string;
  /** The openings of each weekday; a day left out is closed. */
  weekly: Partial<Record<Weekday, OpeningSpan[]>>;
  /** Whole days closed, "YYYY-MM-DD" in the team's time zone. */
  holidays: string[];
}

/** "HH:MM" on a 15-minute step, 00:00 to 24:00. */
export const CLOCK_PATTERN = /^(?:[01]\d|2[0-3]):(?:00|15|30|45)$|^24:00$/;
export const DATE_PATTERN = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/;
/** How far ahead (or back) an opening is looked for: a long holiday list still ends. */
const SEARCH_DAYS = 400;
const DAY_MS = 24 * 3600_000;

/** Minutes since midnight of "HH:MM". */
export function clockMinutes(clock: string): number {
  return Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
}

/** Whether a time zone name is one this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

interface LocalDay {
  year: number;
  month: number;
  day: number;
}

interface LocalTime extends LocalDay {
  weekday: Weekday;
  /** Minutes since local midnight. */
  minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock time in a time zone at an instant. */
function localTime(timeZone: string, at: number): LocalTime {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(at)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  const { year, month, day, hour, minute } = parts as Record<'year' | 'month' | 'day' | 'hour' | 'minute', number>;
  return { year, month, day, minutes: hour * 60 + minute, weekday: WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()]! };
}

/** The local day (YYYY-MM-DD) and hour (0-23) of an instant in a time zone: what reports count under. */
export function localDayHour(timeZone: string, at: number): { day: string; hour: number } {
  const local = localTime(timeZone, at);
  return { day: dayKey(local), hour: Math.floor(local.minutes / 60) };
}

/** The time zone's offset from UTC at an instant, in milliseconds. */
function offsetAt(timeZone: string, at: number): number {
  const local = localTime(timeZone, at);
  const seconds = new Date(at).getUTCSeconds() * 1000 + new Date(at).getUTCMilliseconds();
  return Date.UTC(local.year, local.month - 1, local.day, 0, local.minutes) + seconds - at;
}

/**
 * The instant a local day and time has in a time zone. A time skipped by a change to
 * summer time (02:30 on that night) is read as the same time on the clock before the
 * change, so it lands just after it; a repeated one (the autumn hour) is the first.
 */
export function instantOf(timeZone: string, day: LocalDay, minutes: number): number {
  const wall = Date.UTC(day.year, day.month - 1, day.day, 0, minutes);
  // Read with the offsets in force a day before and a day after: the same, except near a change.
  const before = wall - offsetAt(timeZone, wall - DAY_MS);
  const after = wall - offsetAt(timeZone, wall + DAY_MS);
  const showing = [before, after].filter((instant) => instant + offsetAt(timeZone, instant) === wall).sort((a, b) => a - b);
  return showing[0] ?? before;
}

function dayKey(day: LocalDay): string {
  return `${day.year}-${String(day.month).padStart(2, '0')}-${String(day.day).padStart(2, '0')}`;
}

function addDays(day: LocalDay, days: number): LocalDay & { weekday: Weekday } {
  const date = new Date(Date.UTC(day.year, day.month - 1, day.day + days));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), weekday: WEEKDAYS[date.getUTCDay()]! };
}

/** The openings of one local day, in minutes, sorted; none on a holiday. */
function openingsOf(hours: BusinessHours, day: LocalDay & { weekday: Weekday }): [number, number][] {
  if (hours.holidays.includes(dayKey(day))) return [];
  return (hours.weekly[day.weekday] ?? [])
    .map((span): [number, number] => [clockMinutes(span.from), clockMinutes(span.to)])
    .filter(([from, to]) => from < to)
    .sort((a, b) => a[0] - b[0]);
}

/** Whether the team is within its business hours at an instant. */
export function isOpen(hours: BusinessHours, at: number): boolean {
  const now = localTime(hours.timeZone, at);
  return openingsOf(hours, now).some(([from, to]) => from <= now.minutes && now.minutes < to);
}

/** When the team opens next after `at` (an instant), or undefined if it never does. */
export function nextOpening(hours: BusinessHours, at: number): number | undefined {
  const now = localTime(hours.timeZone, at);
  for (let offset = 0; offset <= SEARCH_DAYS; offset++) {
    const day = addDays(now, offset);
    for (const [from] of openingsOf(hours, day)) {
      if (offset === 0 && from <= now.minutes) continue;
      const instant = instantOf(hours.timeZone, day, from);
      if (instant > at) return instant;
    }
  }
  return undefined;
}

/** When the team last closed at or before `at`, or undefined if it never was open. */
export function lastClosing(hours: BusinessHours, at: number): number | undefined {
  const now = localTime(hours.timeZone, at);
  for (let offset = 0; offset <= SEARCH_DAYS; offset++) {
    const day = addDays(now, -offset);
    const openings = openingsOf(hours, day).reverse();
    for (const [, to] of openings) {
      if (offset === 0 && to > now.minutes) continue;
      // "24:00" closes at the next day's midnight.
      const instant = to === 24 * 60 ? instantOf(hours.timeZone, addDays(day, 1), 0) : instantOf(hours.timeZone, day, to);
      if (instant <= at) return instant;
    }
  }
  return undefined;
}

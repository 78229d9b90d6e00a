/** The times and dates both elements show, from the protocol's ISO-8601 timestamps. */

const sameDay = (a: Date, b: Date) => a.toDateString() === b.toDateString();

const yesterdayOf = (now: Date) => {
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  return yesterday;
};

/** "3:52 PM" in the language's own style; "Mar 12, 3:52 PM" on another day. */
export function messageTime(iso: string, lang: string, now = new Date()): string {
  const then = new Date(iso);
  return new Intl.DateTimeFormat(lang, {
    hour: 'numeric',
    minute: '2-digit',
    ...(!sameDay(then, now) && { month: 'short', day: 'numeric' }),
  }).format(then);
}

/** "2:05 PM" or "14:05": the browser's language says which (`lang` overrides it). */
export const clockTime = (iso: string, lang?: string) =>
  new Intl.DateTimeFormat(lang, { hour: 'numeric', minute: '2-digit' }).format(new Date(iso));

/** "Mar 12, 2025, 2:05 PM" or "12 Mar 2025, 14:05", as the browser's language writes them (`lang` overrides it). */
export const fullTime = (iso: string, lang?: string) =>
  new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'short', year: 'numeric', hour: 'numeric', minute: '2-digit' }).format(
    new Date(iso),
  );

/** "2025-03-12 14:05" in local time: sorts, and reads the same everywhere (transcripts). */
export function stamp(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The words for the days next to this one. */
export interface DayWords {
  today: string;
  yesterday: string;
}

/** "Today", "Yesterday" or "Tuesday, 12 March 2024": the separator between days in a conversation. */
export function dayLabel(iso: string, words: DayWords, now = new Date()): string {
  const then = new Date(iso);
  if (sameDay(then, now)) return words.today;
  if (sameDay(then, yesterdayOf(now))) return words.yesterday;
  return new Intl.DateTimeFormat('en', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(then);
}

/** A compact time for lists: "now", "5m", "3h", "Yesterday", "Mon", "12 Mar", "12 Mar 2024". */
export function relativeTime(iso: string, words: DayWords, now = new Date()): string {
  const then = new Date(iso);
  const seconds = Math.max(0, (now.getTime() - then.getTime()) / 1000);
  if (seconds < 60) return 'now';
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
  if (sameDay(then, now) || seconds < 6 * 3600) return `${Math.floor(seconds / 3600)}h`;
  if (sameDay(then, yesterdayOf(now))) return words.yesterday;
  if (seconds < 6 * 86400) return new Intl.DateTimeFormat('en', { weekday: 'short' }).format(then);
  return new Intl.DateTimeFormat('en', {
    day: 'numeric',
    month: 'short',
    ...(then.getFullYear() !== now.getFullYear() && { year: 'numeric' }),
  }).format(then);
}

/**
 * The team's business hours in <support-chat>: whether they are open now, and when the
 * team is back ("Away · back Tuesday at 9:00 AM"). A chunk of its own (load-extra.ts),
 * loaded where the team has hours: a team without them is available whenever an agent is.
 */
import { format } from '../shared/format.ts';
import type { SupportChatStrings } from './strings.ts';

export { teamAvailability } from '@support-chat/backend/protocol/team';

const midnight = (at: number) => new Date(at).setHours(0, 0, 0, 0);

/**
 * When the team is back, after "Away · ": "back Tuesday at 9:00 AM" ("zurück am Dienstag
 * um 9:00"), in the visitor's language and, for the day, by the visitor's own calendar.
 */
export function backAt(at: number, s: SupportChatStrings, lang: string, now: number): string {
  // Today, tomorrow, a weekday within the week, else a date.
  const days = Math.round((midnight(at) - midnight(now)) / 864e5);
  const [weekday, date = weekday] = s.on.split('|');
  const d =
    days < 2
      ? new Intl.RelativeTimeFormat(lang, { numeric: 'auto' }).format(days, 'day')
      : format((days < 7 ? weekday : date) || '{d}', {
          d: new Intl.DateTimeFormat(lang, days < 7 ? { weekday: 'long' } : { day: 'numeric', month: 'long' }).format(at),
        });
  // "9:00", as said: timeStyle would write "09:00" in German and French.
  const t = new Intl.DateTimeFormat(lang, { hour: 'numeric', minute: '2-digit' }).format(at);
  const [back, atOne = back] = s.back.split('|');
  return format(/^0?1\D/.test(t) ? atOne! : back!, { d, t });
}

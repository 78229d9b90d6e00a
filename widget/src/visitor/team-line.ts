import { type Availability, localized, replyTimePhrase, type TeamStatus } from '@support-chat/backend/protocol/team';
import { format } from '../shared/format.ts';
import type { SupportChatStrings } from './strings.ts';

/** The phrases said with a number of minutes ("about 5 minutes"), and where the others are in `times`. */
const MINUTES: Record<string, number> = { fiveMinutes: 5, tenMinutes: 10, fifteenMinutes: 15, thirtyMinutes: 30 };
const WORDS: Record<string, number> = { fewMinutes: 0, underAnHour: 2, fewHours: 3, day: 4 };

const midnight = (at: number) => new Date(at).setHours(0, 0, 0, 0);

/**
 * The header's line about the team, before the visitor writes and after: "Online · typically
 * replies in about 5 minutes", "Online", "Away · back Tuesday at 9:00 AM" ("Abwesend · zurück
 * am Dienstag um 9:00"), in the visitor's language, and for the next opening in the visitor's
 * own time zone (the browser's).
 */
export function teamLine(team: TeamStatus, availability: Availability, s: SupportChatStrings, lang: string, now: number): string {
  if (availability.available) {
    const { replyTime } = team.settings;
    let phrase = replyTime.mode === 'fixed' ? localized(replyTime.text, lang) : undefined;
    if (replyTime.mode === 'measured' && team.replyMinutes !== undefined) {
      const said = replyTimePhrase(team.replyMinutes);
      const minutes = MINUTES[said];
      const n = minutes && new Intl.NumberFormat(lang, { style: 'unit', unit: 'minute', unitDisplay: 'long' }).format(minutes);
      phrase = format(s.replies, { t: format(s.times.split('|')[n ? 1 : WORDS[said]!]!, { n: n || '' }) });
    }
    return phrase ? `${s.online} · ${phrase}` : s.online;
  }
  const at = availability.nextOpening;
  if (at === undefined) return `${s.away} · ${s.awayNote}`;
  // Today, tomorrow, a weekday within the week, else a date: by the visitor's calendar.
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
  return `${s.away} · ${format(/^0?1\D/.test(t) ? atOne! : back!, { d, t })}`;
}

import { type Availability, localized, replyTimePhrase, type TeamStatus } from '@support-chat/backend/protocol/team';
import { format } from '../shared/format.ts';
import type { SupportChatStrings } from './strings.ts';

/** The phrases said with a number of minutes ("about 5 minutes"), and where the others are in `times`. */
const MINUTES: Record<string, number> = { fiveMinutes: 5, tenMinutes: 10, fifteenMinutes: 15, thirtyMinutes: 30 };
const WORDS: Record<string, number> = { fewMinutes: 0, underAnHour: 2, fewHours: 3, day: 4 };

/**
 * The header's line about the team, before the visitor writes and after: "Online · typically
 * replies in about 5 minutes", "Online", "Away · back Tuesday at 9:00 AM" ("Abwesend · zurück
 * am Dienstag um 9:00"), in the visitor's language; `back` says when the team is back (the
 * hours chunk's backAt, where the team has hours).
 */
export function teamLine(
  team: TeamStatus,
  availability: Availability,
  s: SupportChatStrings,
  lang: string,
  back: (at: number) => string | undefined,
): string {
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
  return `${s.away} · ${(at !== undefined && back(at)) || s.awayNote}`;
}

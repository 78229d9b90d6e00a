// The header's line about an away team, as each language says the time it is back.
import type { TeamStatus } from '@support-chat/backend/protocol';
import { equal } from '../../test/assert.ts';
import { backAt as backAtHour } from './hours.ts';
import { strings as de } from './languages/de.ts';
import { strings as es } from './languages/es.ts';
import { strings as fr } from './languages/fr.ts';
import type { SupportChatStrings } from './strings.ts';
import { ENGLISH as en } from './strings.ts';
import { teamLine } from './team-line.ts';

const STRINGS: Record<string, SupportChatStrings> = { en, de, es, fr };

// Only the settings' reply time is read on this path, and only when available.
const team = { settings: { replyTime: { mode: 'measured' } } } as unknown as TeamStatus;

/** The line for a team away until `hour`:00 the day after tomorrow, in `lang`. */
function backAt(lang: string, hour: number): string {
  const now = new Date(2026, 10, 30, 20, 0).getTime();
  const at = new Date(2026, 11, 2, hour, 0).getTime();
  const s = STRINGS[lang]!;
  return teamLine(team, { available: false, inHours: false, nextOpening: at }, s, lang, (next) => backAtHour(next, s, lang, now));
}

const weekday = (lang: string) => new Intl.DateTimeFormat(lang, { weekday: 'long' }).format(new Date(2026, 11, 2));

describe('teamLine', () => {
  it('says "a la 1:00" and "a las 9:00" in Spanish', () => {
    equal(backAt('es', 1), `Ausente · volvemos el ${weekday('es')} a la 1:00`);
    equal(backAt('es', 9), `Ausente · volvemos el ${weekday('es')} a las 9:00`);
    equal(backAt('es', 13), `Ausente · volvemos el ${weekday('es')} a las 13:00`);
  });

  it('says one o’clock as any other hour where the language does', () => {
    equal(backAt('de', 1), `Abwesend · zurück am ${weekday('de')} um 1:00`);
    equal(backAt('en', 1), `Away · back ${weekday('en')} at 1:00 AM`);
  });
});

import * as z from 'zod';
import { LANGUAGE_TAG, MAX_HOLIDAYS, MAX_NAME_LENGTH, MAX_TEAM_TEXT_LENGTH } from './limits.ts';
import { CLOCK_PATTERN, clockMinutes, DATE_PATTERN, isTimeZone } from './schedule.ts';

/** The team's actions: the visitor's context and transcript, the agents' switch, the admins' settings. */

const timeZone = z.string().max(64).refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin');

const webUrl = z
  .string()
  .max(2048)
  .refine((value) => /^https?:\/\//i.test(value) && URL.canParse(value), 'must be an http or https URL');

/**
 * What the visitor's browser tells once the visitor has acted: their language (a BCP 47
 * tag such as "de" or "pt-BR") and time zone, for replies and emails in them, and the
 * page they are on and where they came from, for the agents.
 */
export const contextSchema = z.strictObject({
  action: z.literal('context'),
  lang: z.string().regex(LANGUAGE_TAG, 'must be a language tag such as de or pt-BR'),
  timeZone: timeZone.optional(),
  page: z.strictObject({ url: webUrl, title: z.string().trim().max(200).optional() }).optional(),
  referrer: webUrl.optional(),
});
export const emailTranscriptSchema = z.strictObject({ action: z.literal('emailTranscript') });
export const setStatusSchema = z.strictObject({ action: z.literal('setStatus'), status: z.enum(['available', 'away']) });
export const getTeamSchema = z.strictObject({ action: z.literal('getTeam') });

const text = z.string().trim().max(MAX_TEAM_TEXT_LENGTH);
export const localizedText = z.strictObject({
  en: text.optional(),
  de: text.optional(),
  es: text.optional(),
  fr: text.optional(),
  default: text.optional(),
});
const span = z
  .strictObject({
    from: z.string().regex(CLOCK_PATTERN, 'must be HH:MM on a quarter hour'),
    to: z.string().regex(CLOCK_PATTERN, 'must be HH:MM on a quarter hour'),
  })
  .refine((s) => clockMinutes(s.from) < clockMinutes(s.to), 'must end after it starts');
/** A day's openings, at most four, in order and not overlapping. */
const spans = z
  .array(span)
  .max(4)
  .refine(
    (list) => list.every((s, i) => i === 0 || clockMinutes(list[i - 1]!.to) <= clockMinutes(s.from)),
    'must be in order, without overlaps',
  );
export const teamSettingsSchema = z.strictObject({
  name: z.string().trim().min(1).max(MAX_NAME_LENGTH),
  hours: z.strictObject({
    timeZone,
    weekly: z.strictObject({
      sun: spans.optional(),
      mon: spans.optional(),
      tue: spans.optional(),
      wed: spans.optional(),
      thu: spans.optional(),
      fri: spans.optional(),
      sat: spans.optional(),
    }),
    holidays: z.array(z.string().regex(DATE_PATTERN, 'must be a date, YYYY-MM-DD')).max(MAX_HOLIDAYS),
  }),
  greeting: localizedText,
  awayMessage: localizedText,
  replyTime: z.union([z.strictObject({ mode: z.literal('measured') }), z.strictObject({ mode: z.literal('fixed'), text: localizedText })]),
  afterHours: z.enum(['ask-email', 'require-email', 'hide']),
  escalateAfterMinutes: z.number().int().min(1).max(120).optional(),
});
export const updateSettingsSchema = z.strictObject({ action: z.literal('updateSettings'), settings: teamSettingsSchema });

export const teamActionSchemas = {
  context: contextSchema,
  emailTranscript: emailTranscriptSchema,
  setStatus: setStatusSchema,
  getTeam: getTeamSchema,
  updateSettings: updateSettingsSchema,
} as const;

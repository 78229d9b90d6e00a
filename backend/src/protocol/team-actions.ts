import * as z from 'zod/mini';
import { LANGUAGE_TAG, MAX_HOLIDAYS, MAX_NAME_LENGTH, MAX_RETENTION_DAYS, MAX_TEAM_TEXT_LENGTH } from './limits.ts';
import { CLOCK_PATTERN, clockMinutes, DATE_PATTERN, isTimeZone } from './schedule.ts';
import './zod-messages.ts';

/** The team's actions: the visitor's context and transcript, the agents' switch, the admins' settings. */

const timeZone = z.string().check(z.maxLength(64), z.refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin'));

const webUrl = z.string().check(
  z.maxLength(2048),
  z.refine((value) => /^https?:\/\//i.test(value) && URL.canParse(value), 'must be an http or https URL'),
);

/**
 * What the visitor's browser tells once the visitor has acted: their language (a BCP 47
 * tag such as "de" or "pt-BR") and time zone, for replies and emails in them, and the
 * page they are on and where they came from, for the agents.
 */
export const contextSchema = z.strictObject({
  action: z.literal('context'),
  lang: z.string().check(z.regex(LANGUAGE_TAG, 'must be a language tag such as de or pt-BR')),
  timeZone: z.optional(timeZone),
  page: z.optional(z.strictObject({ url: webUrl, title: z.optional(z.string().check(z.trim(), z.maxLength(200))) })),
  referrer: z.optional(webUrl),
});
export const emailTranscriptSchema = z.strictObject({ action: z.literal('emailTranscript') });
export const setStatusSchema = z.strictObject({ action: z.literal('setStatus'), status: z.enum(['available', 'away']) });
export const getTeamSchema = z.strictObject({ action: z.literal('getTeam') });

const text = z.string().check(z.trim(), z.maxLength(MAX_TEAM_TEXT_LENGTH));
export const localizedText = z.strictObject({
  en: z.optional(text),
  de: z.optional(text),
  es: z.optional(text),
  fr: z.optional(text),
  default: z.optional(text),
});
const span = z
  .strictObject({
    from: z.string().check(z.regex(CLOCK_PATTERN, 'must be HH:MM on a quarter hour')),
    to: z.string().check(z.regex(CLOCK_PATTERN, 'must be HH:MM on a quarter hour')),
  })
  .check(z.refine((s) => clockMinutes(s.from) < clockMinutes(s.to), 'must end after it starts'));
/** A day's openings, at most four, in order and not overlapping. */
const spans = z.array(span).check(
  z.maxLength(4),
  z.refine(
    (list) => list.every((s, i) => i === 0 || clockMinutes(list[i - 1]!.to) <= clockMinutes(s.from)),
    'must be in order, without overlaps',
  ),
);
export const teamSettingsSchema = z.strictObject({
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_NAME_LENGTH)),
  hours: z.strictObject({
    timeZone,
    weekly: z.strictObject({
      sun: z.optional(spans),
      mon: z.optional(spans),
      tue: z.optional(spans),
      wed: z.optional(spans),
      thu: z.optional(spans),
      fri: z.optional(spans),
      sat: z.optional(spans),
    }),
    holidays: z.array(z.string().check(z.regex(DATE_PATTERN, 'must be a date, YYYY-MM-DD'))).check(z.maxLength(MAX_HOLIDAYS)),
  }),
  greeting: localizedText,
  awayMessage: localizedText,
  replyTime: z.union([z.strictObject({ mode: z.literal('measured') }), z.strictObject({ mode: z.literal('fixed'), text: localizedText })]),
  afterHours: z.enum(['ask-email', 'require-email', 'hide']),
  escalateAfterMinutes: z.optional(z.int().check(z.minimum(1), z.maximum(120))),
  // At most the deployment's period too: the action checks that, as only the server knows it.
  retentionDays: z.optional(z.int().check(z.minimum(1), z.maximum(MAX_RETENTION_DAYS))),
});
export const updateSettingsSchema = z.strictObject({ action: z.literal('updateSettings'), settings: teamSettingsSchema });

export const teamActionSchemas = {
  context: contextSchema,
  emailTranscript: emailTranscriptSchema,
  setStatus: setStatusSchema,
  getTeam: getTeamSchema,
  updateSettings: updateSettingsSchema,
} as const;

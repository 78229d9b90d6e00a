import * as z from 'zod/mini';
import { calendarDay, daysBetween, MAX_REPORT_DAYS } from './reports.ts';
import './zod-messages.ts';

/** The agents' `report` action: the team's figures over a range of days (see reports.ts). */

const day = z.string().check(z.refine((value) => calendarDay(value) !== undefined, 'must be a date, YYYY-MM-DD'));

export const reportSchema = z
  .strictObject({
    action: z.literal('report'),
    /** The first and last day, inclusive, in the team's time zone. */
    from: day,
    to: day,
    /** One agent's figures only (the team's come too). */
    agentId: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,128}$/, 'agentId must be an agent id'))),
  })
  .check(
    z.refine((f) => (daysBetween(f.from, f.to) ?? 1) >= 1, 'from must not be after to'),
    z.refine((f) => (daysBetween(f.from, f.to) ?? 1) <= MAX_REPORT_DAYS, `a report covers ${MAX_REPORT_DAYS} days at most`),
  );

export const reportActionSchemas = { report: reportSchema } as const;

import { describe, expect, it } from 'vitest';
import { type BusinessHours, instantOf, isOpen, isTimeZone, lastClosing, nextOpening } from './schedule.ts';

const at = (iso: string) => Date.parse(iso);
const iso = (instant: number | undefined) => (instant === undefined ? undefined : new Date(instant).toISOString());
const weekdays = (from: string, to: string) => ({
  mon: [{ from, to }],
  tue: [{ from, to }],
  wed: [{ from, to }],
  thu: [{ from, to }],
  fri: [{ from, to }],
});

describe('business hours', () => {
  const berlin: BusinessHours = { timeZone: 'Europe/Berlin', weekly: weekdays('09:00', '17:00'), holidays: [] };

  it('is open within the hours of the team’s own time zone, in winter and in summer', () => {
    // Winter: Berlin is UTC+1.
    expect(isOpen(berlin, at('2026-01-14T07:59:00Z'))).toBe(false);
    expect(isOpen(berlin, at('2026-01-14T08:00:00Z'))).toBe(true);
    expect(isOpen(berlin, at('2026-01-14T15:59:00Z'))).toBe(true);
    expect(isOpen(berlin, at('2026-01-14T16:00:00Z'))).toBe(false);
    // Summer: UTC+2.
    expect(isOpen(berlin, at('2026-07-15T06:59:00Z'))).toBe(false);
    expect(isOpen(berlin, at('2026-07-15T07:00:00Z'))).toBe(true);
    expect(isOpen(berlin, at('2026-07-15T15:00:00Z'))).toBe(false);
    // A Saturday.
    expect(isOpen(berlin, at('2026-07-18T10:00:00Z'))).toBe(false);
  });

  it('opens next on Monday after a Friday evening, across the change to summer time', () => {
    // Friday 27 March 2026, 18:00 in Berlin (UTC+1); the clocks go forward on Sunday the 29th.
    expect(iso(nextOpening(berlin, at('2026-03-27T17:00:00Z')))).toBe('2026-03-30T07:00:00.000Z');
    // And back again in October: Monday the 26th, 09:00 is UTC+1.
    expect(iso(nextOpening(berlin, at('2026-10-23T17:00:00Z')))).toBe('2026-10-26T08:00:00.000Z');
  });

  it('opens later today before the hours, and on the next day after them', () => {
    expect(iso(nextOpening(berlin, at('2026-01-14T06:00:00Z')))).toBe('2026-01-14T08:00:00.000Z');
    expect(iso(nextOpening(berlin, at('2026-01-14T17:00:00Z')))).toBe('2026-01-15T08:00:00.000Z');
    // While open, the next opening is tomorrow's.
    expect(iso(nextOpening(berlin, at('2026-01-14T10:00:00Z')))).toBe('2026-01-15T08:00:00.000Z');
  });

  it('skips holidays, and finds an opening in the next week', () => {
    const withHolidays: BusinessHours = { ...berlin, holidays: ['2026-12-24', '2026-12-25', '2026-12-28'] };
    expect(isOpen(withHolidays, at('2026-12-24T10:00:00Z'))).toBe(false);
    // Wednesday the 23rd after hours: Thursday, Friday and Monday are holidays, so Tuesday the 29th.
    expect(iso(nextOpening(withHolidays, at('2026-12-23T18:00:00Z')))).toBe('2026-12-29T08:00:00.000Z');
    const mondaysOnly: BusinessHours = { timeZone: 'Europe/Berlin', weekly: { mon: [{ from: '10:00', to: '12:00' }] }, holidays: [] };
    expect(iso(nextOpening(mondaysOnly, at('2026-01-13T12:00:00Z')))).toBe('2026-01-19T09:00:00.000Z');
  });

  it('knows when it last closed: earlier today, yesterday, or before a weekend and a holiday', () => {
    expect(iso(lastClosing(berlin, at('2026-01-14T20:00:00Z')))).toBe('2026-01-14T16:00:00.000Z');
    expect(iso(lastClosing(berlin, at('2026-01-14T10:00:00Z')))).toBe('2026-01-13T16:00:00.000Z');
    expect(iso(lastClosing(berlin, at('2026-01-18T10:00:00Z')))).toBe('2026-01-16T16:00:00.000Z');
    const afterHoliday: BusinessHours = { ...berlin, holidays: ['2026-01-16'] };
    expect(iso(lastClosing(afterHoliday, at('2026-01-18T10:00:00Z')))).toBe('2026-01-15T16:00:00.000Z');
  });

  it('handles openings until midnight and several openings a day', () => {
    const split: BusinessHours = {
      timeZone: 'America/New_York',
      weekly: {
        sat: [
          { from: '18:00', to: '24:00' },
          { from: '08:00', to: '12:00' },
        ],
      },
      holidays: [],
    };
    // Saturday 10 January 2026, New York is UTC-5.
    expect(isOpen(split, at('2026-01-10T14:00:00Z'))).toBe(true);
    expect(isOpen(split, at('2026-01-10T18:00:00Z'))).toBe(false);
    expect(iso(nextOpening(split, at('2026-01-10T18:00:00Z')))).toBe('2026-01-10T23:00:00.000Z');
    expect(isOpen(split, at('2026-01-11T04:59:00Z'))).toBe(true);
    expect(iso(lastClosing(split, at('2026-01-11T06:00:00Z')))).toBe('2026-01-11T05:00:00.000Z');
  });

  it('works in zones a half hour off UTC and in the southern hemisphere', () => {
    const kolkata: BusinessHours = { timeZone: 'Asia/Kolkata', weekly: weekdays('09:00', '18:00'), holidays: [] };
    expect(iso(nextOpening(kolkata, at('2026-01-14T00:00:00Z')))).toBe('2026-01-14T03:30:00.000Z');
    // Auckland is on summer time (UTC+13) in January, standard time (UTC+12) in July.
    const auckland: BusinessHours = { timeZone: 'Pacific/Auckland', weekly: weekdays('09:00', '17:00'), holidays: [] };
    expect(iso(nextOpening(auckland, at('2026-01-13T21:00:00Z')))).toBe('2026-01-14T20:00:00.000Z');
    expect(iso(nextOpening(auckland, at('2026-07-14T22:00:00Z')))).toBe('2026-07-15T21:00:00.000Z');
    // Lord Howe Island moves its clocks by half an hour.
    const lordHowe: BusinessHours = { timeZone: 'Australia/Lord_Howe', weekly: weekdays('09:00', '17:00'), holidays: [] };
    expect(iso(nextOpening(lordHowe, at('2026-01-13T12:00:00Z')))).toBe('2026-01-13T22:00:00.000Z');
    expect(iso(nextOpening(lordHowe, at('2026-07-13T12:00:00Z')))).toBe('2026-07-13T22:30:00.000Z');
  });

  it('reads a time skipped by summer time just after the change, and a repeated one as the first', () => {
    const day29March = { year: 2026, month: 3, day: 29 };
    expect(iso(instantOf('Europe/Berlin', day29March, 2 * 60 + 30))).toBe('2026-03-29T01:30:00.000Z');
    const day25October = { year: 2026, month: 10, day: 25 };
    expect(iso(instantOf('Europe/Berlin', day25October, 2 * 60 + 30))).toBe('2026-10-25T00:30:00.000Z');
    // An opening at 02:30 on the night the clocks go forward still opens that night.
    const night: BusinessHours = { timeZone: 'Europe/Berlin', weekly: { sun: [{ from: '02:30', to: '04:00' }] }, holidays: [] };
    expect(iso(nextOpening(night, at('2026-03-28T23:00:00Z')))).toBe('2026-03-29T01:30:00.000Z');
  });

  it('never opens without hours, and says so instead of searching forever', () => {
    const closed: BusinessHours = { timeZone: 'UTC', weekly: {}, holidays: [] };
    expect(isOpen(closed, at('2026-01-14T10:00:00Z'))).toBe(false);
    expect(nextOpening(closed, at('2026-01-14T10:00:00Z'))).toBeUndefined();
    expect(lastClosing(closed, at('2026-01-14T10:00:00Z'))).toBeUndefined();
  });

  it('tells a real time zone from a made-up one', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});

import { equal, match } from '../../test/assert.ts';
import { clockTime, fullTime } from './time.ts';

describe('times', () => {
  const at = '2030-03-12T14:05:00.000Z';

  it('follow the locale’s own 12- or 24-hour convention, the browser’s by default', () => {
    // The same instant, in this browser's time zone, as each locale writes it.
    match(clockTime(at, 'en-US'), /^\d{1,2}:\d\d\s?(AM|PM)$/, 'en-US: 12-hour');
    match(clockTime(at, 'en-GB'), /^\d\d:\d\d$/, 'en-GB: 24-hour');
    match(clockTime(at, 'de-DE'), /^\d\d:\d\d$/, 'de-DE: 24-hour');
    equal(clockTime(at), new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' }).format(new Date(at)), 'the browser’s');
    match(fullTime(at, 'en-US'), /2030.*(AM|PM)$/, 'with the date, en-US');
    match(fullTime(at, 'en-GB'), /2030.* \d\d:\d\d$/, 'with the date, en-GB');
  });
});

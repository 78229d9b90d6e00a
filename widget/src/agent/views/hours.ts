import type { OpeningSpan, TeamSettings, Weekday } from '@support-chat/backend/protocol';
import { clockMinutes } from '@support-chat/backend/protocol/schedule';
import { html, nothing } from 'lit';
import { format } from '../../shared/format.ts';
import { ICON_CLOSE, icon } from '../../shared/icons.ts';
import type { SupportAgentConsoleStrings } from '../strings.ts';

/** What the opening-hours and holidays sections show, and what their controls do. */
export interface HoursModel {
  strings: SupportAgentConsoleStrings;
  settings: TeamSettings;
  /** The weekday the server's refusal names, if it names one. */
  refusedDay: string | undefined;
  /** Changes a day's openings as they are when it runs. */
  editSpans(day: Weekday, change: (spans: OpeningSpan[]) => OpeningSpan[]): void;
  copyMondayToWeekdays(): void;
  editHolidays(change: (holidays: string[]) => string[]): void;
}

/** The week as a person reads it, Monday first. */
const WEEK: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const MAX_SPANS = 4;
const DAY = 24 * 60;

const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
/** Every quarter hour of a day, "00:00" to "24:00". */
const QUARTERS = Array.from({ length: DAY / 15 + 1 }, (_, i) => clock(i * 15));

/** The next opening a day gets: 09:00 to 17:00 on a closed day, else the hour after its last one. */
function nextSpan(spans: OpeningSpan[]): OpeningSpan | undefined {
  const last = spans.at(-1);
  if (!last) return { from: '09:00', to: '17:00' };
  const from = clockMinutes(last.to);
  return from >= DAY ? undefined : { from: clock(from), to: clock(Math.min(DAY, from + 60)) };
}

/** A quarter hour as the agent's locale tells the time ("9:00 AM", "09:00"); the end of the day is "Midnight". */
let quarterFormat: Intl.DateTimeFormat | undefined;
function quarterLabel(s: SupportAgentConsoleStrings, value: string): string {
  if (value === '24:00') return s.midnight;
  quarterFormat ??= new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' });
  return quarterFormat.format(Date.UTC(2000, 0, 1, 0, clockMinutes(value)));
}

const quarterSelect = (
  s: SupportAgentConsoleStrings,
  label: string,
  value: string,
  choices: string[],
  invalid: boolean,
  change: (value: string) => void,
) => html`
  <select aria-label=${label} aria-invalid=${invalid ? 'true' : 'false'} @change=${(e: Event) => change((e.target as HTMLSelectElement).value)}>
    ${choices.map((q) => html`<option value=${q} ?selected=${q === value}>${quarterLabel(s, q)}</option>`)}
  </select>
`;

function dayRow(m: HoursModel, day: Weekday) {
  const s = m.strings;
  const name = s[day];
  const spans = m.settings.hours.weekly[day] ?? [];
  /** Changes (or, with no change, removes) the opening at `index`. */
  const replace = (index: number, change?: Partial<OpeningSpan>) =>
    m.editSpans(day, (now) => now.flatMap((old, i) => (i !== index ? [old] : change ? [{ ...old, ...change }] : [])));
  const next = spans.length < MAX_SPANS ? nextSpan(spans) : undefined;
  return html`
    <li class="day-row ${m.refusedDay === day ? 'refused' : ''}" data-day=${day}>
      <span class="day-name">${name}</span>
      <div class="spans">
        ${spans.length === 0 ? html`<span class="muted closed-day">${s.closedDay}</span>` : nothing}
        ${spans.map((span, i) => {
          const invalid = clockMinutes(span.from) >= clockMinutes(span.to);
          return html`
            <span class="span">
              ${quarterSelect(s, format(s.opensAt, { day: name }), span.from, QUARTERS.slice(0, -1), false, (from) => replace(i, { from }))}
              <span aria-hidden="true">–</span>
              ${quarterSelect(s, format(s.closesAt, { day: name }), span.to, QUARTERS.slice(1), invalid, (to) => replace(i, { to }))}
              <button class="icon small" aria-label=${format(s.removeHours, { ...span, day: name })} title=${format(s.removeHours, { ...span, day: name })} @click=${() => replace(i)}>
                ${icon(ICON_CLOSE, 14)}
              </button>
              ${invalid ? html`<span class="field-error">${s.spanOrder}</span>` : nothing}
            </span>
          `;
        })}
        ${next ? html`<button class="link add-span" @click=${() => m.editSpans(day, (now) => [...now, nextSpan(now) ?? next])}>+ ${s.addHours}</button>` : nothing}
      </div>
    </li>
  `;
}

/** The week's openings, one row a day, Monday first. */
export function hoursSection(m: HoursModel) {
  const s = m.strings;
  return html`
    <section class="card" aria-labelledby="settings-hours">
      <div class="card-head">
        <h3 id="settings-hours">${s.sectionHours}</h3>
        <button class="secondary small" @click=${() => m.copyMondayToWeekdays()}>${s.copyToWeekdays}</button>
      </div>
      <p class="help">${s.hoursHelp}</p>
      <ul class="week">
        ${WEEK.map((day) => dayRow(m, day))}
      </ul>
    </section>
  `;
}

const holidayLabel = (date: string) =>
  new Intl.DateTimeFormat('en', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );

/** Whole days closed: a date to add, and the ones there are, in order. */
export function holidaysSection(m: HoursModel) {
  const s = m.strings;
  const holidays = [...m.settings.hours.holidays].sort();
  const add = (event: Event) => {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).elements.namedItem('date') as HTMLInputElement;
    const date = input.value;
    if (date) m.editHolidays((now) => (now.includes(date) ? now : [...now, date]));
    input.value = '';
  };
  return html`
    <section class="card" aria-labelledby="settings-holidays">
      <h3 id="settings-holidays">${s.sectionHolidays}</h3>
      <p class="help">${s.holidaysHelp}</p>
      <form class="holiday-add" @submit=${add}>
        <input type="date" name="date" required aria-label=${s.holidayDate} />
        <button class="secondary" type="submit">${s.addHoliday}</button>
      </form>
      ${
        holidays.length === 0
          ? html`<p class="muted">${s.noHolidays}</p>`
          : html`<ul class="holidays">
            ${holidays.map(
              (date) => html`<li>
                <time datetime=${date}>${holidayLabel(date)}</time>
                <button class="icon small" aria-label=${format(s.removeHoliday, { date })} title=${format(s.removeHoliday, { date })} @click=${() => m.editHolidays((now) => now.filter((d) => d !== date))}>
                  ${icon(ICON_CLOSE, 14)}
                </button>
              </li>`,
            )}
          </ul>`
      }
    </section>
  `;
}

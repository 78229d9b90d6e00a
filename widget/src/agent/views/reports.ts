import type { DurationMedian, Report, ReportDay, ReportFigures } from '@support-chat/backend/protocol/reports';
import { html, nothing, svg } from 'lit';
import { format } from '../../shared/format.ts';
import { ICON_BACK, ICON_DOWNLOAD, icon } from '../../shared/icons.ts';
import { PRESETS, type ReportsController } from '../reports-controller.ts';
import type { SupportAgentConsoleStrings } from '../strings.ts';

/** What the reports screen shows, and where it goes back to. */
export interface ReportsModel {
  strings: SupportAgentConsoleStrings;
  reports: ReportsController;
  back(): void;
}

/** "45 s", "7.5 min", "1.5 h", "2 d": a bucket's bound in the unit that reads best. */
export function durationText(s: SupportAgentConsoleStrings, seconds: number): string {
  const n = (value: number) => String(Math.round(value * 10) / 10);
  if (seconds < 60) return format(s.durationSeconds, { n: n(seconds) });
  if (seconds < 3600) return format(s.durationMinutes, { n: n(seconds / 60) });
  if (seconds < 86400) return format(s.durationHours, { n: n(seconds / 3600) });
  return format(s.durationDays, { n: n(seconds / 86400) });
}

/** A median as the bucket it is known to: "up to 15 s", "1 to 1.5 min", "over 7 d". */
export function medianText(s: SupportAgentConsoleStrings, median: DurationMedian | undefined): string {
  if (!median) return s.reportNone;
  if (median.upTo === undefined) return format(s.durationOver, { over: durationText(s, median.over) });
  if (median.over === 0) return format(s.durationAtMost, { upTo: durationText(s, median.upTo) });
  return format(s.durationRange, { over: durationText(s, median.over), upTo: durationText(s, median.upTo) });
}

const percent = (part: number, whole: number) => `${Math.round((part / whole) * 100)}%`;

/** Weekday names, Monday first, as the agent's locale writes them (1 January 2024 was a Monday). */
const weekdays = (style: 'short' | 'long') =>
  Array.from({ length: 7 }, (_, i) =>
    new Intl.DateTimeFormat(undefined, { weekday: style, timeZone: 'UTC' }).format(Date.UTC(2024, 0, 1 + i)),
  );
const dayLabel = (day: string) =>
  new Intl.DateTimeFormat(undefined, { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(
    Date.parse(`${day}T00:00:00Z`),
  );

function figuresRow(s: SupportAgentConsoleStrings, who: string, figures: ReportFigures, conversations?: number) {
  return html`<tr>
    <th scope="row">${who}</th>
    <td>${conversations ?? s.reportNone}</td>
    <td>${figures.answered}</td>
    <td>${conversations ? percent(figures.answered, conversations) : s.reportNone}</td>
    <td>${medianText(s, figures.firstResponse)}</td>
    <td>${figures.resolved}</td>
    <td>${medianText(s, figures.resolution)}</td>
    <td>${figures.ratings ? format(s.reportCsatValue, { share: percent(figures.goodRatings, figures.ratings), ratings: String(figures.ratings) }) : s.reportNone}</td>
  </tr>`;
}

function summaryTable(s: SupportAgentConsoleStrings, report: Report) {
  return html`<div class="table-scroll" tabindex="0" role="region" aria-label=${s.reportTeamAndAgents}>
    <table class="report-table">
      <thead><tr>
        <th scope="col">${s.reportWho}</th><th scope="col">${s.reportConversations}</th><th scope="col">${s.reportAnswered}</th>
        <th scope="col">${s.reportResponseRate}</th><th scope="col">${s.reportFirstResponse}</th><th scope="col">${s.reportResolved}</th>
        <th scope="col">${s.reportResolution}</th><th scope="col">${s.reportCsat}</th>
      </tr></thead>
      <tbody>
        ${figuresRow(s, s.reportTeam, report.team, report.team.conversations)}
        ${report.agents.map((agent) => figuresRow(s, agent.name ?? s.reportRemovedAgent, agent.figures))}
      </tbody>
    </table>
  </div>`;
}

/** Conversations per day: bars drawn in SVG (an image, with its summary), and the same figures as a table. */
function perDay(s: SupportAgentConsoleStrings, report: Report) {
  const days = report.days;
  const max = Math.max(1, ...days.map((d) => d.conversations));
  const total = days.reduce((sum, d) => sum + d.conversations, 0);
  const width = 100 / days.length;
  const label = format(s.reportPerDayChart, {
    from: dayLabel(report.from),
    to: dayLabel(report.to),
    total: String(total),
    max: String(max),
  });
  return html`
    <svg class="bars" viewBox="0 0 100 40" preserveAspectRatio="none" role="img" aria-label=${label}>
      ${days.map((d: ReportDay, i) => {
        const height = (d.conversations / max) * 40;
        return svg`<rect x=${i * width + width * 0.1} y=${40 - height} width=${width * 0.8} height=${height}><title>${dayLabel(d.day)}: ${d.conversations}</title></rect>`;
      })}
    </svg>
    <div class="bars-axis" aria-hidden="true"><span>${dayLabel(report.from)}</span><span>${dayLabel(report.to)}</span></div>
    <details>
      <summary>${s.showAsTable}</summary>
      <div class="table-scroll" tabindex="0" role="region" aria-label=${s.reportPerDay}>
        <table class="report-table">
          <thead><tr><th scope="col">${s.reportDay}</th><th scope="col">${s.reportConversations}</th><th scope="col">${s.reportAnswered}</th><th scope="col">${s.reportResolved}</th></tr></thead>
          <tbody>${days.map((d) => html`<tr><th scope="row">${dayLabel(d.day)}</th><td>${d.conversations}</td><td>${d.answered}</td><td>${d.resolved}</td></tr>`)}</tbody>
        </table>
      </div>
    </details>
  `;
}

/**
 * Conversations by hour of the week: a table whose cells are shaded by their count, in five
 * steps of the busiest hour's (classes: the console's pages allow no inline styles). The count is each cell's text.
 */
function perHour(s: SupportAgentConsoleStrings, report: Report) {
  const max = Math.max(1, ...report.hours.flat());
  const short = weekdays('short');
  const long = weekdays('long');
  return html`<div class="table-scroll" tabindex="0" role="region" aria-label=${s.reportPerHour}>
    <table class="heat">
      <thead><tr><td></td>${Array.from({ length: 24 }, (_, hour) => html`<th scope="col"><abbr title=${`${hour}:00`}>${hour}</abbr></th>`)}</tr></thead>
      <tbody>
        ${report.hours.map(
          (row, day) => html`<tr>
            <th scope="row"><abbr title=${long[day]!}>${short[day]}</abbr></th>
            ${row.map(
              (count, hour) =>
                html`<td class="level-${Math.ceil((count / max) * 5)}" title=${format(s.reportHeatCell, { day: long[day]!, hour: `${hour}:00`, count: String(count) })}>${count || html`<span class="sr">0</span>`}</td>`,
            )}
          </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

function rangePicker(m: ReportsModel) {
  const s = m.strings;
  const r = m.reports;
  return html`<div class="range" role="group" aria-label=${s.reportsRange}>
      ${PRESETS.map(
        (days) =>
          html`<button class="secondary preset-${days}" aria-pressed=${r.preset === days ? 'true' : 'false'} @click=${() => r.choose(days)}>${format(s.lastDays, { days: String(days) })}</button>`,
      )}
      <button class="secondary preset-custom" aria-pressed=${r.preset === 'custom' ? 'true' : 'false'} @click=${() => r.custom()}>${s.customRange}</button>
    </div>
    ${
      r.preset === 'custom'
        ? html`<form class="custom-range" @submit=${(e: SubmitEvent) => {
            e.preventDefault();
            const data = new FormData(e.target as HTMLFormElement);
            r.chooseDays(String(data.get('from')), String(data.get('to')), format(s.reportBadRange, { days: '366' }));
          }}>
            <label>${s.rangeFrom} <input type="date" name="from" required .value=${r.from}></label>
            <label>${s.rangeTo} <input type="date" name="to" required .value=${r.to}></label>
            <button type="submit" class="primary">${s.showRange}</button>
          </form>`
        : nothing
    }`;
}

export function reportsView(m: ReportsModel) {
  const s = m.strings;
  const r = m.reports;
  const report = r.report;
  return html`
    <main class="reports" part="reports" data-range=${report ? `${report.from}/${report.to}` : ''} @keydown=${(e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented && !(e.target as HTMLElement).matches('input')) m.back();
    }}>
      <div class="reports-inner">
        <header class="settings-head">
          <button class="ghost back-to-inbox" @click=${() => m.back()}>${icon(ICON_BACK, 16)}<span>${s.backToInbox}</span></button>
          <h2 tabindex="-1">${s.reportsTitle}</h2>
          ${report ? html`<p class="help">${format(s.reportsLead, { timeZone: report.timeZone })}</p>` : nothing}
        </header>
        <div class="report-controls">
          ${rangePicker(m)}
          <button class="secondary download-csv" ?disabled=${!report} @click=${() => r.download(s.reportRemovedAgent)}>${icon(ICON_DOWNLOAD, 16)}<span>${s.downloadCsv}</span></button>
        </div>
        ${r.error ? html`<p class="report-error" role="alert">${r.error}</p>` : nothing}
        ${r.loading ? html`<p class="muted" role="status">${s.reportsLoading}</p>` : nothing}
        ${
          report && !r.error
            ? html`
              <section class="card"><h3>${s.reportTeamAndAgents}</h3>${summaryTable(s, report)}</section>
              <section class="card"><h3>${s.reportPerDay}</h3>${perDay(s, report)}</section>
              <section class="card"><h3>${s.reportPerHour}</h3>${perHour(s, report)}</section>
            `
            : nothing
        }
      </div>
    </main>
  `;
}

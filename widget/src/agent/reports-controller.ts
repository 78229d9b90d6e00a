import type { ServerEvent } from '@support-chat/backend/protocol';
import { addDays, daysBetween, MAX_REPORT_DAYS, type Report } from '@support-chat/backend/protocol/reports';
import { localDayHour } from '@support-chat/backend/protocol/schedule';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ServerError } from '../client/chat-client.ts';
import { downloadText } from '../shared/transcript.ts';
import { reportCsv } from './report-csv.ts';
import type { SendFrame, ServerListener } from './server-listener.ts';

/** The ranges offered in one click: the last so many days, today included. */
export const PRESETS = [7, 30, 90] as const;
export type RangePreset = (typeof PRESETS)[number] | 'custom';

export interface ReportsOptions {
  send: SendFrame;
  /** Whether the reports screen shows: each time it comes up, the chosen range is asked for again. */
  shown(): boolean;
  /** The team's time zone, which the days are in; undefined until the team is known. */
  timeZone(): string | undefined;
  now(): number;
}

/**
 * The reports screen's state: the range chosen (the last 7, 30 or 90 days in the team's
 * time zone, or two days picked), the report the server answered for it, and its refusal.
 */
export class ReportsController implements ReactiveController, ServerListener {
  preset: RangePreset = 7;
  from = '';
  to = '';
  report: Report | undefined;
  loading = false;
  /** A refusal (the server's sentence), or a range this console would not ask for. */
  error: string | undefined;
  readonly #host: ReactiveControllerHost & { renderRoot: ParentNode };
  readonly #options: ReportsOptions;

  constructor(host: ReactiveControllerHost & { renderRoot: ParentNode }, options: ReportsOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  #wasShown = false;

  hostConnected(): void {}

  hostUpdate(): void {
    const shown = this.#options.shown();
    if (shown && !this.#wasShown) this.open();
    this.#wasShown = shown;
  }

  /** Connected (again): the figures shown are asked for afresh. */
  connected(): void {
    if (this.#options.shown()) this.open();
  }

  /** The screen opened: the range chosen before, else the last 7 days. */
  open(): void {
    if (this.from) this.#load();
    else this.choose(7);
  }

  /** The last `days` days, today (in the team's time zone) included. */
  choose(days: (typeof PRESETS)[number]): void {
    const zone = this.#options.timeZone() ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
    this.to = localDayHour(zone, this.#options.now()).day;
    this.from = addDays(this.to, -(days - 1));
    this.preset = days;
    this.#load();
  }

  /** Two days picked; `badRange`: the sentence for a range the server would refuse. */
  chooseDays(from: string, to: string, badRange: string): void {
    this.preset = 'custom';
    this.from = from;
    this.to = to;
    const days = daysBetween(from, to);
    if (days === undefined || days < 1 || days > MAX_REPORT_DAYS) {
      this.error = badRange;
      this.report = undefined;
      this.#host.requestUpdate();
      return;
    }
    this.#load();
  }

  /** Switches to picking days, starting from the range shown. */
  custom(): void {
    this.preset = 'custom';
    this.#host.requestUpdate();
  }

  /** Saves the report shown as a CSV file. */
  download(removedAgent: string): void {
    if (!this.report) return;
    const { from, to } = this.report;
    downloadText(this.#host.renderRoot, `report-${from}-to-${to}.csv`, reportCsv(this.report, removedAgent), 'text/csv');
  }

  event(event: ServerEvent): void {
    // An answer for a range no longer chosen is stale.
    if (event.type !== 'report' || event.report.from !== this.from || event.report.to !== this.to) return;
    this.report = event.report;
    this.loading = false;
    this.#host.requestUpdate();
  }

  refused(error: ServerError): boolean {
    if (error.action !== 'report') return false;
    this.error = error.message;
    this.loading = false;
    this.#host.requestUpdate();
    return true;
  }

  reset(): void {
    this.report = undefined;
    this.error = undefined;
    this.loading = false;
    this.from = '';
    this.to = '';
    this.preset = 7;
  }

  #load(): void {
    this.error = undefined;
    this.loading = this.#options.send({ action: 'report', from: this.from, to: this.to });
    this.#host.requestUpdate();
  }
}

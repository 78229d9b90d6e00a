import type { ClientFrame, Language, LocalizedText, OpeningSpan, ServerEvent, TeamSettings, Weekday } from '@support-chat/backend/protocol';
import { clockMinutes, isTimeZone } from '@support-chat/backend/protocol/schedule';
import type { ReactiveControllerHost } from 'lit';
import type { ServerError } from '../client/chat-client.ts';
import type { ServerListener } from './server-listener.ts';

/** A language tab of the messages: one of the widget's languages, or the text for every other. */
export type TextLanguage = Language | 'default';
export type SaveState = 'idle' | 'saving' | 'saved' | 'error' | 'offline';

/** What a field that the console checks itself says is wrong with it. */
export type FieldProblem = 'timeZone' | 'spanOrder' | 'retentionDays';

const clone = <T>(value: T): T => structuredClone(value);

/** Structural equality of two JSON values, whatever order their keys come in. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/** Texts trimmed and empty ones left out: an empty text would hide the Default and English ones behind it. */
function tidyText(text: LocalizedText): LocalizedText {
  return Object.fromEntries(Object.entries(text).flatMap(([lang, value]) => (value?.trim() ? [[lang, value.trim()]] : [])));
}

/** The settings as the server keeps them (it trims texts), openings and holidays in order, closed days left out. */
export function tidySettings(settings: TeamSettings): TeamSettings {
  const weekly = Object.fromEntries(
    Object.entries(settings.hours.weekly).flatMap(([day, spans]) =>
      spans?.length ? [[day, [...spans].sort((a, b) => clockMinutes(a.from) - clockMinutes(b.from))]] : [],
    ),
  );
  return {
    ...settings,
    name: settings.name.trim(),
    hours: { timeZone: settings.hours.timeZone.trim(), weekly, holidays: [...new Set(settings.hours.holidays)].sort() },
    greeting: tidyText(settings.greeting),
    awayMessage: tidyText(settings.awayMessage),
    replyTime: settings.replyTime.mode === 'fixed' ? { mode: 'fixed', text: tidyText(settings.replyTime.text) } : { mode: 'measured' },
  };
}

/**
 * The team-settings editor's state: a draft of the whole TeamSettings, saved with
 * `updateSettings`. The server answers a save by sending the new settings to everyone, this
 * console included; that is how a save is known to have worked. Settings another admin
 * saved replace an untouched draft at once; a draft with changes keeps them and says so.
 */
export class SettingsFormController implements ServerListener {
  /** What the editor shows; undefined until the team's settings are known. */
  draft: TeamSettings | undefined;
  state: SaveState = 'idle';
  /** The server's sentence, when it refused a save. */
  error: string | undefined;
  /** Another admin saved while this draft had changes. */
  changedElsewhere = false;
  language: TextLanguage = 'en';
  /** The deployment's retention period: the longest the team's may be (from the team status). */
  deploymentRetentionDays: number | undefined;
  /** The settings the draft started from (the server's latest, unless another admin saved since). */
  #base: TeamSettings | undefined;
  /** The server's latest. */
  #latest: TeamSettings | undefined;
  #sent: TeamSettings | undefined;
  readonly #host: ReactiveControllerHost;
  readonly #send: (frame: ClientFrame) => boolean;

  constructor(host: ReactiveControllerHost, send: (frame: ClientFrame) => boolean) {
    this.#host = host;
    this.#send = send;
  }

  /** Whether the draft differs from what it started from. */
  get dirty(): boolean {
    return this.draft !== undefined && this.#base !== undefined && !sameJson(tidySettings(this.draft), tidySettings(this.#base));
  }

  /** The fields the console itself finds wrong: the server checks everything else. */
  get problems(): Set<FieldProblem> {
    const problems = new Set<FieldProblem>();
    const draft = this.draft;
    if (!draft) return problems;
    if (!isTimeZone(draft.hours.timeZone.trim())) problems.add('timeZone');
    const spans = Object.values(draft.hours.weekly).flat() as OpeningSpan[];
    if (spans.some((span) => clockMinutes(span.from) >= clockMinutes(span.to))) problems.add('spanOrder');
    const days = draft.retentionDays;
    if (days !== undefined && !(Number.isInteger(days) && days >= 1 && days <= (this.deploymentRetentionDays ?? days))) {
      problems.add('retentionDays');
    }
    return problems;
  }

  event(event: ServerEvent): void {
    if (event.type !== 'team') return;
    this.deploymentRetentionDays = event.status.deploymentRetentionDays;
    this.received(event.status.settings);
  }

  /** The team's settings, from any `team` event. */
  received(settings: TeamSettings): void {
    const ours = this.state === 'saving' && this.#sent && (sameJson(settings, this.#sent) || !sameJson(settings, this.#base));
    this.#latest = settings;
    if (ours) {
      this.state = 'saved';
      this.#sent = undefined;
      this.#reset(settings);
    } else if (!this.draft || !this.dirty) {
      this.#reset(settings);
    } else if (!sameJson(settings, this.#base)) {
      this.changedElsewhere = true;
    }
    this.#host.requestUpdate();
  }

  /** A refused save: the server's sentence names the field (answers true: the editor shows it). */
  refused(error: ServerError): boolean {
    if (error.action !== 'updateSettings') return false;
    this.state = 'error';
    this.error = error.message;
    this.#sent = undefined;
    this.#host.requestUpdate();
    return true;
  }

  /** Changes the draft; a "saved" or an error gives way to the change. */
  edit(change: (draft: TeamSettings) => void): void {
    if (!this.draft) return;
    change(this.draft);
    if (this.state !== 'saving') this.state = 'idle';
    this.#host.requestUpdate();
  }

  /** Changes a day's openings, from what they are at the time (two changes before a render both count). */
  editSpans(day: Weekday, change: (spans: OpeningSpan[]) => OpeningSpan[]): void {
    this.edit((draft) => {
      draft.hours.weekly = { ...draft.hours.weekly, [day]: change(draft.hours.weekly[day] ?? []) };
    });
  }

  editHolidays(change: (holidays: string[]) => string[]): void {
    this.edit((draft) => {
      draft.hours.holidays = change(draft.hours.holidays);
    });
  }

  /** Monday's openings on Tuesday to Friday too. */
  copyMondayToWeekdays(): void {
    const monday = this.draft?.hours.weekly.mon ?? [];
    this.edit((draft) => {
      for (const day of ['tue', 'wed', 'thu', 'fri'] as const) draft.hours.weekly[day] = clone(monday);
    });
  }

  setText(field: 'greeting' | 'awayMessage' | 'replyTime', value: string): void {
    this.edit((draft) => {
      if (field === 'replyTime') {
        if (draft.replyTime.mode === 'fixed') draft.replyTime.text[this.language] = value;
      } else {
        draft[field][this.language] = value;
      }
    });
  }

  /** The team's retention as typed: empty is the deployment's period (the setting left out). */
  setRetentionDays(value: string): void {
    this.edit((draft) => {
      if (value.trim() === '') delete draft.retentionDays;
      else draft.retentionDays = Number(value);
    });
  }

  selectLanguage(language: TextLanguage): void {
    this.language = language;
    this.#host.requestUpdate();
  }

  /** Sends the whole draft; the settings coming back say it is saved. */
  save(): void {
    if (!this.draft || this.state === 'saving' || this.problems.size > 0) return;
    const settings = tidySettings(this.draft);
    if (!this.#send({ action: 'updateSettings', settings })) {
      this.state = 'offline';
    } else {
      this.state = 'saving';
      this.error = undefined;
      this.#sent = settings;
    }
    this.#host.requestUpdate();
  }

  /** Back to the server's latest settings, dropping the draft's changes. */
  discard(): void {
    if (this.#latest) this.#reset(this.#latest);
    this.state = 'idle';
    this.#host.requestUpdate();
  }

  /** Signed out: nothing known. */
  reset(): void {
    this.draft = this.#base = this.#latest = this.#sent = undefined;
    this.state = 'idle';
    this.error = undefined;
    this.changedElsewhere = false;
  }

  #reset(settings: TeamSettings): void {
    this.#base = settings;
    this.draft = clone(settings);
    this.changedElsewhere = false;
    this.error = undefined;
  }
}

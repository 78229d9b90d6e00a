import type { AfterHours, LocalizedText, TeamSettings, TeamStatus } from '@support-chat/backend/protocol';
import { MAX_NAME_LENGTH, MAX_RETENTION_DAYS, MAX_TEAM_TEXT_LENGTH } from '@support-chat/backend/protocol/limits';
import { LANGUAGES, replyTimePhrase } from '@support-chat/backend/protocol/team';
import { html, nothing, type TemplateResult } from 'lit';
import { format } from '../../shared/format.ts';
import { ICON_BACK, ICON_CHECK, ICON_WARN, icon } from '../../shared/icons.ts';
import type { SettingsPage } from '../hash-route-controller.ts';
import type { SettingsFormController, TextLanguage } from '../settings-form-controller.ts';
import type { SupportAgentConsoleStrings } from '../strings.ts';
import { holidaysSection, hoursSection } from './hours.ts';

/** What the team-settings pages show, and where they go back to. */
export interface SettingsModel {
  strings: SupportAgentConsoleStrings;
  form: SettingsFormController;
  /** The team's status as the server last sent it (the measured reply time, whether email can go out). */
  status: TeamStatus | undefined;
  now: number;
  page: SettingsPage;
  /** The saved replies' and the agents' pages, rendered by their own views. */
  replies: () => TemplateResult;
  agents: () => TemplateResult;
  privacy: () => TemplateResult;
  selectPage(page: SettingsPage): void;
  back(): void;
}

export const TEXT_LANGUAGES: TextLanguage[] = [...LANGUAGES, 'default'];

export const languageName = (s: SupportAgentConsoleStrings, lang: TextLanguage) =>
  ({ en: s.langEn, de: s.langDe, es: s.langEs, fr: s.langFr, default: s.langDefault })[lang];

/** The time zones to choose from (all this browser knows, where it can list them). */
let zones: string[] | undefined;
const timeZones = () => (zones ??= typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []);

/** "2:05 PM" or "14:05" (as the agent's locale has it) in a time zone, or nothing for one the browser does not know. */
function timeIn(timeZone: string, now: number): string | undefined {
  try {
    return new Intl.DateTimeFormat(undefined, { timeZone, hour: 'numeric', minute: '2-digit' }).format(now);
  } catch {
    return undefined;
  }
}

/** What an empty text means for a visitor of that language: another language's text, or none. */
function fallback(s: SupportAgentConsoleStrings, text: LocalizedText, lang: TextLanguage, none: string): string {
  const other = lang !== 'default' && text.default?.trim() ? 'default' : lang !== 'en' && text.en?.trim() ? 'en' : undefined;
  return other ? format(s.fallsBack, { fallback: languageName(s, other) }) : none;
}

/** The weekday a refusal's sentence names ("settings.hours.weekly.mon: ..."), if any. */
const refusedDay = (error: string | undefined) => /weekly\.(\w{3})\b/.exec(error ?? '')?.[1];

export function settingsView(m: SettingsModel) {
  const s = m.strings;
  const form = m.form;
  const draft = form.draft;
  const team = m.page === 'team';
  const pages: [SettingsPage, string][] = [
    ['team', s.pageTeam],
    ['replies', s.pageReplies],
    ['agents', s.pageAgents],
    ['privacy', s.pagePrivacy],
  ];
  return html`
    <main class="settings" part="settings" @keydown=${(e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented && !(e.target as HTMLElement).matches('select')) m.back();
    }}>
      <div class="settings-inner">
        <header class="settings-head">
          <button class="ghost back-to-inbox" @click=${() => m.back()}>${icon(ICON_BACK, 16)}<span>${s.backToInbox}</span></button>
          <h2 tabindex="-1">${s.settingsTitle}</h2>
          ${team ? html`<p class="help">${s.settingsLead}</p>` : nothing}
          <nav class="settings-nav" aria-label=${s.settingsPages}>
            ${pages.map(
              ([page, label]) =>
                html`<button class="settings-page-${page}" aria-current=${m.page === page ? 'page' : 'false'} @click=${() => m.selectPage(page)}>${label}</button>`,
            )}
          </nav>
        </header>
        ${!team ? otherPage(m) : draft ? sections(m, draft) : html`<p class="muted">${s.settingsLoading}</p>`}
      </div>
      ${team && draft ? saveBar(m) : nothing}
    </main>
  `;
}

function otherPage(m: SettingsModel) {
  return m.page === 'replies' ? m.replies() : m.page === 'privacy' ? m.privacy() : m.agents();
}

function sections(m: SettingsModel, draft: TeamSettings) {
  const s = m.strings;
  const form = m.form;
  const zoneProblem = form.problems.has('timeZone');
  const teamTime = timeIn(draft.hours.timeZone, m.now);
  return html`
    ${
      form.changedElsewhere
        ? html`<div class="notice warn" role="alert">${icon(ICON_WARN, 16)}<span>${s.changedElsewhere}</span>
          <button class="link" @click=${() => form.discard()}>${s.loadTheirs}</button></div>`
        : nothing
    }
    <section class="card" aria-labelledby="settings-team">
      <h3 id="settings-team">${s.sectionTeam}</h3>
      <div class="fields">
        <label class="field">
          <span>${s.teamName}</span>
          <input name="name" required maxlength=${MAX_NAME_LENGTH} .value=${draft.name} @input=${(e: Event) =>
            form.edit((d) => (d.name = (e.target as HTMLInputElement).value))} />
          <small class="help">${s.teamNameHelp}</small>
        </label>
        <label class="field">
          <span>${s.timeZone}</span>
          <input name="timeZone" list="time-zones" autocomplete="off" spellcheck="false" .value=${draft.hours.timeZone}
            aria-invalid=${zoneProblem ? 'true' : 'false'} aria-describedby="time-zone-help"
            @input=${(e: Event) => form.edit((d) => (d.hours.timeZone = (e.target as HTMLInputElement).value))} />
          <datalist id="time-zones">${timeZones().map((zone) => html`<option value=${zone}></option>`)}</datalist>
          <small class="help ${zoneProblem ? 'field-error' : ''}" id="time-zone-help">${
            zoneProblem ? s.timeZoneInvalid : format(s.timeZoneHelp, { time: teamTime ?? '' })
          }</small>
        </label>
      </div>
    </section>
    ${hoursSection(hoursModel(m, draft))}
    ${holidaysSection(hoursModel(m, draft))}
    ${replyTimeSection(m, draft)}
    ${messagesSection(m, draft)}
    ${afterHoursSection(m, draft)}
    ${retentionSection(m, draft)}
  `;
}

const hoursModel = (m: SettingsModel, settings: TeamSettings) => ({
  strings: m.strings,
  settings,
  refusedDay: m.form.state === 'error' ? refusedDay(m.form.error) : undefined,
  editSpans: m.form.editSpans.bind(m.form),
  copyMondayToWeekdays: () => m.form.copyMondayToWeekdays(),
  editHolidays: m.form.editHolidays.bind(m.form),
});

function replyTimeSection(m: SettingsModel, draft: TeamSettings) {
  const s = m.strings;
  const form = m.form;
  const measuredSaved = m.status?.settings.replyTime.mode === 'measured';
  const minutes = m.status?.replyMinutes;
  const measuredNow = !measuredSaved
    ? s.replyMeasuredLater
    : minutes === undefined
      ? s.replyNotEnough
      : format(s.replyMeasuredNow, { phrase: phrase(s, minutes) });
  const choose = (fixed: boolean) =>
    form.edit((d) => {
      d.replyTime = fixed ? { mode: 'fixed', text: d.replyTime.mode === 'fixed' ? d.replyTime.text : {} } : { mode: 'measured' };
    });
  return html`
    <fieldset class="card choices">
      <legend><h3>${s.sectionReplyTime}</h3></legend>
      <p class="help">${s.replyTimeHelp}</p>
      <label class="choice">
        <input type="radio" name="replyTime" value="measured" .checked=${draft.replyTime.mode === 'measured'} @change=${() => choose(false)} />
        <span><strong>${s.replyMeasured}</strong><small>${s.replyMeasuredHelp} <span class="measured-now">${measuredNow}</span></small></span>
      </label>
      <label class="choice">
        <input type="radio" name="replyTime" value="fixed" .checked=${draft.replyTime.mode === 'fixed'} @change=${() => choose(true)} />
        <span><strong>${s.replyFixed}</strong><small>${s.replyFixedHelp}</small></span>
      </label>
    </fieldset>
  `;
}

function phrase(s: SupportAgentConsoleStrings, minutes: number): string {
  const key = replyTimePhrase(minutes);
  return {
    fewMinutes: s.replyFewMinutes,
    fiveMinutes: s.replyFiveMinutes,
    tenMinutes: s.replyTenMinutes,
    fifteenMinutes: s.replyFifteenMinutes,
    thirtyMinutes: s.replyThirtyMinutes,
    underAnHour: s.replyUnderAnHour,
    fewHours: s.replyFewHours,
    day: s.replyDay,
  }[key];
}

function messagesSection(m: SettingsModel, draft: TeamSettings) {
  const s = m.strings;
  const form = m.form;
  const lang = form.language;
  const noAwayAtAll = !Object.values(draft.awayMessage).some((text) => text?.trim());
  const textarea = (field: 'greeting' | 'awayMessage', label: string, help: string, none: string) => {
    const value = draft[field][lang] ?? '';
    return html`
      <label class="field">
        <span>${label}</span>
        <textarea name=${field} rows="3" maxlength=${MAX_TEAM_TEXT_LENGTH} .value=${value}
          @input=${(e: Event) => form.setText(field, (e.target as HTMLTextAreaElement).value)}></textarea>
        <small class="help">${help} ${value.trim() ? nothing : html`<strong class="empty-note">${field === 'awayMessage' && noAwayAtAll ? s.awayMessageNone : fallback(s, draft[field], lang, none)}</strong>`}</small>
      </label>
    `;
  };
  const fixed = draft.replyTime.mode === 'fixed' ? draft.replyTime.text : undefined;
  const onTabKey = (e: KeyboardEvent) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    e.preventDefault();
    const next = TEXT_LANGUAGES[(TEXT_LANGUAGES.indexOf(lang) + step + TEXT_LANGUAGES.length) % TEXT_LANGUAGES.length]!;
    form.selectLanguage(next);
    const list = (e.currentTarget as HTMLElement).closest('[role="tablist"]');
    void Promise.resolve().then(() => list?.querySelector<HTMLElement>(`#lang-${next}`)?.focus());
  };
  return html`
    <section class="card" aria-labelledby="settings-messages">
      <h3 id="settings-messages">${s.sectionMessages}</h3>
      <p class="help">${s.messagesHelp}</p>
      <div class="lang-tabs" role="tablist" aria-label=${s.languages}>
        ${TEXT_LANGUAGES.map((l) => {
          const filled = [draft.greeting[l], draft.awayMessage[l], fixed?.[l]].some((t) => t?.trim());
          return html`<button role="tab" id="lang-${l}" aria-selected=${l === lang ? 'true' : 'false'} aria-controls="lang-panel"
            tabindex=${l === lang ? 0 : -1} @click=${() => form.selectLanguage(l)} @keydown=${onTabKey}>
            ${languageName(s, l)}${filled ? html`<i class="filled" aria-hidden="true"></i>` : nothing}
          </button>`;
        })}
      </div>
      <div class="fields" id="lang-panel" role="tabpanel" aria-labelledby="lang-${lang}">
        ${textarea('greeting', s.greeting, s.greetingHelp, s.greetingNone)}
        ${textarea('awayMessage', s.awayMessage, s.awayMessageHelp, s.awayNone)}
        ${
          fixed
            ? html`<label class="field">
              <span>${s.replyFixedText}</span>
              <input name="replyTimeText" maxlength=${MAX_TEAM_TEXT_LENGTH} .value=${fixed[lang] ?? ''}
                @input=${(e: Event) => form.setText('replyTime', (e.target as HTMLInputElement).value)} />
              ${fixed[lang]?.trim() ? nothing : html`<small class="help"><strong class="empty-note">${fallback(s, fixed, lang, s.replyFixedNone)}</strong></small>`}
            </label>`
            : nothing
        }
      </div>
    </section>
  `;
}

function afterHoursSection(m: SettingsModel, draft: TeamSettings) {
  const s = m.strings;
  const choices: [AfterHours, string, string][] = [
    ['ask-email', s.afterAskEmail, s.afterAskEmailHelp],
    ['require-email', s.afterRequireEmail, s.afterRequireEmailHelp],
    ['hide', s.afterHide, s.afterHideHelp],
  ];
  return html`
    <fieldset class="card choices">
      <legend><h3>${s.sectionAfterHours}</h3></legend>
      ${m.status && !m.status.emailReplies ? html`<p class="help">${s.noEmail}</p>` : nothing}
      ${choices.map(
        ([value, label, help]) => html`<label class="choice">
          <input type="radio" name="afterHours" value=${value} .checked=${draft.afterHours === value}
            @change=${() => m.form.edit((d) => (d.afterHours = value))} />
          <span><strong>${label}</strong><small>${help}</small></span>
        </label>`,
      )}
    </fieldset>
  `;
}

function retentionSection(m: SettingsModel, draft: TeamSettings) {
  const s = m.strings;
  const most = m.form.deploymentRetentionDays ?? MAX_RETENTION_DAYS;
  const problem = m.form.problems.has('retentionDays');
  return html`
    <section class="card" aria-labelledby="settings-retention">
      <h3 id="settings-retention">${s.sectionRetention}</h3>
      <div class="fields">
        <label class="field">
          <span>${s.retentionDays}</span>
          <input name="retentionDays" type="number" inputmode="numeric" min="1" max=${most} step="1" placeholder=${most}
            .value=${draft.retentionDays === undefined || Number.isNaN(draft.retentionDays) ? '' : String(draft.retentionDays)}
            aria-invalid=${problem ? 'true' : 'false'} aria-describedby="retention-help"
            @input=${(e: Event) => m.form.setRetentionDays((e.target as HTMLInputElement).value)} />
          <small class="help ${problem ? 'field-error' : ''}" id="retention-help">${format(problem ? s.retentionInvalid : s.retentionHelp, { days: String(most) })}</small>
        </label>
      </div>
    </section>
  `;
}

/** Save and discard, and what became of the last save. */
function saveBar(m: SettingsModel) {
  const s = m.strings;
  const form = m.form;
  const dirty = form.dirty;
  const state = form.state;
  const message =
    state === 'saving'
      ? s.saving
      : state === 'saved'
        ? html`${icon(ICON_CHECK, 16)}${s.saved}`
        : state === 'error'
          ? format(s.saveFailed, { message: form.error ?? '' })
          : state === 'offline'
            ? s.saveOffline
            : dirty
              ? s.unsaved
              : '';
  const failed = state === 'error' || state === 'offline';
  return html`
    <div class="save-bar">
      <p class="save-state ${state}" role="status">${failed ? nothing : message}</p>
      ${failed ? html`<p class="save-state error" role="alert">${message}</p>` : nothing}
      <span class="spacer"></span>
      <button class="ghost" ?disabled=${!dirty || state === 'saving'} @click=${() => form.discard()}>${s.discardChanges}</button>
      <button class="primary save" ?disabled=${!dirty || state === 'saving' || form.problems.size > 0} @click=${() => form.save()}>
        ${state === 'saving' ? s.saving : s.save}
      </button>
    </div>
  `;
}

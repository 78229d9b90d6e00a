import type { TeamSettings, Weekday } from '@support-chat/backend/protocol';
import { WEEKDAYS } from '@support-chat/backend/protocol/schedule';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import { deepEqual, equal, includes, match, ok } from '../../test/assert.ts';
import { axeViolations } from '../../test/axe.ts';
import { removeConsoles } from '../../test/console.ts';
import { asAdmin, createUser, DEMO_AGENT, heardTeam, uniqueEmail, Visitor, waitUntil } from '../../test/helpers.ts';
import './define.ts';
import type { SupportAgentConsole } from './support-agent-console.ts';

const visitors: Visitor[] = [];

async function mount(): Promise<SupportAgentConsole> {
  const el = document.createElement('support-agent-console');
  el.setAttribute('config', '/config.json');
  el.style.height = '800px';
  document.body.append(el);
  await el.updateComplete;
  return el;
}

const $ = <E extends Element = HTMLElement>(el: SupportAgentConsole, selector: string) => el.shadowRoot!.querySelector<E>(selector);
const $$ = <E extends Element = HTMLElement>(el: SupportAgentConsole, selector: string) => [
  ...el.shadowRoot!.querySelectorAll<E>(selector),
];
const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const statusSwitch = (el: SupportAgentConsole) => $<HTMLButtonElement>(el, '[role="switch"]');

/** Signs in and waits until the server has said what the agent's switch is. */
async function signedIn(email: string = DEMO_AGENT.email, password: string = DEMO_AGENT.password): Promise<SupportAgentConsole> {
  const el = await mount();
  const form = await waitUntil(() => $<HTMLFormElement>(el, 'form.gate-form'), 'the sign-in form');
  form.querySelector<HTMLInputElement>('input[name="email"]')!.value = email;
  form.querySelector<HTMLInputElement>('input[name="password"]')!.value = password;
  form.requestSubmit();
  await waitUntil(() => statusSwitch(el) && !statusSwitch(el)!.disabled, 'the switch, as the server keeps it');
  return el;
}

async function visitor(): Promise<Visitor> {
  const v = await Visitor.connect();
  visitors.push(v);
  return v;
}

/** Opens the team settings from the top bar and waits for the form. */
async function openSettings(el: SupportAgentConsole): Promise<void> {
  $<HTMLButtonElement>(el, '.settings-entry')!.click();
  await waitUntil(() => $(el, '.settings input[name="name"]'), 'the settings form');
}

/** Picks a value in a select or types one in a field, as a person does. */
function choose(field: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | null, value: string): void {
  if (!field) throw new Error('no such field');
  field.value = value;
  field.dispatchEvent(new Event(field instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true, composed: true }));
}

const saveButton = (el: SupportAgentConsole) => $<HTMLButtonElement>(el, '.save-bar .save')!;
const dayRow = (el: SupportAgentConsole, day: string) => $(el, `.day-row[data-day="${day}"]`)!;

/** Saves the team's settings as an admin. */
const saveSettings = (settings: TeamSettings) => asAdmin({ action: 'updateSettings', settings }, 'team');

describe('<support-agent-console>: the team', () => {
  /** The test stack's settings, as they were before these tests. */
  let defaults: TeamSettings;

  before(async () => {
    await setViewport({ width: 1440, height: 900 });
    const team = await asAdmin({ action: 'getTeam' }, 'team');
    if (team.type !== 'team') throw new Error(`getTeam: ${JSON.stringify(team)}`);
    defaults = team.status.settings;
  });
  beforeEach(() => {
    localStorage.clear();
    history.replaceState(null, '', location.pathname + location.search);
  });
  afterEach(async () => {
    // Signed out, not only removed: the session left in storage would sign the next file's
    // first console in unasked (the test pages share one origin, so one localStorage).
    await removeConsoles();
    for (const v of visitors.splice(0)) await v.close();
    // The shared stack as the other tests expect it: the defaults (around the clock, no away message).
    await saveSettings(defaults);
    history.replaceState(null, '', location.pathname + location.search);
    await emulateMedia({ colorScheme: 'light' });
  });

  describe('the Available/Away switch', () => {
    it('is in the top bar, survives a reload, and visitors hear when the only agent goes away', async () => {
      // An agent of their own, the only one connected: their switch is theirs to flip.
      const email = uniqueEmail('switch.agent');
      await createUser({ email, password: 'Switch-Agent-Passw0rd!', agent: true });
      const v = await visitor();
      let el = await signedIn(email, 'Switch-Agent-Passw0rd!');
      const sw = statusSwitch(el)!;
      equal(sw.getAttribute('aria-checked'), 'true', 'available at first');
      equal(text(sw), 'Available', 'label');
      await waitUntil(() => text($(el, '.team-line')) === 'Team online', 'the team line');

      await heardTeam(v, true);
      const before = (await v.events()).length;
      sw.click();
      await waitUntil(() => statusSwitch(el)!.getAttribute('aria-checked') === 'false', 'the switch off');
      equal(text(statusSwitch(el)), 'Away', 'label');
      const team = await heardTeam(v, false, before);
      equal(team.status.agents.available, false, 'the visitor hears nobody is available');
      await waitUntil(() => text($(el, '.team-line')) === 'Team away', 'the team line follows');

      // A reload: the session comes back from storage, and the server still has the switch off.
      el.remove();
      el = await mount();
      await waitUntil(() => statusSwitch(el) && !statusSwitch(el)!.disabled, 'the switch after the reload');
      equal(statusSwitch(el)!.getAttribute('aria-checked'), 'false', 'still away after a reload');

      const from = (await v.events()).length;
      statusSwitch(el)!.click();
      await waitUntil(() => statusSwitch(el)!.getAttribute('aria-checked') === 'true', 'the switch on');
      await heardTeam(v, true, from);
    });

    it('shows at every width', async () => {
      const el = await signedIn();
      try {
        for (const width of [1440, 900, 390]) {
          await setViewport({ width, height: 800 });
          await waitUntil(
            () => el.shadowRoot!.querySelector(`.layout-${width > 1180 ? 'wide' : width > 720 ? 'medium' : 'narrow'}`),
            'the layout',
          );
          await el.updateComplete;
          const bar = $(el, '.topbar')!;
          const box = statusSwitch(el)!.getBoundingClientRect();
          ok(box.width > 0 && box.right <= width, `the switch within the bar at ${width}px (right edge ${box.right})`);
          ok(bar.scrollWidth <= bar.clientWidth, `nothing cut off at ${width}px (${bar.scrollWidth} > ${bar.clientWidth})`);
        }
      } finally {
        await setViewport({ width: 1440, height: 900 });
      }
    });
  });

  describe('team settings', () => {
    it('has no entry for an agent who is not an admin, even at #settings', async () => {
      const email = uniqueEmail('not.admin');
      await createUser({ email, password: 'Plain-Agent-Passw0rd!', agent: true });
      const el = await signedIn(email, 'Plain-Agent-Passw0rd!');
      equal($(el, '.settings-entry'), null, 'no entry in the top bar');
      location.hash = '#settings';
      await waitUntil(() => location.hash === '#settings', 'the address');
      await el.updateComplete;
      equal($(el, '.settings'), null, 'no settings page');
      ok($(el, 'nav.inbox'), 'the inbox instead');
    });

    it('edits and saves the hours, a holiday, a greeting and an away message; Escape returns to the inbox', async () => {
      const el = await signedIn();
      await openSettings(el);
      equal(location.hash, '#settings', 'in the address');
      equal(el.shadowRoot!.activeElement, $(el, '.settings h2'), 'focus on the heading');
      ok(saveButton(el).disabled, 'nothing to save yet');

      // Monday: 09:00 to 12:00, then 13:00 to 17:30.
      for (const button of $$<HTMLButtonElement>(el, '.day-row[data-day="mon"] .icon')) button.click();
      await el.updateComplete;
      includes(text(dayRow(el, 'mon')), 'Closed', 'Monday closed');
      $<HTMLButtonElement>(el, '.day-row[data-day="mon"] .add-span')!.click();
      await el.updateComplete;
      choose(dayRow(el, 'mon').querySelectorAll('select')[1]!, '12:00');
      await el.updateComplete;
      $<HTMLButtonElement>(el, '.day-row[data-day="mon"] .add-span')!.click();
      await el.updateComplete;
      const selects = dayRow(el, 'mon').querySelectorAll('select');
      choose(selects[2]!, '13:00');
      choose(selects[3]!, '17:30');
      await el.updateComplete;
      // Sunday closed.
      for (const button of dayRow(el, 'sun').querySelectorAll<HTMLButtonElement>('.icon')) button.click();
      await el.updateComplete;

      const date = $<HTMLInputElement>(el, '.holiday-add input')!;
      date.value = '2030-12-25';
      date.form!.requestSubmit();
      await el.updateComplete;
      includes(text($(el, '.holidays')), 'Wed, Dec 25, 2030', 'the holiday listed');

      $<HTMLButtonElement>(el, '#lang-de')!.click();
      await el.updateComplete;
      choose($(el, 'textarea[name="greeting"]'), 'Hallo! Wie können wir helfen?');
      $<HTMLButtonElement>(el, '#lang-en')!.click();
      await el.updateComplete;
      includes(
        text($(el, 'textarea[name="awayMessage"]')?.parentElement),
        'nobody gets an automatic reply',
        'an empty away message says so',
      );
      choose($(el, 'textarea[name="awayMessage"]'), '  We are away right now; we answer first thing tomorrow.  ');
      await el.updateComplete;
      equal(text($(el, '.save-state')), 'Unsaved changes', 'unsaved');

      saveButton(el).click();
      await waitUntil(() => text($(el, '.save-state')).startsWith('Saved'), 'saved');
      const team = await asAdmin({ action: 'getTeam' }, 'team');
      if (team.type !== 'team') throw new Error('no team');
      const saved = team.status.settings;
      deepEqual(
        saved.hours.weekly.mon,
        [
          { from: '09:00', to: '12:00' },
          { from: '13:00', to: '17:30' },
        ],
        'Monday',
      );
      equal(saved.hours.weekly.sun, undefined, 'Sunday closed');
      deepEqual(saved.hours.holidays, ['2030-12-25'], 'holidays');
      equal(saved.greeting.de, 'Hallo! Wie können wir helfen?', 'German greeting');
      equal(saved.awayMessage.en, 'We are away right now; we answer first thing tomorrow.', 'away message, trimmed');
      ok(saveButton(el).disabled, 'nothing left to save');

      $<HTMLInputElement>(el, '.settings input[name="name"]')!.focus();
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !$(el, '.settings'), 'back to the inbox');
      equal(location.hash, '', 'the address as before');
      ok($(el, 'nav.inbox'), 'the inbox');
      await waitUntil(() => el.shadowRoot!.activeElement === $(el, '.settings-entry'), 'focus back on the entry');
    });

    it('shows the server’s sentence when it refuses the settings, and the console’s own checks', async () => {
      const el = await signedIn();
      await openSettings(el);
      choose($(el, 'input[name="timeZone"]'), 'Mars/Olympus_Mons');
      await el.updateComplete;
      includes(text($(el, '#time-zone-help')), 'Not a time zone', 'the console checks the time zone');
      ok(saveButton(el).disabled, 'no save with a bad time zone');
      choose($(el, 'input[name="timeZone"]'), defaults.hours.timeZone);

      // Two openings on Monday that overlap: only the server says so.
      choose(dayRow(el, 'mon').querySelectorAll('select')[1]!, '12:00');
      await el.updateComplete;
      $<HTMLButtonElement>(el, '.day-row[data-day="mon"] .add-span')!.click();
      await el.updateComplete;
      const selects = dayRow(el, 'mon').querySelectorAll('select');
      choose(selects[2]!, '11:00');
      choose(selects[3]!, '13:00');
      await el.updateComplete;
      saveButton(el).click();
      const alert = await waitUntil(() => $(el, '.save-bar [role="alert"]'), 'the refusal');
      match(text(alert), /^Not saved: settings\.hours\.weekly\.mon: must be in order, without overlaps\.$/, 'the server’s sentence');
      ok(dayRow(el, 'mon').classList.contains('refused'), 'Monday marked');
      equal($(el, '.banner'), null, 'no notice besides');
      ok(!saveButton(el).disabled, 'the draft kept, to fix');
    });

    it('follows another admin’s save: at once without changes, with a warning over unsaved ones', async () => {
      const el = await signedIn();
      await openSettings(el);
      await saveSettings({ ...defaults, name: 'Renamed elsewhere' });
      await waitUntil(() => $<HTMLInputElement>(el, 'input[name="name"]')!.value === 'Renamed elsewhere', 'the new name, live');
      equal($(el, '.notice'), null, 'no warning: nothing was lost');

      choose($(el, 'textarea[name="greeting"]'), 'My own greeting');
      await el.updateComplete;
      await saveSettings({ ...defaults, name: 'Renamed again' });
      const notice = await waitUntil(() => $(el, '.notice[role="alert"]'), 'the warning');
      includes(text(notice), 'Another admin changed the settings', 'says so');
      equal($<HTMLTextAreaElement>(el, 'textarea[name="greeting"]')!.value, 'My own greeting', 'the draft kept');
      notice.querySelector<HTMLButtonElement>('button')!.click();
      await waitUntil(() => $<HTMLInputElement>(el, 'input[name="name"]')!.value === 'Renamed again', 'their changes loaded');
      equal($(el, '.notice'), null, 'the warning gone');
    });

    it('passes axe, light and dark', async () => {
      const el = await signedIn();
      await openSettings(el);
      for (const scheme of ['light', 'dark'] as const) {
        await emulateMedia({ colorScheme: scheme });
        deepEqual(await axeViolations(el), [], `axe, ${scheme}`);
      }
    });
  });

  describe('automatic replies', () => {
    it('marks them apart in the conversation and the transcript, and leaves the preview to the visitor', async () => {
      const away = 'Nobody is here right now: we answer from 09:00.';
      // Closed now: open only on the day after today, in the team's time zone.
      const { timeZone } = defaults.hours;
      const today = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short' }).format(Date.now()).toLowerCase().slice(0, 3);
      const tomorrow = WEEKDAYS[(WEEKDAYS.indexOf(today as Weekday) + 1) % 7]!;
      await saveSettings({
        ...defaults,
        hours: { timeZone, weekly: { [tomorrow]: [{ from: '09:00', to: '17:00' }] }, holidays: [] },
        awayMessage: { en: away },
      });
      const v = await visitor();
      await v.say('Hello? Anyone?');
      await v.waitFor('message', away);

      const el = await signedIn();
      const row = await waitUntil(() => $<HTMLButtonElement>(el, `.room[data-room-id="${v.roomId}"]`), 'the conversation');
      includes(text(row), 'Hello? Anyone?', 'the preview is the visitor’s');
      row.click();
      const reply = await waitUntil(() => $(el, '.msg.auto'), 'the automatic reply');
      equal(reply.getAttribute('part')?.includes('message-system'), true, 'its part');
      includes(text(reply.querySelector('.msg-head')), 'Automatic reply', 'labelled');
      equal(text(reply.querySelector('.bubble')), away, 'its text');
      ok(!reply.classList.contains('own'), 'not the agent’s own');
      includes(el.transcript(), `Automatic reply: ${away}`, 'labelled in the transcript');
    });
  });
});

import type { TeamSettings } from '@support-chat/backend/protocol';
import { emulateMedia, setViewport } from '@web/test-runner-commands';
import { deepEqual, equal, includes, ok } from '../../test/assert.ts';
import { axeViolations } from '../../test/axe.ts';
import { removeConsoles } from '../../test/console.ts';
import { asAdmin, DEMO_AGENT, waitUntil } from '../../test/helpers.ts';
import './define.ts';
import type { SupportAgentConsole } from './support-agent-console.ts';

const $ = <E extends Element = HTMLElement>(el: SupportAgentConsole, selector: string) => el.shadowRoot!.querySelector<E>(selector);
const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const field = (el: SupportAgentConsole) => $<HTMLInputElement>(el, '.settings input[name="retentionDays"]')!;
const help = (el: SupportAgentConsole) => text($(el, '#retention-help'));
const saveButton = (el: SupportAgentConsole) => $<HTMLButtonElement>(el, '.save-bar .save')!;

const storedTeam = async () => {
  const team = await asAdmin({ action: 'getTeam' }, 'team');
  if (team.type !== 'team') throw new Error(`getTeam: ${JSON.stringify(team)}`);
  return team.status;
};

/** Signs in as the demo agent (an admin) and opens the team settings. */
async function settingsOpen(): Promise<SupportAgentConsole> {
  const el = document.createElement('support-agent-console');
  el.setAttribute('config', '/config.json');
  el.style.height = '800px';
  document.body.append(el);
  const form = await waitUntil(() => $<HTMLFormElement>(el, 'form.gate-form'), 'the sign-in form');
  form.querySelector<HTMLInputElement>('input[name="email"]')!.value = DEMO_AGENT.email;
  form.querySelector<HTMLInputElement>('input[name="password"]')!.value = DEMO_AGENT.password;
  form.requestSubmit();
  const entry = await waitUntil(() => $<HTMLButtonElement>(el, '.settings-entry'), 'the settings entry');
  entry.click();
  await waitUntil(() => $(el, '.settings input[name="retentionDays"]'), 'the retention field');
  return el;
}

async function type(el: SupportAgentConsole, value: string): Promise<void> {
  field(el).value = value;
  field(el).dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

describe('<support-agent-console>: the team’s retention setting', () => {
  let defaults: TeamSettings;
  before(async () => {
    await setViewport({ width: 1440, height: 900 });
    defaults = (await storedTeam()).settings;
  });
  beforeEach(() => {
    localStorage.clear();
    history.replaceState(null, '', location.pathname + location.search);
  });
  afterEach(async () => {
    // Signed out, not only removed: the session left in storage would sign the next file's
    // first console in unasked (the test pages share one origin, so one localStorage).
    await removeConsoles();
    await asAdmin({ action: 'updateSettings', settings: defaults }, 'team');
    history.replaceState(null, '', location.pathname + location.search);
    await emulateMedia({ colorScheme: 'light' });
  });

  it("is empty for the deployment's period, refuses what the team may not set, and saves a shorter one and clears it", async () => {
    const el = await settingsOpen();
    const { deploymentRetentionDays } = await storedTeam();
    equal(field(el).value, '', 'empty: the deployment’s');
    equal(field(el).placeholder, String(deploymentRetentionDays), 'the deployment’s period as the placeholder');
    equal(field(el).max, String(deploymentRetentionDays), 'no longer than the deployment’s');
    includes(help(el), `this deployment’s ${deploymentRetentionDays} days`, 'says what empty means');

    for (const bad of ['0', String(deploymentRetentionDays + 1), '1.5']) {
      await type(el, bad);
      equal(help(el), `A whole number of days from 1 to ${deploymentRetentionDays}.`, `${bad}: says what it may be`);
      equal(field(el).getAttribute('aria-invalid'), 'true', `${bad}: marked`);
      ok(saveButton(el).disabled, `${bad}: no save`);
    }

    await type(el, '30');
    equal(field(el).getAttribute('aria-invalid'), 'false', 'a good value');
    saveButton(el).click();
    await waitUntil(() => text($(el, '.save-bar .save-state')).includes('Saved'), 'saved');
    equal((await storedTeam()).settings.retentionDays, 30, 'the server keeps 30');

    await type(el, '');
    saveButton(el).click();
    await waitUntil(async () => (await storedTeam()).settings.retentionDays === undefined, 'cleared on the server');
    equal(field(el).value, '', 'empty again');
  });

  it('shows a shorter setting another admin saved, and passes axe, light and dark, with and without a refusal', async () => {
    const el = await settingsOpen();
    await asAdmin({ action: 'updateSettings', settings: { ...defaults, retentionDays: 90 } }, 'team');
    await waitUntil(() => field(el).value === '90', 'their 90 days, live');
    for (const scheme of ['light', 'dark'] as const) {
      await emulateMedia({ colorScheme: scheme });
      $(el, '#settings-retention')!.scrollIntoView();
      deepEqual(await axeViolations(el), [], `axe, ${scheme}`);
    }
    await type(el, '0');
    deepEqual(await axeViolations(el), [], 'axe, with the refusal shown');
  });
});

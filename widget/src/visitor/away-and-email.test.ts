// <support-chat> telling the visitor what happens next (issue 13): the team's state in the
// header, the automatic away reply and the inline email field, the pre-chat choices, texts
// per language, the closed notice after a reload, the phone's modal panel, the launcher's
// offsets, the transcript by email and links back into a conversation. Against the real
// local stack; a test that changes the team's settings puts the defaults back.
import type { Message, ServerEvent, TeamSettings, TeamStatus } from '@support-chat/backend/protocol';
import { nextOpening, type WEEKDAYS } from '@support-chat/backend/protocol/schedule';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { deepEqual, equal, includes, match, ok } from '../../test/assert.ts';
import { axeViolations } from '../../test/axe.ts';
import { Agent, command, roomId, storedMessages, storedRoom, uniqueEmail, Visitor, waitUntil } from '../../test/helpers.ts';
import { $, mount } from '../../test/visitor.ts';
import { ChatClient } from '../client/chat-client.ts';
import './define.ts';
import type { SupportChat } from './support-chat.ts';

const agents: Agent[] = [];
const visitors: Visitor[] = [];

const teamJson = async () => (await (await fetch('/api/team.json', { cache: 'no-store' })).json()) as TeamStatus;

/** Waits until team.json says whether an agent is available: what a widget that has not connected reads. */
const agentsAvailable = (available: boolean) =>
  waitUntil(async () => (await teamJson()).agents.available === available, `team.json: agents available ${available}`);

/** An agent with the console open: the team is available (the test stack's hours are around the clock). */
async function agentOnline(): Promise<Agent> {
  const a = await Agent.connect();
  agents.push(a);
  await agentsAvailable(true);
  return a;
}

/** The test stack's team settings with `patch` over them; `{}` restores them. */
const setTeam = async (patch: Partial<TeamSettings>) => {
  const answer = await command<ServerEvent>('team:set', { patch });
  equal(answer.type, 'team', 'settings saved');
  // The admin who saved them has gone again.
  await agentsAvailable(agents.length > 0);
};
const mails = () => command<{ to: string[]; subject: string; text: string }[]>('mail:list');

const text = (el: SupportChat, selector: string) => $(el, selector)?.textContent?.trim();
const presence = (el: SupportChat) => text(el, '[part="presence"]');

/** Waits until the header's line says `expected` (or matches it), saying what it said instead. */
async function says(el: SupportChat, expected: string | RegExp, timeoutMs?: number): Promise<void> {
  const matches = () => (typeof expected === 'string' ? presence(el) === expected : expected.test(presence(el) ?? ''));
  await waitUntil(matches, `the header to say ${String(expected)}`, timeoutMs).catch(() => {
    throw new Error(`the header says "${presence(el)}", not ${String(expected)}`);
  });
}
const active = (el: SupportChat) => el.shadowRoot!.activeElement;

async function say(el: SupportChat, message: string): Promise<void> {
  const box = $<HTMLTextAreaElement>(el, '[part="input"]')!;
  box.value = message;
  box.dispatchEvent(new Event('input', { bubbles: true }));
  await el.updateComplete;
  $<HTMLButtonElement>(el, '[part="send"]')!.click();
  await el.updateComplete;
  await waitUntil(
    () => [...el.shadowRoot!.querySelectorAll('.row.visitor[data-seq] .bubble')].some((b) => b.textContent === message),
    'the acknowledgement',
  );
}

/** Fills the inline (or pre-chat) form's fields and submits it as Enter would. */
async function fill(el: SupportChat, part: 'ask' | 'prechat', fields: { name?: string; email?: string }): Promise<HTMLFormElement> {
  const form = await waitUntil(() => $<HTMLFormElement>(el, `form[part="${part}"]`), `the ${part} form`);
  for (const [name, value] of Object.entries(fields)) form.querySelector<HTMLInputElement>(`input[name="${name}"]`)!.value = value;
  form.requestSubmit();
  await el.updateComplete;
  return form;
}

/** The wall-clock weekday and "HH:MM" of an instant in a time zone. */
function wallClock(timeZone: string, at: number): { day: (typeof WEEKDAYS)[number]; clock: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return { day: parts.weekday!.toLowerCase().slice(0, 3) as (typeof WEEKDAYS)[number], clock: `${parts.hour}:${parts.minute}` };
}

const plusQuarter = (clock: string) => {
  const minutes = Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3)) + 15;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
};

/** Hours with one opening, a quarter hour from `at`, in the team's time zone. */
function openingAt(timeZone: string, at: number, holidays: string[] = []): TeamSettings['hours'] {
  const { day, clock } = wallClock(timeZone, at);
  return { timeZone, weekly: { [day]: [{ from: clock, to: plusQuarter(clock) }] }, holidays };
}

describe('<support-chat>: what happens next', () => {
  const realNow = Date.now;

  beforeEach(async () => {
    localStorage.clear();
    sessionStorage.clear();
    await agentsAvailable(false);
  });
  afterEach(async () => {
    Date.now = realNow;
    for (const el of document.querySelectorAll('support-chat')) el.remove();
    for (const a of agents.splice(0)) await a.close();
    for (const v of visitors.splice(0)) await v.close();
    await setViewport({ width: 1024, height: 768 });
  });

  describe('the header, before the visitor writes', () => {
    after(async () => {
      await command('team:replyMinutes', { minutes: undefined });
      await setTeam({});
    });

    it('says "Online" with the measured reply time, from team.json, without connecting', async () => {
      await command('team:replyMinutes', { minutes: 4 });
      await agentOnline();
      const el = await mount();
      await says(el, 'Online · typically replies in about 5 minutes');
      ok($(el, '[part="presence"]')!.classList.contains('here'), 'the green dot');
      equal(el.client.state, 'idle', 'no connection before the visitor acts');
      equal(localStorage.length, 0, 'nothing stored');
      equal($(el, '[part="subtitle"]'), null, 'no default subtitle promising a reply time');
    });

    it('says just "Online" without a measured reply time, and the fixed text where the team set one', async () => {
      await command('team:replyMinutes', { minutes: undefined });
      await agentOnline();
      const el = await mount({ lang: 'de' });
      await says(el, 'Online');
      el.open();
      await waitUntil(() => el.client.state === 'open', 'the connection');
      // Followed live once connected: the `team` event.
      await setTeam({ replyTime: { mode: 'fixed', text: { en: 'We answer within the hour', de: 'Antwort binnen einer Stunde' } } });
      await says(el, 'Online · Antwort binnen einer Stunde');
    });

    it('says when the team is back, in the visitor’s language and own time zone: tomorrow, a weekday, a date, as people say it', async () => {
      const timeZone = 'Asia/Tokyo';
      // Tomorrow at 9:00 on the visitor's clock, whatever the team's clock says then.
      const tomorrow = new Date();
      tomorrow.setDate(tomorrow.getDate() + 1);
      tomorrow.setHours(9, 0, 0, 0);
      await setTeam({ hours: openingAt(timeZone, tomorrow.getTime()) });
      const el = await mount({ lang: 'de' });
      // The time as said: "9:00", not "09:00".
      await says(el, 'Abwesend · zurück morgen um 9:00');
      const clock = (lang: string, at: Date | number) => new Intl.DateTimeFormat(lang, { hour: 'numeric', minute: '2-digit' }).format(at);
      ok(!$(el, '[part="presence"]')!.classList.contains('here'), 'no green dot');
      el.remove();

      // Four days on: the weekday. With that week's opening a holiday, eleven days on: a date.
      const later = new Date(tomorrow);
      later.setDate(later.getDate() + 3);
      await setTeam({ hours: openingAt(timeZone, later.getTime()) });
      const es = await mount({ lang: 'es' });
      const weekday = (lang: string) => new Intl.DateTimeFormat(lang, { weekday: 'long' }).format(later);
      await says(es, `Ausente · volvemos el ${weekday('es')} a las ${clock('es', later)}`);
      es.remove();
      const de = await mount({ lang: 'de' });
      await says(de, `Abwesend · zurück am ${weekday('de')} um ${clock('de', later)}`);
      de.remove();
      const fr = await mount({ lang: 'fr' });
      await says(fr, `Absent · de retour ${weekday('fr')} à ${clock('fr', later)}`);
      fr.remove();

      const hours = openingAt(timeZone, later.getTime());
      const holiday = new Intl.DateTimeFormat('en-CA', { timeZone }).format(later);
      await setTeam({ hours: { ...hours, holidays: [holiday] } });
      const next = nextOpening({ ...hours, holidays: [holiday] }, Date.now())!;
      const en = await mount({ lang: 'en' });
      const date = (lang: string) => new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'long' }).format(next);
      await says(en, `Away · back ${date('en')} at ${clock('en', next)}`);
      const frDate = await mount({ lang: 'fr' });
      await says(frDate, `Absent · de retour le ${date('fr')} à ${clock('fr', next)}`);
      const deDate = await mount({ lang: 'de' });
      await says(deDate, `Abwesend · zurück am ${date('de')} um ${clock('de', next)}`);
    });

    it('follows the hours live: "Online" the moment they open, with no message from the server', async () => {
      await agentOnline();
      // A quarter hour two hours from now, on a clock stopped a second before it until the
      // widget has said "Away", then running on from there.
      const opening = Math.ceil((realNow() + 2 * 3600_000) / 900_000) * 900_000;
      await setTeam({ hours: openingAt('Europe/Berlin', opening) });
      Date.now = () => opening - 1000;
      const el = await mount();
      await says(el, /^Away · back /);
      const shift = opening - 1000 - realNow();
      Date.now = () => realNow() + shift;
      await says(el, 'Online');
    });
  });

  describe('after the first message with nobody available', () => {
    beforeEach(() => setTeam({ awayMessage: { en: 'Thanks! Nobody is here right now.', de: 'Danke! Gerade ist niemand da.' } }));
    after(() => setTeam({}));

    it('shows the away reply as an automatic reply, then one email field that sends identify', async () => {
      const el = await mount();
      el.open();
      await says(el, "Away · we'll get back to you");
      equal($(el, 'form[part="ask"]'), null, 'no email field before a message exists');
      await say(el, 'Is the Kubernetes course up to date?');
      const reply = await waitUntil(() => $(el, '.row.system'), 'the away reply');
      equal(reply.querySelector('.bubble')!.textContent, 'Thanks! Nobody is here right now.', 'the configured text');
      includes(reply.getAttribute('part')!, 'message-system', 'its part');
      equal(reply.querySelector('.name')!.textContent, 'Automatic reply', 'marked as automatic');
      ok(getComputedStyle(reply.querySelector('.bubble')!).borderStyle === 'dashed', 'not an agent’s bubble');

      const form = await waitUntil(() => $<HTMLFormElement>(el, 'form[part="ask"]'), 'the email field');
      equal(form.querySelector('p')!.textContent, 'Get the reply by email', 'what it is for');
      equal(form.querySelector('input[name="name"]'), null, 'one field: a name was not asked for');
      const email = form.querySelector<HTMLInputElement>('input[name="email"]')!;
      ok(email.required, 'the address is required');
      equal(email.labels?.[0]?.textContent?.trim(), 'Email', 'labelled');
      deepEqual(await axeViolations(el), [], 'accessibility');

      // The browser checks the address's form; the server refuses what it does not accept, shown in the form.
      await fill(el, 'ask', { email: 'not an address' });
      ok(!email.validity.valid, 'refused by the browser');
      await fill(el, 'ask', { email: 'sam@localhost' });
      const error = await waitUntil(() => $(el, 'form[part="ask"] [role="alert"]'), 'the server’s refusal in the form');
      match(error.textContent!, /email/i, 'the server’s message');
      equal($(el, 'form[part="ask"] input[name="email"]')!.getAttribute('aria-describedby'), error.id, 'tied to the field');
      equal($(el, '[part="error"]'), null, 'not a notice as well');

      const address = uniqueEmail('away');
      await fill(el, 'ask', { email: address });
      await waitUntil(() => text(el, '[part="ask"][role="status"]') === `We'll email you at ${address}.`, 'the confirmation');
      equal(active(el), $(el, 'textarea'), 'focus back in the composer');
      await waitUntil(async () => (await storedRoom(await roomId()))?.visitorEmail === address, 'the stored address');
    });

    it('writes the away reply in the visitor’s language, and a German page is German everywhere, with the team’s greeting', async () => {
      const el = await mount({
        lang: 'de',
        strings: JSON.stringify({ title: 'Practical Cloud', de: { subtitle: 'Kursberatung' }, en: { subtitle: 'Course advisors' } }),
      });
      equal(text(el, '[part="title"]'), 'Practical Cloud', 'the title for every language');
      equal(text(el, '[part="subtitle"]'), 'Kursberatung', 'the subtitle in German');
      equal($(el, '[part="launcher"]')!.getAttribute('aria-label'), 'Chat öffnen', 'the launcher');
      // The team's configured greeting (localTeamDefaults), in German, once team.json is in.
      await waitUntil(() => text(el, '.row.greeting .bubble') === 'Hallo! Wie können wir helfen?', 'the team’s greeting in German');
      el.open();
      await says(el, 'Abwesend · wir melden uns');
      await say(el, 'Gibt es den Kurs auch auf Deutsch?');
      await waitUntil(() => text(el, '.row.system .bubble') === 'Danke! Gerade ist niemand da.', 'the away reply in German');
      equal(text(el, '.row.system .name'), 'Automatische Antwort', 'marked in German');
      equal(text(el, 'form[part="ask"] p'), 'Antwort per E-Mail erhalten', 'the email field in German');

      // The page's own greeting wins over the team's; per language over the one for all.
      el.remove();
      const page = await mount({
        lang: 'de',
        greeting: 'Hello from the page',
        strings: JSON.stringify({ de: { greeting: 'Hallo von der Seite' } }),
      });
      await waitUntil(() => text(page, '.row.greeting .bubble') === 'Hallo von der Seite', 'the page’s German greeting');
    });
  });

  describe('the pre-chat choice', () => {
    after(() => setTeam({}));

    it('optional (the default): the question first, then a name and an email offered inline, skippable for good', async () => {
      await agentOnline();
      const el = await mount();
      el.open();
      await el.updateComplete;
      equal($(el, 'form[part="prechat"]'), null, 'no gate');
      await say(el, 'Hi there');
      const form = await waitUntil(() => $<HTMLFormElement>(el, 'form[part="ask"]'), 'the inline offer');
      equal(form.querySelector('p')!.textContent, 'Let us know who you are', 'what it asks');
      ok(!form.querySelector<HTMLInputElement>('input[name="name"]')!.required, 'the name is optional');
      ok(!form.querySelector<HTMLInputElement>('input[name="email"]')!.required, 'the email is optional');
      [...form.querySelectorAll('button')].find((b) => b.textContent === 'Not now')!.click();
      await el.updateComplete;
      equal($(el, 'form[part="ask"]'), null, 'skipped');
      equal(active(el), $(el, 'textarea'), 'focus in the composer');
      el.remove();
      const again = await mount();
      again.open();
      await waitUntil(() => again.shadowRoot!.querySelector('.row.visitor[data-seq]'), 'the conversation after a reload');
      equal($(again, 'form[part="ask"]'), null, 'not offered again');
    });

    it('optional: a name given inline goes with identify', async () => {
      await agentOnline();
      const el = await mount({ prechat: 'optional' });
      el.open();
      await say(el, 'Hello');
      await fill(el, 'ask', { name: 'Ada Lovelace' });
      await waitUntil(async () => (await storedRoom(await roomId()))?.visitorName === 'Ada Lovelace', 'the stored name');
      equal($(el, 'form[part="ask"]'), null, 'gone once answered');
    });

    it('required, and the old boolean attribute: the form before the first message', async () => {
      for (const value of ['required', '']) {
        localStorage.clear();
        const el = await mount({ prechat: value });
        el.open();
        await el.updateComplete;
        const form = $<HTMLFormElement>(el, 'form[part="prechat"]');
        ok(form, `the form for prechat="${value}"`);
        ok(form!.querySelector<HTMLInputElement>('input[name="name"]')!.required, 'the name required');
        equal(form!.querySelector('input[name="email"]')!.closest('label')!.textContent!.trim(), 'Email (optional)', 'the email optional');
        equal($(el, 'textarea'), null, 'no composer yet');
        el.remove();
      }
      // The property as earlier versions had it: a boolean.
      const el = await mount();
      el.prechat = true;
      el.open();
      await el.updateComplete;
      ok($(el, 'form[part="prechat"]'), 'the form for prechat = true');
      el.prechat = false;
      await el.updateComplete;
      equal($(el, 'form[part="prechat"]'), null, 'none for prechat = false');
    });

    it('off: never asked, before or after the first message', async () => {
      await agentOnline();
      const el = await mount({ prechat: 'off' });
      el.open();
      await say(el, 'Just a question');
      await el.updateComplete;
      equal($(el, 'form'), $(el, 'form[part="composer"]'), 'only the composer');
    });

    it('afterHours "require-email": while nobody is available, an address before the first message', async () => {
      await setTeam({ afterHours: 'require-email' });
      const el = await mount({ prechat: 'off' });
      el.open();
      const form = await waitUntil(() => $<HTMLFormElement>(el, 'form[part="prechat"]'), 'the gate');
      equal(form.querySelector('p')!.textContent, 'Get the reply by email', 'what it is for');
      ok(form.querySelector<HTMLInputElement>('input[name="email"]')!.required, 'the address required');
      equal(form.querySelector('input[name="name"]'), null, 'no name with prechat="off"');
      await fill(el, 'prechat', { email: uniqueEmail('gate') });
      await waitUntil(() => $(el, 'textarea'), 'the composer');
    });

    it('afterHours "hide": no launcher while nobody is available, unless the visitor has a conversation here', async () => {
      await setTeam({ afterHours: 'hide' });
      const el = await mount();
      await waitUntil(() => !$(el, '[part="launcher"]'), 'the launcher hidden');
      el.open();
      await el.updateComplete;
      ok($(el, '[part="launcher"]'), 'shown while the panel is open');
      await say(el, 'Still there?');
      el.remove();
      const returning = await mount();
      await waitUntil(() => returning.client.state === 'open', 'the returning visitor connected');
      ok($(returning, '[part="launcher"]'), 'a returning visitor keeps the launcher');
      await setTeam({});
    });
  });

  it('keeps the "closed" notice after a reload, never beside "An agent is here"', async () => {
    const el = await mount();
    el.open();
    await say(el, 'Thanks, that was all');
    const room = await roomId();
    const alex = await agentOnline();
    await alex.join(room);
    await says(el, 'An agent is here');
    await command('agent:closeRoom', { id: alex.id, roomId: room });
    await waitUntil(() => text(el, '.log .aside') === 'This conversation was closed. Write to reopen it.', 'the notice');
    el.remove();
    const reloaded = await mount();
    await waitUntil(
      () => text(reloaded, '.log .aside') === 'This conversation was closed. Write to reopen it.',
      'the notice after a reload',
    );
    reloaded.open();
    await says(reloaded, /^Online/);
    equal(presence(reloaded), 'Online', 'not "An agent is here"');
  });

  it('is a modal dialog on a phone: focus goes round inside, Escape closes and returns to the launcher', async () => {
    const desktop = await mount({ prechat: 'off' });
    desktop.open();
    await desktop.updateComplete;
    equal($(desktop, '[part="panel"]')!.getAttribute('aria-modal'), null, 'not modal beside the page');
    desktop.remove();

    await setViewport({ width: 390, height: 844 });
    const el = await mount({ prechat: 'off' });
    el.open();
    await el.updateComplete;
    const panel = $(el, '[part="panel"]')!;
    equal(panel.getAttribute('aria-modal'), 'true', 'modal on a phone');
    const focusable = [...panel.querySelectorAll<HTMLElement>('button, textarea, [tabindex="0"]')].filter(
      (e) => !(e as HTMLButtonElement).disabled,
    );
    const first = focusable[0]!;
    const last = focusable.at(-1)!;
    equal(active(el), $(el, 'textarea'), 'focus in the composer');
    last.focus();
    await sendKeys({ press: 'Tab' });
    equal(active(el), first, 'Tab from the last goes to the first');
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    equal(active(el), last, 'Shift+Tab from the first goes to the last');
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    await el.updateComplete;
    equal(el.opened, false, 'closed');
    equal(active(el), $(el, '[part="launcher"]'), 'focus on the launcher');
    equal(panel.getAttribute('aria-modal'), null, 'no longer modal');
  });

  it('moves the launcher with offset-x and offset-y (pixels or CSS lengths), the panel with it', async () => {
    const el = await mount({ 'offset-x': '32', 'offset-y': '6rem' });
    el.open();
    await el.updateComplete;
    const launcher = $(el, '[part="launcher"]')!.getBoundingClientRect();
    equal(Math.round(innerWidth - launcher.right), 32, 'from the side');
    equal(Math.round(innerHeight - launcher.bottom), 96, 'from the bottom');
    const panel = $(el, '[part="panel"]')!.getBoundingClientRect();
    equal(Math.round(innerWidth - panel.right), 32, 'the panel above it');
    ok(panel.bottom <= launcher.top, 'the panel clear of the launcher');
  });

  describe('the conversation by email', () => {
    it('emails the transcript to a known address, then says it was sent already', async () => {
      const address = uniqueEmail('transcript');
      const el = await mount({ prechat: 'off' });
      el.open();
      await say(el, 'Please send me this chat');
      el.identify({ email: address });
      await waitUntil(async () => (await storedRoom(await roomId()))?.visitorEmail === address, 'the address');
      const button = await waitUntil(() => $<HTMLButtonElement>(el, 'button[aria-label="Email me this conversation"]'), 'the button');
      button.click();
      await waitUntil(() => text(el, '[part="note"]') === 'We emailed you this conversation.', 'the confirmation');
      const mail = await waitUntil(async () => (await mails()).find((m) => m.to.includes(address)), 'the email');
      includes(mail.text, 'Please send me this chat', 'the conversation in it');
      button.click();
      await waitUntil(() => text(el, '[part="note"]') === 'Already sent. Try again in a few minutes.', 'the friendly refusal');
      equal($(el, '[part="error"]'), null, 'no error notice');
      equal((await mails()).filter((m) => m.to.includes(address)).length, 1, 'one email');
    });

    it('asks for an address first when none is known', async () => {
      const address = uniqueEmail('transcript-ask');
      const el = await mount({ prechat: 'off' });
      el.open();
      await say(el, 'Can I get this by email?');
      (await waitUntil(() => $<HTMLButtonElement>(el, 'button[aria-label="Email me this conversation"]'), 'the button')).click();
      const form = await waitUntil(() => $<HTMLFormElement>(el, 'form[part="ask"]'), 'the address asked for');
      equal(form.querySelector('p')!.textContent, 'Email me this conversation', 'what it is for');
      await el.updateComplete;
      equal(active(el), form.querySelector('input[name="email"]'), 'focus in the field');
      await fill(el, 'ask', { email: address });
      await waitUntil(() => text(el, '[part="note"]') === 'We emailed you this conversation.', 'sent once the address is stored');
      await waitUntil(async () => (await mails()).some((m) => m.to.includes(address)), 'the email');
    });
  });

  describe('a link back into a conversation', () => {
    async function conversationElsewhere(): Promise<{ visitor: Visitor; token: (expiresAt: number) => Promise<string> }> {
      const visitor = await Visitor.connect();
      visitors.push(visitor);
      await visitor.say('Asked on my laptop');
      const alex = await agentOnline();
      await alex.join(visitor.roomId);
      await alex.say(visitor.roomId, 'Answered while you were away');
      return { visitor, token: (expiresAt) => command<string>('link:resume', { roomId: visitor.roomId, expiresAt }) };
    }

    afterEach(() => history.replaceState(null, '', location.pathname + location.search));

    it('opens the whole conversation from the link, takes the token out of the address bar, and carries on', async () => {
      const { visitor, token } = await conversationElsewhere();
      const link = await token(Date.now() + 7 * 86400_000);
      history.replaceState(null, '', `${location.pathname}${location.search}#pricing&support-chat-resume=${link}`);
      const el = await mount();
      equal(location.hash, '#pricing', 'only the page’s own fragment left');
      await waitUntil(() => el.opened, 'the panel open');
      await waitUntil(() => text(el, '.row.agent:not(.greeting) .bubble') === 'Answered while you were away', 'the answer');
      equal(text(el, '.row.visitor .bubble'), 'Asked on my laptop', 'the question');
      ok(localStorage.getItem('support-chat:resume'), 'the token kept on this device');
      await say(el, 'Thanks, reading it on my phone');
      const stored = await storedMessages(visitor.roomId);
      ok(
        stored.some((m: Message) => m.text === 'Thanks, reading it on my phone'),
        'in the same conversation',
      );
      await visitor.waitFor('message', 'Thanks, reading it on my phone');

      // A reload keeps the conversation: the token (the fresh one the server sent) is used again.
      el.remove();
      const reloaded = await mount();
      await waitUntil(
        () => text(reloaded, '.row.agent:not(.greeting) .bubble') === 'Answered while you were away',
        'the conversation after a reload',
      );
    });

    for (const [what, make, reason] of [
      ['expired', (t: (e: number) => Promise<string>) => t(Date.now() - 60_000), /expired/],
      [
        'tampered with',
        async (t: (e: number) => Promise<string>) => {
          const good = await t(Date.now() + 86400_000);
          return `${good.slice(0, -2)}${good.endsWith('AA') ? 'BB' : 'AA'}`;
        },
        /not valid/,
      ],
    ] as const) {
      it(`says why a link ${what} is refused, and carries on with the visitor’s own conversation`, async () => {
        const { token } = await conversationElsewhere();
        const link = await make(token);
        history.replaceState(null, '', `${location.pathname}${location.search}#support-chat-resume=${link}`);
        const el = await mount();
        equal(location.hash, '', 'the token out of the address bar');
        const notice = await waitUntil(() => $(el, '[part="error"]'), 'the notice');
        match(notice.textContent!, reason, 'the server’s reason');
        ok(el.opened, 'in the open panel');
        equal(localStorage.getItem('support-chat:resume'), null, 'no token kept');
        el.open();
        await say(el, 'My own question');
        equal(text(el, '.row.agent:not(.greeting) .bubble'), undefined, 'nothing of the other conversation');
        const own = await roomId();
        ok(
          (await storedMessages(own)).some((m: Message) => m.text === 'My own question'),
          'in the visitor’s own room',
        );
      });
    }

    it('drops a stored token once it has expired, and connects with the visitor key again', () => {
      const payload = btoa(JSON.stringify({ p: 'resume', r: 'x', e: Math.floor(Date.now() / 1000) - 1 }))
        .replace(/=+$/, '')
        .replace(/\+/g, '-')
        .replace(/\//g, '_');
      localStorage.setItem('support-chat:resume', `${payload}.c2lnbmF0dXJl`);
      const client = new ChatClient({ endpoint: 'ws://127.0.0.1:9/' });
      equal(client.resumeToken, undefined, 'expired');
      equal(localStorage.getItem('support-chat:resume'), null, 'dropped');
      const fresh = btoa(JSON.stringify({ p: 'resume', r: 'x', e: Math.floor(Date.now() / 1000) + 60 })).replace(/=+$/, '');
      localStorage.setItem('support-chat:resume', `${fresh}.c2ln`);
      equal(client.resumeToken, `${fresh}.c2ln`, 'kept while good');
    });
  });
});

describe('ChatClient: events it does not know', () => {
  const RealWebSocket = window.WebSocket;
  afterEach(() => {
    window.WebSocket = RealWebSocket;
  });

  it('ignores unknown event types and fields, and carries on', async () => {
    const sockets: { onmessage: ((e: { data: string }) => void) | null; readyState: number }[] = [];
    // A server from a later version of the protocol, as far as the client can tell.
    class LaterServer {
      static readonly OPEN = 1;
      static readonly CONNECTING = 0;
      readyState = 0;
      onopen: (() => void) | null = null;
      onmessage: ((e: { data: string }) => void) | null = null;
      onclose: (() => void) | null = null;
      constructor() {
        sockets.push(this);
        setTimeout(() => {
          this.readyState = 1;
          this.onopen?.();
        });
      }
      send(): void {}
      close(): void {}
    }
    window.WebSocket = LaterServer as unknown as typeof WebSocket;
    const client = new ChatClient({ endpoint: 'ws://later.example/', storage: null });
    const seen: string[] = [];
    client.on('event', (e) => seen.push(e.type));
    client.connect();
    await waitUntil(() => client.state === 'open', 'open');
    const server = sockets[0]!;
    server.onmessage!({ data: JSON.stringify({ type: 'somethingNew', roomId: 'r', extra: { deep: true } }) });
    server.onmessage!({ data: JSON.stringify({ type: 'presence', roomId: 'r', agentsOnline: 1, mood: 'happy' }) });
    const message = {
      seq: 1,
      roomId: 'r',
      clientMsgId: 'm1',
      sender: { role: 'agent', name: 'Alex', badge: 'new' },
      text: 'Still here',
      createdAt: new Date().toISOString(),
    };
    server.onmessage!({ data: JSON.stringify({ type: 'message', message, priority: 'high' }) });
    deepEqual(seen, ['somethingNew', 'presence', 'message'], 'handed on, nothing thrown');
    equal(client.messages()[0]?.text, 'Still here', 'messages still arrive');
    equal(client.state, 'open', 'still connected');
    client.disconnect();
  });
});

import { emulateMedia, setViewport } from '@web/test-runner-commands';
import { deepEqual, equal, includes, ok } from '../../test/assert.ts';
import { $, $$, axeViolations, open, removeConsoles, roomButton, signedIn, text, typeInto } from '../../test/console.ts';
import { Agent, command, storedRoom, uniqueEmail, Visitor, waitUntil } from '../../test/helpers.ts';
import type { SupportAgentConsole } from './support-agent-console.ts';

/** The visitors' and customers' sockets, closed after each test. */
const sockets: string[] = [];
/** Their rooms, closed after each test: the next tests' inboxes stay as short as they were. */
const rooms: string[] = [];

/** What a company's backend puts in a signed-in customer's identity token. */
interface Claims {
  sub: string;
  name?: string;
  email?: string;
  attributes?: Record<string, string | number | boolean>;
}

/** A customer signed in on the company's site (a verified identity token), who has written: their room is in the inbox. */
async function verifiedConversation(el: SupportAgentConsole, claims: Claims, first: string, typed?: { name?: string; email?: string }) {
  const customer = await command<{ id: string; roomId: string }>('customer:connect', { claims });
  sockets.push(customer.id);
  rooms.push(customer.roomId);
  if (typed) await command('visitor:identify', { id: customer.id, ...typed });
  await command('visitor:send', { id: customer.id, text: first });
  await waitUntil(() => roomButton(el, customer.roomId), 'the conversation in the inbox');
  return customer;
}

/** An anonymous visitor (a key of their own, nothing verified), who typed `typed` and wrote. */
async function anonymousConversation(el: SupportAgentConsole, first: string, typed?: { name?: string; email?: string }) {
  const v = await Visitor.connect();
  sockets.push(v.id);
  rooms.push(v.roomId);
  if (typed) await v.identify(typed);
  await v.say(first);
  await waitUntil(() => roomButton(el, v.roomId), 'the conversation in the inbox');
  return v;
}

const uniqueSub = (name: string) => `${name}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
/** The verified customer's details as label and value, in order. */
const customerRows = (el: SupportAgentConsole) =>
  $$(el, '.customer dl > div').map((row) => [text(row.querySelector('dt')), text(row.querySelector('dd'))]);

describe('<support-agent-console>: verified customers', () => {
  before(() => setViewport({ width: 1440, height: 900 }));
  beforeEach(() => {
    localStorage.clear();
    history.replaceState(null, '', location.pathname + location.search);
  });
  afterEach(async () => {
    await removeConsoles();
    for (const id of sockets.splice(0)) await command('visitor:close', { id });
    const agent = await Agent.connect();
    for (const roomId of rooms.splice(0)) await command('agent:closeRoom', { id: agent.id, roomId });
    await agent.close();
    history.replaceState(null, '', location.pathname + location.search);
    await emulateMedia({ colorScheme: 'light' });
  });

  it('marks a verified customer in the inbox, and shows what the company vouched for, attributes included', async () => {
    const el = await signedIn();
    const email = uniqueEmail('alex.martin');
    const sub = uniqueSub('customer');
    const v = await verifiedConversation(
      el,
      { sub, name: 'Alex Martin', email, attributes: { plan: 'Pro', accountId: 'ACME-1042', seats: 40, sso: true, trial: false } },
      'My invoice shows the wrong plan',
    );

    const row = roomButton(el, v.roomId)!;
    const mark = row.querySelector('.verified-mark');
    ok(mark, 'the verified mark in the row');
    equal(text(mark), 'Verified customer', 'named for screen readers');
    ok(mark!.querySelector('svg[aria-hidden="true"]'), 'an icon');
    equal(text(row.querySelector('.room-name')), 'Alex Martin', 'the verified name');
    equal(text(row.querySelector('.room-email')), email, 'the verified email');
    includes(text(row), 'Alex Martin Verified customer', 'the button says it, after the name');

    await open(el, v.roomId);
    equal(text($(el, '.conv-name')), 'Alex Martin', 'the conversation’s name');
    equal(text($(el, '.conv-title h2 .verified-mark')), 'Verified customer', 'marked in the header');
    equal(text($(el, '.conv-title p a')), email, 'the verified email in the header');
    equal($(el, '.conv-title .not-verified'), null, 'which needs no tag');
    equal(text($(el, '.customer h4')), 'Verified customer', 'the block’s heading');
    const stored = await storedRoom(v.roomId);
    const verifiedAt = stored?.customer?.verifiedAt;
    ok(verifiedAt, 'the server stored when');
    deepEqual(
      customerRows(el),
      [
        ['Name', 'Alex Martin'],
        ['Email', email],
        ['Customer ID', sub],
        ['accountId', 'ACME-1042'],
        ['plan', 'Pro'],
        ['seats', '40'],
        ['sso', 'Yes'],
        ['trial', 'No'],
        ['Last verified', 'now'],
      ],
      'name, email, id, each attribute as given (by key; booleans as Yes/No), and when',
    );
    equal($(el, '.customer-email a')?.getAttribute('href'), `mailto:${email}`, 'the email, a link');
    equal($(el, '.customer-verified-at time')?.getAttribute('datetime'), verifiedAt, 'the time, exactly, for machines');
    deepEqual([$(el, '.typed-name'), $(el, '.typed-email'), $(el, '.profile .not-verified')], [null, null, null], 'nothing typed');

    // The filter finds them by what the company said, the customer id included.
    const filter = $<HTMLInputElement>(el, '.filter input')!;
    typeInto(filter, sub);
    await el.updateComplete;
    deepEqual(
      $$(el, '.room').map((r) => r.dataset.roomId),
      [v.roomId],
      'by customer id',
    );
  });

  it('shows no mark for an anonymous visitor, and says that what they typed is not verified', async () => {
    const el = await signedIn();
    const email = uniqueEmail('dana');
    const v = await anonymousConversation(el, 'Is the course in German too?', { name: 'Dana Typed', email });

    const row = roomButton(el, v.roomId)!;
    equal(row.querySelector('.verified-mark'), null, 'no mark in the row');
    equal(text(row.querySelector('.room-name')), 'Dana Typed', 'the typed name');
    await open(el, v.roomId);
    deepEqual([$(el, '.conversation .verified-mark'), $(el, '.profile .verified-mark')], [null, null], 'nor in the header or details');
    equal($(el, '.customer'), null, 'no verified block');
    equal(text($(el, '.conv-title .not-verified')), 'not verified', 'the typed email in the header, tagged');
    equal(text($(el, '.typed-name dd')), 'Dana Typed not verified', 'the typed name, tagged');
    equal(text($(el, '.typed-email dd')), `${email} not verified`, 'the typed email, tagged');
    equal(text($(el, '.profile-head .not-verified')), 'not verified', 'and under the name');
  });

  it('tags a typed email that differs from the verified one, and leaves a typed name that matches alone', async () => {
    const el = await signedIn();
    const verified = uniqueEmail('priya');
    const typed = uniqueEmail('priya.private');
    const v = await verifiedConversation(
      el,
      { sub: uniqueSub('customer'), name: 'Priya Shah', email: verified },
      'Can you add seats to our plan?',
      { name: 'Priya Shah', email: typed },
    );
    equal(text(roomButton(el, v.roomId)?.querySelector('.room-email')), verified, 'the row shows the verified email');
    await open(el, v.roomId);
    equal(text($(el, '.conv-title p a')), verified, 'so does the header');
    equal($(el, '.conv-title .not-verified'), null, 'untagged');
    equal(text($(el, '.customer-email dd')), verified, 'the verified block');
    equal(text($(el, '.typed-email dt')), 'Email they typed', 'the other email, said to be typed');
    equal(text($(el, '.typed-email dd')), `${typed} not verified`, 'and tagged');
    equal($(el, '.typed-name'), null, 'the typed name is the verified one: nothing to warn of');
  });

  it('shows a verified customer without name or attributes by what is known', async () => {
    const el = await signedIn();
    const sub = uniqueSub('only-id');
    const v = await verifiedConversation(el, { sub }, 'Hello?', { name: 'Sam Typed' });
    equal(text(roomButton(el, v.roomId)?.querySelector('.room-name')), 'Sam Typed', 'the typed name where the token had none');
    ok(roomButton(el, v.roomId)?.querySelector('.verified-mark'), 'still verified');
    await open(el, v.roomId);
    deepEqual(
      customerRows(el).map(([label]) => label),
      ['Customer ID', 'Last verified'],
      'only what the token said',
    );
    equal(text($(el, '.typed-name dd')), 'Sam Typed not verified', 'the typed name, tagged');
  });

  it('has no axe violations with a verified customer open, light and dark, wide and on a phone', async () => {
    const el = await signedIn();
    const v = await verifiedConversation(
      el,
      { sub: uniqueSub('axe'), name: 'Ada Verified', email: uniqueEmail('ada'), attributes: { plan: 'Teams', admin: true } },
      'Checking my account',
      { email: uniqueEmail('ada.typed') },
    );
    await anonymousConversation(el, 'And me', { name: 'Anon Typed', email: uniqueEmail('anon') });
    await open(el, v.roomId);
    await waitUntil(() => $(el, '.customer'), 'the verified block');
    ok($(el, '.typed-email .not-verified'), 'a typed email, tagged');
    for (const scheme of ['light', 'dark'] as const) {
      await emulateMedia({ colorScheme: scheme });
      deepEqual(await axeViolations(el), [], `wide, ${scheme}`);
    }
    await setViewport({ width: 390, height: 844 });
    try {
      await waitUntil(() => $(el, '.layout-narrow'), 'the narrow layout');
      $<HTMLButtonElement>(el, '.profile-toggle')!.click();
      await waitUntil(() => $(el, '.profile .customer'), 'the details over the conversation');
      for (const scheme of ['light', 'dark'] as const) {
        await emulateMedia({ colorScheme: scheme });
        deepEqual(await axeViolations(el), [], `narrow, ${scheme}`);
      }
    } finally {
      await setViewport({ width: 1440, height: 900 });
    }
  });
});

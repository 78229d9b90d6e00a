import { deepEqual, equal, includes, ok } from '../../test/assert.ts';
import { axeViolations } from '../../test/axe.ts';
import { command, dropVisitors, roomId, storedMessages, storedRoom, waitUntil } from '../../test/helpers.ts';
import { $, $$, mount, say } from '../../test/visitor.ts';
import './define.ts';
import type { SupportChat } from './support-chat.ts';

/** A customer's identity token, signed with the test stack's key as the company's backend would sign it. */
const identityToken = (claims: Record<string, unknown>, stack?: 'required') =>
  command<string>('identity:token', { claims, ...(stack && { stack }) });
const customerRoom = (sub: string, stack?: 'required') => command<string | null>('customer:room', { sub, ...(stack && { stack }) });
const uniqueSub = (name: string) => `${name}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const bubbles = (el: SupportChat) => $$(el, '.row:not(.greeting) .bubble').map((b) => b.textContent);
const supportChatKeys = () =>
  [...Object.keys(localStorage), ...Object.keys(sessionStorage)].filter((key) => key.startsWith('support-chat:'));

const acknowledged = (el: SupportChat, count: number) =>
  waitUntil(() => $$(el, '.row.visitor:not(.pending)').length >= count && el.client.pending().length === 0, `${count} acknowledged`);

describe('<support-chat> with signed-in customers', () => {
  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
  });
  afterEach(() => {
    for (const el of document.querySelectorAll('support-chat')) el.remove();
  });

  it('connects a signed-in customer with their token: one room of theirs, shown to agents as verified', async () => {
    const sub = uniqueSub('verified');
    const el = await mount();
    el.identify({ getToken: () => identityToken({ sub, name: 'Alex Martin', email: 'alex@example.com', attributes: { plan: 'Pro' } }) });
    el.open();
    await say(el, 'My invoice is wrong');
    await acknowledged(el, 1);
    const room = await customerRoom(sub);
    ok(room, 'the customer has a room');
    const stored = await storedRoom(room!);
    deepEqual(
      { id: stored?.customer?.id, name: stored?.customer?.name, plan: stored?.customer?.attributes?.plan },
      { id: sub, name: 'Alex Martin', plan: 'Pro' },
      'verified on the room',
    );
    equal(localStorage.getItem('support-chat:key'), null, 'no anonymous key for a signed-in customer');
    for (const key of Object.keys(localStorage)) ok(!localStorage.getItem(key)!.includes('.ey'), `no token in storage (${key})`);
  });

  it('carries an anonymous conversation on after the visitor signs in, in the same browser', async () => {
    const sub = uniqueSub('handover');
    const el = await mount();
    el.open();
    await say(el, 'before signing in');
    await acknowledged(el, 1);
    const anonymousRoom = await roomId();

    el.identify({ getToken: () => identityToken({ sub, name: 'Kim' }) });
    await waitUntil(() => localStorage.getItem('support-chat:customer') === sub, 'the signed-in connection');
    await say(el, 'after signing in');
    await acknowledged(el, 2);
    deepEqual(bubbles(el), ['before signing in', 'after signing in'], 'one conversation on screen');
    equal(await customerRoom(sub), anonymousRoom, 'the anonymous room became theirs');
    deepEqual(
      (await storedMessages(anonymousRoom)).map((m) => m.text),
      ['before signing in', 'after signing in'],
      'stored once each',
    );
    equal(localStorage.getItem('support-chat:key'), null, 'the anonymous key, handed over, is gone');
  });

  it('shows the same customer one conversation live on another device', async () => {
    const sub = uniqueSub('devices');
    const el = await mount();
    el.identify({ getToken: () => identityToken({ sub }) });
    el.open();
    await say(el, 'from the laptop');
    await acknowledged(el, 1);
    // The customer's phone: a real WebSocket with a token of its own.
    const phone = await command<{ id: string; roomId: string }>('customer:connect', { claims: { sub } });
    equal(phone.roomId, await customerRoom(sub), 'the same room');
    await command('visitor:send', { id: phone.id, text: 'from the phone' });
    await waitUntil(() => bubbles(el).includes('from the phone'), 'the phone’s message, live');
    await say(el, 'back on the laptop');
    await command('visitor:wait', { id: phone.id, type: 'message', text: 'back on the laptop' });
    await command('visitor:close', { id: phone.id });
  });

  it('keeps messages in the outbox while a refused token is replaced, and delivers each once', async () => {
    const sub = uniqueSub('refresh');
    const now = () => Math.floor(Date.now() / 1000);
    let calls = 0;
    const el = await mount();
    el.identify({
      getToken: async () => {
        calls++;
        // First a token that needs replacing within the minute, then one already expired (refused), then a good one.
        if (calls === 1) return identityToken({ sub, exp: now() + 30 });
        if (calls === 2) return identityToken({ sub, exp: now() - 600 });
        await new Promise((resolve) => setTimeout(resolve, 300));
        return identityToken({ sub });
      },
    });
    el.open();
    await say(el, 'one');
    await acknowledged(el, 1);
    const room = (await customerRoom(sub))!;

    await dropVisitors(room);
    await waitUntil(() => el.client.state !== 'open', 'the connection gone');
    await say(el, 'two');
    await say(el, 'three');
    await acknowledged(el, 3);
    equal(calls, 3, 'getToken: the first, the refused one, the fresh one');
    deepEqual(
      (await storedMessages(room)).map((m) => m.text),
      ['one', 'two', 'three'],
      'nothing lost, nothing doubled',
    );
    deepEqual(bubbles(el), ['one', 'two', 'three'], 'on screen once each');
  });

  it('on reset, forgets the customer: the next person on the browser starts anonymous and sees nothing of theirs', async () => {
    const sub = uniqueSub('shared');
    const el = await mount();
    el.identify({ getToken: () => identityToken({ sub, name: 'First Person' }) });
    el.open();
    await say(el, 'my address is 1 Main St');
    await acknowledged(el, 1);

    el.reset();
    await el.updateComplete;
    deepEqual(supportChatKeys(), [], 'nothing of the widget left in storage');
    equal(el.client.state, 'idle', 'disconnected');
    ok(!el.opened, 'the panel closed');

    el.open();
    await el.updateComplete;
    deepEqual(bubbles(el), [], 'an empty conversation');
    await say(el, 'hello, I am someone else');
    await acknowledged(el, 1);
    deepEqual(bubbles(el), ['hello, I am someone else'], 'none of the previous customer’s messages');
    const anonymousRoom = await roomId();
    ok(anonymousRoom !== (await customerRoom(sub)), 'a room of their own');
  });

  it('starts afresh when another customer signs in on a browser the last one did not sign out of', async () => {
    const first = uniqueSub('first');
    const next = uniqueSub('next');
    const el = await mount();
    el.identify({ getToken: () => identityToken({ sub: first }) });
    el.open();
    await say(el, 'first customer’s secret');
    await acknowledged(el, 1);

    el.identify({ getToken: () => identityToken({ sub: next }) });
    await waitUntil(() => localStorage.getItem('support-chat:customer') === next, 'the next customer’s connection');
    await waitUntil(() => !bubbles(el).includes('first customer’s secret'), 'the first customer’s messages gone');
    await say(el, 'next customer here');
    await acknowledged(el, 1);
    deepEqual(
      (await storedMessages((await customerRoom(next))!)).map((m) => m.text),
      ['next customer here'],
      'nothing carried over',
    );
  });

  it('says why a token cannot be used, and stops, rather than chat as someone else', async () => {
    const el = await mount();
    el.identify({ getToken: () => identityToken({ sub: uniqueSub('wrong-site'), aud: 'another-site' }) });
    el.open();
    await waitUntil(() => $(el, '.signin'), 'the refusal');
    includes($(el, '.signin')!.textContent!, 'Please sign in to chat with us.', 'the visitor’s sentence');
    includes($(el, '.signin')!.textContent!, 'The identity token is for another site (aud).', 'the reason, for the site’s developer');
    equal(el.client.state, 'idle', 'no more attempts');
    equal($(el, 'textarea'), null, 'no composer');
    deepEqual(await axeViolations(el), [], 'accessible');
  });

  it('where the site requires sign-in, asks anonymous visitors to sign in instead of offering a chat', async () => {
    const el = await mount({ config: '/__config/required.json' });
    el.open();
    await waitUntil(() => $(el, '.signin'), 'the sign-in message');
    includes($(el, '.signin')!.textContent!, 'Please sign in to chat with us.', 'the message');
    equal($(el, 'textarea'), null, 'no composer');
    equal(el.client.state, 'idle', 'no connection');
    deepEqual(await axeViolations(el), [], 'accessible');

    const sub = uniqueSub('portal');
    el.identify({ getToken: () => identityToken({ sub }, 'required') });
    await waitUntil(() => $(el, 'textarea'), 'the composer');
    await say(el, 'hello from the portal');
    await acknowledged(el, 1);
    ok(await customerRoom(sub, 'required'), 'their room');
  });
});

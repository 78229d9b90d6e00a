// <support-chat> and issue 14: who handles the conversation ("Jane is handling your
// chat"), an agent's Reopen, the visitor's context for the agents (the page, its title,
// the referrer; nothing before the visitor acts; again as they move through a single-page
// app) and the language named when connecting. Against the real local stack; the frames
// the page sends are read off its WebSocket.
import type { ClientFrame, ContextFrame, ServerEvent, TeamSettings, TeamStatus } from '@support-chat/backend/protocol';
import { emulateMedia } from '@web/test-runner-commands';
import { deepEqual, equal, ok } from '../../test/assert.ts';
import { axeViolations } from '../../test/axe.ts';
import { Agent, command, endpoint, roomId, sendFrame, storedRoom, waitUntil } from '../../test/helpers.ts';
import { $, mount } from '../../test/visitor.ts';
import { ChatClient } from '../client/chat-client.ts';
import './define.ts';
import type { SupportChat } from './support-chat.ts';

const agents: Agent[] = [];
const clients: ChatClient[] = [];

async function agent(): Promise<Agent> {
  const a = await Agent.connect();
  agents.push(a);
  return a;
}

const text = (el: SupportChat, selector: string) => $(el, selector)?.textContent?.trim();
const presence = (el: SupportChat) => text(el, '[part="presence"]');
/** What the header says to screen readers, politely, when it changes. */
const announced = (el: SupportChat) => text(el, '.header [role="status"]');
const closedNotice = (el: SupportChat) => text(el, '.log .aside');
/** The page the server keeps on the room from the visitor's context. */
const keptPage = async (room: string) =>
  ((await storedRoom(room)) as { visitorPage?: { url: string; title?: string } } | undefined)?.visitorPage;
/** Waits until team.json says whether an agent is available. */
const agentsAvailable = (available: boolean) =>
  waitUntil(
    async () => ((await (await fetch('/api/team.json', { cache: 'no-store' })).json()) as TeamStatus).agents.available === available,
    `team.json: agents available ${available}`,
  );
const CLOSED = 'This conversation was closed. Write to reopen it.';

async function says(el: SupportChat, expected: string): Promise<void> {
  await waitUntil(() => presence(el) === expected, `the header to say "${expected}"`).catch(() => {
    throw new Error(`the header says "${presence(el)}", not "${expected}"`);
  });
}

async function say(el: SupportChat, message: string): Promise<void> {
  const box = $<HTMLTextAreaElement>(el, '[part="input"]')!;
  box.value = message;
  box.dispatchEvent(new Event('input', { bubbles: true }));
  await el.updateComplete;
  $<HTMLButtonElement>(el, '[part="send"]')!.click();
  await waitUntil(
    () => [...el.shadowRoot!.querySelectorAll('.row.visitor[data-seq] .bubble')].some((b) => b.textContent === message),
    'the acknowledgement',
  );
}

/** Every frame the page's WebSockets send, and the URLs they were opened with, while the test runs. */
const wire = { frames: [] as ClientFrame[], urls: [] as string[] };
const RealWebSocket = window.WebSocket;
const realSend = RealWebSocket.prototype.send;
const contexts = () => wire.frames.filter((f): f is ContextFrame => f.action === 'context');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Longer than a burst of page changes takes to settle. */
const SETTLED_MS = 700;

/** Runs `change` and answers the one context frame it brings, checking that no second one follows. */
async function nextContext(change: () => void): Promise<ContextFrame> {
  const before = contexts().length;
  change();
  const frame = await waitUntil(() => contexts()[before], 'a context frame');
  await sleep(SETTLED_MS);
  equal(contexts().length, before + 1, 'context frames for one burst');
  return frame;
}

describe('<support-chat>: who handles the conversation, and where the visitor is', () => {
  const page = { url: location.href, title: document.title };

  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
    wire.frames = [];
    wire.urls = [];
    RealWebSocket.prototype.send = function (data) {
      wire.frames.push(JSON.parse(String(data)) as ClientFrame);
      realSend.call(this, data);
    };
    window.WebSocket = class extends RealWebSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        wire.urls.push(String(url));
        super(url, protocols);
      }
    };
  });
  afterEach(async () => {
    for (const el of document.querySelectorAll('support-chat')) el.remove();
    for (const c of clients.splice(0)) c.disconnect();
    for (const a of agents.splice(0)) await a.close();
    RealWebSocket.prototype.send = realSend;
    window.WebSocket = RealWebSocket;
    history.replaceState(null, '', page.url);
    document.title = page.title;
    delete (document as { referrer?: string }).referrer;
  });

  it('says who handles the conversation, in the visitor’s language, tells screen readers when it changes, and not while closed', async () => {
    const el = await mount();
    el.open();
    await say(el, 'Can someone look at my invoice?');
    const room = await roomId();
    const alex = await agent();
    const me = await sendFrame(alex, { action: 'getTeam' }, 'team');
    const name = me.type === 'team' ? me.me?.name : undefined;
    ok(name, `the agent's name (${JSON.stringify(me)})`);
    await alex.join(room);
    await says(el, 'An agent is here');
    equal(announced(el), '', 'nothing to announce yet');
    const live = $(el, '.header [role="status"]')!;
    equal(getComputedStyle(live).position, 'absolute', 'for screen readers only');

    await sendFrame(alex, { action: 'assign', roomId: room }, 'roomUpdated');
    await says(el, `${name} is handling your chat`);
    ok($(el, '[part="presence"]')!.classList.contains('here'), 'the green dot: the agent is in the conversation');
    equal(announced(el), `${name} is handling your chat`, 'announced');
    equal($(el, '.header [role="status"]'), live, 'by the live region that was there before');
    for (const colorScheme of ['light', 'dark'] as const) {
      await emulateMedia({ colorScheme });
      deepEqual(await axeViolations(el), [], `accessibility, ${colorScheme}`);
    }
    await emulateMedia({ colorScheme: 'light' });

    // Closed: the closed notice alone, not who handled it.
    await command('agent:closeRoom', { id: alex.id, roomId: room });
    await waitUntil(() => closedNotice(el) === CLOSED, 'the closed notice');
    ok(!presence(el)?.includes(name), `the header does not say who handles it (${presence(el)})`);
    equal(announced(el), '', 'nothing announced beside the closed notice');

    // An agent's Reopen: the notice goes, as when the visitor writes again, also after a reload.
    const reopened = await sendFrame(alex, { action: 'reopenRoom', roomId: room }, 'roomReopened');
    equal(reopened.type, 'roomReopened', 'reopened');
    await waitUntil(() => closedNotice(el) === undefined, 'the closed notice to go');
    await says(el, `${name} is handling your chat`);
    el.remove();

    // The next page, in German: said again after the history page, without opening the panel.
    const de = await mount({ lang: 'de' });
    await says(de, `${name} kümmert sich um Sie`);
    equal(closedNotice(de), undefined, 'no closed notice after the reload');
    equal(announced(de), `${name} kümmert sich um Sie`, 'the live region in German');

    // Given back while the visitor was away: the next connection's history says nobody handles it.
    de.client.disconnect();
    await sendFrame(alex, { action: 'unassign', roomId: room }, 'roomUpdated');
    de.client.connect();
    await says(de, 'Ein Mitarbeiter ist da');
    equal(announced(de), '', 'nobody in particular');

    // And live: taken again, then given back.
    await sendFrame(alex, { action: 'assign', roomId: room }, 'roomUpdated');
    await says(de, `${name} kümmert sich um Sie`);
    await sendFrame(alex, { action: 'unassign', roomId: room }, 'roomUpdated');
    await says(de, 'Ein Mitarbeiter ist da');
  });

  it('sends nothing before the visitor acts; then the page, its title and the referrer; again, once, after a burst of page changes', async () => {
    document.title = 'Pricing · Practical Cloud';
    Object.defineProperty(document, 'referrer', { configurable: true, value: 'https://search.example/?q=cloud+courses' });
    const el = await mount();
    const errors: string[] = [];
    el.addEventListener('support-chat-error', (e) => errors.push(`${e.detail.action}: ${e.detail.message}`));

    // A single-page app moves on before the visitor has done anything: nothing leaves the page.
    history.pushState(null, '', '#plans');
    location.hash = 'faq';
    el.notePageChange();
    await sleep(SETTLED_MS);
    equal(el.client.state, 'idle', 'no connection');
    deepEqual(wire.urls, [], 'no WebSocket');
    equal(localStorage.length, 0, 'nothing stored');

    el.open();
    const first = await waitUntil(() => contexts()[0], 'the context');
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    deepEqual(
      first,
      {
        action: 'context',
        lang: 'en',
        timeZone,
        page: { url: location.href, title: 'Pricing · Practical Cloud' },
        referrer: 'https://search.example/?q=cloud+courses',
      },
      'the first context',
    );
    await say(el, 'Which plan has the Kubernetes course?');
    const room = await roomId();
    await waitUntil(async () => (await keptPage(room))?.url === location.href, 'the page kept on the room');

    // A burst: two pushStates (the Navigation API's navigatesuccess), a fragment, the router's own word, a popstate.
    const base = location.href.split('#')[0];
    const burst = await nextContext(() => {
      history.pushState(null, '', '#/courses');
      history.pushState(null, '', '#/courses/kubernetes');
      document.title = 'Kubernetes · Practical Cloud';
      location.hash = '/courses/kubernetes/syllabus';
      el.notePageChange();
      dispatchEvent(new PopStateEvent('popstate'));
    });
    deepEqual(
      burst.page,
      { url: `${base}#/courses/kubernetes/syllabus`, title: 'Kubernetes · Practical Cloud' },
      'the page after the burst',
    );
    await waitUntil(async () => (await keptPage(room))?.title === 'Kubernetes · Practical Cloud', 'the new page kept on the room');

    // The router says so, but nothing changed: nothing to send.
    const count = contexts().length;
    el.notePageChange();
    await sleep(SETTLED_MS);
    equal(contexts().length, count, 'no frame for the same page');

    // Within what the server accepts: a title cut at 200, an over-long URL and a non-web referrer left out, a link's token never.
    Object.defineProperty(document, 'referrer', { configurable: true, value: 'android-app://com.example.app/' });
    const long = await nextContext(() => {
      // 199 characters, then an emoji across the 200th: cut before it, not through it.
      document.title = `${'Kubernetes '.repeat(18)}K🚀 and more`;
      el.notePageChange();
    });
    equal(long.page?.title, `${'Kubernetes '.repeat(18)}K`, 'the title cut at 200');
    equal(long.referrer, undefined, 'no android-app: referrer');
    const huge = await nextContext(() => history.pushState(null, '', `#${'x'.repeat(2100)}`));
    equal(huge.page, undefined, 'no URL over 2,048 characters');
    equal(huge.lang, 'en', 'the rest all the same');
    const resume = await nextContext(() => history.pushState(null, '', '#support-chat-resume=abc.def'));
    equal(resume.page?.url, base, 'no fragment with a link’s token');
    await sleep(300);
    deepEqual(errors, [], 'nothing refused');
  });

  it('names its language when connecting, for an away reply that beats its context; agents’ connections name none', async () => {
    const team = async (patch: Partial<TeamSettings>) => {
      equal((await command<ServerEvent>('team:set', { patch })).type, 'team', 'settings saved');
      // The admin who saved them has gone again: nobody is available.
      await agentsAvailable(false);
    };
    await team({ awayMessage: { en: 'Thanks! Nobody is here right now.', de: 'Danke! Gerade ist niemand da.' } });
    try {
      const el = await mount({ lang: 'de-AT' });
      el.open();
      await waitUntil(() => el.client.state === 'open', 'the connection');
      const widgetUrl = new URL(wire.urls[0]!);
      equal(widgetUrl.searchParams.get('lang'), 'de', 'the widget’s language');
      ok(widgetUrl.searchParams.get('visitorKey'), 'the visitor key as before');
      el.remove();

      // A client that never sends context at all: the server has only the URL's language for its away reply.
      localStorage.clear();
      const from = wire.frames.length;
      const visitor = new ChatClient({ endpoint: await endpoint(), lang: () => 'de' });
      clients.push(visitor);
      visitor.sendMessage('Gibt es den Kurs auch auf Deutsch?');
      await waitUntil(() => visitor.messages().find((m) => m.sender.role === 'system'), 'the away reply');
      equal(visitor.messages().find((m) => m.sender.role === 'system')!.text, 'Danke! Gerade ist niemand da.', 'in German');
      ok(!wire.frames.slice(from).some((f) => f.action === 'context'), 'no context from the plain client');

      // Through an email's link, the token as before, and the language.
      const token = await command<string>('link:resume', { roomId: await roomId(), expiresAt: Date.now() + 3_600_000 });
      visitor.disconnect();
      visitor.useResume(token);
      visitor.connect();
      await waitUntil(() => visitor.state === 'open', 'the link’s connection');
      const linkUrl = new URL(wire.urls.at(-1)!);
      equal(linkUrl.searchParams.get('resume'), token, 'the token');
      equal(linkUrl.searchParams.get('lang'), 'de', 'the language');

      const agentClient = new ChatClient({ endpoint: await endpoint(), token: () => command<string>('agent:token'), lang: () => 'de' });
      clients.push(agentClient);
      agentClient.connect();
      await waitUntil(() => agentClient.state === 'open', 'the agent’s connection');
      const agentUrl = new URL(wire.urls.at(-1)!);
      ok(agentUrl.searchParams.get('token'), 'the agent’s token');
      equal(agentUrl.searchParams.get('lang'), null, 'no language for an agent');
    } finally {
      for (const c of clients.splice(0)) c.disconnect();
      await team({});
    }
  });
});

// <support-chat> on a phone (issue 17): the panel above the on-screen keyboard (the visual
// viewport shrunk by a page zoom and scrolled, through the DevTools protocol, as a keyboard
// leaves the layout viewport alone), no field that iOS would zoom into, the safe-area insets
// of a notch (emulated), and a page that comes back from the background catching up at once.
// Against the real local stack; the frames are read off the page's WebSocket.
import type { ClientFrame, Message } from '@support-chat/backend/protocol';
import { emulateMedia, setViewport } from '@web/test-runner-commands';
import { deepEqual, equal, ok } from '../../test/assert.ts';
import { mount as mountConsole, open as openRoom, removeConsoles, signedIn } from '../../test/console.ts';
import { command, roomId, Visitor, waitUntil } from '../../test/helpers.ts';
import { $, $$, mount, say } from '../../test/visitor.ts';
import type { SupportChat } from './support-chat.ts';

/** What a phone's screen does that a desktop page's cannot (see the test server's `browser:phone`). */
const phone = (emulation: { scale?: number; scrollY?: number; insets?: Record<'top' | 'right' | 'bottom' | 'left', number> }) =>
  command<boolean>('browser:phone', emulation);
const NO_INSETS = { top: 0, right: 0, bottom: 0, left: 0 };

/** Every frame the chat's WebSockets send (not the test runner's own), and how many it opened. */
const wire = { frames: [] as ClientFrame[], sockets: 0 };
const chatSockets = new WeakSet<WebSocket>();
const RealWebSocket = window.WebSocket;
const realSend = RealWebSocket.prototype.send;

/** The rectangle of the visual viewport, in the layout viewport's coordinates (as getBoundingClientRect's). */
function visible(): { top: number; bottom: number } {
  const viewport = visualViewport!;
  return { top: viewport.offsetTop, bottom: viewport.offsetTop + viewport.height };
}

const within = (rect: DOMRect, area: { top: number; bottom: number }) => rect.top >= area.top - 0.5 && rect.bottom <= area.bottom + 0.5;

/** The page hidden (another app in front, the screen locked) until the returned function shows it again. */
function background(): () => void {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
  document.dispatchEvent(new Event('visibilitychange'));
  return () => {
    delete (document as { visibilityState?: unknown }).visibilityState;
  };
}

describe('<support-chat> on a phone', () => {
  const meta = document.createElement('meta');
  meta.name = 'viewport';
  meta.content = 'width=device-width, initial-scale=1, viewport-fit=cover';

  beforeEach(async () => {
    localStorage.clear();
    sessionStorage.clear();
    wire.frames = [];
    wire.sockets = 0;
    RealWebSocket.prototype.send = function (data) {
      if (chatSockets.has(this)) wire.frames.push(JSON.parse(String(data)) as ClientFrame);
      realSend.call(this, data);
    };
    window.WebSocket = class extends RealWebSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        wire.sockets++;
        chatSockets.add(this);
      }
    };
    document.head.append(meta);
    await setViewport({ width: 390, height: 844 });
  });
  afterEach(async () => {
    for (const el of document.querySelectorAll('support-chat, support-agent-console')) el.remove();
    RealWebSocket.prototype.send = realSend;
    window.WebSocket = RealWebSocket;
    meta.remove();
    await phone({ scale: 1, insets: NO_INSETS });
    await emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
    await setViewport({ width: 1024, height: 768 });
  });

  it('keeps the composer and the last message above the keyboard: the panel follows the visual viewport', async () => {
    const el = await mount();
    el.open();
    for (const text of ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'The last one']) await say(el, text);
    await waitUntil(() => $$(el, '.row.visitor:not(.pending)').length === 11, 'the acknowledgements');
    const panel = $(el, '[part="panel"]')!;
    deepEqual([panel.getBoundingClientRect().top, panel.getBoundingClientRect().bottom], [0, 844], 'the whole screen without a keyboard');

    // The keyboard comes up: the visual viewport is about 500 px of the 844, and iOS scrolls it down the page.
    await phone({ scale: 1.7 });
    await phone({ scrollY: 200 });
    await waitUntil(
      () => visualViewport!.offsetTop > 0 && el.style.getPropertyValue('--_viewport-top') === `${visualViewport!.offsetTop}px`,
      'the panel to follow',
    );
    const area = visible();
    ok(area.bottom - area.top < 520, `a visual viewport the keyboard shrank: ${JSON.stringify(area)}`);
    const composer = $(el, '[part="composer"]')!.getBoundingClientRect();
    ok(within(composer, area), `the composer (${composer.top}-${composer.bottom}) within the visible ${area.top}-${area.bottom}`);
    ok(within($(el, '[part="header"]')!.getBoundingClientRect(), area), 'the header within it too');
    const last = $$(el, '.row.visitor').at(-1)!;
    equal(last.textContent?.includes('The last one'), true, 'the last row');
    const log = $(el, '[part="log"]')!.getBoundingClientRect();
    const lastRect = last.getBoundingClientRect();
    ok(lastRect.bottom <= log.bottom + 0.5 && lastRect.top >= log.top - 0.5, 'the last message in view, over the composer');
    // The header and the composer keep their sizes: what is left goes to the log.
    ok(log.height > 100, `a log to read in: ${log.height} px`);

    // The keyboard goes: the whole screen again.
    await phone({ scale: 1 });
    await waitUntil(() => visualViewport!.height === 844 && el.style.getPropertyValue('--_viewport-height') === '844px', 'the full height');
    equal(panel.getBoundingClientRect().bottom, 844, 'the panel to the bottom again');

    // Closed, the panel stops listening and leaves nothing behind on the element.
    el.close();
    await el.updateComplete;
    equal(el.style.getPropertyValue('--_viewport-height'), '', 'no height once closed');
  });

  it('sets nothing on a wide screen: a zoomed desktop page keeps its panel where it was', async () => {
    await setViewport({ width: 1024, height: 768 });
    // No opening animation to measure in the middle of.
    await emulateMedia({ reducedMotion: 'reduce' });
    const el = await mount();
    el.open();
    await el.updateComplete;
    const panel = $(el, '[part="panel"]')!;
    const before = panel.getBoundingClientRect().toJSON();
    await phone({ scale: 1.5 });
    await waitUntil(() => visualViewport!.scale > 1.4, 'the zoom');
    equal(el.style.getPropertyValue('--_viewport-height'), '', 'no height');
    deepEqual(panel.getBoundingClientRect().toJSON(), before, 'the same box');
  });

  it('has no field that iOS zooms into: 16 px or more in the pre-chat form, the composer, the email field and the console', async () => {
    const sizes = (root: ShadowRoot) =>
      [
        ...root.querySelectorAll<HTMLElement>('input:not([type="radio"], [type="checkbox"], [type="file"], [hidden]), textarea, select'),
      ].map((field) => [field.getAttribute('name') ?? field.localName, Number.parseFloat(getComputedStyle(field).fontSize)] as const);
    const small = (found: (readonly [string, number])[]) => found.filter(([, size]) => size < 16);
    for (const scheme of ['light', 'dark'] as const) {
      await emulateMedia({ colorScheme: scheme });
      const el = await mount({ prechat: 'required' });
      el.open();
      await el.updateComplete;
      const prechat = sizes(el.shadowRoot!);
      deepEqual(
        prechat.map(([name]) => name),
        ['name', 'email'],
        'the pre-chat form’s fields',
      );
      deepEqual(small(prechat), [], `pre-chat (${scheme})`);
      el.identify({ name: 'Sam' });
      el.prechat = 'optional';
      await el.updateComplete;
      el.emailTranscript();
      await waitUntil(() => $(el, 'form[part="ask"] input[name="email"]'), 'the email field');
      const rest = sizes(el.shadowRoot!);
      ok(
        rest.some(([name]) => name === 'textarea'),
        'the composer measured',
      );
      deepEqual(small(rest), [], `composer and email field (${scheme})`);
      el.remove();
      // A new visitor for the other scheme, who is asked first again.
      localStorage.clear();
    }
    // The agent console, on an agent's phone: the sign-in form.
    const agentConsole = await mountConsole();
    const gate = await waitUntil(
      () => agentConsole.shadowRoot!.querySelector('form.gate-form') && sizes(agentConsole.shadowRoot!),
      'the sign-in form',
    );
    ok(gate.length >= 2, 'its fields measured');
    deepEqual(small(gate), [], 'the console’s sign-in form');
    // Wider, on a desktop with a mouse, the widget keeps its own size.
    await setViewport({ width: 1024, height: 768 });
    const wide = await mount({ prechat: 'required' });
    wide.open();
    await wide.updateComplete;
    equal(getComputedStyle($(wide, 'input[name="email"]')!).fontSize, '15px', 'a desktop’s field');
  });

  it('respects the safe-area insets of a viewport-fit=cover page: header, composer and launcher clear of the notch and the home bar', async () => {
    await phone({ insets: { top: 47, right: 0, bottom: 34, left: 0 } });
    const el = await mount();
    const launcher = $(el, '[part="launcher"]')!;
    equal(getComputedStyle(launcher).bottom, '54px', 'the launcher 20 px above the home bar');
    equal(launcher.getBoundingClientRect().bottom, 844 - 54, 'and so on the screen');
    el.open();
    await el.updateComplete;
    equal(getComputedStyle($(el, '[part="header"]')!).paddingTop, '47px', 'the header under the notch');
    equal(getComputedStyle($(el, '[part="composer"]')!).paddingBottom, '34px', 'the composer over the home bar');
    // A landscape notch on the left, on the phone's screen: the header and the composer move in from it.
    await phone({ insets: { top: 0, right: 0, bottom: 21, left: 47 } });
    await el.updateComplete;
    equal(getComputedStyle($(el, '[part="header"]')!).paddingLeft, '47px', 'the header’s left');
    equal(getComputedStyle($(el, '[part="composer"]')!).paddingLeft, '47px', 'the composer’s left');
    equal(getComputedStyle($(el, '[part="header"]')!).paddingTop, '18px', 'its own padding without an inset');
  });

  describe('a page that comes back from the background', () => {
    /** An open conversation with its message acknowledged, and its room. */
    async function conversation(): Promise<{ el: SupportChat; room: string }> {
      const el = await mount();
      el.open();
      await say(el, 'Hello from my phone');
      await waitUntil(() => $(el, '.row.visitor:not(.pending)'), 'the acknowledgement');
      return { el, room: await roomId() };
    }
    const texts = (el: SupportChat) => $$(el, '.row:not(.greeting) .bubble').map((b) => b.textContent?.trim());

    for (const [how, comeBack] of [
      ['visible again (visibilitychange)', () => document.dispatchEvent(new Event('visibilitychange'))],
      [
        'restored from the back-forward cache (pageshow, persisted)',
        () => dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true })),
      ],
      ['resumed after a freeze (resume)', () => document.dispatchEvent(new Event('resume'))],
    ] as const) {
      it(`${how}: a ping and one history after the cursor, on the same connection, and the reply that came while away shown`, async () => {
        const { el, room } = await conversation();
        const show = background();
        const from = wire.frames.length;
        // The agent's reply while the page was away, which the socket never brought (a phone
        // suspended it; here: stored without a broadcast).
        const reply = await command<Message>('room:storeQuietly', { roomId: room, text: 'Replied while you were away' });
        deepEqual(wire.frames.slice(from), [], 'nothing sent while hidden');
        // A frozen or cached page is visible by the time its event comes.
        show();
        comeBack();
        await waitUntil(() => texts(el).includes(reply.text), 'the reply');
        deepEqual(texts(el), ['Hello from my phone', reply.text], 'the conversation, in order, once each');
        const sent = wire.frames.slice(from);
        deepEqual(
          sent.filter((f) => f.action === 'ping' || f.action === 'history'),
          [{ action: 'ping' }, { action: 'history', after: reply.seq - 1 }],
          'what the page sent when it came back',
        );
        equal(wire.sockets, 1, 'the same connection');
        equal(el.client.state, 'open', 'still open');
      });
    }

    it('does nothing for a page shown afresh (pageshow, not persisted) nor while still hidden', async () => {
      await conversation();
      const from = wire.frames.length;
      dispatchEvent(new PageTransitionEvent('pageshow', { persisted: false }));
      const show = background();
      document.dispatchEvent(new Event('resume'));
      show();
      // A frame sent after these, answered: whatever they sent would be before it.
      const el = document.querySelector('support-chat')!;
      await say(el, 'Still here');
      await waitUntil(() => $$(el, '.row.visitor:not(.pending)').length === 2, 'its acknowledgement');
      ok(
        wire.frames.slice(from).some((f) => f.action === 'sendMessage'),
        'the message sent',
      );
      ok(!wire.frames.slice(from).some((f) => f.action === 'ping' || f.action === 'history'), 'no ping, no history');
    });

    it('brings an agent’s console up to date too: a ping and one history after the cursor of the open conversation', async () => {
      const el = await signedIn();
      const visitor = await Visitor.connect();
      try {
        await visitor.say('Are you still there?');
        await openRoom(el, visitor.roomId);
        const show = background();
        const from = wire.frames.length;
        const quiet = await command<Message>('room:storeQuietly', { roomId: visitor.roomId, text: 'Answered from the other desk' });
        show();
        document.dispatchEvent(new Event('visibilitychange'));
        await waitUntil(() => el.client!.messages(visitor.roomId).some((m) => m.text === quiet.text), 'the message stored while away');
        const sent = wire.frames.slice(from).filter((f) => f.action === 'ping' || (f.action === 'history' && f.roomId === visitor.roomId));
        deepEqual(sent, [{ action: 'ping' }, { action: 'history', after: quiet.seq - 1, roomId: visitor.roomId }], 'what the console sent');
        equal(wire.sockets, 1, 'the same connection');
      } finally {
        await visitor.close();
        await removeConsoles();
      }
    });

    it('a follower tab brought to the front takes the one connection: never a second socket, nothing doubled', async () => {
      // Two tabs as same-origin iframes (see tabs.test.ts): the second to connect leads.
      const TAB = `const made = []; window.openSockets = () => made.filter((ws) => ws.readyState === WebSocket.OPEN).length;
        const Native = WebSocket; window.WebSocket = class extends Native { constructor(...a) { super(...a); made.push(this); } };
        import('/widget/src/visitor/define.ts').then(() => { window.ready = true; });`;
      const tabs: { frame: HTMLIFrameElement; el: SupportChat; sockets: () => number }[] = [];
      try {
        for (let i = 0; i < 2; i++) {
          const frame = document.createElement('iframe');
          frame.srcdoc = `<!doctype html><script type="module">${TAB}</script>`;
          document.body.append(frame);
          const win = () => frame.contentWindow as (Window & { ready?: boolean; openSockets: () => number }) | null;
          await waitUntil(() => win()?.ready, 'the tab to load');
          const el = frame.contentDocument!.createElement('support-chat') as SupportChat;
          el.setAttribute('config', `${location.origin}/config.json`);
          frame.contentDocument!.body.append(el);
          el.open();
          await el.updateComplete;
          tabs.push({ frame, el, sockets: () => win()?.openSockets() ?? 0 });
          if (i === 0) {
            await say(el, 'Hello from the first tab');
            await waitUntil(() => el.client.messages().length === 1, 'the acknowledgement');
          }
        }
        const [first, second] = tabs as [(typeof tabs)[0], (typeof tabs)[0]];
        await waitUntil(
          () => second.sockets() === 1 && first.sockets() === 0 && second.el.client.state === 'open',
          'the second tab leading',
        );
        const room = await roomId();
        // The first tab goes to the background and comes back to the front.
        const doc = first.frame.contentDocument!;
        Object.defineProperty(doc, 'visibilityState', { configurable: true, get: () => 'hidden' });
        doc.dispatchEvent(new Event('visibilitychange'));
        delete (doc as { visibilityState?: unknown }).visibilityState;
        doc.dispatchEvent(new Event('visibilitychange'));
        await waitUntil(() => first.sockets() === 1 && second.sockets() === 0 && first.el.client.state === 'open', 'the first tab leading');
        await say(first.el, 'Back in front');
        await waitUntil(() => tabs.every((t) => t.el.client.messages().length === 2), 'the message in both tabs');
        equal(first.sockets() + second.sockets(), 1, 'one socket in the browser');
        equal(await command<number>('room:visitorConnections', { roomId: room }), 1, 'one connection at the server');
        deepEqual(
          (await command<Message[]>('room:messages', { roomId: room })).map((m) => m.text),
          ['Hello from the first tab', 'Back in front'],
          'stored once each',
        );
      } finally {
        for (const tab of tabs) tab.frame.remove();
      }
    });
  });
});

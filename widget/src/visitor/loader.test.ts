// The loader, dist/support-chat.js as a page gets it (built by the test server with the
// widget's own Vite config), each test in a page of its own: an iframe, so that each
// starts without <support-chat> defined (its srcdoc has no address of its own: the
// config's is absolute). A held image (/__hold/ID.svg) keeps a page from
// reaching its load event, so that only the visitor's interest can load the chat; a slow
// CDN (/__slow/ID/) holds support-chat-app.js until the test lets it come.
import { resetMouse, sendMouse } from '@web/test-runner-commands';
import { deepEqual, equal, ok } from '../../test/assert.ts';
import { command, storedRoom, waitUntil } from '../../test/helpers.ts';
import { ATTRIBUTES } from './element-basics.ts';
import { SupportChat } from './support-chat.ts';

type FrameWindow = Window &
  typeof globalThis & { SupportChat: (...args: unknown[]) => void; opens?: number; requestIdleCallback?: unknown };

let frame: HTMLIFrameElement | undefined;
let ids = 0;

/**
 * A page with the script tag (from `src`, with `attributes`), a held image after it, and
 * `before` ahead of it (the command-queue snippet, say).
 */
async function page({ src = '/__bundle/support-chat.js', attributes = '', before = '', fromElsewhere = false } = {}) {
  const id = `loader-${Date.now()}-${ids++}`;
  frame = document.createElement('iframe');
  Object.assign(frame.style, { position: 'fixed', top: '0', left: '0', width: '640px', height: '480px', border: '0' });
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Loader</title></head><body>
${before}
<script src="${src}" data-config="${location.origin}/config.json" ${attributes}></script>
<img src="/__hold/${id}.svg" alt="">
</body></html>`;
  // A visitor arriving from another site (no address of this one as the referrer), or from this one.
  if (fromElsewhere) {
    frame.referrerPolicy = 'no-referrer';
    // A blob: address has nothing to resolve the page's paths against: this origin does.
    const based = html.replace('<head>', `<head><base href="${location.origin}/">`);
    frame.src = URL.createObjectURL(new Blob([based], { type: 'text/html' }));
  } else frame.srcdoc = html;
  document.body.append(frame);
  const win = await waitUntil(
    () => frame?.contentWindow?.document.querySelector('support-chat') && (frame.contentWindow as FrameWindow),
    'the page',
  );
  const el = win.document.querySelector('support-chat') as SupportChat;
  const launcher = await waitUntil(() => el.shadowRoot?.querySelector<HTMLButtonElement>('[part="launcher"]'), 'the launcher');
  return { id, win, el, launcher };
}

/** The chat's script, once the loader has asked for it. */
const appScript = (win: Window) => win.document.querySelector<HTMLScriptElement>('script[src$="support-chat-app.js"]');

/** The element's code has loaded, the element has rendered, and the loader's launcher has gone. */
async function chatReady(win: Window, el: SupportChat): Promise<HTMLButtonElement> {
  await waitUntil(() => win.customElements.get('support-chat'), 'the element defined');
  await el.updateComplete;
  await waitUntil(() => el.shadowRoot!.querySelectorAll('[part="launcher"]').length === 1, 'one launcher');
  return el.shadowRoot!.querySelector<HTMLButtonElement>('[part="launcher"]')!;
}

/** The widget's keys in storage (both kinds share this page's origin with the frames). */
const stored = () => [...Object.keys(localStorage), ...Object.keys(sessionStorage)].filter((key) => key.startsWith('support-chat:')).sort();

/** How a launcher looks: its box, its icon's, and what its styles compute to. */
function looks(win: Window, launcher: HTMLElement) {
  const style = win.getComputedStyle(launcher);
  const box = (el: Element) => {
    const { x, y, width, height } = el.getBoundingClientRect();
    return [x, y, width, height].map(Math.round);
  };
  return {
    box: box(launcher),
    icon: box(launcher.querySelector('svg')!),
    label: launcher.getAttribute('aria-label'),
    ...Object.fromEntries(
      ['position', 'display', 'backgroundColor', 'color', 'borderRadius', 'borderStyle', 'boxShadow', 'cursor', 'fontFamily'].map(
        (name) => [name, style.getPropertyValue(name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`))],
      ),
    ),
    iconFill: win.getComputedStyle(launcher.querySelector('svg')!).fill,
  };
}

/** Where a launcher in the frame is, in this page's coordinates. */
function centre(launcher: HTMLElement): [number, number] {
  const inFrame = launcher.getBoundingClientRect();
  const at = frame!.getBoundingClientRect();
  return [Math.round(at.x + inFrame.x + inFrame.width / 2), Math.round(at.y + inFrame.y + inFrame.height / 2)];
}

describe('the loader (support-chat.js)', () => {
  before(async () => {
    await command('bundle');
  });
  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
  });
  afterEach(async () => {
    frame?.remove();
    frame = undefined;
    await resetMouse();
    sessionStorage.clear();
  });

  it('sets the element attributes the element has, each from its data-* twin', () => {
    deepEqual([...ATTRIBUTES].sort(), [...SupportChat.observedAttributes].sort(), 'the loader’s list of attributes');
  });

  it('draws the launcher as the element does, loads nothing more while the page loads, then the chat once the browser is idle, storing nothing', async () => {
    const { id, win, el, launcher } = await page({ attributes: 'data-lang="de" data-title="Loader test"' });
    equal(launcher.getAttribute('aria-label'), 'Chat öffnen', 'named in the page’s language');
    equal(launcher.getAttribute('aria-expanded'), 'false', 'closed');
    equal(el.getAttribute('title'), 'Loader test', 'the attributes from the script tag');
    // Until the page has loaded, no interest, no chat.
    await new Promise((resolve) => setTimeout(resolve, 100));
    equal(appScript(win), null, 'support-chat-app.js asked for');
    equal(win.customElements.get('support-chat'), undefined, 'the element defined');
    const drawn = looks(win, launcher);

    await command('hold:release', { id });
    const own = await chatReady(win, el);
    equal(new URL(appScript(win)!.src).pathname, '/__bundle/support-chat-app.js', 'the chat, from beside the loader');
    ok(own !== launcher, 'the element’s own launcher');
    deepEqual(looks(win, own), drawn, 'the element’s launcher looks as the loader’s did');
    equal(el.client.state, 'idle', 'no connection');
    deepEqual(stored(), [], 'nothing stored');
  });

  it('loads the chat when the pointer reaches the launcher', async () => {
    const { win, el, launcher } = await page();
    equal(appScript(win), null, 'the chat asked for before the pointer came');
    await sendMouse({ type: 'move', position: centre(launcher) });
    await chatReady(win, el);
    equal(el.opened, false, 'still closed');
    deepEqual(stored(), [], 'nothing stored');
  });

  it('loads the chat when the launcher gets the focus, and keeps the focus on the element’s launcher', async () => {
    const { win, el, launcher } = await page();
    launcher.focus();
    const own = await chatReady(win, el);
    equal(el.shadowRoot!.activeElement, own, 'the focus on the element’s launcher');
    equal(win.document.activeElement, el, 'on the element in its page');
  });

  it('shows one launcher throughout, never two nor none, while the chat waits for the visitor’s language', async () => {
    const id = `chunks-${Date.now()}`;
    const { win, el, launcher } = await page({ src: `/__slow-chunks/${id}/support-chat.js`, attributes: 'data-lang="de"' });
    const root = el.shadowRoot!;
    // The launchers in the shadow root after each change to it, and at each frame the page could paint.
    const counts = new Set<number>();
    const count = () => counts.add(root.querySelectorAll('[part="launcher"]').length);
    const observer = new win.MutationObserver(count);
    observer.observe(root, { childList: true, subtree: true });
    let sampling = true;
    const sample = () => {
      count();
      if (sampling) win.requestAnimationFrame(sample);
    };
    sample();

    launcher.focus();
    await waitUntil(() => win.customElements.get('support-chat') && el.hasUpdated, 'the chat rendered');
    const own = root.querySelector<HTMLButtonElement>('[part="launcher"]')!;
    ok(own !== launcher, 'the element’s own launcher');
    equal(
      (win as unknown as { SupportChatExtras?: { de?: unknown } }).SupportChatExtras?.de,
      undefined,
      'the German texts here before they were let through',
    );
    equal(own.getAttribute('aria-label'), 'Chat öffnen', 'the launcher in German meanwhile');
    equal(root.activeElement, own, 'the focus on the element’s launcher');

    await command('hold:release', { id });
    await chatReady(win, el);
    await waitUntil(() => root.querySelector('[part="panel"]')?.getAttribute('aria-label') === 'Schreiben Sie uns', 'the panel in German');
    sampling = false;
    observer.disconnect();
    deepEqual([...counts], [1], 'launchers at each change and each frame');
  });

  it('opens the panel once the chat has loaded when the visitor clicked before', async () => {
    const id = `click-${Date.now()}`;
    const { win, el, launcher } = await page({
      src: `/__slow/${id}/support-chat.js`,
      before: `<script>window.opens = 0;
window.SupportChat = window.SupportChat || function () { (SupportChat.q = SupportChat.q || []).push(arguments); };
SupportChat('on', 'open', () => window.opens++);</script>`,
    });
    await sendMouse({ type: 'click', position: centre(launcher) });
    await waitUntil(() => appScript(win), 'the chat asked for');
    equal(win.customElements.get('support-chat'), undefined, 'the chat here before it was let through');
    await command('hold:release', { id });
    const own = await chatReady(win, el);
    await waitUntil(() => el.opened, 'the panel open');
    await el.updateComplete;
    equal(own.getAttribute('aria-expanded'), 'true', 'the launcher says so');
    equal(win.opens, 1, 'one support-chat-open');
    // The visitor acted: their key, and the open panel for the site's next page.
    deepEqual(stored(), ['support-chat:key', 'support-chat:panel'], 'what is stored');
  });

  it('honours the commands given before the loader and while the chat loads, each once, in order', async () => {
    const id = `queue-${Date.now()}`;
    const { win, el } = await page({
      src: `/__slow/${id}/support-chat.js`,
      before: `<script>window.opens = 0;
window.SupportChat = window.SupportChat || function () { (SupportChat.q = SupportChat.q || []).push(arguments); };
SupportChat('on', 'open', () => window.opens++);
SupportChat('identify', { name: 'Queued First' });
SupportChat('toggle');</script>`,
    });
    equal((win.SupportChat as { q?: unknown }).q, undefined, 'the queue taken over');
    // The chat is on its way (identify and toggle need it at once): more commands meanwhile.
    await waitUntil(() => appScript(win), 'the chat asked for');
    win.SupportChat('toggle');
    win.SupportChat('identify', { name: 'Queued Second' });
    win.SupportChat('toggle');
    equal(win.customElements.get('support-chat'), undefined, 'the chat here before it was let through');
    await command('hold:release', { id });
    await chatReady(win, el);
    // Three toggles: open. One lost or run twice would leave it closed.
    await waitUntil(() => el.opened, 'open after three toggles');
    await waitUntil(() => el.client.state === 'open', 'connected');
    const key = localStorage.getItem('support-chat:key');
    ok(key, 'the visitor key');
    const room = await command<string>('room:id', { visitorKey: key });
    await waitUntil(async () => (await storedRoom(room))?.visitorName === 'Queued Second', 'the second identify last');
    equal(win.opens, 1, 'one support-chat-open');
    // From now on, at once.
    win.SupportChat('close');
    equal(el.opened, false, 'closed at once');
  });

  it('loads the chat at once, before the page has loaded, for a panel left open on the site’s previous page; a click meanwhile keeps it open', async () => {
    sessionStorage.setItem('support-chat:panel', 'open');
    const id = `left-open-${Date.now()}`;
    const { win, el, launcher } = await page({ src: `/__slow/${id}/support-chat.js` });
    ok(appScript(win), 'the chat asked for');
    // The visitor, seeing "Open chat", clicks before the chat is here: a toggle would close it.
    launcher.click();
    await command('hold:release', { id });
    await chatReady(win, el);
    await waitUntil(() => el.opened, 'the panel open again');
    await el.updateComplete;
    ok(el.opened, 'still open');
    equal(win.document.readyState === 'complete', false, 'the page still loading');
  });

  it('reads no storage on a visitor’s arrival from another site: a panel left open comes back with the chat, at idle time', async () => {
    // What a tab that had the panel open holds, which only a page of this site can have left.
    sessionStorage.setItem('support-chat:panel', 'open');
    const { id, win, el } = await page({
      fromElsewhere: true,
      before: `<script>window.reads = 0;
const getItem = Storage.prototype.getItem;
Storage.prototype.getItem = function (key) { if (key.startsWith('support-chat:')) window.reads++; return getItem.call(this, key); };</script>`,
    });
    const counted = win as FrameWindow & { reads: number };
    equal(win.document.referrer, '', 'no referrer');
    await new Promise((resolve) => setTimeout(resolve, 100));
    equal(counted.reads, 0, 'storage reads before the page’s load');
    equal(appScript(win), null, 'support-chat-app.js asked for');
    await command('hold:release', { id });
    await chatReady(win, el);
    await waitUntil(() => el.opened, 'the panel open again');
    ok(counted.reads > 0, 'the chat reads what it keeps');
  });

  it('loads the chat at once, before the page has loaded, on a reload with the panel left open, whatever the referrer', async () => {
    const { win } = await page({ fromElsewhere: true });
    const first = win.document;
    sessionStorage.setItem('support-chat:panel', 'open');
    win.location.reload();
    const reloaded = await waitUntil(
      () => (win.document !== first ? win.document.querySelector<SupportChat>('support-chat') : null),
      'the page reloaded',
    );
    await waitUntil(() => appScript(win), 'the chat asked for');
    // The held image keeps the page from its load event: only the storage read asked for the chat.
    equal(win.document.readyState === 'complete', false, 'the page still loading');
    await chatReady(win, reloaded);
    await waitUntil(() => reloaded.opened, 'the panel open again');
  });

  it('takes the page’s own <support-chat>, and loads the chat at once, before the page has loaded, when it is to be open', async () => {
    const { win, el } = await page({
      before: `<support-chat open title="The page's own" config="${location.origin}/config.json"></support-chat>`,
    });
    equal(win.document.querySelectorAll('support-chat').length, 1, 'one element');
    ok(appScript(win), 'the chat asked for');
    await chatReady(win, el);
    ok(el.opened, 'open');
    equal(el.getAttribute('title'), "The page's own", 'its attributes');
    equal(win.document.readyState === 'complete', false, 'the page still loading');
  });

  it('loads the chat from beside itself on another origin (a CDN), and chats', async () => {
    const cdn = `http://127.0.0.1:${location.port}`;
    ok(cdn !== location.origin, 'another origin');
    const { win, el } = await page({ src: `${cdn}/__bundle/support-chat.js` });
    win.SupportChat('open');
    await chatReady(win, el);
    equal(new URL(appScript(win)!.src).origin, cdn, 'support-chat-app.js from the loader’s origin');
    await waitUntil(() => el.client.state === 'open', 'connected');
    el.client.sendMessage('From a page whose widget comes from a CDN');
    await waitUntil(() => el.client.messages().some((m) => m.text === 'From a page whose widget comes from a CDN'), 'the message stored');
  });
});

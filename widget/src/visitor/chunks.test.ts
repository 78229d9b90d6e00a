// The chat's lazy chunks as a page gets them (issue 18): the script-tag build (built by the
// test server with the widget's own Vite config, at /__bundle/), each case in a page of its
// own (an iframe whose Content-Security-Policy allows the scripts by a nonce alone, or only
// the loader and the chat), so that each starts without <support-chat> defined.
import type { ServerEvent, TeamSettings } from '@support-chat/backend/protocol';
import { deepEqual, equal, ok } from '../../test/assert.ts';
import { command, roomId, storedRoom, waitUntil } from '../../test/helpers.ts';
import type { SupportChat } from './support-chat.ts';

type FrameWindow = Window & typeof globalThis & { cspViolations: string[] };

const NONCE = 'ch4nks';
let frame: HTMLIFrameElement | undefined;

/**
 * A page with the script tag and `attributes`, opened at once (`data-open`); its policy
 * allows scripts by the nonce, or, with `only`, those files alone (no nonce).
 */
async function page(attributes: string, only?: string[]) {
  const scripts = only ? only.map((file) => `${location.origin}/__bundle/${file}`).join(' ') : `'nonce-${NONCE}'`;
  const nonce = only ? '' : ` nonce="${NONCE}"`;
  frame = document.createElement('iframe');
  Object.assign(frame.style, { width: '800px', height: '700px', border: '0' });
  frame.srcdoc = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Chunks</title>
<meta http-equiv="Content-Security-Policy" content="script-src ${scripts}">
</head><body>
<script src="/__bundle/support-chat.js" data-config="${location.origin}/config.json" data-open ${attributes}${nonce}></script>
</body></html>`;
  document.body.append(frame);
  const win = await waitUntil(
    () => frame?.contentWindow?.document.querySelector('support-chat') && (frame.contentWindow as FrameWindow),
    'the page',
  );
  win.cspViolations = [];
  win.document.addEventListener('securitypolicyviolation', (event) => win.cspViolations.push(event.blockedURI));
  const el = win.document.querySelector('support-chat') as SupportChat;
  await waitUntil(() => win.customElements.get('support-chat'), 'the chat loaded');
  await waitUntil(() => el.opened && el.shadowRoot!.querySelectorAll('[part="launcher"]').length === 1, 'the chat ready and open');
  // Rendered with what it holds for: the visitor's texts, the form before the first message.
  await el.updateComplete;
  return { win, el };
}

const $ = <E extends Element = HTMLElement>(el: SupportChat, selector: string) => el.shadowRoot!.querySelector<E>(selector);

/** How many times the page asked for each of the widget's scripts. */
function downloads(win: Window): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const entry of win.performance.getEntriesByType('resource')) {
    const file = /\/__bundle\/(support-chat[\w-]*\.js)$/.exec(new URL(entry.name).pathname)?.[1];
    if (file) counts[file] = (counts[file] ?? 0) + 1;
  }
  return counts;
}

/** The chunk scripts on the page, with their nonces. */
const chunkScripts = (win: Window) =>
  [...win.document.querySelectorAll('script')]
    .map((script) => [new URL(script.src || location.href).pathname, script.nonce])
    .filter(([path]) => /\/support-chat-(?!app)[\w-]+\.js$/.test(path!));

describe('the chat’s lazy chunks (support-chat-<name>.js)', () => {
  before(() => command('bundle'));
  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
  });
  afterEach(() => {
    frame?.remove();
    frame = undefined;
  });

  it('gives a German visitor the chat in German: support-chat-de.js, loaded once beside the loader with its nonce', async () => {
    const { win, el } = await page('data-lang="de"');
    equal($<HTMLTextAreaElement>(el, 'textarea')?.placeholder, 'Nachricht schreiben…', 'the composer in German');
    equal($(el, '[part="title"]')?.textContent?.trim(), 'Schreiben Sie uns', 'the title in German');
    equal($(el, '[part="launcher"]')?.getAttribute('aria-label'), 'Chat schließen', 'the launcher in German');
    ok(
      chunkScripts(win).some(([path, nonce]) => path === '/__bundle/support-chat-de.js' && nonce === NONCE),
      'from beside the loader, with its nonce',
    );
    equal(downloads(win)['support-chat-de.js'], 1, 'downloaded once (the loader asked with the chat, the chat again)');
    for (const [file, times] of Object.entries(downloads(win))) equal(times, 1, `${file} downloaded once`);
    equal(downloads(win)['support-chat-fr.js'], undefined, 'no other language');
    deepEqual(win.cspViolations, [], 'CSP violations');
  });

  it('chats in English, the launcher in French, when support-chat-fr.js cannot load', async () => {
    const { win, el } = await page('data-lang="fr"', ['support-chat.js', 'support-chat-app.js']);
    // Refused by the page's policy: the chat's updateComplete does not wait for it forever.
    await el.updateComplete;
    equal((win as { SupportChatExtras?: { fr?: unknown } }).SupportChatExtras?.fr, undefined, 'no French texts');
    equal($<HTMLTextAreaElement>(el, 'textarea')?.placeholder, 'Write a message…', 'the composer in English');
    el.close();
    await el.updateComplete;
    equal($(el, '[part="launcher"]')?.getAttribute('aria-label'), 'Ouvrir le chat', 'the launcher as the loader drew it');
    el.open();
    await el.updateComplete;
    const box = $<HTMLTextAreaElement>(el, 'textarea')!;
    box.value = 'Bonjour, in English';
    box.dispatchEvent(new Event('input', { bubbles: true }));
    await el.updateComplete;
    $<HTMLButtonElement>(el, '[part="send"]')!.click();
    await waitUntil(() => el.client.messages().some((m) => m.text === 'Bonjour, in English'), 'the message sent');
  });

  it('says when an away team is back, with support-chat-hours.js, loaded once', async () => {
    // Open around the clock, but closed today: back tomorrow.
    const allDay = [{ from: '00:00', to: '24:00' }];
    const weekly = Object.fromEntries(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((day) => [day, allDay]));
    const hours: TeamSettings['hours'] = { timeZone: 'UTC', weekly, holidays: [new Date().toISOString().slice(0, 10)] };
    const answer = await command<ServerEvent>('team:set', { patch: { hours } });
    equal(answer.type, 'team', 'settings saved');
    try {
      const { win, el } = await page('');
      await waitUntil(() => /^Away · back /.test($(el, '[part="presence"]')?.textContent ?? ''), 'the away line');
      equal(downloads(win)['support-chat-hours.js'], 1, 'the hours chunk, once');
      deepEqual(win.cspViolations, [], 'CSP violations');
    } finally {
      await command('team:set', { patch: {} });
    }
  });

  it('shows the form a page requires before the first message, with support-chat-email.js, and keeps what the visitor gives', async () => {
    const { win, el } = await page('data-prechat="required"');
    const form = await waitUntil(() => $<HTMLFormElement>(el, 'form[part="prechat"]'), 'the pre-chat form');
    equal($(el, 'textarea'), null, 'no composer before it');
    equal(win.getComputedStyle(form).display, 'grid', 'its styles, with its code');
    form.querySelector<HTMLInputElement>('input[name="name"]')!.value = 'Chunk Visitor';
    form.requestSubmit();
    await waitUntil(() => $(el, 'textarea'), 'the composer once answered');
    await waitUntil(async () => (await storedRoom(await roomId()))?.visitorName === 'Chunk Visitor', 'the name kept');
    equal(downloads(win)['support-chat-email.js'], 1, 'the email chunk, once');
    deepEqual(win.cspViolations, [], 'CSP violations');
  });
});

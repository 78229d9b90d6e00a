import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import { deepEqual, equal, includes, match, ok } from '../../test/assert.ts';
import { axeViolations } from '../../test/axe.ts';
import { Agent, DEAD_ENDPOINT, endpoint, roomId, storedMessages, storedRoom, waitUntil } from '../../test/helpers.ts';
import { $, $$, input, mount } from '../../test/visitor.ts';
import './define.ts';
import type { SupportChat } from './support-chat.ts';

const agents: Agent[] = [];

async function agent(): Promise<Agent> {
  const a = await Agent.connect();
  agents.push(a);
  return a;
}

const launcher = (el: SupportChat) => $<HTMLButtonElement>(el, '[part="launcher"]')!;
const sendButton = (el: SupportChat) => $<HTMLButtonElement>(el, '[part="send"]')!;
/** The texts of the conversation's rows (the greeting excluded). */
const bubbles = (el: SupportChat, side = '') => $$(el, `.row${side}:not(.greeting) .bubble`).map((b) => b.textContent);

async function type(el: SupportChat, text: string): Promise<void> {
  const box = input(el);
  box.value = text;
  box.dispatchEvent(new Event('input', { bubbles: true }));
  await el.updateComplete;
}

async function say(el: SupportChat, text: string): Promise<void> {
  await type(el, text);
  sendButton(el).click();
  await el.updateComplete;
}

/** Opens the chat and says something, so the room exists for an agent to join. */
async function startConversation(el: SupportChat, text = 'Hi! Can I get a team discount?'): Promise<string> {
  el.open();
  await say(el, text);
  await waitUntil(() => $(el, '.row.visitor:not(.pending)'), 'the acknowledgement');
  return roomId();
}

describe('<support-chat>', () => {
  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
  });
  afterEach(async () => {
    for (const el of document.querySelectorAll('support-chat')) el.remove();
    for (const a of agents.splice(0)) await a.close();
    await emulateMedia({ colorScheme: 'light' });
    await setViewport({ width: 1024, height: 768 });
  });

  it('shows only a launcher and stores nothing until the visitor opens it', async () => {
    const el = await mount();
    equal(launcher(el).getAttribute('aria-expanded'), 'false', 'aria-expanded');
    equal(launcher(el).getAttribute('aria-label'), 'Open chat', 'launcher label');
    equal(getComputedStyle($(el, '[part="panel"]')!).visibility, 'hidden', 'panel visibility');
    equal(el.client.state, 'idle', 'connection');
    equal(localStorage.length, 0, 'localStorage entries');
  });

  it('opens from the launcher, focuses the composer, connects and shows presence', async () => {
    const el = await mount({ title: 'Practical Cloud', subtitle: 'Ask us anything' });
    const events: string[] = [];
    el.addEventListener('support-chat-open', () => events.push('open'));
    el.addEventListener('support-chat-connection', (e) => events.push(e.detail.state));
    launcher(el).click();
    await el.updateComplete;
    equal(launcher(el).getAttribute('aria-expanded'), 'true', 'aria-expanded');
    equal(el.shadowRoot!.activeElement, input(el), 'focused element');
    equal($(el, '[part="title"]')!.textContent, 'Practical Cloud', 'title');
    equal($(el, '[part="subtitle"]')!.textContent, 'Ask us anything', 'subtitle');
    await waitUntil(() => $(el, '[part="presence"]'), 'presence');
    await waitUntil(() => el.client.state === 'open', 'the connection');
    // Nobody available (no agent is connected): the team's state, never "We'll alert our team" before a message exists.
    equal($(el, '[part="presence"]')!.textContent!.trim(), "Away · we'll get back to you", 'presence without agents');
    deepEqual(events, ['open', 'connecting', 'open'], 'events');
    equal(sendButton(el).disabled, true, 'send button with an empty composer');

    const room = await startConversation(el);
    const alex = await agent();
    await alex.join(room);
    await waitUntil(() => $(el, '[part="presence"]')!.textContent!.trim() === 'An agent is here', 'presence with an agent');
  });

  it('sends a message, shows its status, and shows the agent’s answer with the agent’s name', async () => {
    const el = await mount();
    const messages: string[] = [];
    el.addEventListener('support-chat-message', (e) => messages.push(`${e.detail.message.sender.role}: ${e.detail.message.text}`));
    el.open();
    await type(el, 'Do you offer a team plan?');
    equal(sendButton(el).disabled, false, 'send enabled');
    sendButton(el).click();
    await el.updateComplete;
    equal($(el, '.row.pending .status')?.textContent, 'Sending…', 'status before the ack');
    equal(input(el).value, '', 'composer cleared');
    await waitUntil(() => $(el, '.row.visitor:not(.pending) .status')?.textContent === 'Sent', 'status Sent');

    const room = await roomId();
    const alex = await agent();
    const joined = await alex.join(room);
    equal(joined.type === 'history' && joined.messages[0]?.text, 'Do you offer a team plan?', 'what the agent sees');
    const answer = await alex.say(room, 'Yes! Teams of 5+ get 20% off.');
    await waitUntil(() => bubbles(el, '.agent').length === 1, 'the answer');
    deepEqual(bubbles(el, '.agent'), ['Yes! Teams of 5+ get 20% off.'], 'agent bubbles');
    ok(answer.sender.name, 'the agent has a name');
    equal($(el, '.row.agent:not(.greeting) .name')?.textContent, answer.sender.name, 'agent name');
    deepEqual(messages, ['visitor: Do you offer a team plan?', 'agent: Yes! Teams of 5+ get 20% off.'], 'message events');
  });

  it('keeps a message typed offline, shows it as sending, and delivers it once after a reload', async () => {
    const offline = await mount({ endpoint: DEAD_ENDPOINT });
    offline.open();
    await say(offline, 'Sent from the train');
    await waitUntil(() => $(offline, '[part="banner"]'), 'the reconnecting banner');
    equal($(offline, '.row.pending .status')?.textContent, 'Sending…', 'status while offline');
    offline.remove();

    const reloaded = await mount({ endpoint: await endpoint() });
    equal($(reloaded, '.row.pending .bubble')?.textContent, 'Sent from the train', 'pending after the reload');
    await waitUntil(() => $(reloaded, '.row.visitor:not(.pending)'), 'the delivery');
    deepEqual(bubbles(reloaded), ['Sent from the train'], 'shown once');
    const stored = await storedMessages(await roomId());
    deepEqual(
      stored.map((m) => m.text),
      ['Sent from the train'],
      'stored once',
    );
  });

  it('shows, once and in order, what the agent said while the visitor was disconnected', async () => {
    const el = await mount();
    const room = await startConversation(el, 'Is anyone there?');
    const alex = await agent();
    await alex.join(room);
    el.client.disconnect();
    await alex.say(room, 'Hi! Sorry for the wait.');
    await alex.say(room, 'Which course are you interested in?');
    el.client.connect();
    await waitUntil(() => bubbles(el).length === 3, 'the catch-up');
    deepEqual(bubbles(el), ['Is anyone there?', 'Hi! Sorry for the wait.', 'Which course are you interested in?'], 'log');
  });

  it('counts unread agent messages on the launcher while closed, and clears them on open', async () => {
    const el = await mount();
    const room = await startConversation(el);
    const alex = await agent();
    await alex.join(room);
    el.close();
    await alex.say(room, 'One more thing…');
    await alex.say(room, 'Are you a student?');
    await waitUntil(() => $(el, '[part="badge"]')?.textContent === '2', 'the badge');
    equal(launcher(el).getAttribute('aria-label'), 'Open chat, 2 unread', 'launcher label');
    el.open();
    await el.updateComplete;
    equal($(el, '[part="badge"]'), null, 'badge after opening');
    await alex.waitFor('read');
  });

  it('shows the agent typing and tells the agent when the visitor types', async () => {
    const el = await mount();
    const room = await startConversation(el);
    const alex = await agent();
    await alex.join(room);
    await alex.typing(room, true);
    const typing = await waitUntil(() => $(el, '[part="typing"]'), 'the typing indicator');
    match(typing.textContent!, /^\S.* is typing…$/, 'indicator');
    await alex.typing(room, false);
    await waitUntil(() => !$(el, '[part="typing"]'), 'the indicator to go');
    await type(el, 'I am writing a long question');
    const visitorTyping = await alex.waitFor('typing');
    equal(visitorTyping.role, 'visitor', 'typing role');
  });

  it('works from the keyboard: Enter sends, Shift+Enter breaks the line, Escape closes back to the launcher', async () => {
    const el = await mount();
    launcher(el).focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    equal(el.opened, true, 'opened with Enter on the launcher');
    equal(el.shadowRoot!.activeElement, input(el), 'focus in the composer');
    await sendKeys({ type: 'First line' });
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ type: 'second line' });
    await el.updateComplete;
    equal(input(el).value, 'First line\nsecond line', 'composer text');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    equal(input(el).value, '', 'composer after Enter');
    await waitUntil(() => $(el, '.row.visitor:not(.pending)'), 'the message');
    deepEqual(bubbles(el), ['First line\nsecond line'], 'sent text');
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    equal(el.opened, false, 'closed by Escape');
    equal(el.shadowRoot!.activeElement, launcher(el), 'focus back on the launcher');
  });

  it('counts characters near the 4000 limit and refuses to send past it', async () => {
    const el = await mount();
    el.open();
    await type(el, 'a'.repeat(3400));
    equal($(el, '[part="counter"]'), null, 'no counter far from the limit');
    await type(el, 'a'.repeat(3990));
    equal($(el, '[part="counter"]')!.textContent!.trim(), '10 characters left', 'counter');
    await type(el, 'a'.repeat(4003));
    equal($(el, '[part="counter"]')!.textContent!.trim(), '3 characters too many', 'counter over');
    equal(sendButton(el).disabled, true, 'send disabled');
  });

  it('shows a refused message as failed with the server’s reason, fires support-chat-error, and retries it', async () => {
    const el = await mount();
    const errors: string[] = [];
    el.addEventListener('support-chat-error', (e) => errors.push(`${e.detail.code}:${e.detail.clientMsgId ? 'msg' : ''}`));
    el.open();
    el.client.sendMessage('y'.repeat(4001));
    await waitUntil(() => $(el, '.row.failed'), 'the failure');
    match($(el, '.row.failed .status')!.textContent!, /Not sent: The text is longer than 4000 characters/, 'status');
    deepEqual(errors, ['too_large:msg'], 'error events');
    $<HTMLButtonElement>(el, '.row.failed .retry')!.click();
    await el.updateComplete;
    await waitUntil(() => errors.length === 2, 'the second refusal');
    $<HTMLButtonElement>(el, '.row.failed .discard')!.click();
    await el.updateComplete;
    equal($(el, '.row.pending'), null, 'discarded');
  });

  it('shows the server’s refusal of a request visibly', async () => {
    const el = await mount();
    const errors: string[] = [];
    el.addEventListener('support-chat-error', (e) => errors.push(`${e.detail.code} ${e.detail.action}`));
    el.open();
    el.identify({ email: 'not-an-email' });
    await waitUntil(() => $(el, '[part="error"]'), 'the notice');
    equal($(el, '[part="error"]')!.getAttribute('role'), 'alert', 'role');
    deepEqual(errors, ['bad_request identify'], 'error events');
  });

  it('asks for name and email first with `prechat`, sends them with identify, then lets the visitor write', async () => {
    const el = await mount({ prechat: '' });
    el.open();
    await el.updateComplete;
    const form = $<HTMLFormElement>(el, '[part="prechat"]')!;
    ok(form, 'pre-chat form');
    equal($(el, 'textarea'), null, 'no composer yet');
    equal(el.shadowRoot!.activeElement, form.querySelector('input[name="name"]'), 'focus on the name field');
    form.querySelector<HTMLInputElement>('input[name="name"]')!.value = 'Sam Rivera';
    form.querySelector<HTMLInputElement>('input[name="email"]')!.value = 'sam@example.com';
    form.requestSubmit();
    await el.updateComplete;
    await el.updateComplete;
    ok(input(el), 'composer after the form');
    equal(el.shadowRoot!.activeElement, input(el), 'focus on the composer');
    await waitUntil(async () => (await storedRoom(await roomId()))?.visitorName === 'Sam Rivera', 'the stored profile');
    equal((await storedRoom(await roomId()))?.visitorEmail, 'sam@example.com', 'stored email');
    await say(el, 'Hello from Sam');
    await waitUntil(() => $(el, '.row.visitor:not(.pending)'), 'the message');

    el.remove();
    const reloaded = await mount({ prechat: '' });
    reloaded.open();
    await reloaded.updateComplete;
    equal($(reloaded, '[part="prechat"]'), null, 'no form for a known visitor');
  });

  it('renders text as text and only http(s) and mailto links as links', async () => {
    const el = await mount();
    const room = await startConversation(el, 'Where are the docs? <script>window.pwned = true</script> <b>bold?</b>');
    const alex = await agent();
    await alex.join(room);
    await alex.say(
      room,
      'See https://example.com/docs/start?x=1. Or mail help@example.com via mailto:help@example.com, not javascript:alert(1) or <img src=x onerror=alert(1)>',
    );
    await waitUntil(() => bubbles(el, '.agent').length === 1, 'the answer');
    const visitorBubble = $(el, '.row.visitor .bubble')!;
    equal(visitorBubble.querySelector('script, b'), null, 'no elements from the visitor text');
    includes(visitorBubble.textContent!, '<script>window.pwned = true</script>', 'visitor text');
    equal((window as unknown as { pwned?: boolean }).pwned, undefined, 'no script ran');
    const agentBubble = $(el, '.row.agent:not(.greeting) .bubble')!;
    const links = [...agentBubble.querySelectorAll('a')];
    deepEqual(
      links.map((a) => a.getAttribute('href')),
      ['https://example.com/docs/start?x=1', 'mailto:help@example.com'],
      'links',
    );
    for (const a of links) {
      equal(a.getAttribute('rel'), 'noopener noreferrer nofollow', 'rel');
      equal(a.getAttribute('target'), '_blank', 'target');
    }
    equal(agentBubble.querySelector('img'), null, 'no img element');
    includes(agentBubble.textContent!, 'javascript:alert(1) or <img src=x onerror=alert(1)>', 'agent text');
  });

  it('offers the conversation as a .txt transcript', async () => {
    const el = await mount({ title: 'Practical Cloud' });
    const room = await startConversation(el, 'Can I pay by invoice?');
    const alex = await agent();
    await alex.join(room);
    const answer = await alex.say(room, 'Sure, for teams of 5 or more.');
    await waitUntil(() => bubbles(el, '.agent').length === 1, 'the answer');

    const transcript = el.transcript();
    const lines = transcript.trim().split('\n');
    equal(lines[0], 'Chat transcript: Practical Cloud', 'heading');
    match(lines[3]!, /^\[\d{4}-\d\d-\d\d \d\d:\d\d\] You: Can I pay by invoice\?$/, 'visitor line');
    match(lines[4]!, /^\[\d{4}-\d\d-\d\d \d\d:\d\d\] (.+): Sure, for teams of 5 or more\.$/, 'agent line');
    includes(lines[4]!, `] ${answer.sender.name}: `, 'agent name');

    const download = new Promise<{ name: string; text: Promise<string> }>((resolve) => {
      el.shadowRoot!.addEventListener(
        'click',
        (event) => {
          const a = event.target as HTMLAnchorElement;
          if (a.download) resolve({ name: a.download, text: fetch(a.href).then((r) => r.text()) });
        },
        { capture: true },
      );
    });
    $<HTMLButtonElement>(el, `button[aria-label="Download transcript"]`)!.click();
    const file = await download;
    match(file.name, /^chat-transcript-\d{4}-\d\d-\d\d\.txt$/, 'file name');
    equal(await file.text, transcript, 'file contents');
  });

  it('speaks German, Spanish and French, and takes overrides', async () => {
    const de = await mount({ lang: 'de' });
    equal(launcher(de).getAttribute('aria-label'), 'Chat öffnen', 'de');
    const es = await mount({ lang: 'es-MX' });
    equal(launcher(es).getAttribute('aria-label'), 'Abrir chat', 'es');
    const fr = await mount({ lang: 'fr' });
    fr.strings = { openChat: 'Besoin d’aide ?' };
    await fr.updateComplete;
    equal(launcher(fr).getAttribute('aria-label'), 'Besoin d’aide ?', 'fr override');
    equal($(fr, '[part="title"]')!.textContent, 'Discutons', 'fr title');
  });

  it('sits on the left with position="left" and fills a phone screen', async () => {
    const el = await mount({ position: 'left', open: '' });
    ok(launcher(el).getBoundingClientRect().left < 100, 'launcher on the left');
    await setViewport({ width: 390, height: 800 });
    await el.updateComplete;
    const panel = $(el, '[part="panel"]')!.getBoundingClientRect();
    deepEqual([panel.left, panel.top, panel.width, panel.height], [0, 0, 390, 800], 'panel box');
    equal(getComputedStyle(launcher(el)).display, 'none', 'launcher hidden under the full-screen panel');
    $<HTMLButtonElement>(el, `[part="header"] button[aria-label="Close chat"]`)!.click();
    await el.updateComplete;
    await el.updateComplete;
    equal(el.shadowRoot!.activeElement, launcher(el), 'focus back on the launcher after closing');
  });

  it('has no accessibility violations, closed and open with a conversation, light and dark', async () => {
    const el = await mount({ title: 'Practical Cloud' });
    deepEqual(await axeViolations(el), [], 'closed');
    const room = await startConversation(el, 'Do you have an AWS exam prep course? https://example.com');
    const alex = await agent();
    await alex.join(room);
    await alex.say(room, 'Yes: https://example.com/courses/aws-saa');
    await waitUntil(() => bubbles(el, '.agent').length === 1, 'the answer');
    await alex.typing(room, true);
    await waitUntil(() => $(el, '[part="typing"]'), 'the typing indicator');
    el.client.sendMessage('z'.repeat(4001));
    await waitUntil(() => $(el, '.row.failed'), 'a failed message');
    await type(el, 'w'.repeat(3800));
    deepEqual(await axeViolations(el), [], 'open, light');
    await emulateMedia({ colorScheme: 'dark' });
    deepEqual(await axeViolations(el), [], 'open, dark');
    el.close();
    await waitUntil(() => getComputedStyle($(el, '[part="panel"]')!).visibility === 'hidden', 'the panel to hide');
    await alex.say(room, 'Unread one');
    await waitUntil(() => $(el, '[part="badge"]'), 'the badge');
    deepEqual(await axeViolations(el), [], 'closed with a badge, dark');
  });

  it('fires support-chat-close and takes open/close/toggle', async () => {
    const el = await mount();
    const events: string[] = [];
    el.addEventListener('support-chat-open', () => events.push('open'));
    el.addEventListener('support-chat-close', () => events.push('close'));
    document.addEventListener('support-chat-open', () => events.push('document saw open'), { once: true });
    el.toggle();
    await el.updateComplete;
    el.close();
    await el.updateComplete;
    el.toggle();
    await el.updateComplete;
    deepEqual(events, ['open', 'document saw open', 'close', 'open'], 'events');
    equal(el.hasAttribute('open'), true, 'open attribute reflects');
  });

  it('stays open on the next page of the site in the same tab, and stays closed once closed', async () => {
    const first = await mount();
    launcher(first).click();
    await first.updateComplete;
    first.remove(); // what leaving the page does

    const next = await mount();
    equal(next.opened, true, 'open on the next page');
    ok($(next, '.panel.open'), 'the panel is shown');
    next.close();
    await next.updateComplete;
    next.remove();

    const third = await mount();
    equal(third.opened, false, 'closed after the visitor closed it');
  });
});

import type { Message } from '@support-chat/backend/protocol';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import { deepEqual, equal, includes, match, ok } from '../../test/assert.ts';
import { axeViolations } from '../../test/axe.ts';
import {
  Agent,
  addAgentWithCli,
  colleague,
  command,
  createUser,
  DEMO_AGENT,
  sendFrame,
  uniqueEmail,
  Visitor,
  waitUntil,
} from '../../test/helpers.ts';
import './define.ts';
import type { SupportAgentConsole } from './support-agent-console.ts';

const visitors: Visitor[] = [];
const agents: Agent[] = [];

async function mount(attributes: Record<string, string> = {}): Promise<SupportAgentConsole> {
  const el = document.createElement('support-agent-console');
  el.setAttribute('config', '/config.json');
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  el.style.height = '800px';
  document.body.append(el);
  await el.updateComplete;
  return el;
}

async function visitor(): Promise<Visitor> {
  const v = await Visitor.connect();
  visitors.push(v);
  return v;
}

/** A colleague of the demo agent's, over a socket of their own, closed after the test. */
async function teammate(name: string): Promise<Agent> {
  const { agent } = await colleague(name);
  agents.push(agent);
  return agent;
}

const $ = <E extends Element = HTMLElement>(el: SupportAgentConsole, selector: string) => el.shadowRoot!.querySelector<E>(selector);
const $$ = (el: SupportAgentConsole, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const roomButton = (el: SupportAgentConsole, roomId: string) => $<HTMLButtonElement>(el, `.room[data-room-id="${roomId}"]`);
const bubbles = (el: SupportAgentConsole) => $$(el, '.msg .bubble').map((b) => b.textContent);

async function signIn(el: SupportAgentConsole, email: string = DEMO_AGENT.email, password: string = DEMO_AGENT.password): Promise<void> {
  const form = await waitUntil(() => $<HTMLFormElement>(el, 'form.gate-form'), 'the sign-in form');
  form.querySelector<HTMLInputElement>('input[name="email"]')!.value = email;
  form.querySelector<HTMLInputElement>('input[name="password"]')!.value = password;
  form.requestSubmit();
}

/** A console signed in as the demo agent, connected. */
async function signedIn(attributes: Record<string, string> = {}): Promise<SupportAgentConsole> {
  const el = await mount(attributes);
  await signIn(el);
  await waitUntil(() => el.client?.state === 'open', 'the connection');
  return el;
}

/** A visitor who has written, so that the room is in every agent's inbox. */
async function conversation(el: SupportAgentConsole, first = 'Hi, is anyone there?'): Promise<Visitor> {
  const v = await visitor();
  await v.say(first);
  await waitUntil(() => roomButton(el, v.roomId), 'the conversation in the inbox');
  return v;
}

async function open(el: SupportAgentConsole, roomId: string): Promise<void> {
  roomButton(el, roomId)!.click();
  await waitUntil(() => el.client!.messages(roomId).length > 0 && $(el, '.msg'), 'the history');
}

/** The page as the browser reports it when the agent is in another tab. */
function hidePage(): () => void {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
  document.dispatchEvent(new Event('visibilitychange'));
  return () => {
    delete (document as { visibilityState?: unknown }).visibilityState;
    document.dispatchEvent(new Event('visibilitychange'));
  };
}

describe('<support-agent-console>', () => {
  before(() => setViewport({ width: 1440, height: 900 }));
  beforeEach(() => {
    localStorage.clear();
    history.replaceState(null, '', location.pathname + location.search);
  });
  afterEach(async () => {
    // Each test ends signed out: a token refresh still under way (the refused connection's
    // last attempt starts one as its notice shows) would otherwise store the session again
    // after the next test has cleared localStorage, and sign that test in unasked.
    for (const el of document.querySelectorAll('support-agent-console')) {
      await el.signOut();
      el.remove();
    }
    for (const v of visitors.splice(0)) await v.close();
    for (const a of agents.splice(0)) await a.close();
    history.replaceState(null, '', location.pathname + location.search);
    await emulateMedia({ colorScheme: 'light' });
  });

  describe('signing in', () => {
    it('signs the demo agent in to a connected workspace', async () => {
      const el = await mount();
      const events: string[] = [];
      el.addEventListener('support-agent-console-sign-in', (e) => events.push(`sign-in ${e.detail.email}`));
      el.addEventListener('support-agent-console-connection', (e) => events.push(e.detail.state));
      await waitUntil(() => $(el, 'input[name="email"]'), 'the form');
      equal(el.shadowRoot!.activeElement, $(el, 'input[name="email"]'), 'focus on the email field');
      await signIn(el);
      await waitUntil(() => el.client?.state === 'open', 'the connection');
      equal(text($(el, '.connection')), 'Connected', 'connection status');
      includes(text($(el, '.me')), DEMO_AGENT.email, 'who is signed in');
      deepEqual(events, [`sign-in ${DEMO_AGENT.email}`, 'connecting', 'open'], 'events');
      equal(el.identity?.isAgent, true, 'identity');
    });

    it('says plainly when the email or password is wrong', async () => {
      const el = await mount();
      await signIn(el, DEMO_AGENT.email, 'not-my-password');
      const error = await waitUntil(() => $(el, '.form-error'), 'the error');
      equal(error.getAttribute('role'), 'alert', 'role');
      equal(text(error), 'Wrong email or password.', 'message');
      equal(el.client, undefined, 'no connection');
      equal(el.shadowRoot!.activeElement, $(el, 'input[name="password"]'), 'focus back on the password');
    });

    it('takes an agent added by `npm run agents -- add` through the new-password challenge', async () => {
      const email = uniqueEmail('new.agent');
      const temporary = await addAgentWithCli(email);
      const el = await mount();
      await signIn(el, email, temporary);
      const form = await waitUntil(() => $<HTMLInputElement>(el, 'input[name="new-password"]')?.form, 'the new-password form');
      includes(text($(el, '.card')), `You signed in as ${email} with a temporary password`, 'explanation');
      equal(el.shadowRoot!.activeElement, form.querySelector('input[name="new-password"]'), 'focus on the new password');

      form.querySelector<HTMLInputElement>('input[name="new-password"]')!.value = 'My-Own-Passw0rd!';
      form.querySelector<HTMLInputElement>('input[name="confirm-password"]')!.value = 'My-Own-Passw0rd?';
      form.requestSubmit();
      await el.updateComplete;
      equal(text($(el, '.form-error')), 'The two passwords differ.', 'mismatch');

      form.querySelector<HTMLInputElement>('input[name="confirm-password"]')!.value = 'My-Own-Passw0rd!';
      form.requestSubmit();
      await waitUntil(() => el.client?.state === 'open', 'the connection with the new agent’s token');
      equal(el.identity?.email, email, 'signed in as');

      // The new password is the one from now on.
      await el.signOut();
      await signIn(el, email, 'My-Own-Passw0rd!');
      await waitUntil(() => el.client?.state === 'open', 'signing in with the new password');
    });

    it('tells a user outside the agents group, plainly, how to become one, and never connects', async () => {
      const email = uniqueEmail('not.agent');
      await createUser({ email, password: 'Just-A-User-1!', agent: false });
      const el = await mount();
      await signIn(el, email, 'Just-A-User-1!');
      const card = await waitUntil(() => (text($(el, '.card')).includes('not an agent') ? $(el, '.card') : null), 'the refusal');
      equal(text(card.querySelector('h1')), 'This account is not an agent', 'heading');
      includes(text(card), 'Ask an administrator to add you:', 'what to do');
      equal(text(card.querySelector('code')), `npm run agents -- add ${email}`, 'the command');
      equal(el.client, undefined, 'no WebSocket');
      card.querySelector<HTMLButtonElement>('button')!.click();
      await waitUntil(() => $(el, 'input[name="email"]'), 'the sign-in form again');
    });

    it('handles a refused connection: says so and keeps trying', async () => {
      const el = await mount({ config: '/__config/refused.json' });
      await signIn(el);
      const banner = await waitUntil(() => $(el, '.banner.warn'), 'the notice', 15_000);
      includes(text(banner), 'Can’t connect to the chat server', 'notice');
      equal(banner.getAttribute('role'), 'alert', 'role');
      ok(el.client!.state === 'reconnecting' || el.client!.state === 'connecting', `still trying (${el.client!.state})`);
    });

    it('keeps the session across a reload, and forgets it on sign-out', async () => {
      const first = await signedIn();
      first.remove();
      const reloaded = await mount();
      await waitUntil(() => reloaded.client?.state === 'open', 'the connection without signing in');
      equal($(reloaded, 'input[name="password"]'), null, 'no sign-in form');
      $$(reloaded, '.topbar button')
        .find((b) => text(b) === 'Sign out')!
        .click();
      await waitUntil(() => $(reloaded, 'input[name="email"]'), 'the sign-in form');
      equal(reloaded.client, undefined, 'disconnected');
      reloaded.remove();
      const again = await mount();
      await waitUntil(() => $(again, 'input[name="email"]'), 'the sign-in form after another reload');
    });
  });

  describe('inbox', () => {
    it('shows new conversations and visitors’ messages live, newest first, unread, and counted in my own', async () => {
      const el = await signedIn();
      const older = await conversation(el, 'First question');
      const v = await conversation(el, 'Do you have a team plan?');
      const item = roomButton(el, v.roomId)!;
      includes(text(item.querySelector('.room-name')), 'Visitor', 'name before identify');
      equal(text(item.querySelector('.room-id')), v.roomId.slice(0, 6), 'short id');
      equal(text(item.querySelector('.room-preview')), 'Do you have a team plan?', 'preview');
      // Nobody's conversation: this console hears when its visitor starts waiting, not each message, so it counts none.
      equal(text(item.querySelector('.unread-dot')), 'new messages', 'unread');
      equal(item.querySelector('.unread-count'), null, 'not counted');
      const order = () => $$(el, '.room').map((b) => b.dataset.roomId);
      ok(order().indexOf(v.roomId) < order().indexOf(older.roomId), 'newest first');

      await v.identify({ name: 'Dana Scully', email: 'dana@example.com' });
      await waitUntil(() => text(roomButton(el, v.roomId)?.querySelector('.room-name')) === 'Dana Scully', 'the name');
      equal(text(roomButton(el, v.roomId)!.querySelector('.room-email')), 'dana@example.com', 'email');

      // Taken by this agent (from another of their devices): every message of it comes here, and is counted.
      const phone = await Agent.connect();
      agents.push(phone);
      await sendFrame(phone, { action: 'assign', roomId: older.roomId }, 'roomUpdated');
      await older.say('Hello again?');
      await waitUntil(() => text(roomButton(el, older.roomId)?.querySelector('.room-preview')) === 'Hello again?', 'the new preview');
      equal(text(roomButton(el, older.roomId)!.querySelector('.unread-count [aria-hidden]')), '2', 'unread after a second message');
      ok(order().indexOf(older.roomId) < order().indexOf(v.roomId), 'moved to the top');
    });

    it('shows when another agent is in a conversation', async () => {
      const el = await signedIn();
      const v = await conversation(el);
      // A colleague: a second connection of the demo agent's would count as this agent (presence counts agents).
      const jane = await teammate('Jane Roe');
      await jane.join(v.roomId);
      const note = await waitUntil(() => roomButton(el, v.roomId)?.querySelector('.room-agents'), 'the other agent');
      equal(text(note), '1 other agent here', 'note');
      await open(el, v.roomId);
      // This console is in the room now too; it still counts the other agent only.
      await waitUntil(
        async () => (await command<string[]>('room:agentConnections', { roomId: v.roomId })).length === 2,
        'both agents in the room',
      );
      await waitUntil(() => text(roomButton(el, v.roomId)?.querySelector('.room-agents')) === '1 other agent here', 'one other');
    });

    it('moves through conversations with the keyboard', async () => {
      const el = await signedIn();
      const a = await conversation(el, 'from a');
      const b = await conversation(el, 'from b');
      roomButton(el, b.roomId)!.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => el.roomId === b.roomId, 'b open');
      equal(el.shadowRoot!.activeElement, $(el, '.composer textarea'), 'focus in the composer');
      await sendKeys({ down: 'Alt' });
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ up: 'Alt' });
      await waitUntil(() => el.roomId === a.roomId, 'the next conversation (a) with Alt+ArrowDown');
    });
  });

  describe('conversation', () => {
    it('joins with history, loads older pages on scroll-up, and its answer reaches the visitor', async () => {
      const el = await signedIn();
      const v = await conversation(el, 'The very first message');
      await command('room:seed', { roomId: v.roomId, count: 60, prefix: 'Seeded' });
      const selected: string[] = [];
      el.addEventListener('support-agent-console-select', (e) => selected.push(e.detail.roomId));
      await open(el, v.roomId);
      deepEqual(selected, [v.roomId], 'select events');
      await waitUntil(() => bubbles(el).length === 50, 'the latest page');
      equal(bubbles(el).at(-1), 'Seeded 60', 'the newest message last');
      const log = $(el, '.log')!;
      ok(log.scrollTop > 0, 'scrolled to the newest');

      log.scrollTop = 0;
      await waitUntil(() => bubbles(el).length === 61, 'the older page');
      equal(bubbles(el)[0], 'The very first message', 'the oldest message first');
      ok(log.scrollTop > 0, 'the messages being read stay in view');
      await waitUntil(() => text($(el, '.beginning')) === 'Start of the conversation', 'the start marker');

      equal(el.shadowRoot!.activeElement, $(el, '.composer textarea'), 'focus in the composer');
      await sendKeys({ type: 'Happy to help.' });
      await sendKeys({ down: 'Shift' });
      await sendKeys({ press: 'Enter' });
      await sendKeys({ up: 'Shift' });
      await sendKeys({ type: 'What do you need?' });
      await sendKeys({ press: 'Enter' });
      const answer = (await v.waitFor('message', 'Happy to help.\nWhat do you need?')).message;
      equal(answer.sender.role, 'agent', 'sender');
      await waitUntil(() => $(el, `.msg.own[data-seq="${answer.seq}"]`), 'the answer in the log');
      equal($<HTMLTextAreaElement>(el, '.composer textarea')!.value, '', 'composer cleared');
    });

    it('shows the visitor typing, and tells the visitor when the agent types', async () => {
      const el = await signedIn();
      const v = await conversation(el);
      await open(el, v.roomId);
      await v.typing(true);
      const line = await waitUntil(() => (text($(el, '.typing-line')) ? $(el, '.typing-line') : null), 'the typing line');
      equal(text(line), 'Visitor is typing…', 'typing line');
      await waitUntil(() => text(roomButton(el, v.roomId)?.querySelector('.room-preview')) === 'typing…', 'typing in the inbox');
      await v.typing(false);
      await waitUntil(() => text($(el, '.typing-line')) === '', 'the line cleared');

      $(el, '.composer textarea')!.focus();
      await sendKeys({ type: 'Let me check' });
      const typing = await v.waitFor('typing');
      equal(typing.role, 'agent', 'role');
      equal(typing.isTyping, true, 'isTyping');
    });

    it('sends read receipts for what the agent sees, and shows “Seen” when the visitor has read', async () => {
      const el = await signedIn();
      const v = await conversation(el, 'Where is my invoice?');
      const [question] = (await command<Message[]>('room:messages', { roomId: v.roomId })) as [Message];
      await open(el, v.roomId);
      const read = await v.waitFor('read');
      deepEqual([read.role, read.seq], ['agent', question.seq], 'the console’s read receipt');

      el.client!.sendMessage('It is on its way.', v.roomId);
      const answer = (await v.waitFor('message', 'It is on its way.')).message;
      await waitUntil(() => $(el, `.msg[data-seq="${answer.seq}"]`), 'the answer');
      equal($(el, '.msg-status.seen'), null, 'not seen yet');
      await v.read(answer.seq);
      const seen = await waitUntil(() => $(el, `.msg[data-seq="${answer.seq}"] .msg-status.seen`), '“Seen”');
      equal(text(seen), 'Seen', 'receipt');
    });

    it('closes a conversation (the visitor is told), and the visitor’s next message reopens it', async () => {
      const el = await signedIn();
      const v = await conversation(el, 'Thanks, that is all');
      await open(el, v.roomId);
      // The visitor's message is unanswered: closing asks first.
      $<HTMLButtonElement>(el, '.close-room')!.click();
      const dialog = await waitUntil(() => $<HTMLDialogElement>(el, 'dialog.confirm[open]'), 'the confirmation');
      equal(text(dialog.querySelector('p')), 'The visitor’s last message is unanswered. Close anyway?', 'the question');
      dialog.querySelector<HTMLButtonElement>('.confirm-yes')!.click();
      await v.waitFor('roomClosed');
      await waitUntil(() => !roomButton(el, v.roomId), 'the room gone from Open');
      const banner = await waitUntil(() => $(el, '.closed-banner'), 'the closed banner');
      includes(text(banner), 'The visitor’s next message reopens it; you can still reply', 'banner');
      equal(text($(el, '.conv-head .chip')), 'Closed', 'status');
      equal($<HTMLTextAreaElement>(el, '.composer textarea')!.disabled, false, 'the agent can still reply');
      $<HTMLButtonElement>(el, '#tab-closed')!.click();
      await waitUntil(() => roomButton(el, v.roomId), 'the room under Closed');

      await v.say('Actually, one more thing');
      await waitUntil(() => !roomButton(el, v.roomId), 'the room gone from Closed');
      $<HTMLButtonElement>(el, '#tab-open')!.click();
      await waitUntil(() => roomButton(el, v.roomId), 'the room back under Open');
      equal($(el, '.closed-banner'), null, 'no banner');
      equal(text($(el, '.conv-head .chip')), 'Open', 'status');
    });

    it('opens the conversation named by #room= after sign-in, and the address follows the selection', async () => {
      const watcher = await signedIn();
      const linked = await conversation(watcher, 'I came from an alert');
      const other = await conversation(watcher, 'Another question');
      watcher.remove();
      localStorage.clear();
      history.replaceState(null, '', `#room=${linked.roomId}`);

      const el = await mount();
      await signIn(el);
      await waitUntil(() => el.roomId === linked.roomId && bubbles(el).includes('I came from an alert'), 'the linked conversation');
      await waitUntil(() => roomButton(el, other.roomId), 'the inbox');
      roomButton(el, other.roomId)!.click();
      await waitUntil(() => location.hash === `#room=${other.roomId}`, 'the address');
      history.replaceState(null, '', `#room=${linked.roomId}`);
      dispatchEvent(new HashChangeEvent('hashchange'));
      await waitUntil(() => el.roomId === linked.roomId, 'back to the linked conversation on hashchange');
    });

    it('says so when a link names a conversation that does not exist', async () => {
      history.replaceState(null, '', `#room=${'x'.repeat(43)}`);
      const el = await signedIn();
      const notice = await waitUntil(() => $(el, '.empty-log [role="alert"]'), 'the notice');
      equal(text(notice), 'This conversation does not exist. The link may be incomplete.', 'notice');
      equal($<HTMLTextAreaElement>(el, '.composer textarea')!.disabled, true, 'no composer');
    });

    it('refreshes the ID token and reconnects on it, keeping the open conversation', async () => {
      const el = await signedIn();
      const v = await conversation(el, 'Before the refresh');
      await open(el, v.roomId);
      const [before] = await waitUntil(async () => {
        const ids = await command<string[]>('room:agentConnections', { roomId: v.roomId });
        return ids.length === 1 ? ids : undefined;
      }, 'the console in the room');
      const oldToken = await el.session!.idToken();

      await el.refreshSession();
      const newToken = await el.session!.idToken();
      ok(newToken !== oldToken, 'a new ID token');
      await waitUntil(async () => {
        const ids = await command<string[]>('room:agentConnections', { roomId: v.roomId });
        return ids.length === 1 && ids[0] !== before;
      }, 'a new connection in the room, and the old one gone');
      equal(el.roomId, v.roomId, 'the same conversation open');
      deepEqual(bubbles(el), ['Before the refresh'], 'its messages still shown');
      equal(el.client!.state, 'open', 'connected');

      await v.say('After the refresh');
      await waitUntil(() => bubbles(el).includes('After the refresh'), 'a live message on the new connection');
      el.client!.sendMessage('Still here.', v.roomId);
      await v.waitFor('message', 'Still here.');
    });

    it('offers the conversation as a .txt transcript', async () => {
      const el = await signedIn();
      const v = await conversation(el, 'Can I pay by invoice?');
      await v.identify({ name: 'Sam Rivera', email: 'sam@example.com' });
      await open(el, v.roomId);
      el.client!.sendMessage('Sure, for teams of 5 or more.', v.roomId);
      await waitUntil(() => el.client!.messages(v.roomId).length === 2, 'the answer');

      const lines = el.transcript().trim().split('\n');
      equal(lines[0], 'Conversation with Sam Rivera <sam@example.com>', 'heading');
      equal(lines[1], `Room: ${v.roomId}`, 'room');
      match(lines[2]!, /^Started: \d{4}-\d\d-\d\d \d\d:\d\d$/, 'started');
      match(lines[4]!, /^\[\d{4}-\d\d-\d\d \d\d:\d\d\] Sam Rivera: Can I pay by invoice\?$/, 'visitor line, under the name given since');
      // The agent under the name the server gives them (the demo agent's user-pool name), not a placeholder.
      equal(lines[5], `[${lines[5]!.slice(1, 17)}] ${DEMO_AGENT.name}: Sure, for teams of 5 or more.`, 'agent line');
      match(lines[5]!, /^\[\d{4}-\d\d-\d\d \d\d:\d\d\] /, 'agent line’s time');

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
      $<HTMLButtonElement>(el, 'button[aria-label="Download the transcript (.txt)"]')!.click();
      const file = await download;
      equal(file.name, `conversation-${v.roomId.slice(0, 6)}-${new Date().toISOString().slice(0, 10)}.txt`, 'file name');
      equal(await file.text, el.transcript(), 'file contents');
    });
  });

  describe('attention', () => {
    it('counts new conversations and messages in the page title while hidden, and notifies once allowed', async () => {
      const el = await signedIn();
      const bell = $<HTMLButtonElement>(el, 'button.notif')!;
      equal(text(bell), 'Enable notifications', 'button');
      // The agent answers the browser's prompt with "Allow".
      await command('browser:grantNotifications', { origin: location.origin });
      bell.click();
      await waitUntil(() => text($(el, '.notif')) === 'Notifications on', 'notifications on');

      document.title = 'Support console';
      const title = document.title;
      const heard: string[] = [];
      el.addEventListener('support-agent-console-attention', (e) => heard.push(`${e.detail.reason}: ${e.detail.title}: ${e.detail.text}`));
      const show = hidePage();
      try {
        const v = await visitor();
        await v.say('Anyone around?');
        await waitUntil(() => document.title === `(1) ${title}`, 'the count in the title');
        // A colleague answers; the visitor's next message asks again, which every console hears.
        const jane = await teammate('Jane Title');
        await jane.join(v.roomId);
        await jane.say(v.roomId, 'Hi, I am here.');
        await waitUntil(
          () => text(roomButton(el, v.roomId)?.querySelector('.room-preview')) === 'Jane Title: Hi, I am here.',
          'the answer',
        );
        await v.say('Hello?');
        await waitUntil(() => document.title === `(2) ${title}`, 'the second count');
        deepEqual(
          heard,
          ['new-conversation: New conversation: Visitor: Anyone around?', 'message: Visitor wrote: Hello?'],
          'attention events',
        );
      } finally {
        show();
      }
      await waitUntil(() => document.title === title, 'the title restored');
    });
  });

  describe('accessibility', () => {
    it('has no axe violations: sign-in, not an agent, inbox and conversation, light and dark', async () => {
      const el = await mount();
      await waitUntil(() => $(el, 'input[name="email"]'), 'the form');
      await signIn(el, DEMO_AGENT.email, 'wrong-password');
      await waitUntil(() => $(el, '.form-error'), 'an error');
      deepEqual(await axeViolations(el), [], 'sign-in with an error');
      await emulateMedia({ colorScheme: 'dark' });
      deepEqual(await axeViolations(el), [], 'sign-in, dark');
      await emulateMedia({ colorScheme: 'light' });

      await signIn(el);
      await waitUntil(() => el.client?.state === 'open', 'the connection');
      const v = await conversation(el, 'Do you have an AWS exam prep course? https://example.com');
      await v.identify({ name: 'Ada Lovelace', email: 'ada@example.com' });
      await conversation(el, 'Another visitor');
      deepEqual(await axeViolations(el), [], 'inbox');
      await open(el, v.roomId);
      el.client!.sendMessage('Yes: https://example.com/courses/aws-saa', v.roomId);
      await waitUntil(() => bubbles(el).length === 2, 'the answer');
      await v.typing(true);
      await waitUntil(() => text($(el, '.typing-line')), 'the typing line');
      deepEqual(await axeViolations(el), [], 'conversation, light');
      await emulateMedia({ colorScheme: 'dark' });
      deepEqual(await axeViolations(el), [], 'conversation, dark');
      $<HTMLButtonElement>(el, '.close-room')!.click();
      await waitUntil(() => $(el, '.closed-banner'), 'the closed banner');
      deepEqual(await axeViolations(el), [], 'closed conversation, dark');
    });
  });
});

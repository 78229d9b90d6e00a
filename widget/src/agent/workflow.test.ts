import type { Message } from '@support-chat/backend/protocol';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import { deepEqual, equal, includes, match, ok } from '../../test/assert.ts';
import { $, $$, axeViolations, open, removeConsoles, roomButton, signedIn, text, typeInto } from '../../test/console.ts';
import {
  type Agent,
  asAdmin,
  colleague,
  DEMO_AGENT,
  heard,
  sendFrame,
  sendOnly,
  uniqueEmail,
  Visitor,
  waitUntil,
} from '../../test/helpers.ts';
import type { SupportAgentConsole } from './support-agent-console.ts';

const visitors: Visitor[] = [];
const agents: Agent[] = [];

async function visitor(): Promise<Visitor> {
  const v = await Visitor.connect();
  visitors.push(v);
  return v;
}

/** A visitor who has written, so that the conversation is in every inbox. */
async function conversation(el: SupportAgentConsole, first: string, profile?: { name?: string; email?: string }): Promise<Visitor> {
  const v = await visitor();
  if (profile) await v.identify(profile);
  await v.say(first);
  await waitUntil(() => roomButton(el, v.roomId), 'the conversation in the inbox');
  return v;
}

/** A colleague over a socket of their own, closed after the test. */
async function teammate(name: string) {
  const c = await colleague(name);
  agents.push(c.agent);
  return c;
}

const preview = (el: SupportAgentConsole, roomId: string) => text(roomButton(el, roomId)?.querySelector('.room-preview'));
const marks = (el: SupportAgentConsole) => $$(el, '.timeline-mark span').map((mark) => text(mark));
const composer = (el: SupportAgentConsole) => $<HTMLTextAreaElement>(el, '.composer textarea')!;
const assignee = (el: SupportAgentConsole) => text($(el, '.chip.assignee > span:last-child') ?? $(el, '.chip.assignee'));
/** Presses a button as a person does: focus comes with the click. */
const press = (button: HTMLElement | null) => {
  button!.focus();
  button!.click();
};

describe('<support-agent-console>: who waits, who handles it, and the tools to answer', () => {
  before(() => setViewport({ width: 1440, height: 900 }));
  beforeEach(() => {
    localStorage.clear();
    history.replaceState(null, '', location.pathname + location.search);
  });
  afterEach(async () => {
    await removeConsoles();
    for (const v of visitors.splice(0)) await v.close();
    for (const a of agents.splice(0)) await a.close();
    history.replaceState(null, '', location.pathname + location.search);
    await emulateMedia({ colorScheme: 'light' });
  });

  describe('the inbox', () => {
    it('shows who wrote last and how long the visitor waits, and follows a colleague’s reply live', async () => {
      const el = await signedIn();
      const jane = await teammate('Jane Roe');
      const v = await conversation(el, 'Where is my order?');
      const row = () => roomButton(el, v.roomId)!;
      equal(preview(el, v.roomId), 'Where is my order?', 'the visitor’s words, with no one named');
      equal(text(row().querySelector('.room-waiting')), 'waiting <1 min', 'waiting');
      equal(row().querySelector('.room-waiting')!.getAttribute('title'), 'The visitor has waited <1 min for an answer', 'said in full');
      ok(row().querySelector('.unread-dot'), 'unread');

      await jane.agent.join(v.roomId);
      await jane.agent.say(v.roomId, 'It left our warehouse today.');
      await waitUntil(() => preview(el, v.roomId) === 'Jane Roe: It left our warehouse today.', 'the colleague’s reply, by name');
      equal(row().querySelector('.room-waiting'), null, 'nobody waits');
      equal(row().querySelector('.unread-count, .unread-dot'), null, 'read: a colleague answered');

      await v.say('And the invoice?');
      await waitUntil(() => preview(el, v.roomId) === 'And the invoice?' && row().querySelector('.room-waiting'), 'waiting again');
      await open(el, v.roomId);
      composer(el).focus();
      await sendKeys({ type: 'Attached to the email.' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => preview(el, v.roomId) === 'You: Attached to the email.', 'my own reply, as "You:"');
      equal(row().querySelector('.room-waiting'), null, 'answered');
    });

    it('lists Mine, Unassigned, All open and Closed, with counts, from the keyboard too', async () => {
      const el = await signedIn();
      const jane = await teammate('Jane Tabs');
      const theirs = await conversation(el, 'Jane will take me');
      const mine = await conversation(el, 'I am yours');
      const nobodys = await conversation(el, 'Nobody has me');
      await sendFrame(jane.agent, { action: 'assign', roomId: theirs.roomId }, 'roomUpdated');
      await open(el, mine.roomId);
      $<HTMLButtonElement>(el, '.take')!.click();
      await waitUntil(() => assignee(el) === 'Assigned to you', 'taken');
      await waitUntil(
        () => text(roomButton(el, theirs.roomId)?.querySelector('.room-assignee')) === 'Assigned to Jane Tabs',
        'Jane’s, in the list',
      );

      const listed = () => $$(el, '.room').map((room) => room.dataset.roomId);
      const tab = (name: string) => $<HTMLButtonElement>(el, `#tab-${name}`)!;
      deepEqual(
        $$(el, '.tabs [role="tab"]').map((t) => text(t).replace(/\s*\d+$/, '')),
        ['Mine', 'Unassigned', 'All open', 'Closed'],
        'the tabs',
      );
      tab('mine').click();
      await waitUntil(() => listed().includes(mine.roomId), 'Mine');
      ok(!listed().includes(theirs.roomId) && !listed().includes(nobodys.roomId), 'only mine under Mine');
      equal(text(tab('mine').querySelector('.count')), String(listed().length), 'Mine’s count');
      tab('unassigned').click();
      await waitUntil(() => listed().includes(nobodys.roomId), 'Unassigned');
      ok(!listed().includes(theirs.roomId) && !listed().includes(mine.roomId), 'nobody’s only');
      tab('open').click();
      await waitUntil(() => [mine, theirs, nobodys].every((v) => listed().includes(v.roomId)), 'All open');

      tab('open').focus();
      await sendKeys({ press: 'ArrowRight' });
      await waitUntil(() => tab('closed').getAttribute('aria-selected') === 'true', '→: Closed');
      equal(el.shadowRoot!.activeElement, tab('closed'), 'focus follows');
      await sendKeys({ press: 'Home' });
      await waitUntil(
        () => tab('mine').getAttribute('aria-selected') === 'true' && el.shadowRoot!.activeElement === tab('mine'),
        'Home: Mine',
      );
    });
  });

  describe('assignment', () => {
    it('says who got there first when a colleague took the conversation as this agent pressed Take, and shows them', async () => {
      const el = await signedIn();
      const sam = await teammate('Sam Quick');
      const v = await conversation(el, 'Anyone there?');
      await open(el, v.roomId);
      const take = await waitUntil(() => $<HTMLButtonElement>(el, '.take'), 'Take');
      // Sam's take is stored first; this agent's Take was pressed before their console heard of it.
      await sendFrame(sam.agent, { action: 'assign', roomId: v.roomId }, 'roomUpdated');
      take.click();
      const notice = await waitUntil(() => $(el, '.conv-notice'), 'the refusal');
      match(text(notice), /^Sam Quick (took this conversation first|is handling this conversation)\.$/, 'the server’s sentence');
      equal(notice.getAttribute('role'), 'alert', 'announced');
      await waitUntil(() => assignee(el) === 'Assigned to Sam Quick', 'the assignee in the header');
      equal(text(roomButton(el, v.roomId)!.querySelector('.room-assignee')), 'Assigned to Sam Quick', 'and in the list');
      equal($(el, '.take'), null, 'no Take on a colleague’s conversation');
    });

    it('takes, gives back and assigns to a colleague (picked from the menu), with a mark each time, and tells the visitor who', async () => {
      const el = await signedIn();
      const jane = await teammate('Jane Menu');
      const v = await conversation(el, 'I need help with billing');
      await open(el, v.roomId);
      equal(assignee(el), 'Unassigned', 'nobody yet');

      $<HTMLButtonElement>(el, '.take')!.click();
      await waitUntil(() => assignee(el) === 'Assigned to you', 'mine');
      equal((await heard(v, 'assigned', DEMO_AGENT.name)).name, DEMO_AGENT.name, 'the visitor hears who');
      await waitUntil(() => marks(el).includes('You took the conversation'), 'the mark');

      $<HTMLButtonElement>(el, '.give-back')!.click();
      await waitUntil(() => assignee(el) === 'Unassigned', 'given back');
      await waitUntil(() => marks(el).includes('You gave the conversation back'), 'its mark');

      const menuButton = $<HTMLButtonElement>(el, '.assign-to')!;
      equal(menuButton.getAttribute('aria-expanded'), 'false', 'closed');
      menuButton.click();
      const item = await waitUntil(() => $<HTMLButtonElement>(el, `.assign-menu [data-agent-id="${jane.agentId}"]`), 'Jane in the menu');
      equal(menuButton.getAttribute('aria-expanded'), 'true', 'open');
      equal($(el, '.assign-menu')!.getAttribute('role'), 'menu', 'a menu');
      equal(el.shadowRoot!.activeElement, $(el, '.assign-menu [role="menuitem"]'), 'focus on its first item');
      includes(text(item), 'online', 'who is online');
      includes(text($(el, '.assign-menu [role="menuitem"]')), `${DEMO_AGENT.name} (you)`, 'this agent first');
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !$(el, '.assign-menu'), 'Escape closes it');
      equal(el.shadowRoot!.activeElement, $(el, '.assign-to'), 'focus back on its button');

      $<HTMLButtonElement>(el, '.assign-to')!.click();
      (await waitUntil(() => $<HTMLButtonElement>(el, `.assign-menu [data-agent-id="${jane.agentId}"]`), 'the menu again')).click();
      await waitUntil(() => assignee(el) === 'Assigned to Jane Menu', 'Jane’s now');
      equal((await heard(v, 'assigned', 'Jane Menu')).name, 'Jane Menu', 'the visitor hears of Jane');
      await waitUntil(() => marks(el).includes('You assigned the conversation to Jane Menu'), 'its mark');

      // An admin may give back a colleague's conversation.
      $<HTMLButtonElement>(el, '.give-back')!.click();
      await waitUntil(() => marks(el).includes('You took the conversation back from Jane Menu'), 'taken back');
      await waitUntil(() => assignee(el) === 'Unassigned', 'unassigned');
    });
  });

  describe('the conversation’s life', () => {
    it('reopens a closed conversation, marks it in the timeline, and asks before closing while the visitor waits', async () => {
      const el = await signedIn();
      const v = await conversation(el, 'Thanks, that is all');
      await open(el, v.roomId);

      // Unanswered: Close asks. Cancel keeps it open; Escape too.
      press($(el, '.close-room'));
      const dialog = await waitUntil(() => $<HTMLDialogElement>(el, 'dialog.confirm[open]'), 'the question');
      equal(text(dialog.querySelector('h2')), 'Close this conversation?', 'its title');
      equal(dialog.getAttribute('aria-labelledby'), 'dialog-title', 'named by its title');
      equal(el.shadowRoot!.activeElement, dialog.querySelector('.secondary'), 'focus on Cancel');
      (dialog.querySelector('.secondary') as HTMLButtonElement).click();
      await waitUntil(() => !$(el, 'dialog'), 'cancelled');
      await waitUntil(() => el.shadowRoot!.activeElement === $(el, '.close-room'), 'focus back on Close');
      press($(el, '.close-room'));
      await waitUntil(() => $(el, 'dialog.confirm[open]'), 'asked again');
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !$(el, 'dialog'), 'Escape cancels');
      equal(el.client!.messages(v.roomId).filter((m) => m.event).length, 0, 'not closed');

      // Answered: Close closes at once.
      el.client!.sendMessage('You are welcome!', v.roomId);
      await waitUntil(() => preview(el, v.roomId) === 'You: You are welcome!', 'answered');
      $<HTMLButtonElement>(el, '.close-room')!.click();
      await v.waitFor('roomClosed');
      equal($(el, 'dialog'), null, 'no question');
      await waitUntil(() => marks(el).includes('You closed the conversation'), 'the closing mark');
      const reopen = await waitUntil(() => $<HTMLButtonElement>(el, '.reopen-room'), 'Reopen');
      equal(text($(el, '.chip.status')), 'Closed', 'closed');

      reopen.click();
      await v.waitFor('roomReopened');
      await waitUntil(() => marks(el).includes('You reopened the conversation'), 'the reopening mark');
      await waitUntil(() => text($(el, '.chip.status')) === 'Open' && $(el, '.close-room'), 'open again');
      $<HTMLButtonElement>(el, '#tab-open')!.click();
      await waitUntil(() => roomButton(el, v.roomId), 'under All open');
      equal($(el, '.closed-banner'), null, 'no closed banner');
      // Marks never reach the visitor.
      const { messages } = (await sendFrame(v, { action: 'history' }, 'history')) as { messages: Message[] };
      deepEqual(
        messages.map((m) => m.text),
        ['Thanks, that is all', 'You are welcome!'],
        'the visitor’s history',
      );
    });
  });

  describe('the reply box', () => {
    it('inserts saved replies under /, several in one message, with their variables filled in the visitor’s language', async () => {
      const n = Math.random().toString(36).slice(2, 7);
      const greet = `greet${n}`;
      const thanks = `thanks${n}`;
      const saved: string[] = [];
      for (const reply of [
        {
          shortcut: greet,
          title: 'Greeting',
          text: { en: 'Hello {{visitor.name|there}}, {{agent.name}} here.', de: 'Hallo {{visitor.name|du}}, hier ist {{agent.name}}.' },
        },
        { shortcut: thanks, title: 'Thanks for waiting', text: { default: 'Thanks for waiting.' } },
      ]) {
        const answer = await asAdmin({ action: 'saveReply', reply }, 'replies');
        if (answer.type !== 'replies') throw new Error(JSON.stringify(answer));
        saved.push(answer.replies.find((r) => r.shortcut === reply.shortcut)!.id);
      }
      try {
        const el = await signedIn();
        const v = await conversation(el, 'Wo ist meine Bestellung?', { name: 'Sam Rivera' });
        await open(el, v.roomId);
        await sendOnly(v, { action: 'context', lang: 'de-AT', timeZone: 'Europe/Vienna' });
        await waitUntil(() => text($(el, '.ctx-lang dd')), 'the visitor’s language');

        composer(el).focus();
        await sendKeys({ type: '/' });
        const list = await waitUntil(() => $(el, '.reply-picker [role="listbox"]'), 'the list');
        ok(
          $$(el, '.reply-option code').some((code) => text(code) === `/${greet}`),
          'every reply, to start with',
        );
        await sendKeys({ type: greet });
        await waitUntil(() => $$(el, '.reply-option').length === 1, 'filtered');
        const option = $(el, '.reply-option')!;
        equal(option.getAttribute('aria-selected'), 'true', 'the first chosen');
        equal(composer(el).getAttribute('aria-activedescendant'), option.id, 'announced from the reply box');
        equal(
          text(option.querySelector('.reply-preview')),
          `Hallo Sam Rivera, hier ist ${DEMO_AGENT.name}.`,
          'previewed as it would go in',
        );
        ok(list.isConnected, 'still open');
        await sendKeys({ press: 'Enter' });
        await waitUntil(() => composer(el).value === `Hallo Sam Rivera, hier ist ${DEMO_AGENT.name}.`, 'inserted with Enter');
        equal($(el, '.reply-picker'), null, 'the list closed');

        await sendKeys({ type: ' /' });
        await waitUntil(() => $(el, '.reply-picker'), 'a second list');
        await sendKeys({ press: 'Escape' });
        await waitUntil(() => !$(el, '.reply-picker'), 'Escape closes it');
        await sendKeys({ type: thanks.slice(0, 4) });
        equal($(el, '.reply-picker'), null, 'it stays closed for that /');
        for (let i = 0; i < 5; i++) await sendKeys({ press: 'Backspace' });
        await sendKeys({ type: `/${thanks.slice(0, 4)}` });
        await waitUntil(() => $$(el, '.reply-option').some((o) => text(o.querySelector('code')) === `/${thanks}`), 'thanks in the list');
        while (text($(el, '.reply-option[aria-selected="true"] code')) !== `/${thanks}`) await sendKeys({ press: 'ArrowDown' });
        await sendKeys({ press: 'Tab' });
        const sent = `Hallo Sam Rivera, hier ist ${DEMO_AGENT.name}. Thanks for waiting.`;
        await waitUntil(() => composer(el).value === sent, 'the second one inserted with Tab');
        await sendKeys({ press: 'Enter' });
        equal((await v.waitFor('message', sent)).message.sender.role, 'agent', 'sent as one message');

        // A visitor who gave no name, in no known language: English, and the fallback.
        const other = await conversation(el, 'Hello?');
        await open(el, other.roomId);
        composer(el).focus();
        await sendKeys({ type: `/${greet}` });
        await waitUntil(() => $$(el, '.reply-option').length === 1, 'the greeting');
        await sendKeys({ press: 'Enter' });
        await waitUntil(() => composer(el).value === `Hello there, ${DEMO_AGENT.name} here.`, 'the fallback, in English');
      } finally {
        for (const id of saved) await asAdmin({ action: 'deleteReply', id }, 'replies');
      }
    });

    it('writes internal notes: marked apart, sent with no typing, and never to the visitor (live, history, transcript)', async () => {
      const el = await signedIn();
      const v = await conversation(el, 'My invoice is wrong');
      await open(el, v.roomId);
      const heardBefore = (await v.events()).length;

      $<HTMLInputElement>(el, '.composer-mode input[value="note"]')!.click();
      await waitUntil(() => $(el, '.composer.note'), 'Note mode');
      includes(composer(el).placeholder, 'won’t see it', 'says so');
      equal(text($(el, '.composer .send')), 'Add note', 'its button');
      composer(el).focus();
      await sendKeys({ type: 'VIP customer: refund without asking' });
      await sendKeys({ press: 'Enter' });
      const note = await waitUntil(() => $(el, '.msg.note[data-seq]'), 'the note in the log, stored');
      equal(text(note.querySelector('.bubble')), 'VIP customer: refund without asking', 'its text');
      includes(text(note.querySelector('.note-label')), 'Note', 'labelled');
      equal(note.getAttribute('part')?.includes('message-note'), true, 'its part');
      equal(preview(el, v.roomId), 'My invoice is wrong', 'the preview keeps the visitor’s message');
      ok(roomButton(el, v.roomId)!.querySelector('.room-waiting'), 'the visitor still waits');

      $<HTMLInputElement>(el, '.composer-mode input[value="reply"]')!.click();
      await waitUntil(() => !$(el, '.composer.note'), 'Reply mode');
      el.client!.sendMessage('We have refunded you.', v.roomId);
      await v.waitFor('message', 'We have refunded you.');
      const since = (await v.events()).slice(heardBefore);
      deepEqual(
        since.filter((e) => e.type === 'typing'),
        [],
        'no typing for the note',
      );
      equal(JSON.stringify(since).includes('VIP customer'), false, 'nothing of the note, live');
      const { messages } = (await sendFrame(v, { action: 'history' }, 'history')) as { messages: Message[] };
      equal(JSON.stringify(messages).includes('VIP customer'), false, 'nor in the visitor’s history');
      match(
        el.transcript(),
        /\] Alex from Support \(internal note\): VIP customer: refund without asking\n/,
        'the agents’ transcript marks it',
      );
    });
  });

  describe('the visitor’s context', () => {
    it('shows the page, where they came from, their clock and language, live as they move, and their other conversations', async () => {
      const el = await signedIn();
      const email = uniqueEmail('returning');
      const first = await conversation(el, 'First visit', { name: 'Rita Returning', email });
      const v = await conversation(el, 'Second visit', { email });
      await open(el, v.roomId);
      await sendOnly(v, {
        action: 'context',
        lang: 'de-AT',
        timeZone: 'Europe/Vienna',
        page: { url: 'https://shop.example/pricing?plan=team', title: 'Pricing · Team' },
        referrer: 'https://www.google.com/',
      });
      const page = await waitUntil(() => $<HTMLAnchorElement>(el, '.ctx-page a'), 'the page');
      equal(text(page), 'Pricing · Team', 'its title');
      deepEqual(
        [page.href, page.target, page.rel],
        ['https://shop.example/pricing?plan=team', '_blank', 'noopener noreferrer'],
        'a safe link',
      );
      equal(text($(el, '.ctx-page .ctx-url')), 'shop.example/pricing?plan=team', 'its address');
      equal(text($(el, '.ctx-referrer a')), 'www.google.com', 'where they came from');
      includes(text($(el, '.ctx-time dd')), '(Europe/Vienna)', 'their clock');
      const viennaNow = new Intl.DateTimeFormat(undefined, {
        timeZone: 'Europe/Vienna',
        weekday: 'short',
        hour: 'numeric',
        minute: '2-digit',
      });
      ok(
        [Date.now() - 60_000, Date.now()].some((at) => text($(el, '.ctx-time dd')).startsWith(viennaNow.format(at))),
        `the time in Vienna: ${text($(el, '.ctx-time dd'))}`,
      );
      equal(text($(el, '.ctx-lang dd')), new Intl.DisplayNames(undefined, { type: 'language' }).of('de-AT'), 'their language, in words');
      equal($(el, '.ctx-browser'), null, 'no browser row: this visitor’s client named none');

      await sendOnly(v, { action: 'context', lang: 'de-AT', page: { url: 'https://shop.example/checkout', title: 'Checkout' } });
      await waitUntil(() => text($(el, '.ctx-page a')) === 'Checkout', 'the next page, live');
      equal(text($(el, '.ctx-referrer a')), 'www.google.com', 'the referrer kept');

      const earlier = await waitUntil(
        () => $<HTMLButtonElement>(el, `.earlier-room[data-room-id="${first.roomId}"]`),
        'the other conversation',
      );
      includes(text(earlier), 'First visit', 'its preview');
      earlier.click();
      await waitUntil(() => el.roomId === first.roomId, 'opened');

      const stranger = await conversation(el, 'Just browsing');
      await open(el, stranger.roomId);
      deepEqual(
        ['.ctx-page', '.ctx-referrer', '.ctx-browser', '.ctx-time', '.ctx-lang', '.ctx-earlier'].filter((s) => $(el, s)),
        [],
        'nothing the visitor did not send',
      );
    });
  });

  describe('the team', () => {
    it('edits the agent’s display name and avatar colour; visitors see the name at once', async () => {
      const el = await signedIn();
      const v = await conversation(el, 'Who am I talking to?');
      try {
        press($(el, '.me'));
        const dialog = await waitUntil(() => $<HTMLDialogElement>(el, 'dialog.profile-editor[open]'), 'the profile');
        const name = dialog.querySelector<HTMLInputElement>('input[name="name"]')!;
        equal(name.value, DEMO_AGENT.name, 'the name the server gives');
        typeInto(name, 'Alex P.');
        dialog.querySelector<HTMLInputElement>('input[name="color"][value="#0f766e"]')!.click();
        dialog.querySelector('form')!.requestSubmit();
        await waitUntil(() => text(dialog.querySelector('.dialog-state')) === 'Saved.', 'saved');
        await waitUntil(() => text($(el, '.me-text strong')) === 'Alex P.', 'the top bar');
        ok($(el, '.me .agent-avatar')!.classList.contains('agent-color-1'), 'the avatar’s colour');
        await sendKeys({ press: 'Escape' });
        await waitUntil(() => !$(el, 'dialog'), 'closed');
        equal(el.shadowRoot!.activeElement, $(el, '.me'), 'focus back');

        await open(el, v.roomId);
        el.client!.sendMessage('Alex P., at your service.', v.roomId);
        equal((await v.waitFor('message', 'Alex P., at your service.')).message.sender.name, 'Alex P.', 'what the visitor sees');
        await waitUntil(() => $(el, '.msg.own .msg-name'), 'the message as mine');
        equal(text($(el, '.msg.own .msg-name')), 'You', 'still "You"');
      } finally {
        await asAdmin({ action: 'updateProfile', name: DEMO_AGENT.name, color: '#2563eb' }, 'agents');
      }
    });

    it('lets admins invite (the temporary password shown once), make admin, and remove agents, never themselves', async () => {
      const el = await signedIn();
      $<HTMLButtonElement>(el, '.settings-entry')!.click();
      await waitUntil(() => $(el, '.settings-page-agents'), 'the settings');
      $<HTMLButtonElement>(el, '.settings-page-agents')!.click();
      await waitUntil(() => location.hash === '#settings/agents' && $(el, '.agent-row'), 'the agents');
      const me = $$(el, '.agent-row').find((row) => text(row.querySelector('.agent-email')) === DEMO_AGENT.email)!;
      includes(text(me.querySelector('.agent-name')), 'You', 'me');
      includes(text(me.querySelector('.agent-name')), 'Admin', 'an admin');
      equal(me.querySelector('.remove-agent, .set-admin'), null, 'nothing to remove or revoke on myself');

      const email = uniqueEmail('new.hire');
      const form = $<HTMLFormElement>(el, '.invite-form')!;
      typeInto(form.querySelector('input[name="email"]'), email);
      typeInto(form.querySelector('input[name="name"]'), 'New Hire');
      form.requestSubmit();
      const invited = await waitUntil(() => $(el, '.invitation'), 'the invitation');
      includes(text(invited), `${email} is invited. Their temporary password, shown only now:`, 'said');
      match(text(invited.querySelector('code')), /^\S{16}$/, 'the temporary password');
      includes(text(invited), 'Pass it on privately', 'the advice');
      ok(invited.querySelector('.copy-password'), 'a copy button');
      equal(form.querySelector<HTMLInputElement>('input[name="email"]')!.value, '', 'the form emptied');
      const row = () => $$(el, '.agent-row').find((r) => text(r.querySelector('.agent-email')) === email);
      await waitUntil(() => row(), 'the new agent listed');
      includes(text(row()!.querySelector('.agent-name')), 'Invited', 'not signed in yet');
      $<HTMLButtonElement>(el, '.invitation .dismiss')!.click();
      await waitUntil(() => !$(el, '.invitation'), 'shown once: gone when done');

      row()!.querySelector<HTMLButtonElement>('.set-admin')!.click();
      await waitUntil(() => text(row()?.querySelector('.agent-name')).includes('Admin'), 'made an admin');
      equal(text(row()!.querySelector('.set-admin')), 'Revoke admin: New Hire', 'now revocable');
      row()!.querySelector<HTMLButtonElement>('.set-admin')!.click();
      await waitUntil(() => !text(row()?.querySelector('.agent-name')).includes('Admin'), 'revoked');

      row()!.querySelector<HTMLButtonElement>('.remove-agent')!.click();
      const dialog = await waitUntil(() => $<HTMLDialogElement>(el, 'dialog.confirm[open]'), 'the question');
      equal(text(dialog.querySelector('h2')), 'Remove New Hire?', 'asked');
      dialog.querySelector<HTMLButtonElement>('.confirm-yes')!.click();
      await waitUntil(() => !row(), 'removed');
    });

    it('lets admins keep the saved replies: add, edit, delete, with the server’s sentences', async () => {
      const el = await signedIn();
      const shortcut = `kb${Math.random().toString(36).slice(2, 7)}`;
      $<HTMLButtonElement>(el, '.settings-entry')!.click();
      await waitUntil(() => $(el, '.settings-page-replies'), 'the settings');
      $<HTMLButtonElement>(el, '.settings-page-replies')!.click();
      await waitUntil(() => location.hash === '#settings/replies' && $(el, '.new-reply'), 'the replies');

      const fill = (title: string, english: string) => {
        const editor = $<HTMLFormElement>(el, '.reply-editor')!;
        typeInto(editor.querySelector('input[name="shortcut"]'), shortcut.toUpperCase());
        typeInto(editor.querySelector('input[name="title"]'), title);
        typeInto(editor.querySelector('textarea[name="text"]'), english);
        return editor;
      };
      $<HTMLButtonElement>(el, '.new-reply')!.click();
      await waitUntil(() => $(el, '.reply-editor'), 'the editor');
      fill('Knowledge base', 'See {{agent.name}}’s notes at https://help.example.').requestSubmit();
      const item = () => $(el, `.reply-item[data-shortcut="${shortcut}"]`);
      await waitUntil(() => item() && !$(el, '.reply-editor'), 'saved and listed');
      includes(text(item()!.querySelector('.reply-line')), `/${shortcut}Knowledge base`, 'lower-cased shortcut and title');

      $<HTMLButtonElement>(el, '.new-reply')!.click();
      await waitUntil(() => $(el, '.reply-editor'), 'another editor');
      fill('Again', 'Twice').requestSubmit();
      const refusal = await waitUntil(() => $(el, '.reply-editor [role="alert"]'), 'the refusal');
      equal(text(refusal), `Not saved: reply.shortcut: /${shortcut} is taken by another reply.`, 'the server’s sentence');
      $<HTMLButtonElement>(el, '.reply-editor .ghost')!.click();
      await waitUntil(() => !$(el, '.reply-editor'), 'cancelled');

      item()!.querySelector<HTMLButtonElement>('.reply-actions .ghost')!.click();
      const editor = await waitUntil(() => $<HTMLFormElement>(el, 'li > .reply-editor'), 'editing it in its place');
      equal(editor.querySelector<HTMLInputElement>('input[name="title"]')!.value, 'Knowledge base', 'its title');
      typeInto(editor.querySelector('input[name="title"]'), 'Help centre');
      editor.querySelector<HTMLButtonElement>('#reply-lang-de')!.click();
      await waitUntil(() => editor.querySelector('#reply-lang-de[aria-selected="true"]'), 'German');
      typeInto(editor.querySelector('textarea[name="text"]'), 'Siehe https://help.example/de.');
      editor.requestSubmit();
      await waitUntil(() => text(item()?.querySelector('.reply-line strong')) === 'Help centre', 'renamed');
      includes(text(item()!.querySelector('small')), 'English, German', 'both languages');

      item()!.querySelector<HTMLButtonElement>('.danger-text')!.click();
      const dialog = await waitUntil(() => $<HTMLDialogElement>(el, 'dialog.confirm[open]'), 'the question');
      equal(text(dialog.querySelector('h2')), `Delete /${shortcut}?`, 'asked');
      dialog.querySelector<HTMLButtonElement>('.confirm-yes')!.click();
      await waitUntil(() => !item(), 'deleted');
    });
  });

  describe('on a phone', () => {
    afterEach(async () => {
      document.body.style.margin = '';
      await setViewport({ width: 1440, height: 900 });
    });

    for (const width of [360, 390]) {
      it(`fits ${width} px: no sideways scroll in the inbox, a conversation or the settings, every control on screen`, async () => {
        await setViewport({ width, height: 780 });
        document.body.style.margin = '0';
        const el = await signedIn();
        el.style.height = '100vh';
        const v = await conversation(el, 'I am on my phone too, with a long question that wraps', {
          name: 'Maximiliane Featherstonehaugh-Worthington',
          email: 'maximiliane.featherstonehaugh@example.com',
        });
        const fits = (where: string) =>
          ok(
            document.documentElement.scrollWidth <= innerWidth,
            `${where}: ${document.documentElement.scrollWidth} px wide in ${innerWidth}`,
          );
        const onScreen = (node: Element | null, what: string) => {
          ok(node, what);
          const box = node.getBoundingClientRect();
          ok(
            box.width > 0 && box.left >= 0 && box.right <= innerWidth && box.top >= 0 && box.bottom <= innerHeight,
            `${what} on screen: ${JSON.stringify(box)} in ${innerWidth}×${innerHeight}`,
          );
        };
        await el.updateComplete;
        fits('the inbox');
        onScreen($$(el, '.topbar button').find((b) => text(b) === 'Sign out')!, 'Sign out');
        for (const control of $$(el, '.topbar button, .tabs button, .filter input')) onScreen(control, control.className || control.id);

        await open(el, v.roomId);
        await el.updateComplete;
        fits('the conversation');
        onScreen($$(el, '.topbar button').find((b) => text(b) === 'Sign out')!, 'Sign out, in a conversation');
        for (const control of $$(el, '.conv-head button, .composer textarea, .composer .send, .composer-mode label'))
          onScreen(control, control.className);
        const idBox = $(el, '.conv-title .room-id')!.getBoundingClientRect();
        for (const chip of $$(el, '.conv-head .chip')) {
          const box = chip.getBoundingClientRect();
          const overlaps = box.left < idBox.right && idBox.left < box.right && box.top < idBox.bottom && idBox.top < box.bottom;
          ok(!overlaps, `the ${text(chip)} chip clear of the room id`);
        }
        $<HTMLButtonElement>(el, '.assign-to')!.click();
        await waitUntil(() => $(el, '.assign-menu'), 'the assign menu');
        fits('the assign menu');
        onScreen($(el, '.assign-menu'), 'the assign menu');
        $<HTMLButtonElement>(el, '.assign-to')!.click();
        $<HTMLButtonElement>(el, '.profile-toggle')!.click();
        await waitUntil(() => $(el, '.profile'), 'the visitor’s details');
        fits('the visitor’s details');
        onScreen($(el, '.profile-close'), 'their close button');
        $<HTMLButtonElement>(el, '.profile-close')!.click();

        $<HTMLButtonElement>(el, '.settings-entry')!.click();
        await waitUntil(() => $(el, '.settings input[name="name"]'), 'the settings');
        for (const page of ['team', 'replies', 'agents', 'privacy']) {
          $<HTMLButtonElement>(el, `.settings-page-${page}`)!.click();
          await el.updateComplete;
          fits(`the settings: ${page}`);
        }
      });
    }
  });

  describe('accessibility', () => {
    it('has no axe violations on the new screens, light and dark', async () => {
      const el = await signedIn();
      const jane = await teammate('Jane Axe');
      const waiting = await conversation(el, 'Still waiting here', { name: 'Wendy Waiting', email: uniqueEmail('wendy') });
      const v = await conversation(el, 'Can I pay by invoice? https://example.com/invoice', {
        name: 'Ada Lovelace',
        email: uniqueEmail('ada'),
      });
      await sendFrame(jane.agent, { action: 'assign', roomId: waiting.roomId }, 'roomUpdated');
      await open(el, v.roomId);
      await sendOnly(v, {
        action: 'context',
        lang: 'en-GB',
        timeZone: 'Europe/London',
        page: { url: 'https://shop.example/', title: 'Shop' },
      });
      await waitUntil(() => $(el, '.ctx-page a'), 'the context');
      $<HTMLButtonElement>(el, '.take')!.click();
      await waitUntil(() => marks(el).length > 0, 'a mark');
      el.client!.sendMessage('Checking with finance', v.roomId, { internal: true });
      el.client!.sendMessage('Yes: see https://example.com/pay', v.roomId);
      await waitUntil(() => $(el, '.msg.note') && preview(el, v.roomId).startsWith('You:'), 'a note and a reply');
      await jane.agent.join(v.roomId);
      await jane.agent.say(v.roomId, 'Invoices go out monthly: https://example.com/billing');
      await waitUntil(() => $$(el, '.msg.agent:not(.own)').length > 0, 'a colleague’s message');

      const check = async (where: string) => {
        for (const scheme of ['light', 'dark'] as const) {
          await emulateMedia({ colorScheme: scheme });
          deepEqual(await axeViolations(el), [], `${where}, ${scheme}`);
        }
      };
      await check('inbox and conversation with marks, a note and the context');
      $<HTMLButtonElement>(el, '.assign-to')!.click();
      await waitUntil(() => $(el, '.assign-menu [role="menuitem"]'), 'the menu');
      await check('the assign menu');
      await sendKeys({ press: 'Escape' });
      composer(el).focus();
      await sendKeys({ type: '/' });
      await waitUntil(() => $(el, '.reply-picker'), 'the saved replies');
      await check('the saved replies');
      await sendKeys({ press: 'Escape' });
      $<HTMLInputElement>(el, '.composer-mode input[value="note"]')!.click();
      await waitUntil(() => $(el, '.composer.note'), 'Note mode');
      await check('Note mode');
      await v.say('One more question');
      await waitUntil(() => roomButton(el, v.roomId)?.querySelector('.room-waiting'), 'waiting');
      $<HTMLButtonElement>(el, '.close-room')!.click();
      await waitUntil(() => $(el, 'dialog.confirm[open]'), 'the close question');
      await check('the close question');
      await sendKeys({ press: 'Escape' });
      $<HTMLButtonElement>(el, '.me')!.click();
      await waitUntil(() => $(el, 'dialog.profile-editor[open]'), 'the profile');
      await check('the profile');
      await sendKeys({ press: 'Escape' });

      $<HTMLButtonElement>(el, '.settings-entry')!.click();
      await waitUntil(() => $(el, '.settings-page-replies'), 'the settings');
      $<HTMLButtonElement>(el, '.settings-page-replies')!.click();
      await waitUntil(() => $(el, '.new-reply'), 'the replies');
      $<HTMLButtonElement>(el, '.new-reply')!.click();
      await waitUntil(() => $(el, '.reply-editor'), 'the editor');
      await check('the saved replies page, editing');
      $<HTMLButtonElement>(el, '.settings-page-agents')!.click();
      await waitUntil(() => $(el, '.agent-row'), 'the agents');
      const form = $<HTMLFormElement>(el, '.invite-form')!;
      typeInto(form.querySelector('input[name="email"]'), uniqueEmail('axe.hire'));
      typeInto(form.querySelector('input[name="name"]'), 'Axe Hire');
      form.requestSubmit();
      await waitUntil(() => $(el, '.invitation code'), 'the invitation');
      await check('the agents page, with an invitation');
      const roster = await asAdmin({ action: 'listAgents' }, 'agents');
      const hire = roster.type === 'agents' ? roster.agents.find((a) => a.name === 'Axe Hire') : undefined;
      if (hire) await asAdmin({ action: 'removeAgent', agentId: hire.agentId }, 'agents');
    });
  });
});

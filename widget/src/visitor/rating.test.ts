// <support-chat> and issue 19, satisfaction ratings: the card a closed conversation shows
// when the agent asked for a rating (five faces as a radio group, a comment with its limit),
// changing the rating for 24 hours and read-only after (the server's clock moved ahead), a
// visitor away at the close asked when back, and no card when the agent closed without
// asking. Against the real local stack.
import type { ClientFrame } from '@support-chat/backend/protocol';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { deepEqual, equal, ok } from '../../test/assert.ts';
import { axeViolations } from '../../test/axe.ts';
import { Agent, command, roomId, storedRoom, waitUntil } from '../../test/helpers.ts';
import { $, $$, input as composer, mount } from '../../test/visitor.ts';
import './define.ts';
import type { SupportChat } from './support-chat.ts';

const agents: Agent[] = [];
const DAY_MS = 24 * 60 * 60 * 1000;

const card = (el: SupportChat) => $(el, '[part="rating"]');
const text = (el: SupportChat, selector: string) => $(el, selector)?.textContent?.replace(/\s+/g, ' ').trim();
const radios = (el: SupportChat) => $$(el, '.faces input[type="radio"]') as HTMLInputElement[];
const comment = (el: SupportChat) => $<HTMLTextAreaElement>(el, '.rating textarea')!;
const stored = async (room: string) =>
  ((await storedRoom(room)) as { rating?: { score: number; comment?: string; changes: number } })?.rating;
/** Every rate frame the page's WebSockets send while the test runs. */
const rates: ClientFrame[] = [];
const realSend = WebSocket.prototype.send;

/** A visitor who wrote, in a room an agent joined: the widget, its room and the agent. */
async function conversation(): Promise<{ el: SupportChat; room: string; alex: Agent }> {
  const el = await mount();
  el.open();
  const box = composer(el);
  box.value = 'Is my order on its way?';
  box.dispatchEvent(new Event('input', { bubbles: true }));
  await el.updateComplete;
  $<HTMLButtonElement>(el, '[part="send"]')!.click();
  await waitUntil(() => $(el, '.row.visitor[data-seq]'), 'the acknowledgement');
  const room = await roomId();
  const alex = await Agent.connect();
  agents.push(alex);
  await alex.join(room);
  return { el, room, alex };
}

async function typeComment(el: SupportChat, value: string): Promise<void> {
  const field = comment(el);
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true }));
  await el.updateComplete;
}

async function accessible(el: SupportChat, what: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await emulateMedia({ colorScheme });
    deepEqual(await axeViolations(el), [], `accessibility of ${what}, ${colorScheme}`);
  }
  await emulateMedia({ colorScheme: 'light' });
}

describe('<support-chat>: rating a closed conversation', () => {
  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
    rates.length = 0;
    WebSocket.prototype.send = function (data) {
      const frame = JSON.parse(String(data)) as ClientFrame;
      if (frame.action === 'rate') rates.push(frame);
      return realSend.call(this, data);
    };
  });
  afterEach(async () => {
    WebSocket.prototype.send = realSend;
    for (const el of document.querySelectorAll('support-chat')) el.remove();
    for (const a of agents.splice(0)) await a.close();
    await command('clock:advance', { ms: 0 });
  });

  it('asks when the agent closes: five faces picked with the keyboard, a comment within its limit, then the rating given', async () => {
    const { el, room, alex } = await conversation();
    await command('agent:closeRoom', { id: alex.id, roomId: room });
    await waitUntil(() => card(el), 'the rating card');
    equal(text(el, '.faces legend'), 'How was this conversation?', 'the question');
    deepEqual(
      radios(el).map((r) => r.closest('label')!.textContent!.trim()),
      ['Very bad', 'Bad', 'Okay', 'Good', 'Very good'],
      'each face named',
    );
    ok(
      radios(el).every((r) => r.name === 'rating-score' && !r.checked),
      'one radio group, nothing picked',
    );
    await accessible(el, 'the question');

    // Send without a face: asked for one, nothing sent.
    $<HTMLButtonElement>(el, '.rating .primary')!.click();
    await el.updateComplete;
    equal(text(el, '#rating-pick'), 'Choose a face first.', 'a face first');
    equal(rates.length, 0, 'nothing sent');

    // The keyboard: focus on the first face, the arrows move the choice.
    radios(el)[0]!.focus();
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    deepEqual(
      radios(el).map((r) => r.checked),
      [false, false, true, false, false],
      'Okay picked',
    );
    equal(el.shadowRoot!.activeElement, radios(el)[2], 'focus on the picked face');
    equal(text(el, '#rating-pick'), undefined, 'no longer asked');

    // Over 500 characters: said, marked, and not sent.
    await typeComment(el, 'x'.repeat(502));
    equal(text(el, '#rating-counter'), '2 characters too many', 'the counter');
    equal(comment(el).getAttribute('aria-invalid'), 'true', 'the field marked');
    $<HTMLButtonElement>(el, '.rating .primary')!.click();
    await el.updateComplete;
    equal(rates.length, 0, 'nothing sent over the limit');
    await typeComment(el, '  Quick, but I had to ask twice.  ');
    equal(text(el, '#rating-counter'), '470 characters left', 'the counter within the limit');
    equal(comment(el).getAttribute('aria-invalid'), null, 'no longer marked');

    comment(el).focus();
    await sendKeys({ press: 'Tab' });
    equal(el.shadowRoot!.activeElement, $(el, '.rating .primary'), 'Send next in the tab order');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => text(el, '.rating-given') === 'Your rating: Okay', 'the rating given');
    await waitUntil(() => el.shadowRoot!.activeElement === $(el, '.rating-change'), 'focus on Change');
    equal(text(el, '.rating .rating-comment'), 'Quick, but I had to ask twice.', 'the comment shown');
    ok($(el, '.rating-change'), 'Change offered');
    deepEqual(rates, [{ action: 'rate', score: 3, comment: 'Quick, but I had to ask twice.' }], 'one rating sent, trimmed');
    const kept = await stored(room);
    deepEqual([kept?.score, kept?.comment, kept?.changes], [3, 'Quick, but I had to ask twice.', 0], 'stored');
    await accessible(el, 'the rating given');
  });

  it('changes the rating within 24 hours, and shows it read-only once the server says it can no longer change', async () => {
    const { el, room, alex } = await conversation();
    await command('agent:closeRoom', { id: alex.id, roomId: room });
    await waitUntil(() => radios(el)[4], 'the faces');
    radios(el)[1]!.click();
    $<HTMLButtonElement>(el, '.rating .primary')!.click();
    await waitUntil(() => text(el, '.rating-given') === 'Your rating: Bad', 'rated Bad');

    // Change: the form again with the rating given picked; Cancel keeps it.
    $<HTMLButtonElement>(el, '.rating-change')!.click();
    await el.updateComplete;
    ok(radios(el)[1]!.checked, 'Bad picked');
    await waitUntil(() => el.shadowRoot!.activeElement === radios(el)[1], 'focus on the face given');
    radios(el)[4]!.click();
    $<HTMLButtonElement>(el, '.rating .link')!.click();
    await el.updateComplete;
    equal(text(el, '.rating-given'), 'Your rating: Bad', 'cancelled');
    $<HTMLButtonElement>(el, '.rating-change')!.click();
    await el.updateComplete;
    radios(el)[3]!.click();
    await typeComment(el, 'Sorted out in the end');
    $<HTMLButtonElement>(el, '.rating .primary')!.click();
    await waitUntil(() => text(el, '.rating-given') === 'Your rating: Good', 'changed to Good');
    equal((await stored(room))?.changes, 1, 'one change stored');

    // A day later on the server's clock: a change is refused, said, and the card turns read-only.
    await command('clock:advance', { ms: DAY_MS + 60_000 });
    $<HTMLButtonElement>(el, '.rating-change')!.click();
    await el.updateComplete;
    radios(el)[0]!.click();
    $<HTMLButtonElement>(el, '.rating .primary')!.click();
    await waitUntil(() => text(el, '.rating-given') === 'Your rating: Good', 'the rating as it was');
    equal(
      text(el, '.rating [role="status"]'),
      'This rating can no longer be changed: ratings can be changed for 24 hours after they are given.',
      'why',
    );
    equal($(el, '.rating-change'), null, 'no Change');
    equal((await stored(room))?.score, 4, 'nothing stored');

    // After a reload: read-only from the start.
    el.remove();
    const again = await mount();
    await waitUntil(() => text(again, '.rating-given') === 'Your rating: Good', 'the rating after a reload');
    equal($(again, '.rating-change'), null, 'read-only');
    equal($(again, '.rating textarea'), null, 'no form');
  });

  it('asks a visitor away at the close when they are back, ends with their next message, and asks nothing when closed without asking', async () => {
    const { el, room, alex } = await conversation();
    el.client.disconnect();
    await command('agent:closeRoom', { id: alex.id, roomId: room });
    equal(card(el), null, 'nothing while away');
    el.client.connect();
    await waitUntil(() => radios(el).length === 5, 'the question when back');

    // Writing again reopens the conversation: the question goes.
    const box = composer(el);
    box.value = 'One more thing';
    box.dispatchEvent(new Event('input', { bubbles: true }));
    await el.updateComplete;
    $<HTMLButtonElement>(el, '[part="send"]')!.click();
    await waitUntil(() => !card(el), 'the question to go');

    await command('agent:closeRoom', { id: alex.id, roomId: room, askRating: false });
    await waitUntil(() => text(el, '.log .aside') === 'This conversation was closed. Write to reopen it.', 'the closed notice');
    el.remove();
    const reloaded = await mount();
    await waitUntil(() => text(reloaded, '.log .aside') === 'This conversation was closed. Write to reopen it.', 'closed after a reload');
    equal(card(reloaded), null, 'no rating card');
    equal(rates.length, 0, 'nothing rated');
  });

  it('asks in the visitor’s language', async () => {
    const { room, alex } = await conversation();
    for (const el of document.querySelectorAll('support-chat')) el.remove();
    const de = await mount({ lang: 'de' });
    await command('agent:closeRoom', { id: alex.id, roomId: room });
    await waitUntil(() => radios(de).length === 5, 'the faces');
    equal(text(de, '.faces legend'), 'Wie war dieses Gespräch?', 'German');
    deepEqual(
      radios(de).map((r) => r.closest('label')!.textContent!.trim()),
      ['Sehr schlecht', 'Schlecht', 'Okay', 'Gut', 'Sehr gut'],
      'the faces in German',
    );
  });
});

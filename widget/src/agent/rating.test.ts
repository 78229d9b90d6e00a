// <support-agent-console> and issue 19, satisfaction ratings: Close without asking, next to
// Close and reached by keyboard; the visitor's rating and its change as marks in the
// timeline (with the comment) and in the side panel. The visitor is a real WebSocket
// client of the local stack.
import type { ServerEvent } from '@support-chat/backend/protocol';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import { deepEqual, equal, ok } from '../../test/assert.ts';
import { $, $$, axeViolations, open, removeConsoles, roomButton, signedIn, text } from '../../test/console.ts';
import { sendFrame, Visitor, waitUntil } from '../../test/helpers.ts';
import type { SupportAgentConsole } from './support-agent-console.ts';

const visitors: Visitor[] = [];
const marks = (el: SupportAgentConsole) => $$(el, '.timeline-mark span').map((mark) => text(mark));
const ratings = async (v: Visitor) => (await v.events()).filter((e): e is ServerEvent & { type: 'rating' } => e.type === 'rating');

/** A visitor who wrote and was answered (so Close asks nothing more), with the conversation open in the console. */
async function answered(el: SupportAgentConsole): Promise<Visitor> {
  const v = await Visitor.connect();
  visitors.push(v);
  await v.identify({ name: 'Grace' });
  await v.say('Is the certificate in my name?');
  await waitUntil(() => roomButton(el, v.roomId), 'the conversation in the inbox');
  await open(el, v.roomId);
  el.client!.sendMessage('Yes, it is.', v.roomId);
  await v.waitFor('message', 'Yes, it is.');
  // Answered in the inbox too: Close then closes at once, without asking first.
  await waitUntil(() => text(roomButton(el, v.roomId)?.querySelector('.room-preview')) === 'You: Yes, it is.', 'answered');
  return v;
}

describe('<support-agent-console>: satisfaction ratings', () => {
  before(() => setViewport({ width: 1440, height: 900 }));
  beforeEach(() => {
    localStorage.clear();
    history.replaceState(null, '', location.pathname + location.search);
  });
  afterEach(async () => {
    await removeConsoles();
    for (const v of visitors.splice(0)) await v.close();
    history.replaceState(null, '', location.pathname + location.search);
    await emulateMedia({ colorScheme: 'light' });
  });

  it('closes without asking from the keyboard: the visitor gets no rating request, the mark says so', async () => {
    const el = await signedIn();
    const v = await answered(el);
    const quietly = $<HTMLButtonElement>(el, '.close-quietly')!;
    equal(quietly.getAttribute('aria-label'), 'Close without asking the visitor for a rating', 'named');
    equal(text(quietly), 'Close without asking', 'its label');
    $<HTMLButtonElement>(el, '.close-room')!.focus();
    await sendKeys({ press: 'Tab' });
    equal(el.shadowRoot!.activeElement, quietly, 'next in the tab order after Close');
    await sendKeys({ press: 'Enter' });
    await v.waitFor('roomClosed');
    await waitUntil(() => marks(el).includes('You closed the conversation without asking for a rating'), 'the mark');
    await sendFrame(v, { action: 'history' }, 'history');
    deepEqual(await ratings(v), [], 'no rating request');
  });

  it('shows the visitor’s rating and its change in the timeline and the side panel', async () => {
    const el = await signedIn();
    const v = await answered(el);
    $<HTMLButtonElement>(el, '.close-room')!.click();
    await v.waitFor('rating');
    await waitUntil(() => marks(el).includes('You closed the conversation'), 'the closing mark');

    await sendFrame(v, { action: 'rate', score: 2, comment: 'Slow to answer' }, 'rating');
    await waitUntil(() => marks(el).includes('The visitor rated the conversation 2 of 5'), 'the rating mark');
    const mark = $(el, '.timeline-mark[data-event="rated"]')!;
    equal(text(mark.querySelector('.mark-comment')), 'Slow to answer', 'the comment under it');
    ok(mark.querySelector('svg.face'), 'its face');
    const panel = await waitUntil(() => $(el, '.profile .rating'), 'the rating in the side panel');
    equal(text(panel.querySelector('dt')), 'Rating', 'labelled');
    equal(text(panel.querySelector('.rating-score')), '2 of 5', 'the score');
    equal(text(panel.querySelector('.rating-comment')), 'Slow to answer', 'the comment');
    for (const colorScheme of ['light', 'dark'] as const) {
      await emulateMedia({ colorScheme });
      deepEqual(await axeViolations(el), [], `accessibility, ${colorScheme}`);
    }

    await sendFrame(v, { action: 'rate', score: 4 }, 'rating');
    await waitUntil(() => marks(el).includes('The visitor changed their rating from 2 to 4 of 5'), 'the change’s mark');
    await waitUntil(() => text($(el, '.profile .rating .rating-score')) === '4 of 5', 'the side panel follows');
    ok(text($(el, '.profile .rating')).includes('changed'), 'said to be changed');
    equal($(el, '.profile .rating .rating-comment'), null, 'no comment with the change');
  });
});

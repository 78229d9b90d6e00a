import { equal } from '../../test/assert.ts';
import { CONSOLE_STRINGS as s } from './strings.ts';
import { waitingTime } from './views/inbox.ts';
import { markText } from './views/timeline.ts';

describe('the console’s words for time and marks', () => {
  it('says how long a visitor has waited, counting from waitingSince', () => {
    const since = Date.parse('2030-01-01T10:00:00Z');
    const after = (ms: number) => waitingTime('2030-01-01T10:00:00.000Z', since + ms, s);
    equal(after(20_000), '<1 min', 'seconds');
    equal(after(4 * 60_000 + 59_000), '4 min', 'minutes, rounded down');
    equal(after(75 * 60_000), '1 h 15 min', 'over an hour');
    equal(after(50 * 3600_000), '2 d', 'days');
  });

  it('says what a mark means from its event (not its English text), "You" for this agent', () => {
    equal(markText({ type: 'assigned', to: 'Jane', by: 'Jane' }, s, 'Alex'), 'Jane took the conversation', 'a take');
    equal(markText({ type: 'assigned', to: 'Alex', by: 'Jane' }, s, 'Alex'), 'Jane assigned the conversation to you', 'to me');
    equal(markText({ type: 'assigned', to: 'Sam', by: 'Alex' }, s, 'Alex'), 'You assigned the conversation to Sam', 'by me');
    equal(markText({ type: 'unassigned', from: 'Sam', by: 'Alex' }, s, 'Alex'), 'You took the conversation back from Sam', 'taken back');
    equal(markText({ type: 'unassigned', from: 'Sam', by: 'Sam' }, s, 'Alex'), 'Sam gave the conversation back', 'given back');
    equal(
      markText({ type: 'unassigned', from: 'Sam', offline: true }, s, 'Alex'),
      'Sam was offline too long: the conversation is unassigned',
      'offline',
    );
    equal(
      markText({ type: 'unassigned', from: 'Alex', offline: true }, s, 'Alex'),
      'You were offline too long: the conversation is unassigned',
      'me, offline',
    );
    equal(markText({ type: 'closed', by: 'Alex' }, s, 'Alex'), 'You closed the conversation', 'closed');
    equal(markText({ type: 'reopened' }, s, 'Alex'), 'The visitor wrote again: the conversation is open', 'by the visitor');
    equal(
      markText({ type: 'reopened', by: 'Jane' }, { ...s, markReopened: '{by} a rouvert la conversation' }, 'Alex'),
      'Jane a rouvert la conversation',
      'localized',
    );
  });
});

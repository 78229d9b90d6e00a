import { deepEqual, equal } from '../../test/assert.ts';
import { FakeClock, FakeHost } from '../../test/fake-host.ts';
import { TYPING_REPEAT_MS, TYPING_SHOWN_MS, TYPING_STOP_MS, TypingController } from './typing-controller.ts';

describe('TypingController', () => {
  let clock: FakeClock;
  let host: FakeHost;
  let sent: string[];
  let typing: TypingController;

  beforeEach(() => {
    clock = new FakeClock().install();
    host = new FakeHost();
    sent = [];
    typing = new TypingController(host, (isTyping, roomId) => sent.push(`${isTyping ? 'typing' : 'stopped'} ${roomId ?? 'own room'}`));
    host.connect();
  });
  afterEach(() => clock.uninstall());

  it('says "typing" at most once per interval while keys come, and "stopped" once they pause', () => {
    typing.typed(true, 'r1');
    clock.advance(1000);
    typing.typed(true, 'r1');
    clock.advance(1000);
    typing.typed(true, 'r1');
    deepEqual(sent, ['typing r1'], 'within the interval');
    clock.advance(TYPING_REPEAT_MS);
    typing.typed(true, 'r1');
    deepEqual(sent, ['typing r1', 'typing r1'], 'after the interval');
    clock.advance(TYPING_STOP_MS);
    deepEqual(sent, ['typing r1', 'typing r1', 'stopped r1'], 'after a pause');
    clock.advance(60_000);
    equal(sent.length, 3, 'nothing more');
  });

  it('says nothing for spaces, and "stopped" only after a "typing"', () => {
    typing.typed(false);
    clock.advance(TYPING_STOP_MS);
    typing.stop();
    deepEqual(sent, [], 'for an empty draft');
    typing.typed(true);
    typing.stop();
    typing.stop();
    deepEqual(sent, ['typing own room', 'stopped own room'], 'sent, then stopped once');
  });

  it('says "stopped" to the room it said "typing" to, and when the host leaves the page', () => {
    typing.typed(true, 'r1');
    typing.stop();
    typing.typed(true, 'r2');
    host.disconnect();
    deepEqual(sent, ['typing r1', 'stopped r1', 'typing r2', 'stopped r2'], 'frames');
  });

  it('shows who else is typing until they stop, or go quiet for a while', () => {
    typing.show('r1\nvisitor', 'Sam');
    typing.show('r2\nagent\nAlex', 'Alex');
    deepEqual(typing.names('r1\n'), ['Sam'], 'in r1');
    deepEqual(typing.names(), ['Sam', 'Alex'], 'everywhere');
    equal(typing.has('r2\nagent\nAlex'), true, 'has');
    typing.show('r2\nagent\nAlex', undefined);
    deepEqual(typing.names(), ['Sam'], 'after a stop');
    const renders = host.updates;
    clock.advance(TYPING_SHOWN_MS - 1);
    typing.show('r1\nvisitor', 'Sam');
    clock.advance(TYPING_SHOWN_MS - 1);
    deepEqual(typing.names(), ['Sam'], 'renewed by typing on');
    clock.advance(1);
    deepEqual(typing.names(), [], 'expired');
    equal(host.updates > renders, true, 'the host rendered the change');
  });
});

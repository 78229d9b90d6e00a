import { deepEqual, equal } from '../../test/assert.ts';
import { Outbox, type PendingMessage } from './outbox.ts';
import { randomId, safeStorage } from './storage.ts';

const KEY = 'outbox-test:outbox';
const message = (clientMsgId: string, text = clientMsgId): PendingMessage => ({
  clientMsgId,
  text,
  createdAt: '2030-01-01T00:00:00.000Z',
  status: 'sending',
});

describe('Outbox', () => {
  beforeEach(() => localStorage.clear());

  it('keeps messages in localStorage, in the order they were typed', () => {
    const outbox = new Outbox(safeStorage(localStorage), KEY);
    outbox.add(message('a'));
    outbox.add(message('b'));
    deepEqual(
      new Outbox(safeStorage(localStorage), KEY).list().map((m) => m.clientMsgId),
      ['a', 'b'],
      'after a "reload"',
    );
  });

  it('never loses a message another tab added meanwhile', () => {
    const tab1 = new Outbox(safeStorage(localStorage), KEY);
    const tab2 = new Outbox(safeStorage(localStorage), KEY);
    tab1.add(message('from-tab-1'));
    tab2.add(message('from-tab-2'));
    tab1.remove('from-tab-1');
    deepEqual(
      tab1.list().map((m) => m.clientMsgId),
      ['from-tab-2'],
      'what is left',
    );
  });

  it('keeps the order of messages typed within one millisecond', () => {
    const outbox = new Outbox(safeStorage(localStorage), KEY);
    for (const id of ['z', 'y', 'x', 'w']) outbox.add(message(id));
    deepEqual(
      outbox.list().map((m) => m.clientMsgId),
      ['z', 'y', 'x', 'w'],
      'as typed',
    );
  });

  it('keeps each message under a key of its own, which no other tab writes', () => {
    const tab1 = new Outbox(safeStorage(localStorage), KEY);
    tab1.add(message('a'));
    tab1.add(message('b'));
    deepEqual(Object.keys(localStorage).toSorted(), [`${KEY}:a`, `${KEY}:b`], 'keys');
    tab1.remove('a');
    deepEqual(Object.keys(localStorage), [`${KEY}:b`], 'what is left');
  });

  it('marks a message failed and back, and removes its storage key', () => {
    const outbox = new Outbox(safeStorage(localStorage), KEY);
    outbox.add(message('a'));
    outbox.update('a', { status: 'failed', error: 'Too long.' });
    const { n: _, ...failed } = outbox.get('a') as PendingMessage & { n?: number };
    deepEqual(failed, { ...message('a'), status: 'failed', error: 'Too long.' }, 'failed entry');
    equal(outbox.update('nope', { status: 'failed' }), undefined, 'no such message to update');
    equal(outbox.remove('a'), true, 'removed');
    equal(outbox.remove('a'), false, 'second remove');
    equal(localStorage.length, 0, 'storage keys');
  });

  it('skips garbage in storage', () => {
    localStorage.setItem(`${KEY}:bad`, '{not json');
    localStorage.setItem(`${KEY}:odd`, '{"clientMsgId":3}');
    const outbox = new Outbox(safeStorage(localStorage), KEY);
    outbox.add(message('a'));
    deepEqual(
      outbox.list().map((m) => m.clientMsgId),
      ['a'],
      'list',
    );
  });

  it('moves an outbox stored as one list (before one key per message) to keys of their own, in order', () => {
    localStorage.setItem(KEY, JSON.stringify([message('first'), message('second'), { junk: true }]));
    const outbox = new Outbox(safeStorage(localStorage), KEY);
    deepEqual(
      outbox.list().map((m) => m.clientMsgId),
      ['first', 'second'],
      'kept',
    );
    equal(localStorage.getItem(KEY), null, 'the old list is gone');
    localStorage.setItem(KEY, '{not json');
    deepEqual(new Outbox(safeStorage(localStorage), KEY).list().length, 2, 'an unreadable old list is dropped, nothing else');
    equal(localStorage.getItem(KEY), null, 'the unreadable list is gone');
  });

  it("reads storage again only after a write: its own, another outbox's, or another tab's", async () => {
    const store = safeStorage(localStorage);
    let reads = 0;
    const counted = {
      ...store,
      keys: () => {
        reads++;
        return store.keys();
      },
    };
    const outbox = new Outbox(counted, KEY);
    outbox.add(message('a'));
    outbox.list();
    outbox.list();
    equal(reads, 1, 'reads of two lists with no write between');
    new Outbox(safeStorage(localStorage), KEY).add(message('b'));
    deepEqual(
      outbox.list().map((m) => m.clientMsgId),
      ['a', 'b'],
      'after another outbox of this page added one',
    );
    // Another tab: a same-origin frame has a localStorage of its own, and this page hears of its writes by the `storage` event.
    const frame = document.createElement('iframe');
    document.body.append(frame);
    try {
      const heard = new Promise((resolve) => addEventListener('storage', resolve, { once: true }));
      frame.contentWindow!.localStorage.setItem(`${KEY}:c`, JSON.stringify({ ...message('c'), createdAt: '2030-01-01T00:00:01.000Z' }));
      await heard;
      deepEqual(
        outbox.list().map((m) => m.clientMsgId),
        ['a', 'b', 'c'],
        'after another tab added one',
      );
      equal(reads, 3, 'reads in all');
    } finally {
      frame.remove();
    }
  });

  it('works in memory when there is no storage', () => {
    const outbox = new Outbox(safeStorage(null), KEY);
    outbox.add(message('a'));
    equal(outbox.list().length, 1, 'in memory');
    equal(localStorage.length, 0, 'localStorage untouched');
  });
});

describe('randomId', () => {
  it('makes base64url ids of the requested entropy', () => {
    const key = randomId(32);
    equal(key.length, 43, '32 bytes');
    equal(/^[A-Za-z0-9_-]+$/.test(key), true, 'base64url alphabet');
    equal(randomId(16).length, 22, '16 bytes');
  });
});

import type { Message, RoomSummary } from '@support-chat/backend/protocol';
import { deepEqual, equal } from '../../test/assert.ts';
import { prefixed, safeStorage } from '../client/storage.ts';
import { Workspace } from './workspace.ts';

const room = (roomId: string, at: string, more: Partial<RoomSummary> = {}): RoomSummary =>
  ({
    roomId,
    status: 'open',
    createdAt: at,
    lastMessageAt: at,
    lastMessagePreview: `from ${roomId}`,
    agentsOnline: 0,
    ...more,
  }) as RoomSummary;
const message = (seq: number, role: 'visitor' | 'agent'): Message =>
  ({ seq, roomId: 'r1', clientMsgId: `m${seq}`, sender: { role }, text: `${seq}`, createdAt: '2030-01-01T00:00:00.000Z' }) as Message;
const nobody = () => false;

describe('Workspace', () => {
  beforeEach(() => localStorage.clear());

  it('keeps the newer of two summaries that crossed on the way (by revision), whichever comes last', () => {
    const w = new Workspace();
    const at = '2030-01-01T00:00:00Z';
    w.apply({ type: 'roomUpdated', room: room('r1', at, { revision: 3, visitor: { lang: 'de-AT' } }) } as never, nobody);
    const stale = w.apply({ type: 'roomUpdated', room: room('r1', at, { revision: 2 }) } as never, nobody);
    equal(stale, undefined, 'nothing to tell of the older one');
    equal(w.inbox.get('r1')?.visitor?.lang, 'de-AT', 'the newer context kept');
    w.apply({ type: 'roomUpdated', room: room('r1', at, { revision: 4, visitor: { lang: 'fr' } }) } as never, nobody);
    equal(w.inbox.get('r1')?.visitor?.lang, 'fr', 'a newer one taken');
  });

  it('folds the server’s events into the inbox, and answers what deserves attention', () => {
    const w = new Workspace();
    equal(w.apply({ type: 'rooms', status: 'open', rooms: [room('r1', '2030-01-01T00:00:00Z')] } as never, nobody), undefined, 'a list');
    const first = w.apply({ type: 'roomUpdated', room: room('r2', '2030-01-01T00:01:00Z') } as never, nobody);
    deepEqual([first?.room.roomId, first?.reason], ['r2', 'new-conversation'], 'a new conversation');
    const next = w.apply({ type: 'roomUpdated', room: room('r1', '2030-01-01T00:02:00Z') } as never, nobody);
    deepEqual([next?.room.roomId, next?.reason], ['r1', 'message'], 'a message');
    deepEqual(
      w.rooms('open', '').map((r) => r.roomId),
      ['r1', 'r2'],
      'newest first',
    );
    w.apply({ type: 'roomClosed', roomId: 'r2' } as never, nobody);
    deepEqual(
      w.rooms('closed', '').map((r) => r.roomId),
      ['r2'],
      'closed',
    );
    w.apply({ type: 'read', roomId: 'r1', role: 'visitor', seq: 4 } as never, nobody);
    w.apply({ type: 'read', roomId: 'r1', role: 'visitor', seq: 2 } as never, nobody);
    equal(w.visitorReadSeq('r1'), 4, 'the visitor’s read mark never goes back');
  });

  it('filters by name, email, text or id, and counts other agents without this console', () => {
    const w = new Workspace();
    w.apply(
      {
        type: 'rooms',
        status: 'open',
        rooms: [
          room('r1', '2030-01-01T00:00:00Z', { visitorName: 'Ada', agentsOnline: 2 }),
          room('r2', '2030-01-01T00:00:00Z', { visitorEmail: 'bob@example.com' }),
        ],
      } as never,
      nobody,
    );
    deepEqual(
      w.rooms('open', ' ada ').map((r) => r.roomId),
      ['r1'],
      'by name',
    );
    deepEqual(
      w.rooms('open', 'EXAMPLE').map((r) => r.roomId),
      ['r2'],
      'by email',
    );
    equal(w.othersIn(w.inbox.get('r1')!, 'r1'), 1, 'in the room');
    equal(w.othersIn(w.inbox.get('r1')!, undefined), 2, 'elsewhere');
  });

  it('sends one read receipt per visitor message seen, and keeps read marks where it is told', () => {
    const store = prefixed(safeStorage(localStorage), 'support-agent-console');
    const w = new Workspace(store, 'seen:agent-1');
    w.apply({ type: 'rooms', status: 'open', rooms: [room('r1', '2030-01-01T00:00:00Z')] } as never, nobody);
    equal(w.viewed('r1', [message(1, 'visitor'), message(2, 'agent')]), 1, 'the visitor’s latest');
    equal(w.viewed('r1', [message(1, 'visitor'), message(2, 'agent')]), undefined, 'not twice');
    equal(w.viewed('r1', [message(1, 'visitor'), message(3, 'visitor')]), 3, 'a newer one');
    equal(JSON.parse(localStorage.getItem('support-agent-console:seen:agent-1') ?? '{}').r1, '2030-01-01T00:00:00Z', 'read mark stored');
    const reloaded = new Workspace(store, 'seen:agent-1');
    reloaded.apply(
      { type: 'rooms', status: 'open', rooms: [room('r1', '2030-01-01T00:00:00Z'), room('r9', '2030-01-01T00:00:00Z')] } as never,
      nobody,
    );
    equal(reloaded.inbox.unreadOf('r1'), 0, 'read after a reload');
    equal(reloaded.inbox.unreadOf('r9'), true, 'another room: unread, how much unknown');
  });

  it('lists Mine, Unassigned, All open and Closed, and follows replies and assignment live', () => {
    const w = new Workspace();
    const me = 'agent-me';
    const at = (minute: number) => `2030-01-01T00:${String(minute).padStart(2, '0')}:00.000Z`;
    const visitorWrote = { role: 'visitor' } as const;
    w.apply(
      {
        type: 'rooms',
        rooms: [
          room('mine', at(1), { lastSender: visitorWrote, waitingSince: at(1), assignee: { agentId: me, name: 'Me' } }),
          room('theirs', at(2), { lastSender: visitorWrote, waitingSince: at(2), assignee: { agentId: 'jane', name: 'Jane' } }),
          room('nobody', at(3), { lastSender: visitorWrote, waitingSince: at(3) }),
          room('done', at(4), { status: 'closed' }),
        ],
      } as never,
      nobody,
    );
    const ids = (tab: Parameters<Workspace['rooms']>[0]) => w.rooms(tab, '', me).map((r) => r.roomId);
    deepEqual(ids('mine'), ['mine'], 'Mine');
    deepEqual(ids('unassigned'), ['nobody'], 'Unassigned');
    deepEqual(ids('open'), ['nobody', 'theirs', 'mine'], 'All open');
    deepEqual(ids('closed'), ['done'], 'Closed');
    deepEqual([w.inbox.count('mine', me), w.inbox.count('unassigned', me), w.inbox.count('open', me)], [1, 1, 3], 'counts');

    // A visitor's message counts as unread; a colleague's reply answers it, in every console.
    const asked = w.apply(
      { type: 'roomUpdated', room: room('nobody', at(5), { lastSender: visitorWrote, waitingSince: at(3) }) } as never,
      nobody,
    );
    equal(asked?.reason, 'message', 'a visitor’s message deserves attention');
    equal(w.inbox.unreadOf('nobody', me), true, 'unread, not counted: this console hears of nobody’s room once a turn');
    w.apply(
      {
        type: 'roomUpdated',
        room: room('mine', at(7), { lastSender: visitorWrote, waitingSince: at(1), assignee: { agentId: me, name: 'Me' } }),
      } as never,
      nobody,
    );
    w.apply(
      {
        type: 'roomUpdated',
        room: room('mine', at(8), { lastSender: visitorWrote, waitingSince: at(1), assignee: { agentId: me, name: 'Me' } }),
      } as never,
      nobody,
    );
    equal(w.inbox.unreadOf('mine', me), 2, 'counted in my own, whose every message comes here');
    const answered = w.apply(
      {
        type: 'roomUpdated',
        room: room('nobody', at(6), {
          lastSender: { role: 'agent', name: 'Jane', agentId: 'jane' },
          assignee: { agentId: 'jane', name: 'Jane' },
        }),
      } as never,
      nobody,
    );
    equal(answered, undefined, 'an agent’s reply asks for no attention');
    equal(w.inbox.unreadOf('nobody'), 0, 'read once answered');
    equal(w.inbox.get('nobody')?.waitingSince, undefined, 'nobody waits');
    deepEqual(ids('unassigned'), [], 'taken');

    // A summary from before the reply (a late list) changes neither the preview nor who waits.
    w.apply({ type: 'rooms', rooms: [room('nobody', at(5), { lastSender: visitorWrote, waitingSince: at(3) })] } as never, nobody);
    deepEqual([w.inbox.get('nobody')?.lastSender?.role, w.inbox.get('nobody')?.waitingSince], ['agent', undefined], 'never backwards');

    w.apply({ type: 'roomReopened', roomId: 'done' } as never, nobody);
    deepEqual(ids('closed'), [], 'reopened');
    equal(w.inbox.get('done')?.status, 'open', 'open again');
  });
});

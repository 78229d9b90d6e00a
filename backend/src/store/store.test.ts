import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoMeter, difference } from '../../bench/support/dynamo-meter.ts';
import { ensureTables, type LocalDynamo, localTableName, startDynalite } from '../../local/dynamodb.ts';
import { AGENT_INBOX, type Connection, consolesOf, type MessageDraft } from '../chat/model.ts';
import type { RoomStore } from '../chat/ports.ts';
import { RATE_BURST } from '../protocol/index.ts';
import { connectionsTable, messagesTable, roomsTable } from '../tables.ts';
import { DynamoConnectionStore } from './connection-store.ts';
import { createDocumentClient } from './dynamo.ts';
import { DynamoMessageStore } from './message-store.ts';
import { createRoomStore } from './room-store.ts';
import { DynamoSendClaims } from './send-claims.ts';

let dynamo: LocalDynamo;
let dataDir: string;
let connections: DynamoConnectionStore;
let messages: DynamoMessageStore;
let rooms: RoomStore;
let claims: DynamoSendClaims;
let roomCounter = 0;
const newRoomId = () => `room${String(++roomCounter).padStart(4, '0')}`.padEnd(43, 'x');

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'support-chat-store-'));
  dynamo = await startDynalite(0, dataDir);
  await ensureTables(dynamo.endpoint);
  const doc = createDocumentClient({ endpoint: dynamo.endpoint, region: 'local' });
  connections = new DynamoConnectionStore(doc, localTableName(connectionsTable));
  messages = new DynamoMessageStore(doc, localTableName(messagesTable));
  rooms = createRoomStore(doc, localTableName(roomsTable));
  claims = new DynamoSendClaims(doc, localTableName(roomsTable));
});
afterAll(async () => {
  await dynamo.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('ConnectionStore', () => {
  it('files a visitor under its room and an agent under the inbox and its own consoles, and finds both by key', async () => {
    const roomId = newRoomId();
    const now = Date.now();
    await connections.add({ connectionId: 'v1=', role: 'visitor', roomId }, now);
    await connections.add(
      { connectionId: 'a1=', role: 'agent', agentId: 'sub-1', name: 'Ana', email: 'ana@x.io', admin: false, rooms: [] },
      now,
    );
    expect(await connections.members(roomId)).toEqual([{ connectionId: 'v1=', role: 'visitor', partition: roomId }]);
    expect(await connections.members(AGENT_INBOX)).toContainEqual({
      connectionId: 'a1=',
      role: 'agent',
      name: 'Ana',
      agentId: 'sub-1',
      partition: AGENT_INBOX,
    });
    expect(await connections.members(consolesOf('sub-1'))).toEqual([
      { connectionId: 'a1=', role: 'agent', name: 'Ana', agentId: 'sub-1', partition: consolesOf('sub-1') },
    ]);
    expect(await connections.get('a1=')).toEqual({
      connectionId: 'a1=',
      role: 'agent',
      agentId: 'sub-1',
      name: 'Ana',
      email: 'ana@x.io',
      admin: false,
      rooms: [],
    });
  });

  it('tracks the rooms an agent joins, and removes every membership with the connection', async () => {
    const [r1, r2] = [newRoomId(), newRoomId()];
    const now = Date.now();
    await connections.add({ connectionId: 'a2=', role: 'agent', agentId: 'sub-2', name: 'Bo', admin: false, rooms: [] }, now);
    expect(await connections.join('a2=', r1, { name: 'Bo', agentId: 'bo' }, now)).toBe(true);
    expect(await connections.join('a2=', r2, { name: 'Bo', agentId: 'bo' }, now)).toBe(true);
    await connections.leave('a2=', r2);
    const agent = await connections.get('a2=');
    expect(agent?.role === 'agent' && agent.rooms).toEqual([r1]);
    expect(await connections.members(r2)).toEqual([]);

    const removed = await connections.remove('a2=');
    expect(removed?.connectionId).toBe('a2=');
    expect(await connections.members(r1)).toEqual([]);
    expect((await connections.members(AGENT_INBOX)).map((m) => m.connectionId)).not.toContain('a2=');
    expect(await connections.members(consolesOf('sub-2'))).toEqual([]);
    expect(await connections.get('a2=')).toBeUndefined();
    expect(await connections.remove('a2=')).toBeUndefined();
    // Joining after the connection is gone leaves nothing behind.
    expect(await connections.join('a2=', r1, { name: 'Bo', agentId: 'bo' }, now)).toBe(false);
    expect(await connections.members(r1)).toEqual([]);
  });

  it('says whether an agent has a console; of consoles opening at once, that the first by id has none before it', async () => {
    const now = Date.now();
    const agent = (connectionId: string): Connection => ({
      connectionId,
      role: 'agent',
      agentId: 'sub-3',
      name: 'Cy',
      admin: false,
      rooms: [],
    });
    const openedBefore = (connectionId: string, at: number) =>
      connections.hasConsole('sub-3', { connectionId, connectedBefore: at - 30_000 });
    expect(await connections.hasConsole('sub-3')).toBe(false);
    await Promise.all(['c3b=', 'c3a=', 'c3c='].map((id) => connections.add(agent(id), now)));
    expect(await connections.hasConsole('sub-3')).toBe(true);
    expect(await Promise.all(['c3a=', 'c3b=', 'c3c='].map((id) => openedBefore(id, now)))).toEqual([false, true, true]);
    // A console opened a minute later finds them, even with an id that sorts first.
    await connections.add(agent('c3=='), now + 60_000);
    expect(await openedBefore('c3==', now + 60_000)).toBe(true);
    // Another agent's consoles are not theirs, even where one's id begins with the other's.
    expect(await connections.hasConsole('sub-30', { connectionId: 'zzz', connectedBefore: now })).toBe(false);
    for (const id of ['c3==', 'c3a=', 'c3b=', 'c3c=']) await connections.remove(id);
    expect(await connections.hasConsole('sub-3')).toBe(false);
  });

  it('never leaves a membership behind a connection, whatever order join, leave and remove run in', async () => {
    const now = Date.now();
    for (let round = 0; round < 30; round++) {
      const roomId = newRoomId();
      const id = `race${round}=`;
      await connections.add({ connectionId: id, role: 'agent', agentId: 'sub-r', name: 'Rae', admin: false, rooms: [] }, now);
      // The three race, started in a different order each round.
      const steps = [
        () => connections.join(id, roomId, { name: 'Rae', agentId: 'rae' }, now),
        () => connections.leave(id, roomId),
        () => connections.remove(id),
      ];
      const order = [round % 3, (round + 1 + (round % 2)) % 3];
      order.push(3 - order[0]! - order[1]!);
      await Promise.all(order.map((i) => steps[i]!()));
      expect(await connections.get(id)).toBeUndefined();
      expect(await connections.members(roomId), `round ${round}`).toEqual([]);
    }
  });

  it('writes a TTL of at most 2 h 10 min on every record', async () => {
    const roomId = newRoomId();
    const now = Date.now();
    await connections.add({ connectionId: 'ttl=', role: 'visitor', roomId }, now);
    const { GetCommand } = await import('@aws-sdk/lib-dynamodb');
    const doc = createDocumentClient({ endpoint: dynamo.endpoint, region: 'local' });
    for (const Key of [
      { pk: 'conn#ttl=', sk: 'meta' },
      { pk: roomId, sk: 'ttl=' },
    ]) {
      const { Item } = await doc.send(new GetCommand({ TableName: localTableName(connectionsTable), Key }));
      expect(Item!.expiresAt).toBeGreaterThan(now / 1000);
      expect(Item!.expiresAt).toBeLessThanOrEqual(now / 1000 + 2 * 3600 + 600);
    }
  });

  it('admits a burst of 20 frames, then 10 a second', async () => {
    const now = 1_800_000_000_000;
    await connections.add({ connectionId: 'rate=', role: 'visitor', roomId: newRoomId() }, now);
    const burst = await Promise.all(Array.from({ length: RATE_BURST + 5 }, () => connections.admitFrame('rate=', now)));
    expect(burst.filter((r) => r === 'rate_limited')).toHaveLength(5);
    expect(await connections.admitFrame('rate=', now + 50)).toBe('rate_limited');
    expect((await connections.admitFrame('rate=', now + 100)) as { role: string }).toMatchObject({ role: 'visitor' });
    expect(await connections.admitFrame('rate=', now + 120)).toBe('rate_limited');
    // After a quiet spell the full burst is available again.
    const later = await Promise.all(Array.from({ length: RATE_BURST }, () => connections.admitFrame('rate=', now + 60_000)));
    expect(later.filter((r) => r === 'rate_limited')).toHaveLength(0);
    expect(await connections.admitFrame('unknown=', now)).toBeUndefined();
  });

  it('costs a refused frame no more than an admitted one: one failed write, no read', async () => {
    const inspector = createDocumentClient({ endpoint: dynamo.endpoint, region: 'local' });
    const meter = new DynamoMeter([[localTableName(connectionsTable), connectionsTable]], inspector);
    const meteredDoc = createDocumentClient({ endpoint: dynamo.endpoint, region: 'local' });
    meter.attach(meteredDoc);
    const metered = new DynamoConnectionStore(meteredDoc, localTableName(connectionsTable));
    const costOf = async (admit: () => Promise<unknown>) => {
      const before = meter.snapshot();
      const outcome = await admit();
      return { outcome: typeof outcome === 'object' ? 'admitted' : outcome, ...difference(meter.snapshot(), before) };
    };
    const now = 1_900_000_000_000;
    await connections.add({ connectionId: 'cost=', role: 'visitor', roomId: newRoomId() }, now);

    const idle = await costOf(() => metered.admitFrame('cost=', now));
    expect(idle).toMatchObject({ outcome: 'admitted', requests: 1, readUnits: 0, writeUnits: 1 });
    let busy = idle;
    for (let i = 1; i < RATE_BURST; i++) busy = await costOf(() => metered.admitFrame('cost=', now));
    expect(busy).toMatchObject({ outcome: 'admitted', requests: 2, readUnits: 0, writeUnits: 2 });
    const refused = await costOf(() => metered.admitFrame('cost=', now));
    expect(refused).toMatchObject({ outcome: 'rate_limited', requests: 1, readUnits: 0, writeUnits: 1 });
    const unknown = await costOf(() => metered.admitFrame('nobody=', now));
    expect(unknown).toMatchObject({ outcome: undefined, requests: 1, readUnits: 0 });
  });
});

describe('MessageStore', () => {
  const draft = (roomId: string, n: number): MessageDraft => ({
    roomId,
    clientMsgId: `c${n}`,
    sender: { role: 'visitor' },
    text: `m${n}`,
    createdAt: new Date().toISOString(),
  });

  it("numbers a room's messages 1, 2, 3 and pages them oldest first, backwards and forwards", async () => {
    const roomId = newRoomId();
    const stored = [];
    for (let n = 1; n <= 5; n++) stored.push(await messages.append(draft(roomId, n), n - 1));
    expect(stored.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
    await messages.append(draft(newRoomId(), 99), 0);

    expect(await messages.page(roomId, { limit: 2 })).toEqual({ messages: [stored[3], stored[4]], hasMore: true });
    expect(await messages.page(roomId, { before: 4, limit: 2 })).toEqual({ messages: [stored[1], stored[2]], hasMore: true });
    expect(await messages.page(roomId, { before: 2, limit: 2 })).toEqual({ messages: [stored[0]], hasMore: false });
    expect(await messages.page(roomId, { after: 1, limit: 3 })).toEqual({ messages: stored.slice(1, 4), hasMore: true });
    expect(await messages.page(roomId, { after: 0, limit: 3 })).toEqual({ messages: stored.slice(0, 3), hasMore: true });
    expect(await messages.page(roomId, { after: 5, limit: 3 })).toEqual({ messages: [], hasMore: false });
    expect(await messages.get(roomId, 3)).toEqual(stored[2]);
    expect(await messages.lastSeq(roomId)).toBe(5);
    expect(await messages.findByClientMsgId(roomId, 'c4')).toEqual(stored[3]);
    expect(await messages.findByClientMsgId(roomId, 'c99')).toBeUndefined();
  });

  it('keeps the numbers gapless when many writers append at once from stale guesses', async () => {
    const roomId = newRoomId();
    const burst = await Promise.all(Array.from({ length: 30 }, (_, i) => messages.append(draft(roomId, i), 0)));
    expect(burst.map((m) => m.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    const page = await messages.page(roomId, { limit: 100 });
    expect(page.messages.map((m) => m.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(new Set(page.messages.map((m) => m.text)).size).toBe(30);
  });

  it('takes a number it already holds for its own message as stored (a retried put whose answer was lost)', async () => {
    const roomId = newRoomId();
    const first = await messages.append(draft(roomId, 1), 0);
    // The same message again from the same guess: the number is taken, by this very message.
    expect(await messages.append(draft(roomId, 1), 0)).toEqual(first);
    expect((await messages.page(roomId, { limit: 10 })).messages).toHaveLength(1);
  });
});

describe('SendClaims', () => {
  it('lets one attempt claim a client message id per room, and tells the others what stands', async () => {
    const [r1, r2] = [newRoomId(), newRoomId()];
    expect(await claims.claim(r1, 'same', 1000)).toBeUndefined();
    expect(await claims.claim(r1, 'same', 2000)).toEqual({ claimedAt: 1000 });
    expect(await claims.claim(r2, 'same', 3000)).toBeUndefined();
    await claims.complete(r1, 'same', 7);
    expect(await claims.claim(r1, 'same', 4000)).toEqual({ claimedAt: 1000, seq: 7 });
  });

  it('hands a stale claim to exactly one of several takers, never a completed one', async () => {
    const roomId = newRoomId();
    await claims.claim(roomId, 'stale', 1000);
    const stale = (await claims.claim(roomId, 'stale', 90_000))!;
    const takers = await Promise.all([1, 2, 3].map((i) => claims.takeOver(roomId, 'stale', stale, 90_000 + i)));
    expect(takers.filter(Boolean)).toHaveLength(1);
    await claims.complete(roomId, 'stale', 3);
    const done = (await claims.claim(roomId, 'stale', 200_000))!;
    expect(await claims.takeOver(roomId, 'stale', done, 200_000)).toBe(false);
  });

  it('releases a claim only for the attempt that holds it, and only before it completed', async () => {
    const roomId = newRoomId();
    await claims.claim(roomId, 'r', 1000);
    await claims.release(roomId, 'r', 999);
    expect(await claims.claim(roomId, 'r', 2000)).toEqual({ claimedAt: 1000 });
    await claims.release(roomId, 'r', 1000);
    expect(await claims.claim(roomId, 'r', 3000)).toBeUndefined();
    await claims.complete(roomId, 'r', 1);
    await claims.release(roomId, 'r', 3000);
    expect(await claims.claim(roomId, 'r', 4000)).toEqual({ claimedAt: 3000, seq: 1 });
  });
});

describe('RoomStore', () => {
  it('creates a room on its first message, keeps it closed for agents and reopens it for visitors', async () => {
    const roomId = newRoomId();
    const first = await rooms.recordMessage(roomId, { seq: 1, at: '2026-01-01T00:00:00.000Z', preview: 'hi', role: 'visitor' });
    expect(first.before).toBeUndefined();
    expect(first.after).toMatchObject({ roomId, status: 'open', createdAt: '2026-01-01T00:00:00.000Z', lastMessagePreview: 'hi' });
    expect(await rooms.close(roomId, new Date().toISOString(), true)).toMatchObject({
      room: { status: 'closed' },
      ended: { startedAt: '2026-01-01T00:00:00.000Z' },
    });
    const agentReply = await rooms.recordMessage(roomId, { seq: 2, at: '2026-01-01T00:01:00.000Z', preview: 'bye', role: 'agent' });
    expect(agentReply.after.status).toBe('closed');
    const visitorAgain = await rooms.recordMessage(roomId, { seq: 3, at: '2026-01-01T00:02:00.000Z', preview: 'wait', role: 'visitor' });
    expect(visitorAgain.before?.status).toBe('closed');
    expect(visitorAgain.after).toMatchObject({ status: 'open', createdAt: '2026-01-01T00:00:00.000Z' });
    expect(await rooms.get(roomId)).toMatchObject({ status: 'open', lastMessageAt: '2026-01-01T00:02:00.000Z' });
    expect(await rooms.close(newRoomId(), new Date().toISOString(), true)).toBeUndefined();
  });

  it('keeps the conversation under way for the reports: started by a visitor, first answered once, ended by one close', async () => {
    const roomId = newRoomId();
    const at = (minute: number) => `2026-01-04T00:${String(minute).padStart(2, '0')}:00.000Z`;
    const started = await rooms.recordMessage(roomId, { seq: 1, at: at(0), preview: 'hi', role: 'visitor' });
    expect([started.before, started.after.conversationStartedAt]).toEqual([undefined, at(0)]);
    const again = await rooms.recordMessage(roomId, { seq: 2, at: at(1), preview: 'hello?', role: 'visitor' });
    expect([again.before?.conversationStartedAt, again.after.conversationStartedAt]).toEqual([at(0), at(0)]);
    // Two agents answer at once: one reply is the first.
    const claims = await Promise.all([rooms.claimFirstReply(roomId, at(0), at(2)), rooms.claimFirstReply(roomId, at(0), at(2))]);
    expect(claims.sort()).toEqual([false, true]);
    // Two closes at once: one ends the conversation.
    const closes = await Promise.all([rooms.close(roomId, at(3), true), rooms.close(roomId, at(3), true)]);
    expect(closes.map((close) => close?.ended)).toContainEqual({ startedAt: at(0), repliedAt: at(2) });
    expect(closes.filter((close) => close?.ended !== undefined)).toHaveLength(1);
    expect(await rooms.claimFirstReply(roomId, at(0), at(3))).toBe(false);
    const next = await rooms.recordMessage(roomId, { seq: 3, at: at(4), preview: 'one more thing', role: 'visitor' });
    expect([next.before?.conversationStartedAt, next.after.conversationStartedAt]).toEqual([undefined, at(4)]);
  });

  it('shows the latest message when concurrent messages are recorded out of order, and still reopens for a visitor', async () => {
    const roomId = newRoomId();
    await rooms.recordMessage(roomId, { seq: 2, at: '2026-01-02T00:00:02.000Z', preview: 'second', role: 'agent' });
    await rooms.close(roomId, new Date().toISOString(), true);
    const late = await rooms.recordMessage(roomId, { seq: 1, at: '2026-01-02T00:00:01.000Z', preview: 'first', role: 'visitor' });
    expect(late.after).toMatchObject({ lastSeq: 2, lastMessagePreview: 'second', status: 'open' });
    expect(await rooms.get(roomId)).toMatchObject({ lastSeq: 2, lastMessagePreview: 'second', status: 'open' });
  });

  it('counts every write of a room record in its revision, the one a message returns included', async () => {
    const roomId = newRoomId();
    const profile = await rooms.setProfile(roomId, { name: 'Rev' }, '2026-01-03T00:00:00.000Z');
    expect(profile.revision).toBe(1);
    const message = await rooms.recordMessage(roomId, { seq: 1, at: '2026-01-03T00:00:01.000Z', preview: 'hi', role: 'visitor' });
    expect([message.before?.revision, message.after.revision]).toEqual([1, 2]);
    expect((await rooms.setContext(roomId, { lang: 'de' }, '2026-01-03T00:00:02.000Z')).revision).toBe(3);
    expect((await rooms.assign(roomId, { agentId: 'a1', name: 'Ann' }, undefined, '2026-01-03T00:00:03.000Z'))?.room.revision).toBe(4);
    // Written at once: each write gets a revision of its own.
    const at = '2026-01-03T00:00:04.000Z';
    await Promise.all([
      rooms.setContext(roomId, { lang: 'fr' }, at),
      rooms.setProfile(roomId, { email: 'rev@example.com' }, at),
      rooms.close(roomId, new Date().toISOString(), true),
    ]);
    expect((await rooms.get(roomId))?.revision).toBe(7);
  });

  it('keeps a profile set before the first message out of the inbox until that message', async () => {
    const roomId = newRoomId();
    const profiled = await rooms.setProfile(roomId, { name: 'Kim' }, '2026-02-01T00:00:00.000Z');
    expect(profiled).toMatchObject({ visitorName: 'Kim', status: 'open' });
    expect(profiled.lastMessageAt).toBeUndefined();
    expect((await rooms.list('open', 100)).map((r) => r.roomId)).not.toContain(roomId);
    await rooms.recordMessage(roomId, { seq: 1, at: '2026-02-01T00:00:01.000Z', preview: 'hello', role: 'visitor' });
    expect((await rooms.list('open', 100)).map((r) => r.roomId)).toContain(roomId);
  });

  it('lists rooms by status, newest activity first', async () => {
    const ids = [newRoomId(), newRoomId(), newRoomId()];
    await rooms.recordMessage(ids[0]!, { seq: 1, at: '2030-01-01T00:00:01.000Z', preview: 'a', role: 'visitor' });
    await rooms.recordMessage(ids[1]!, { seq: 1, at: '2030-01-01T00:00:03.000Z', preview: 'b', role: 'visitor' });
    await rooms.recordMessage(ids[2]!, { seq: 1, at: '2030-01-01T00:00:02.000Z', preview: 'c', role: 'visitor' });
    await rooms.close(ids[2]!, new Date().toISOString(), true);
    expect((await rooms.list('open', 2)).map((r) => r.roomId)).toEqual([ids[1], ids[0]]);
    expect((await rooms.list('closed', 100)).map((r) => r.roomId)).toContain(ids[2]);
  });

  it('grants one alert per quiet window, even to concurrent claims', async () => {
    const roomId = newRoomId();
    await rooms.recordMessage(roomId, { seq: 1, at: '2026-03-01T00:00:00.000Z', preview: 'x', role: 'visitor' });
    const alertClaims = await Promise.all(
      Array.from({ length: 5 }, () => rooms.claimAlert(roomId, '2026-03-01T00:00:00.000Z', '2026-02-28T23:55:00.000Z')),
    );
    expect(alertClaims.filter(Boolean)).toHaveLength(1);
    expect(await rooms.claimAlert(roomId, '2026-03-01T00:04:00.000Z', '2026-02-28T23:59:00.000Z')).toBe(false);
    expect(await rooms.claimAlert(roomId, '2026-03-01T00:06:00.000Z', '2026-03-01T00:01:00.000Z')).toBe(true);
    expect(await rooms.claimAlert(newRoomId(), '2026-03-01T00:00:00.000Z', '2026-02-28T23:55:00.000Z')).toBe(false);
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monotonicFactory } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTables, localTableName, type LocalDynamo, startDynalite } from '../../local/dynamodb.ts';
import type { Message } from '../protocol/index.ts';
import { RATE_BURST } from '../protocol/index.ts';
import { connectionsTable, messagesTable, roomsTable } from '../tables.ts';
import { AGENT_INBOX_KEY, ConnectionStore } from './connection-store.ts';
import { createDocumentClient } from './dynamo.ts';
import { MessageStore } from './message-store.ts';
import { RoomStore } from './room-store.ts';

let dynamo: LocalDynamo;
let dataDir: string;
let connections: ConnectionStore;
let messages: MessageStore;
let rooms: RoomStore;
const newId = monotonicFactory();
let roomCounter = 0;
const newRoomId = () => `room${String(++roomCounter).padStart(4, '0')}`.padEnd(43, 'x');

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'support-chat-store-'));
  dynamo = await startDynalite(0, dataDir);
  await ensureTables(dynamo.endpoint);
  const doc = createDocumentClient({ endpoint: dynamo.endpoint, region: 'local' });
  connections = new ConnectionStore(doc, localTableName(connectionsTable));
  messages = new MessageStore(doc, localTableName(messagesTable));
  rooms = new RoomStore(doc, localTableName(roomsTable));
});
afterAll(async () => {
  await dynamo.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('ConnectionStore', () => {
  it('files a visitor under its room and an agent under the inbox, and finds both by key', async () => {
    const roomId = newRoomId();
    const now = Date.now();
    await connections.add({ connectionId: 'v1=', role: 'visitor', roomId }, now);
    await connections.add({ connectionId: 'a1=', role: 'agent', agentId: 'sub-1', name: 'Ana', email: 'ana@x.io', rooms: [] }, now);
    expect(await connections.members(roomId)).toEqual([{ connectionId: 'v1=', role: 'visitor' }]);
    expect(await connections.members(AGENT_INBOX_KEY)).toContainEqual({ connectionId: 'a1=', role: 'agent', name: 'Ana' });
    expect(await connections.get('a1=')).toEqual({ connectionId: 'a1=', role: 'agent', agentId: 'sub-1', name: 'Ana', email: 'ana@x.io', rooms: [] });
  });

  it('tracks the rooms an agent joins, and removes every membership with the connection', async () => {
    const [r1, r2] = [newRoomId(), newRoomId()];
    const now = Date.now();
    await connections.add({ connectionId: 'a2=', role: 'agent', agentId: 'sub-2', name: 'Bo', rooms: [] }, now);
    await connections.join('a2=', r1, 'Bo', now);
    await connections.join('a2=', r2, 'Bo', now);
    await connections.leave('a2=', r2);
    const agent = await connections.get('a2=');
    expect(agent?.role === 'agent' && agent.rooms).toEqual([r1]);
    expect(await connections.members(r2)).toEqual([]);

    const removed = await connections.remove('a2=');
    expect(removed?.connectionId).toBe('a2=');
    expect(await connections.members(r1)).toEqual([]);
    expect((await connections.members(AGENT_INBOX_KEY)).map((m) => m.connectionId)).not.toContain('a2=');
    expect(await connections.get('a2=')).toBeUndefined();
    expect(await connections.remove('a2=')).toBeUndefined();
  });

  it('writes a TTL of at most 2 h 10 min on every record', async () => {
    const roomId = newRoomId();
    const now = Date.now();
    await connections.add({ connectionId: 'ttl=', role: 'visitor', roomId }, now);
    const { GetCommand } = await import('@aws-sdk/lib-dynamodb');
    const doc = createDocumentClient({ endpoint: dynamo.endpoint, region: 'local' });
    for (const Key of [{ pk: 'conn#ttl=', sk: 'meta' }, { pk: roomId, sk: 'ttl=' }]) {
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
});

describe('MessageStore', () => {
  const message = (roomId: string, n: number): Message => ({
    id: newId(),
    roomId,
    clientMsgId: `c${n}`,
    sender: { role: 'visitor' },
    text: `m${n}`,
    createdAt: new Date().toISOString(),
  });

  it('pages oldest first, backwards with before and forwards with after', async () => {
    const roomId = newRoomId();
    const stored = Array.from({ length: 5 }, (_, i) => message(roomId, i + 1));
    for (const m of stored) await messages.put(m);
    await messages.put(message(newRoomId(), 99));

    const latest = await messages.page(roomId, { limit: 2 });
    expect(latest).toEqual({ messages: [stored[3], stored[4]], hasMore: true });
    expect(await messages.page(roomId, { before: stored[3]!.id, limit: 2 })).toEqual({ messages: [stored[1], stored[2]], hasMore: true });
    expect(await messages.page(roomId, { before: stored[1]!.id, limit: 2 })).toEqual({ messages: [stored[0]], hasMore: false });
    expect(await messages.page(roomId, { after: stored[0]!.id, limit: 3 })).toEqual({ messages: stored.slice(1, 4), hasMore: true });
    expect(await messages.page(roomId, { after: stored[4]!.id, limit: 3 })).toEqual({ messages: [], hasMore: false });
    expect(await messages.get(roomId, stored[2]!.id)).toEqual(stored[2]);
  });

  it('never loses one of many messages stored in the same millisecond', async () => {
    const roomId = newRoomId();
    const burst = Array.from({ length: 30 }, (_, i) => message(roomId, i));
    await Promise.all(burst.map((m) => messages.put(m)));
    const page = await messages.page(roomId, { limit: 100 });
    expect(page.messages.map((m) => m.text)).toEqual(burst.map((m) => m.text));
  });
});

describe('RoomStore', () => {
  it('claims a client message id once per room', async () => {
    const [r1, r2] = [newRoomId(), newRoomId()];
    expect(await rooms.claimClientMsgId(r1, 'same', 'ID1')).toBeUndefined();
    expect(await rooms.claimClientMsgId(r1, 'same', 'ID2')).toBe('ID1');
    expect(await rooms.claimClientMsgId(r2, 'same', 'ID3')).toBeUndefined();
  });

  it('creates a room on its first message, keeps it closed for agents and reopens it for visitors', async () => {
    const roomId = newRoomId();
    const first = await rooms.recordMessage(roomId, { at: '2026-01-01T00:00:00.000Z', preview: 'hi', reopen: true });
    expect(first.before).toBeUndefined();
    expect(first.after).toMatchObject({ roomId, status: 'open', createdAt: '2026-01-01T00:00:00.000Z', lastMessagePreview: 'hi' });
    expect(await rooms.close(roomId)).toMatchObject({ status: 'closed' });
    const agentReply = await rooms.recordMessage(roomId, { at: '2026-01-01T00:01:00.000Z', preview: 'bye', reopen: false });
    expect(agentReply.after.status).toBe('closed');
    const visitorAgain = await rooms.recordMessage(roomId, { at: '2026-01-01T00:02:00.000Z', preview: 'wait', reopen: true });
    expect(visitorAgain.before?.status).toBe('closed');
    expect(visitorAgain.after).toMatchObject({ status: 'open', createdAt: '2026-01-01T00:00:00.000Z' });
    expect(await rooms.get(roomId)).toMatchObject({ status: 'open', lastMessageAt: '2026-01-01T00:02:00.000Z' });
    expect(await rooms.close(newRoomId())).toBeUndefined();
  });

  it('keeps a profile set before the first message out of the inbox until that message', async () => {
    const roomId = newRoomId();
    const profiled = await rooms.setProfile(roomId, { name: 'Kim' }, '2026-02-01T00:00:00.000Z');
    expect(profiled).toMatchObject({ visitorName: 'Kim', status: 'open' });
    expect(profiled.lastMessageAt).toBeUndefined();
    expect((await rooms.list('open', 100)).map((r) => r.roomId)).not.toContain(roomId);
    await rooms.recordMessage(roomId, { at: '2026-02-01T00:00:01.000Z', preview: 'hello', reopen: true });
    expect((await rooms.list('open', 100)).map((r) => r.roomId)).toContain(roomId);
  });

  it('lists rooms by status, newest activity first', async () => {
    const ids = [newRoomId(), newRoomId(), newRoomId()];
    await rooms.recordMessage(ids[0]!, { at: '2030-01-01T00:00:01.000Z', preview: 'a', reopen: true });
    await rooms.recordMessage(ids[1]!, { at: '2030-01-01T00:00:03.000Z', preview: 'b', reopen: true });
    await rooms.recordMessage(ids[2]!, { at: '2030-01-01T00:00:02.000Z', preview: 'c', reopen: true });
    await rooms.close(ids[2]!);
    expect((await rooms.list('open', 2)).map((r) => r.roomId)).toEqual([ids[1], ids[0]]);
    expect((await rooms.list('closed', 100)).map((r) => r.roomId)).toContain(ids[2]);
  });

  it('grants one alert per quiet window, even to concurrent claims', async () => {
    const roomId = newRoomId();
    await rooms.recordMessage(roomId, { at: '2026-03-01T00:00:00.000Z', preview: 'x', reopen: true });
    const claims = await Promise.all(
      Array.from({ length: 5 }, () => rooms.claimAlert(roomId, '2026-03-01T00:00:00.000Z', '2026-02-28T23:55:00.000Z')),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await rooms.claimAlert(roomId, '2026-03-01T00:04:00.000Z', '2026-02-28T23:59:00.000Z')).toBe(false);
    expect(await rooms.claimAlert(roomId, '2026-03-01T00:06:00.000Z', '2026-03-01T00:01:00.000Z')).toBe(true);
    expect(await rooms.claimAlert(newRoomId(), '2026-03-01T00:00:00.000Z', '2026-02-28T23:55:00.000Z')).toBe(false);
  });
});

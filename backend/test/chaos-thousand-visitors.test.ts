import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestSocket } from './support/test-socket.ts';
import { startTestStack, type TestStack } from './support/test-stack.ts';

const VISITORS = 1000;
/** Connections are opened, and messages sent, this many at a time: two cores serve the handlers. */
const WAVE = 50;
/**
 * A guard against a hang, not a speed goal: a thousand messages (each stored, delivered and
 * alerted on) take two busy cores a while, more when the machine is shared.
 */
const GUARD_MS = 300_000;

/**
 * Chaos, counted: a thousand visitors connected at once, each sending a message while all
 * the others are still connected. Every one is acknowledged and stored once in its own
 * room, and once they leave, nothing of their connections is left.
 */
describe('1,000 visitor connections open at once', () => {
  let stack: TestStack;
  const visitors: (TestSocket & { roomId: string })[] = [];

  const inWaves = async <T, R>(items: T[], run: (item: T, index: number) => Promise<R>): Promise<R[]> => {
    const results: R[] = [];
    for (let start = 0; start < items.length; start += WAVE) {
      results.push(...(await Promise.all(items.slice(start, start + WAVE).map((item, i) => run(item, start + i)))));
    }
    return results;
  };
  const indexes = Array.from({ length: VISITORS }, (_, i) => i);

  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack.close());

  it(
    'opens 1,000 connections, all of them at the same time',
    async () => {
      visitors.push(...(await inWaves(indexes, () => stack.visitor())));
      expect(visitors.filter((v) => v.isOpen)).toHaveLength(VISITORS);
      expect(stack.gateway.connectionIds()).toHaveLength(VISITORS);
      expect(new Set(visitors.map((v) => v.roomId)).size).toBe(VISITORS);
    },
    GUARD_MS,
  );

  it(
    'acknowledges each visitor’s message, 1,000 of 1,000, while all stay connected',
    async () => {
      const acks = await inWaves(visitors, async (visitor, i) => {
        // Every connection is still open when each one sends.
        expect(visitor.isOpen).toBe(true);
        return visitor.request({ action: 'sendMessage', clientMsgId: `crowd-${i}`, text: `visitor ${i} here` }, 'message');
      });
      expect(acks.filter((ack, i) => ack.message.clientMsgId === `crowd-${i}` && ack.message.roomId === visitors[i]!.roomId)).toHaveLength(
        VISITORS,
      );
      expect(acks.every((ack) => ack.message.seq === 1)).toBe(true);
      await stack.gateway.settled();
      expect(visitors.filter((v) => v.isOpen)).toHaveLength(VISITORS);
      expect(stack.gateway.connectionIds()).toHaveLength(VISITORS);
      // Each visitor heard their own message once, and nobody else's.
      expect(visitors.filter((v) => v.all('message').length === 1)).toHaveLength(VISITORS);
      expect(visitors.filter((v) => v.all('error').length === 0)).toHaveLength(VISITORS);
    },
    GUARD_MS,
  );

  it(
    'has a room, its one message and one membership per visitor',
    async () => {
      const rooms = await inWaves(visitors, async (visitor) => ({
        room: await stack.deps.rooms.get(visitor.roomId),
        members: await stack.deps.connections.members(visitor.roomId),
        page: await stack.deps.messages.page(visitor.roomId, { limit: 100 }),
      }));
      expect(rooms.filter((r) => r.room?.status === 'open')).toHaveLength(VISITORS);
      expect(rooms.filter((r) => r.members.length === 1 && r.members[0]!.role === 'visitor')).toHaveLength(VISITORS);
      expect(rooms.filter((r, i) => r.page.messages.length === 1 && r.page.messages[0]!.clientMsgId === `crowd-${i}`)).toHaveLength(
        VISITORS,
      );
      const records = (await stack.allItems(stack.tableNames.connections)).filter((item) => item.sk === 'meta');
      expect(records).toHaveLength(VISITORS);
    },
    GUARD_MS,
  );

  it(
    'leaves no connection record or membership once they all close',
    async () => {
      for (const visitor of visitors) visitor.close();
      await Promise.all(visitors.map((v) => v.closed));
      // A client's close can complete before the gateway's end of it has: wait for the
      // gateway to have seen every close (each starts a $disconnect), then for those to end.
      await expect.poll(() => stack.gateway.connectionIds().length, { timeout: 60_000 }).toBe(0);
      await stack.gateway.settled();
      // Every $disconnect ran to its end (a failed one would leave records for the TTL to clear).
      expect(stack.logLines.filter((line) => line.includes('failed'))).toEqual([]);
      expect(await stack.allItems(stack.tableNames.connections)).toEqual([]);
      // What they said stays: 1,000 rooms, each with its message.
      const roomIds = new Set((await stack.allItems(stack.tableNames.rooms)).map((item) => item.roomId));
      expect(visitors.filter((v) => roomIds.has(v.roomId))).toHaveLength(VISITORS);
    },
    GUARD_MS,
  );
});

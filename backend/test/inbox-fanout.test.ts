import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MeteredStack, meterStack } from '../bench/support/metered-stack.ts';
import type { TestSocket } from './support/test-socket.ts';
import { startTestStack, type TestStack } from './support/test-stack.ts';

const JANE = 'jane.inbox@example.com';

interface Cost {
  posts: number;
  itemsRead: number;
  /** DynamoDB round trips made one after another before the handler's first post. */
  roundTrips: number | undefined;
}

/**
 * What a visitor's message costs as the team grows, counted (never timed): @connections
 * posts by the gateway's own count, DynamoDB items read and round trips by a meter on the
 * handlers' document client (the bench's, on real dynalite).
 */
describe('inbox updates as more agent consoles are online', () => {
  let stack: TestStack;
  let metered: MeteredStack;
  /** Every agent console opened so far (the demo agent's). */
  const consoles: TestSocket[] = [];
  let sequence = 0;

  beforeAll(async () => {
    stack = await startTestStack();
    metered = meterStack(stack);
    // The handlers read their collaborators from this object on every invocation.
    Object.assign(stack.deps, metered.deps);
    await stack.createUser(JANE, { agent: true });
  });
  afterAll(() => stack.close());

  /** At least `count` agent consoles online; all of them. */
  async function consolesOnline(count: number): Promise<TestSocket[]> {
    if (consoles.length < count) consoles.push(...(await stack.consoles(count - consoles.length)));
    return consoles;
  }

  /** What the visitor's message costs, from its frame until every handler it set off is done. */
  async function visitorWrites(visitor: TestSocket, text: string): Promise<Cost> {
    await stack.gateway.settled();
    // A second later, as a person types: the rate limit's idle path (a frame within 100 ms of
    // the one before takes its busy path, one conditional write more).
    stack.advanceClock(1_000);
    const { meter } = metered;
    const before = { posts: stack.gateway.managementApiRequests.post, itemsRead: meter.snapshot().itemsRead };
    const since = meter.mark();
    const clientMsgId = `m-${++sequence}`;
    await visitor.request({ action: 'sendMessage', clientMsgId, text }, 'message', (e) => e.message.clientMsgId === clientMsgId);
    await stack.gateway.settled();
    return {
      posts: stack.gateway.managementApiRequests.post - before.posts,
      itemsRead: meter.snapshot().itemsRead - before.itemsRead,
      roundTrips: meter.roundTripsToFirstPost(since),
    };
  }

  /** Which of `sockets` (their places in it) had a roomUpdated showing `text` as the room's preview, once every event is in. */
  async function heard(sockets: TestSocket[], text: string): Promise<number[]> {
    await Promise.all(sockets.map((socket) => socket.settle()));
    return sockets.flatMap((socket, i) => (socket.all('roomUpdated').some((e) => e.room.lastMessagePreview === text) ? [i] : []));
  }
  const everyOne = (sockets: TestSocket[]) => sockets.map((_, i) => i);

  it("costs a visitor's next message in a turn the same posts and reads with 1, 10 or 100 consoles online, at most 3 round trips before the first post", async () => {
    const visitor = await stack.visitor();
    const [inRoom] = await consolesOnline(1);
    await visitorWrites(visitor, 'Hello?');
    await inRoom!.request({ action: 'join', roomId: visitor.roomId }, 'history');
    inRoom!.send({ action: 'sendMessage', roomId: visitor.roomId, clientMsgId: 'answer', text: 'Hi, how can I help?' });
    await visitor.next('message', (e) => e.message.clientMsgId === 'answer');
    const opening = await visitorWrites(visitor, 'My parcel is late.');
    expect(opening.roundTrips).toBeLessThanOrEqual(3);

    const costs: Cost[] = [];
    for (const size of [1, 10, 100]) {
      const online = await consolesOnline(size);
      const text = `Still waiting, with ${size} consoles online.`;
      costs.push(await visitorWrites(visitor, text));
      // The console in the room follows every message; the others only the room's changes.
      expect(await heard(online, text)).toEqual([online.indexOf(inRoom!)]);
    }
    // The visitor's copy (the acknowledgement), the room's agent's, and that agent's inbox row.
    expect(costs.map((cost) => cost.posts)).toEqual([3, 3, 3]);
    // The room's memberships (visitor and agent), the room, the team's settings.
    expect(costs.map((cost) => cost.itemsRead)).toEqual([4, 4, 4]);
    for (const cost of costs) expect(cost.roundTrips).toBeLessThanOrEqual(3);
  });

  it("reads one item for an agent's further console opening, one for its closing, with 10 or 100 consoles online", async () => {
    /** Items read by the $connect, then by the $disconnect, of one more console of the demo agent (who has others open). */
    const openAndClose = async (): Promise<[number, number]> => {
      await stack.gateway.settled();
      // A minute on: the others are not consoles opening at the same time, whose first by id would publish.
      stack.advanceClock(60_000);
      const { meter } = metered;
      const connected = stack.gateway.connectionIds().length;
      const start = meter.snapshot().itemsRead;
      const socket = await stack.agent();
      await stack.gateway.settled();
      const opened = meter.snapshot().itemsRead;
      socket.close();
      await expect.poll(() => stack.gateway.connectionIds().length).toBe(connected);
      await stack.gateway.settled();
      return [opened - start, meter.snapshot().itemsRead - opened];
    };
    const costs: [number, number][] = [];
    for (const size of [10, 100]) {
      await consolesOnline(size);
      costs.push(await openAndClose());
    }
    // Each reads one of the agent's other consoles (they were online already and still are:
    // who is available stays as it was), not every agent's (11 and 20, then 101 and 200, when
    // each worked out who is available again).
    expect(costs).toEqual([
      [1, 1],
      [1, 1],
    ]);
  });

  it('tells every console of a new room, of who takes it, and each time its visitor starts or stops waiting; the assignee of each message', async () => {
    const online = await consolesOnline(10);
    const visitor = await stack.visitor();
    const jane = await stack.agent(JANE);

    const first = await visitorWrites(visitor, 'First words');
    expect(await heard(online, 'First words')).toEqual(everyOne(online));
    expect(first.posts).toBeGreaterThanOrEqual(online.length + 1);
    expect(first.roundTrips).toBeLessThanOrEqual(3);

    jane.send({ action: 'assign', roomId: visitor.roomId });
    expect(await visitor.next('assigned')).toMatchObject({ roomId: visitor.roomId });
    await Promise.all(
      online.map((socket) => socket.next('roomUpdated', (e) => e.room.roomId === visitor.roomId && e.room.assignee !== undefined)),
    );

    // Jane is not in the room, but it is hers: her console follows every message of it.
    const steady = await visitorWrites(visitor, 'More words');
    expect(await heard([...online, jane], 'More words')).toEqual([online.length]);
    // The visitor's copy and the assignee's inbox row.
    expect(steady.posts).toBe(2);
    expect(steady.roundTrips).toBeLessThanOrEqual(3);

    // Her answer ends the wait, which every inbox shows; the visitor's next message starts another.
    jane.send({ action: 'sendMessage', roomId: visitor.roomId, clientMsgId: 'jane-1', text: 'Looking into it.' });
    await visitor.next('message', (e) => e.message.clientMsgId === 'jane-1');
    await stack.gateway.settled();
    for (const socket of online) {
      const answered = await socket.next(
        'roomUpdated',
        (e) => e.room.roomId === visitor.roomId && e.room.lastMessagePreview === 'Looking into it.',
      );
      expect(answered.room.waitingSince).toBeUndefined();
    }
    const again = await visitorWrites(visitor, 'Thanks, one more thing');
    expect(await heard([...online, jane], 'Thanks, one more thing')).toEqual(everyOne([...online, jane]));
    for (const socket of online) {
      const waiting = socket.all('roomUpdated').find((e) => e.room.lastMessagePreview === 'Thanks, one more thing');
      expect(waiting?.room.waitingSince).toEqual(expect.any(String));
    }
    expect(again.roundTrips).toBeLessThanOrEqual(3);
  });
});

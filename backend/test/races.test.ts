import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { connect } from 'node:net';
import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AGENT } from '../local/cognito.ts';
import { SEND_LEASE_MS } from '../src/chat/actions/send-message.ts';
import { AGENT_INBOX, consolesOf } from '../src/chat/model.ts';
import type { Message } from '../src/protocol/index.ts';
import { toMessage } from '../src/store/message-store.ts';
import type { TestSocket } from './support/test-socket.ts';
import { newVisitorKey, startTestStack, type TestStack } from './support/test-stack.ts';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A client that follows the protocol's catch-up rule and nothing more: it holds every
 * message up to `cursor`, and after each (re)connect asks for what follows it.
 */
class CatchingUpReader {
  readonly have = new Map<number, Message>();
  /** Every message up to this number is held. */
  cursor = 0;
  /** Live arrivals numbered below one seen before (the order concurrent sends finished in). */
  outOfOrder = 0;
  private newest = 0;

  constructor(
    private readonly connect: () => Promise<TestSocket>,
    private readonly enter: (socket: TestSocket) => Promise<Message[]> = async () => [],
    private readonly roomId?: string,
  ) {}

  /** Connects, catches up, listens for `listenMs`, then drops the connection. */
  async session(listenMs: number): Promise<void> {
    const socket = await this.connect();
    const onFrame = (data: unknown) => {
      const event = JSON.parse(String(data)) as { type: string; message?: Message };
      if (event.type === 'message') this.receive(event.message!, true);
    };
    socket.ws.on('message', onFrame);
    for (const message of await this.enter(socket)) this.receive(message, false);
    for (let more = true; more; ) {
      const page = await socket.request({ action: 'history', after: this.cursor, ...(this.roomId && { roomId: this.roomId }) }, 'history');
      for (const message of page.messages) this.receive(message, false);
      more = page.hasMore;
    }
    await pause(listenMs);
    socket.ws.off('message', onFrame);
    socket.close();
    await socket.closed;
  }

  private receive(message: Message, live: boolean): void {
    if (live && message.seq < this.newest) this.outOfOrder++;
    this.newest = Math.max(this.newest, message.seq);
    this.have.set(message.seq, message);
    while (this.have.has(this.cursor + 1)) this.cursor++;
  }
}

describe('never lose, double or invent: concurrent writers, drops and retries', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack.close());

  const stored = async (roomId: string): Promise<Message[]> => {
    const { Items = [] } = await stack.doc.send(
      new QueryCommand({
        TableName: stack.tableNames.messages,
        KeyConditionExpression: 'roomId = :r',
        ExpressionAttributeValues: { ':r': roomId },
      }),
    );
    return Items.map(toMessage);
  };
  const numbers = (count: number) => Array.from({ length: count }, (_, i) => i + 1);

  /** Handler calls alternate between two clocks 300 ms apart, as two Lambdas' may be. */
  const twoClocks = () => {
    const single = stack.deps.now;
    let call = 0;
    stack.deps.now = () => single() - (call++ % 2) * 300;
    return () => {
      stack.deps.now = single;
    };
  };

  it('gives six writers in one room gapless numbers, and readers who drop and catch up every message once', async () => {
    const restoreClock = twoClocks();
    try {
      const key = newVisitorKey();
      const firstTab = await stack.visitor(key);
      const roomId = firstTab.roomId;
      await firstTab.request({ action: 'sendMessage', clientMsgId: 'opening', text: 'opening' }, 'message');
      const writers: TestSocket[] = [firstTab, await stack.visitor(key), await stack.visitor(key)];
      for (let i = 0; i < 3; i++) {
        const agent = await stack.agent();
        await agent.request({ action: 'join', roomId }, 'history');
        writers.push(agent);
      }
      const readers = [
        new CatchingUpReader(() => stack.visitor(key)),
        new CatchingUpReader(
          () => stack.agent(),
          async (socket) => (await socket.request({ action: 'join', roomId }, 'history')).messages,
          roomId,
        ),
      ];

      let writing = true;
      const reading = readers.map(async (reader) => {
        while (writing) await reader.session(100 + Math.random() * 200);
      });
      try {
        await Promise.all(
          writers.map(async (writer, w) => {
            for (let n = 0; n < 12; n++) {
              const clientMsgId = `w${w}-${n}`;
              const frame = { action: 'sendMessage', clientMsgId, text: clientMsgId, ...(w >= 3 && { roomId }) };
              await writer.request(frame, 'message', (e) => e.message.clientMsgId === clientMsgId);
              await pause(Math.random() * 60);
            }
          }),
        );
      } finally {
        // The readers stop with the writers, whatever happened: none may outlive the stack.
        writing = false;
        await Promise.allSettled(reading);
      }
      await Promise.all(reading);
      // One last visit each, as a client coming back later would make.
      for (const reader of readers) await reader.session(0);

      const all = await stored(roomId);
      expect(all.map((m) => m.seq).sort((a, b) => a - b)).toEqual(numbers(73));
      expect(new Set(all.map((m) => m.clientMsgId)).size).toBe(73);
      for (const reader of readers) {
        expect(reader.cursor).toBe(73);
        expect([...reader.have.values()].sort((a, b) => a.seq - b.seq)).toEqual(all.sort((a, b) => a.seq - b.seq));
      }
      // Each writer got each of its own messages acknowledged once.
      for (const writer of writers) {
        const own = writer.all('message').filter((e) => e.message.clientMsgId.startsWith(`w${writers.indexOf(writer)}-`));
        expect(own).toHaveLength(12);
      }
      console.info(`out-of-order live arrivals: ${readers.map((r) => r.outOfOrder).join(', ')} (caught up all the same)`);
    } finally {
      restoreClock();
    }
  });

  it('leaves no agent in a room behind a connection that closed while joining or leaving', async () => {
    const visitor = await stack.visitor();
    await visitor.request({ action: 'sendMessage', clientMsgId: 'hello', text: 'hello' }, 'message');
    const roomId = visitor.roomId;
    for (let i = 0; i < 20; i++) {
      const agent = await stack.agent();
      agent.send({ action: 'join', roomId });
      setTimeout(() => agent.close(), i % 8);
      await agent.closed;
    }
    for (let i = 0; i < 10; i++) {
      const agent = await stack.agent();
      agent.send({ action: 'join', roomId });
      agent.send({ action: 'leave', roomId });
      agent.send({ action: 'join', roomId });
      setTimeout(() => agent.close(), i % 5);
      await agent.closed;
    }
    await stack.gateway.settled();

    expect((await stack.deps.connections.members(roomId)).filter((m) => m.role === 'agent')).toEqual([]);
    visitor.send({ action: 'history' });
    expect(await visitor.next('presence', (p) => p.event === undefined)).toMatchObject({ agentsOnline: 0 });

    // No membership anywhere outlives its connection, or is missing from its record.
    const { Items = [] } = await stack.doc.send(new ScanCommand({ TableName: stack.tableNames.connections }));
    const records = new Map(Items.filter((i) => String(i.pk).startsWith('conn#')).map((i) => [String(i.pk).slice(5), i]));
    for (const membership of Items.filter((i) => !String(i.pk).startsWith('conn#'))) {
      const record = records.get(String(membership.sk));
      expect(record, `membership ${String(membership.pk)} of ${String(membership.sk)}`).toBeDefined();
      if (membership.role !== 'agent' || membership.pk === AGENT_INBOX) continue;
      if (membership.pk === consolesOf(String(record!.agentId))) continue;
      expect(record!.rooms).toContain(membership.pk);
    }
  });

  it('leaves no connection behind a client that went away while its $connect ran', async () => {
    const before = (await stack.deps.connections.members('#agents')).length;
    const logged = stack.logLines.length;
    const token = await stack.idToken(DEMO_AGENT.email);
    const { hostname, port } = new URL(stack.websocketUrl);
    for (let i = 0; i < 10; i++) {
      // The upgrade request, then gone before the answer: the authorizer and $connect are still running.
      const socket = connect(Number(port), hostname);
      await once(socket, 'connect');
      socket.write(
        `GET /?token=${token} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      );
      socket.end();
    }
    // Each attempt ends in a $disconnect, whether the upgrade was done before the client left or not.
    const ended = () => stack.logLines.slice(logged).filter((line) => line.startsWith('disconnected ')).length;
    await expect.poll(ended, { timeout: 15_000 }).toBe(10);
    await stack.gateway.settled();
    expect((await stack.deps.connections.members('#agents')).length).toBe(before);
  });

  it('stores and broadcasts once a message sent at once from two tabs, or resent while its first attempt runs', async () => {
    const key = newVisitorKey();
    const tabA = await stack.visitor(key);
    await tabA.request({ action: 'sendMessage', clientMsgId: 'opening', text: 'opening' }, 'message');
    const tabB = await stack.visitor(key);
    const agent = await stack.agent();
    await agent.request({ action: 'join', roomId: tabA.roomId }, 'history');

    for (let i = 0; i < 20; i++) {
      const frame = { action: 'sendMessage', clientMsgId: `both-${i}`, text: `both ${i}` };
      tabA.send(frame);
      tabB.send(frame);
      const resent = { action: 'sendMessage', clientMsgId: `twice-${i}`, text: `twice ${i}` };
      tabB.send(resent);
      tabB.send(resent);
      await agent.next('message', (e) => e.message.clientMsgId === `twice-${i}`);
      // Three frames from tab B: stay under the rate limit of 10 a second.
      await pause(300);
    }
    await stack.gateway.settled();
    await agent.settle();
    expect([...tabA.all('error'), ...tabB.all('error')]).toEqual([]);

    // The 40 sent after the agent joined, each once.
    const received = agent.all('message').map((e) => e.message.clientMsgId);
    expect(received).toHaveLength(40);
    expect(new Set(received).size).toBe(40);
    const all = await stored(tabA.roomId);
    expect(all.map((m) => m.seq).sort((a, b) => a - b)).toEqual(numbers(41));
    expect(new Set(all.map((m) => m.clientMsgId)).size).toBe(41);
    // Both tabs got every message sent while they were open (a client keeps a number once, however often it came).
    for (const tab of [tabA, tabB]) {
      expect(
        new Set(
          tab
            .all('message')
            .map((e) => e.message.seq)
            .filter((seq) => seq > 1),
        ),
      ).toEqual(new Set(numbers(41).slice(1)));
    }
  });

  it('finishes, once, a send whose first attempt died before storing it', async () => {
    const visitor = await stack.visitor();
    await visitor.request({ action: 'sendMessage', clientMsgId: 'opening', text: 'opening' }, 'message');
    // An attempt claimed this id longer ago than any handler may run, and stored nothing.
    await stack.deps.claims.claim(visitor.roomId, 'orphan', Date.now() - SEND_LEASE_MS - 1000);
    const agent = await stack.agent();
    await agent.request({ action: 'join', roomId: visitor.roomId }, 'history');

    const { message } = await visitor.request({ action: 'sendMessage', clientMsgId: 'orphan', text: 'finally' }, 'message');
    expect(message).toMatchObject({ seq: 2, text: 'finally' });
    expect((await agent.next('message', (e) => e.message.clientMsgId === 'orphan')).message).toEqual(message);
    const again = await visitor.request(
      { action: 'sendMessage', clientMsgId: 'orphan', text: 'finally' },
      'message',
      (e) => e.message.clientMsgId === 'orphan',
    );
    expect(again.message).toEqual(message);
    expect((await stored(visitor.roomId)).map((m) => m.clientMsgId)).toEqual(['opening', 'orphan']);
  });

  it('delivers, without storing it again, a message whose first attempt died after storing it', async () => {
    const visitor = await stack.visitor();
    await visitor.request({ action: 'sendMessage', clientMsgId: 'opening', text: 'opening' }, 'message');
    const claimedAt = Date.now() - SEND_LEASE_MS - 1000;
    await stack.deps.claims.claim(visitor.roomId, 'half-done', claimedAt);
    const half = await stack.deps.messages.append(
      {
        roomId: visitor.roomId,
        clientMsgId: 'half-done',
        sender: { role: 'visitor' },
        text: 'stored, never sent',
        createdAt: new Date(claimedAt).toISOString(),
      },
      1,
    );

    const { message } = await visitor.request({ action: 'sendMessage', clientMsgId: 'half-done', text: 'stored, never sent' }, 'message');
    expect(message).toEqual(half);
    expect((await stored(visitor.roomId)).map((m) => m.clientMsgId)).toEqual(['opening', 'half-done']);
  });

  it('neither stores nor answers a resend while the first attempt may still be running', async () => {
    const visitor = await stack.visitor();
    await visitor.request({ action: 'sendMessage', clientMsgId: 'opening', text: 'opening' }, 'message');
    // A first attempt that is still running (claimed a moment ago, nothing stored yet).
    await stack.deps.claims.claim(visitor.roomId, 'running', Date.now());
    visitor.send({ action: 'sendMessage', clientMsgId: 'running', text: 'patience' });
    await stack.gateway.settled();
    await visitor.settle();
    expect(visitor.all('message')).toHaveLength(1);
    expect(visitor.all('error')).toEqual([]);
    expect((await stored(visitor.roomId)).map((m) => m.clientMsgId)).toEqual(['opening']);
  });
});

import type { Message } from '@support-chat/backend/protocol';
import { deepEqual, equal, ok } from '../../test/assert.ts';
import { Agent, CuttableNetwork, command, dropAgents, dropVisitors, endpoint, roomId, sendFrame, waitUntil } from '../../test/helpers.ts';
import { ChatClient, type ChatClientOptions } from './chat-client.ts';

/** Messages each side writes, a few before each disruption. */
const PER_SIDE = 330;
const FORCED_DISCONNECTS = 100;
const SILENT_CUTS = 10;
/** Guards against a hang on a shared two-core machine, never a speed goal. */
const GUARD_MS = 170_000;
const RECONNECT_GUARD_MS = 30_000;

/** Every message of a room as stored, through an agent's `history` pages. */
async function storedHistory(reader: Agent, room: string): Promise<Message[]> {
  const messages: Message[] = [];
  for (let more = true; more; ) {
    const page = await sendFrame(reader, { action: 'history', roomId: room, after: messages.at(-1)?.seq ?? 0, limit: 100 }, 'history');
    if (page.type !== 'history') throw new Error(`history: ${JSON.stringify(page)}`);
    messages.push(...page.messages);
    more = page.hasMore;
  }
  return messages;
}

/** Counts a client's connections as they open: each disruption must end in a new one. */
function countOpens(c: ChatClient): { count: number } {
  const opens = { count: 0 };
  c.on('state', (state) => {
    if (state === 'open') opens.count++;
  });
  return opens;
}

/**
 * Chaos, counted: a visitor's ChatClient (through a network that can go silent) and an
 * agent's ChatClient write 330 messages each while their connections are dropped by the
 * server 50 times, closed by the clients themselves 50 times, and cut silently (bytes
 * stop, no close) 10 times. Afterwards: none lost, none doubled, each side's messages in
 * the order written, the same on both sides and in the stored history.
 */
describe('ChatClient through 100 forced disconnects and 10 silent cuts', () => {
  const clients: ChatClient[] = [];
  let reader: Agent | undefined;
  beforeEach(() => localStorage.clear());
  afterEach(async () => {
    for (const c of clients.splice(0)) c.disconnect();
    await reader?.close();
  });

  it('loses, doubles and reorders nothing in a two-sided conversation of 330 messages each way', async function () {
    this.timeout(GUARD_MS);
    const network = await CuttableNetwork.start();
    // Short timeouts, so a silent cut is found by the first unacknowledged message's
    // ping; a connection merely slow to answer is replaced too, which costs nothing.
    const fast: Partial<ChatClientOptions> = {
      ackTimeoutMs: 1000,
      pongTimeoutMs: 1000,
      backoff: { baseMs: 50, capMs: 200 },
      gapFillMs: 300,
    };
    const visitor = new ChatClient({ endpoint: network.url, ...fast });
    // The agent connects straight to the gateway: a silent cut is the visitor's alone.
    const agent = new ChatClient({ endpoint: () => endpoint(), token: () => command<string>('agent:token'), storage: null, ...fast });
    clients.push(visitor, agent);
    const visitorOpens = countOpens(visitor);
    const agentOpens = countOpens(agent);

    visitor.sendMessage('v-start');
    await waitUntil(() => visitor.messages().length === 1, 'the first message to be acknowledged');
    const room = await roomId();
    agent.connect();
    agent.join(room);
    await waitUntil(() => agent.messages(room).length === 1, 'the agent in the room');

    /** Waits until `opens` has grown past `before` and the client is open again (an agent: back in the room). */
    const reopened = async (c: ChatClient, opens: { count: number }, before: number, what: string) => {
      await waitUntil(() => opens.count > before && c.state === 'open', what, RECONNECT_GUARD_MS);
      if (c.role === 'agent') {
        await waitUntil(async () => (await command<string[]>('room:agentConnections', { roomId: room })).length > 0, `${what}: the join`);
      }
    };

    const disruptions = { serverDrops: 0, clientCloses: 0, silentCuts: 0 };
    const rounds = FORCED_DISCONNECTS + SILENT_CUTS;
    let written = 0;
    for (let round = 0; round < rounds; round++) {
      // A few messages each way go out, then the connection under them is disrupted.
      for (; written < Math.ceil(((round + 1) * PER_SIDE) / rounds); written++) {
        visitor.sendMessage(`v-${written}`);
        agent.sendMessage(`a-${written}`, room);
      }
      const [visitorBefore, agentBefore] = [visitorOpens.count, agentOpens.count];
      if (round % 11 === 10) {
        // Bytes stop both ways with no close; new connections get through again.
        await network.cut();
        await network.restore();
        await reopened(visitor, visitorOpens, visitorBefore, `the visitor to notice silent cut ${disruptions.silentCuts + 1}`);
        disruptions.silentCuts++;
        continue;
      }
      const onVisitor = round % 2 === 0;
      const [target, opens, before] = onVisitor ? [visitor, visitorOpens, visitorBefore] : [agent, agentOpens, agentBefore];
      if (round % 4 < 2) {
        // At least the client's live connection; a silently cut one may still be on the
        // server's books (nothing told it), and goes too.
        const dropped = await (onVisitor ? dropVisitors(room) : dropAgents(room));
        ok(dropped >= 1, `connections the server dropped in round ${round}: ${dropped}`);
        disruptions.serverDrops++;
      } else {
        target.disconnect();
        target.connect();
        disruptions.clientCloses++;
      }
      await reopened(target, opens, before, `round ${round}'s reconnect`);
    }
    equal(disruptions.serverDrops + disruptions.clientCloses, FORCED_DISCONNECTS, 'forced disconnects');
    equal(disruptions.silentCuts, SILENT_CUTS, 'silent cuts');

    const total = 1 + 2 * PER_SIDE;
    await waitUntil(
      () =>
        visitor.pending().length === 0 &&
        agent.pending(room).length === 0 &&
        visitor.messages().length === total &&
        agent.messages(room).length === total,
      'both sides to hold every message',
      60_000,
    );
    reader = await Agent.connect();
    const stored = await storedHistory(reader, room);
    const texts = (messages: readonly Message[]) => messages.map((m) => m.text);
    const written_ = (prefix: string) => Array.from({ length: PER_SIDE }, (_, i) => `${prefix}-${i}`);
    // None lost, none doubled, gapless, and each side's in the order it wrote them.
    deepEqual(
      stored.map((m) => m.seq),
      Array.from({ length: total }, (_, i) => i + 1),
      'stored once each, numbered without a gap',
    );
    deepEqual(texts(stored.filter((m) => m.sender.role === 'visitor')), ['v-start', ...written_('v')], "the visitor's, stored in order");
    deepEqual(texts(stored.filter((m) => m.sender.role === 'agent')), written_('a'), "the agent's, stored in order");
    // Both sides hold exactly what is stored, in its order.
    deepEqual(texts(visitor.messages()), texts(stored), "the visitor's view");
    deepEqual(texts(agent.messages(room)), texts(stored), "the agent's view");
  });
});

import type { Message } from '@support-chat/backend/protocol';
import { deepEqual, equal, match, ok } from '../../test/assert.ts';
import {
  Agent,
  CuttableNetwork,
  command,
  DEAD_ENDPOINT,
  dropAgents,
  dropVisitors,
  endpoint,
  roomId,
  sendFrame,
  storedMessages,
  storedRoom,
  visitorKey,
  waitUntil,
} from '../../test/helpers.ts';
import { ChatClient, type ChatClientOptions, type ConnectionState } from './chat-client.ts';

const clients: ChatClient[] = [];
const agents: Agent[] = [];

function client(options: Partial<ChatClientOptions> = {}): ChatClient {
  const c = new ChatClient({ endpoint: () => endpoint(), ...options });
  clients.push(c);
  return c;
}

async function agent(): Promise<Agent> {
  const a = await Agent.connect();
  agents.push(a);
  return a;
}

const texts = (messages: readonly Message[]) => messages.map((m) => m.text);
const open = (c: ChatClient) => waitUntil(() => c.state === 'open', 'the connection to open');

/** A visitor who has said something, so the room exists and an agent can join it. */
async function visitorInRoom(c = client()): Promise<{ c: ChatClient; room: string }> {
  c.sendMessage('Hello, anyone there?');
  await waitUntil(() => c.messages().length === 1, 'the first message to be acknowledged');
  return { c, room: await roomId() };
}

describe('ChatClient (visitor)', () => {
  beforeEach(() => localStorage.clear());
  afterEach(async () => {
    for (const c of clients.splice(0)) c.disconnect();
    for (const a of agents.splice(0)) await a.close();
  });

  it('writes nothing to storage and opens no connection until the visitor acts', async () => {
    const c = client();
    equal(c.hasVisitorKey, false, 'hasVisitorKey');
    equal(c.state, 'idle', 'state');
    equal(localStorage.length, 0, 'localStorage entries');
  });

  it('creates a 32-byte base64url key on first use and connects with it', async () => {
    const c = client();
    const states: ConnectionState[] = [];
    c.on('state', (s) => states.push(s));
    c.connect();
    await open(c);
    match(visitorKey(), /^[A-Za-z0-9_-]{43}$/, 'visitor key');
    deepEqual(states, ['connecting', 'open'], 'states');
    equal(await command<number>('room:visitorConnections', { roomId: await roomId() }), 1, 'visitor connections');
  });

  it('sends a message and takes the server copy with its clientMsgId as the acknowledgement', async () => {
    const c = client();
    const pending = c.sendMessage('  Where is my invoice?  ');
    equal(c.pending().length, 1, 'pending before the ack');
    equal(
      JSON.parse(localStorage.getItem(`support-chat:outbox:${pending.clientMsgId}`)!).text,
      '  Where is my invoice?  ',
      'stored outbox',
    );
    await waitUntil(() => c.messages().length === 1, 'the acknowledgement');
    const [message] = c.messages();
    equal(message!.clientMsgId, pending.clientMsgId, 'clientMsgId');
    equal(message!.text, 'Where is my invoice?', 'text (trimmed by the server)');
    equal(message!.sender.role, 'visitor', 'sender');
    equal(c.pending().length, 0, 'pending after the ack');
    equal(localStorage.getItem(`support-chat:outbox:${pending.clientMsgId}`), null, 'stored outbox after the ack');
  });

  it('keeps a message typed offline across a reload and sends it once, with its original clientMsgId', async () => {
    const offline = client({ endpoint: DEAD_ENDPOINT, backoff: { baseMs: 50, capMs: 200 } });
    const pending = offline.sendMessage('Typed in a tunnel');
    await waitUntil(() => offline.state === 'reconnecting', 'a failed attempt');
    deepEqual(
      offline.pending().map((m) => [m.text, m.status]),
      [['Typed in a tunnel', 'sending']],
      'pending while offline',
    );
    offline.disconnect();

    // The page reloads: a new client reads the same localStorage, and the network is back.
    const online = client();
    deepEqual(
      online.pending().map((m) => m.clientMsgId),
      [pending.clientMsgId],
      'outbox after the reload',
    );
    online.connect();
    await waitUntil(() => online.pending().length === 0, 'the outbox to drain');
    const stored = await storedMessages(await roomId());
    deepEqual(
      stored.map((m) => [m.clientMsgId, m.text]),
      [[pending.clientMsgId, 'Typed in a tunnel']],
      'stored once',
    );
    deepEqual(texts(online.messages()), ['Typed in a tunnel'], 'shown once');
  });

  it('resends a message whose acknowledgement was lost and still ends with it once', async () => {
    const { c, room } = await visitorInRoom();
    const [sent] = c.messages();
    c.disconnect();
    // As if the connection had died between the server storing it and the ack arriving.
    localStorage.setItem(
      `support-chat:outbox:${sent!.clientMsgId}`,
      JSON.stringify({ clientMsgId: sent!.clientMsgId, text: sent!.text, createdAt: sent!.createdAt, status: 'sending' }),
    );
    const again = client();
    again.connect();
    await waitUntil(() => again.pending().length === 0, 'the resent message to be acknowledged');
    deepEqual(texts(again.messages()), ['Hello, anyone there?'], 'shown once');
    equal((await storedMessages(room)).length, 1, 'stored once');
  });

  it('catches up, in order and once, on what the agent said while it was disconnected', async () => {
    const { c, room } = await visitorInRoom();
    const alex = await agent();
    await alex.join(room);
    c.disconnect();
    for (const text of ['One', 'Two', 'Three']) await alex.say(room, text);
    c.connect();
    await waitUntil(() => c.messages().length === 4, 'the catch-up');
    deepEqual(texts(c.messages()), ['Hello, anyone there?', 'One', 'Two', 'Three'], 'messages');
  });

  it('pages through a long catch-up with history `after` until hasMore is false', async () => {
    const { c, room } = await visitorInRoom(client({ historyPageSize: 2 }));
    const alex = await agent();
    await alex.join(room);
    c.disconnect();
    const said = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    for (const text of said) await alex.say(room, text);
    const seen: string[] = [];
    c.on('message', ({ message, live }) => {
      if (!live) seen.push(message.text);
    });
    c.connect();
    await waitUntil(() => c.messages().length === 8, 'all pages');
    deepEqual(seen, said, 'each message once, from history, in order');
  });

  it('reconnects by itself after the network drops the connection and misses nothing', async () => {
    const { c, room } = await visitorInRoom(client({ backoff: { baseMs: 200, capMs: 400 } }));
    const alex = await agent();
    await alex.join(room);
    const states: ConnectionState[] = [];
    c.on('state', (s) => states.push(s));
    equal(await dropVisitors(room), 1, 'dropped connections');
    await alex.say(room, 'Sent around the drop');
    await waitUntil(() => states.includes('reconnecting') && c.state === 'open', 'the reconnect');
    await alex.say(room, 'Sent after it');
    await waitUntil(() => c.messages().length === 3, 'both agent messages');
    deepEqual(texts(c.messages()), ['Hello, anyone there?', 'Sent around the drop', 'Sent after it'], 'messages');
  });

  /** A client whose connection just dropped, now waiting out a long backoff (up to 60 s). */
  async function waitingOutLongBackoff(): Promise<ChatClient> {
    const { c, room } = await visitorInRoom(client({ backoff: { baseMs: 60_000, capMs: 60_000 } }));
    // Make the next draw long: the first attempt after a drop waits [0, 60 s).
    const random = Math.random;
    Math.random = () => 0.99;
    try {
      await dropVisitors(room);
      await waitUntil(() => c.state === 'reconnecting', 'the drop to be noticed');
    } finally {
      Math.random = random;
    }
    return c;
  }

  it('reconnects at once on the `online` event instead of waiting out the backoff', async () => {
    const c = await waitingOutLongBackoff();
    window.dispatchEvent(new Event('online'));
    await open(c);
  });

  it('says offline while the browser has no network, and reconnects when it is back', async () => {
    const { c, room } = await visitorInRoom(client({ backoff: { baseMs: 60_000, capMs: 60_000 } }));
    const states: ConnectionState[] = [];
    c.on('state', (s) => states.push(s));
    // What the browser reports in a tunnel (Chromium's own offline mode would also cut this
    // page's line to the test runner).
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    try {
      window.dispatchEvent(new Event('offline'));
      await dropVisitors(room);
      await waitUntil(() => c.state === 'offline', 'the offline state');
      c.sendMessage('Typed without a network');
      equal(c.pending().length, 1, 'kept in the outbox');
    } finally {
      delete (navigator as { onLine?: boolean }).onLine;
    }
    window.dispatchEvent(new Event('online'));
    await open(c);
    await waitUntil(() => c.pending().length === 0, 'the outbox to drain');
    deepEqual(texts(c.messages()), ['Hello, anyone there?', 'Typed without a network'], 'messages');
    ok(states.indexOf('offline') < states.lastIndexOf('open'), `states: ${states.join(' > ')}`);
  });

  it('reconnects at once when the tab becomes visible again instead of waiting out the backoff', async () => {
    const c = await waitingOutLongBackoff();
    // The page is visible throughout a headless run: the event alone says it came back.
    document.dispatchEvent(new Event('visibilitychange'));
    await open(c);
  });

  it('loads older pages on request until there are none', async () => {
    const { c } = await visitorInRoom(client({ historyPageSize: 2 }));
    for (const text of ['two', 'three', 'four']) c.sendMessage(text);
    await waitUntil(() => c.messages().length === 4, 'four messages');
    c.disconnect();
    const reloaded = client({ historyPageSize: 2 });
    reloaded.connect();
    await waitUntil(() => reloaded.messages().length === 2, 'the latest page');
    deepEqual(texts(reloaded.messages()), ['three', 'four'], 'latest page');
    equal(reloaded.hasOlder(), true, 'hasOlder');
    ok(reloaded.loadOlder(), 'loadOlder');
    await waitUntil(() => reloaded.messages().length === 4, 'the older page');
    deepEqual(texts(reloaded.messages()), ['Hello, anyone there?', 'two', 'three', 'four'], 'all');
    equal(reloaded.hasOlder(), false, 'hasOlder at the start');
    equal(reloaded.loadOlder(), false, 'nothing more to load');
  });

  it('replaces the connection before its maximum age without going through reconnecting', async () => {
    const { c, room } = await visitorInRoom(client({ maxConnectionMs: 400 }));
    const states: ConnectionState[] = [];
    c.on('state', (s) => states.push(s));
    const first = await waitUntil(async () => (await command<number>('room:visitorConnections', { roomId: room })) === 1, 'one connection');
    ok(first, 'one connection at first');
    // After at least two replacements the conversation still works both ways. (A raw
    // frame such as a ping is not the test: one sent just before a replacement opens is
    // answered on the old socket, which is dropped; only the outbox promises delivery.)
    await new Promise((resolve) => setTimeout(resolve, 1000));
    c.sendMessage('Anyone?');
    await waitUntil(() => c.pending().length === 0 && c.messages().length === 2, 'the visitor message acknowledged');
    const alex = await agent();
    await alex.join(room);
    await alex.say(room, 'Still here?');
    await waitUntil(() => c.messages().length === 3, 'the agent message');
    deepEqual(
      c.messages().map((m) => m.text),
      ['Hello, anyone there?', 'Anyone?', 'Still here?'],
      'each message once, in order',
    );
    deepEqual(states, [], 'state changes');
    c.disconnect();
  });

  it('pings to stay under the idle timeout', async () => {
    const c = client({ pingIntervalMs: 100 });
    let pongs = 0;
    c.on('event', (e) => {
      if (e.type === 'pong') pongs++;
    });
    c.connect();
    await waitUntil(() => pongs >= 2, 'two pongs');
  });

  it('marks a message the server refuses as failed, with the server’s reason, and can retry or discard it', async () => {
    const c = client();
    const errors: string[] = [];
    c.on('error', (e) => errors.push(`${e.code} ${e.clientMsgId}`));
    const pending = c.sendMessage('x'.repeat(4001));
    await waitUntil(() => c.pending()[0]?.status === 'failed', 'the refusal');
    match(c.pending()[0]!.error!, /longer than 4000/, 'reason');
    deepEqual(errors, [`too_large ${pending.clientMsgId}`], 'error events');
    c.retry(pending.clientMsgId);
    equal(c.pending()[0]!.status, 'sending', 'status on retry');
    await waitUntil(() => c.pending()[0]?.status === 'failed', 'the second refusal');
    c.discard(pending.clientMsgId);
    equal(c.pending().length, 0, 'after discard');
  });

  it('stores back-to-back messages in the order they were typed, once each, past the rate limiter', async () => {
    const c = client();
    c.connect();
    await open(c);
    const sent = Array.from({ length: 30 }, (_, i) => `burst ${i}`);
    for (const text of sent) c.sendMessage(text);
    await waitUntil(() => c.pending().length === 0, 'the outbox to drain', 15_000);
    const stored = await storedMessages(await roomId());
    deepEqual(
      stored.map((m) => m.text),
      sent,
      'stored texts, in the order typed',
    );
    deepEqual(texts(c.messages()), sent, 'shown in the same order');
  });

  it('relays typing to the agent and identifies the visitor', async () => {
    const { c, room } = await visitorInRoom();
    const alex = await agent();
    await alex.join(room);
    c.setTyping(true);
    const typing = await alex.waitFor('typing');
    equal(typing.isTyping, true, 'isTyping');
    c.identify({ name: 'Dana Visitor', email: 'dana@example.com' });
    deepEqual(c.profile, { name: 'Dana Visitor', email: 'dana@example.com' }, 'profile before the answer');
    await waitUntil(() => localStorage.getItem('support-chat:identify') === null, 'the profile event');
    const stored = await storedRoom(room);
    equal(stored?.visitorName, 'Dana Visitor', 'stored name');
    equal(stored?.visitorEmail, 'dana@example.com', 'stored email');
  });
});

describe('ChatClient: never lose, double or invent', () => {
  beforeEach(() => localStorage.clear());
  afterEach(async () => {
    for (const c of clients.splice(0)) c.disconnect();
    for (const a of agents.splice(0)) await a.close();
  });
  const numbers = (count: number) => Array.from({ length: count }, (_, i) => i + 1);

  it('asks for a message missing between live ones (stored, its broadcast not here yet) and shows it in its place', async () => {
    const { c, room } = await visitorInRoom(client({ gapFillMs: 200 }));
    const alex = await agent();
    await alex.join(room);
    const quiet = await command<Message>('room:storeQuietly', { roomId: room, text: 'Stored, broadcast late' });
    await alex.say(room, 'Sent after it');
    await waitUntil(() => c.messages().length === 3, 'the gap to be filled');
    deepEqual(
      c.messages().map((m) => m.seq),
      [1, 2, 3],
      'numbers',
    );
    deepEqual(texts(c.messages()), ['Hello, anyone there?', quiet.text, 'Sent after it'], 'in their place');
  });

  it('skips the numbers of agents’ notes: the visible messages once and in order, one history request per gap, the cursor past it', async () => {
    // What the page's sockets send (the agent's frames go from the test server, not from here).
    const afters: number[] = [];
    const realSend = WebSocket.prototype.send;
    WebSocket.prototype.send = function (data) {
      const frame = JSON.parse(String(data)) as { action: string; after?: number };
      if (frame.action === 'history' && frame.after !== undefined) afters.push(frame.after);
      realSend.call(this, data);
    };
    try {
      const { c, room } = await visitorInRoom(client({ gapFillMs: 200, backoff: { baseMs: 50, capMs: 100 } }));
      const alex = await agent();
      await alex.join(room);
      const note = async (text: string) => {
        const answer = await sendFrame(
          alex,
          { action: 'sendMessage', roomId: room, clientMsgId: crypto.randomUUID(), text, internal: true },
          'message',
        );
        ok(answer.type === 'message' && answer.message.internal, `a note (${JSON.stringify(answer)})`);
        return answer.type === 'message' ? answer.message.seq : 0;
      };
      const shown = (text: string) => waitUntil(() => c.messages().some((m) => m.text === text), `"${text}"`);
      // Long enough for the gap timer to have fired several times over.
      const settle = () => new Promise((resolve) => setTimeout(resolve, 1000));

      await alex.say(room, 'Visible one');
      await shown('Visible one');
      equal(await note('Note: refund approved, do not promise a date'), 3, 'the note’s number in the room');
      await alex.say(room, 'Visible two');
      await shown('Visible two');
      await settle();
      deepEqual(afters, [2], 'one history request for the gap, from the cursor');
      deepEqual(
        c.messages().map((m) => m.seq),
        [1, 2, 4],
        'numbers',
      );

      // The cursor is past the note's number: the next message leaves no gap and asks nothing.
      await alex.say(room, 'Visible three');
      await shown('Visible three');
      await settle();
      deepEqual(afters, [2], 'no request without a gap');

      // Another note, another gap, one more request; a reconnect catches up from past it.
      await note('Note: second thoughts');
      await alex.say(room, 'Visible four');
      await shown('Visible four');
      await settle();
      deepEqual(afters, [2, 5], 'one request for the second gap');
      equal(await dropVisitors(room), 1, 'the visitor’s connection dropped');
      await waitUntil(() => afters.length === 3 && c.state === 'open', 'the catch-up after reconnecting');
      await settle();
      deepEqual(afters, [2, 5, 7], 'the catch-up from past the second note');
      deepEqual(
        texts(c.messages()),
        ['Hello, anyone there?', 'Visible one', 'Visible two', 'Visible three', 'Visible four'],
        'each visible message once, in order, no note',
      );
    } finally {
      WebSocket.prototype.send = realSend;
    }
  });

  it('notices a connection that died silently when a message goes unacknowledged, and delivers it on a new one', async () => {
    const network = await CuttableNetwork.start();
    const c = client({ endpoint: network.url, ackTimeoutMs: 400, pongTimeoutMs: 400, backoff: { baseMs: 50, capMs: 100 } });
    const { room } = await visitorInRoom(c);
    const alex = await agent();
    await alex.join(room);
    const states: ConnectionState[] = [];
    c.on('state', (s) => states.push(s));
    // Bytes stop both ways, with no close: only a missing answer can tell. New connections get through.
    await network.cut();
    await network.restore();
    c.sendMessage('Sent into a dead connection');
    await alex.waitFor('message', 'Sent into a dead connection');
    await waitUntil(() => c.pending().length === 0, 'the acknowledgement on the new connection');
    ok(states.includes('reconnecting'), `states: ${states.join(' > ')}`);
    deepEqual(texts(await storedMessages(room)), ['Hello, anyone there?', 'Sent into a dead connection'], 'stored once');
    deepEqual(texts(c.messages()), ['Hello, anyone there?', 'Sent into a dead connection'], 'shown once');
  });

  it('does not ping an idle connection more often than the idle timeout needs', async () => {
    const { c } = await visitorInRoom();
    let pings = 0;
    const send = WebSocket.prototype.send;
    WebSocket.prototype.send = function (this: WebSocket, data: string) {
      if (String(data).includes('"ping"')) pings++;
      return send.call(this, data);
    };
    try {
      await new Promise((resolve) => setTimeout(resolve, 2000));
    } finally {
      WebSocket.prototype.send = send;
    }
    equal(c.state, 'open', 'state');
    equal(pings, 0, 'pings while idle for 2 s (one every 4 minutes)');
  });

  it('stores and shows once the messages two tabs flush from the same outbox', async () => {
    const { c: first, room } = await visitorInRoom();
    const alex = await agent();
    await alex.join(room);
    first.disconnect();
    // Typed while offline: the outbox is in localStorage, which every tab of the site shares.
    const offline = client({ endpoint: DEAD_ENDPOINT, backoff: { baseMs: 50, capMs: 100 } });
    for (const text of ['one', 'two', 'three']) offline.sendMessage(text);
    offline.disconnect();
    // Back online, two tabs start at once and both send what the outbox holds.
    const tabs = [client(), client()];
    for (const tab of tabs) tab.connect();
    await waitUntil(() => tabs.every((tab) => tab.pending().length === 0 && tab.messages().length === 4), 'both tabs to settle');
    for (const tab of tabs) deepEqual(texts(tab.messages()), ['Hello, anyone there?', 'one', 'two', 'three'], 'each tab');
    deepEqual(texts(await storedMessages(room)), ['Hello, anyone there?', 'one', 'two', 'three'], 'stored once each');
    await waitUntil(async () => (await alex.events()).filter((e) => e.type === 'message').length >= 3, 'the agent to hear them');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const heard = (await alex.events()).flatMap((e) => (e.type === 'message' ? [e.message.text] : []));
    deepEqual(heard, ['one', 'two', 'three'], 'broadcast once each');
  });

  it('leaves every visitor tab and agent with every message once, in order, through concurrent writers and drops', async () => {
    const fast = { backoff: { baseMs: 50, capMs: 200 }, gapFillMs: 300 };
    const { c: firstTab, room } = await visitorInRoom(client(fast));
    const tabs = [firstTab, client(fast), client(fast)];
    const staff = [1, 2, 3].map(() => client({ ...fast, token: () => command<string>('agent:token'), storage: null }));
    for (const tab of tabs) tab.connect();
    for (const agentClient of staff) {
      agentClient.connect();
      agentClient.join(room);
    }
    await waitUntil(() => staff.every((a) => a.messages(room).length === 1), 'the agents in the room');

    let writing = true;
    const dropping = (async () => {
      for (let drop = 0; writing; drop++) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        await (drop % 2 ? dropAgents(room) : dropVisitors(room));
      }
    })();
    const writers = [...tabs, ...staff];
    await Promise.all(
      writers.map(async (writer, w) => {
        for (let n = 0; n < 8; n++) {
          writer.sendMessage(`w${w}-${n}`, writer.role === 'agent' ? room : undefined);
          await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 100));
        }
      }),
    );
    writing = false;
    await dropping;

    const total = 1 + writers.length * 8;
    await waitUntil(
      () => writers.every((w) => w.pending(room).length === 0 && w.messages(room).length === total),
      'every client to hold every message',
      30_000,
    );
    const stored = await storedMessages(room);
    deepEqual(
      stored.map((m) => m.seq),
      numbers(total),
      'stored once each, numbered without a gap',
    );
    for (const w of writers) {
      deepEqual(
        w.messages(room).map((m) => m.seq),
        numbers(total),
        `${w.role}: each once, in order`,
      );
      deepEqual(texts(w.messages(room)), texts(stored), `${w.role}: the stored texts`);
    }
  });
});

describe('ChatClient (agent)', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    for (const c of clients.splice(0)) c.disconnect();
  });

  it('connects with a token, joins a room, answers, and re-joins and catches up after a reconnect', async () => {
    const { c: visitor, room } = await visitorInRoom();
    const staff = client({ token: () => command<string>('agent:token'), storage: null, backoff: { baseMs: 100, capMs: 200 } });
    equal(staff.role, 'agent', 'role');
    staff.connect();
    await open(staff);
    staff.join(room);
    await waitUntil(() => staff.messages(room).length === 1, 'the room history');
    staff.sendMessage('Hi, I am Alex. How can I help?', room);
    await waitUntil(() => visitor.messages().length === 2, 'the answer at the visitor');
    equal(visitor.messages()[1]!.sender.role, 'agent', 'sender');

    staff.disconnect();
    visitor.sendMessage('My invoice is missing');
    await waitUntil(() => visitor.messages().length === 3, 'the visitor message');
    staff.connect();
    await waitUntil(() => staff.messages(room).length === 3, 'the catch-up');
    deepEqual(
      texts(staff.messages(room)),
      ['Hello, anyone there?', 'Hi, I am Alex. How can I help?', 'My invoice is missing'],
      'agent view',
    );
    visitor.sendMessage('Are you still there?');
    await waitUntil(() => staff.messages(room).length === 4, 'live messages after re-joining');
  });

  it('reconnect() swaps in a connection with a fresh token, without a gap, still in the room', async () => {
    const { c: visitor, room } = await visitorInRoom();
    const tokens: string[] = [];
    const staff = client({
      token: async () => {
        tokens.push(await command<string>('agent:token'));
        return tokens.at(-1)!;
      },
      storage: null,
    });
    const states: ConnectionState[] = [];
    staff.on('state', (s) => states.push(s));
    staff.connect();
    await open(staff);
    staff.join(room);
    await waitUntil(() => staff.messages(room).length === 1, 'the room history');
    const [before] = await command<string[]>('room:agentConnections', { roomId: room });
    ok(before, 'the agent is in the room');

    staff.reconnect();
    const after = await waitUntil(async () => {
      const ids = await command<string[]>('room:agentConnections', { roomId: room });
      return ids.length === 1 && ids[0] !== before ? ids[0] : undefined;
    }, 'the new connection alone in the room');
    ok(after !== before, 'a new connection');
    equal(tokens.length, 2, 'tokens asked for');
    ok(tokens[1] !== tokens[0], 'a fresh token');
    deepEqual(states, ['connecting', 'open'], 'no reconnecting state');

    visitor.sendMessage('Still there after the swap?');
    await waitUntil(() => staff.messages(room).length === 2, 'a live message on the new connection');
    staff.sendMessage('Yes, still here.', room);
    await waitUntil(() => visitor.messages().length === 3, 'the answer at the visitor');
  });

  it('sends an internal note, acknowledged like a message, which the visitor never gets', async () => {
    const { c: visitor, room } = await visitorInRoom();
    const staff = client({ token: () => command<string>('agent:token'), storage: null });
    staff.connect();
    await open(staff);
    staff.join(room);
    await waitUntil(() => staff.messages(room).length === 1, 'the room history');
    const note = staff.sendMessage('VIP: refund without asking', room, { internal: true });
    equal(staff.pending(room)[0]?.internal, true, 'pending as a note');
    await waitUntil(() => staff.messages(room).length === 2, 'the note acknowledged');
    const stored = staff.messages(room)[1]!;
    deepEqual([stored.clientMsgId, stored.internal], [note.clientMsgId, true], 'the note');
    staff.sendMessage('We refunded you.', room);
    await waitUntil(() => visitor.messages().length === 2, 'the reply at the visitor');
    deepEqual(texts(visitor.messages()), ['Hello, anyone there?', 'We refunded you.'], 'what the visitor has');
  });
});

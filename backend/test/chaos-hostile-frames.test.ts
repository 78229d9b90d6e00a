import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_ONLY_ACTIONS, type ClientAction, clientActionSchemas, parseClientFrame } from '../src/protocol/index.ts';
import {
  binaryCases,
  deepNestingCases,
  foreignRoomCases,
  type HostileCase,
  invalidUtf8TextCases,
  malformedJsonCases,
  oversizedCases,
  prototypeKeyCases,
  validFrames,
  wrongTypeCases,
} from './support/hostile-frames.ts';
import type { TestSocket } from './support/test-socket.ts';
import { newVisitorKey, startTestStack, type TestStack } from './support/test-stack.ts';

/**
 * Chaos, counted: well over 1,000 hostile frames from a visitor, each answered with the
 * documented error (the connection still usable) or the documented close (a new
 * connection usable), and at the end nothing stored and nobody else disturbed.
 */
describe('hostile frames: each refused as documented, nothing stored, the stack alive', () => {
  let stack: TestStack;
  let victim: TestSocket & { roomId: string };
  let agent: TestSocket;
  const hostileKey = newVisitorKey();
  const hostileSockets: TestSocket[] = [];
  const tally = { frames: 0, errors: 0, closes: 0, roundTrips: 0 };

  const scan = async (TableName: string) =>
    (await stack.allItems(TableName)).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  /** Every table: messages, rooms and the team in full; connections by key (their rate-limit fields move with every frame). */
  const snapshot = async () => ({
    messages: await scan(stack.tableNames.messages),
    rooms: await scan(stack.tableNames.rooms),
    team: await scan(stack.tableNames.team),
    connectionKeys: (await scan(stack.tableNames.connections)).map((item) => `${item.pk} ${item.sk}`),
  });
  let before: Awaited<ReturnType<typeof snapshot>>;
  const prototypeBefore = Object.getOwnPropertyNames(Object.prototype);

  const openHostile = async () => {
    const socket = await stack.visitor(hostileKey);
    hostileSockets.push(socket);
    return socket;
  };

  /** A ping's pong: the connection still takes frames and answers. */
  const roundTrip = async (socket: TestSocket) => {
    stack.advanceClock(100);
    const pongs = socket.all('pong').length;
    socket.send({ action: 'ping' });
    await socket.next('pong', () => socket.all('pong').length > pongs);
    tally.roundTrips++;
  };

  const send = (socket: TestSocket, c: HostileCase) => {
    tally.frames++;
    socket.ws.send(c.frame, { binary: c.binary ?? false });
  };

  /**
   * Frames answered with an error, one at a time so each answer is its frame's. The
   * handlers' clock moves 100 ms per frame, so the rate limit (10 a second) never
   * refuses one, without the test waiting; every 20 frames, a ping round trip.
   */
  const expectErrors = async (socket: TestSocket, cases: HostileCase[]) => {
    for (const [i, c] of cases.entries()) {
      if (!('error' in c.expect)) throw new Error(`${c.label} expects a close`);
      stack.advanceClock(100);
      const errors = socket.all('error').length;
      send(socket, c);
      const error = await socket.next('error', () => socket.all('error').length > errors);
      expect(error.code, c.label).toBe(c.expect.error);
      if (c.expect.field) expect(error.message, c.label).toContain(c.expect.field);
      tally.errors++;
      if (i % 20 === 19) await roundTrip(socket);
    }
    await roundTrip(socket);
    expect(socket.isOpen).toBe(true);
  };

  /** Frames answered with a close: each on a connection of its own, then a new connection works. */
  const expectCloses = async (cases: HostileCase[]) => {
    for (const c of cases) {
      if (!('close' in c.expect)) throw new Error(`${c.label} expects an error`);
      const socket = await openHostile();
      send(socket, c);
      expect(await socket.closed, c.label).toBe(c.expect.close);
      expect(socket.all('error'), c.label).toEqual([]);
      tally.closes++;
      await roundTrip(await openHostile());
    }
  };

  beforeAll(async () => {
    stack = await startTestStack();
    victim = await stack.visitor();
    for (const i of [1, 2, 3]) await victim.request({ action: 'sendMessage', clientMsgId: `victim-${i}`, text: `mine ${i}` }, 'message');
    agent = await stack.agent();
    await Promise.all([victim.settle(), agent.settle()]);
    before = await snapshot();
  });
  afterAll(() => stack.close());

  it('has a valid frame of every action to attack, so the wrong values are what is refused', () => {
    for (const [action, frame] of Object.entries(validFrames(victim.roomId))) {
      expect(Object.hasOwn(clientActionSchemas, action), action).toBe(true);
      expect(parseClientFrame(JSON.stringify(frame)), action).toMatchObject({ ok: true });
    }
    expect(Object.keys(validFrames(victim.roomId)).sort()).toEqual(Object.keys(clientActionSchemas).sort());
  });

  it('answers a wrong type or value in every field of every action with bad_request naming the field', async () => {
    const cases = wrongTypeCases(victim.roomId);
    expect(cases.length).toBeGreaterThan(500);
    await expectErrors(await openHostile(), cases);
  });

  it('answers __proto__, constructor and prototype at every level with bad_request, and pollutes nothing', async () => {
    const cases = prototypeKeyCases(victim.roomId);
    expect(cases.length).toBeGreaterThan(300);
    await expectErrors(await openHostile(), cases);
    expect(Object.getOwnPropertyNames(Object.prototype)).toEqual(prototypeBefore);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('answers malformed JSON, deep nesting and binary noise with bad_request', async () => {
    const cases = [...malformedJsonCases(), ...deepNestingCases(), ...binaryCases()];
    expect(cases.length).toBeGreaterThan(100);
    await expectErrors(await openHostile(), cases);
  });

  it("answers another visitor's room and agents' actions on it with forbidden, unheard by its visitor", async () => {
    const victimEvents = victim.events.length;
    const cases = foreignRoomCases(victim.roomId, AGENT_ONLY_ACTIONS as ReadonlySet<ClientAction>);
    await expectErrors(await openHostile(), cases);
    await victim.settle();
    expect(victim.events.slice(victimEvents).map((e) => e.type)).toEqual(['pong', 'pong']);
  });

  it('closes a text frame that is not UTF-8 with 1007 and one over 32 KB with 1009; a new connection works', async () => {
    await expectCloses([...invalidUtf8TextCases(), ...oversizedCases()]);
  });

  it('stored nothing: every table as before, the hostile connections gone, the stack alive and answering', async () => {
    for (const socket of hostileSockets) socket.close();
    await Promise.all(hostileSockets.map((socket) => socket.closed));
    await Promise.all([victim.settle(), agent.settle()]);
    expect(tally.frames).toBeGreaterThanOrEqual(1000);
    expect(tally.errors + tally.closes).toBe(tally.frames);
    expect(await snapshot()).toEqual(before);
    expect(agent.all('roomUpdated')).toEqual([]);

    // The victim's conversation carries on, and a newcomer is served.
    await victim.request({ action: 'sendMessage', clientMsgId: 'victim-4', text: 'still here' }, 'message');
    const history = await victim.request({ action: 'history' }, 'history');
    expect(history.messages.map((m) => m.clientMsgId)).toEqual(['victim-1', 'victim-2', 'victim-3', 'victim-4']);
    const newcomer = await stack.visitor();
    const ack = await newcomer.request({ action: 'sendMessage', clientMsgId: 'new-1', text: 'hello' }, 'message');
    expect(ack.message.seq).toBe(1);
  });
});

import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localTeamDefaults } from '../local/stack.ts';
import { countRating } from '../src/chat/report-counts.ts';
import type { Report } from '../src/protocol/index.ts';
import { createDocumentClient } from '../src/store/dynamo.ts';
import { allStoresFromEnv } from '../src/store/from-env.ts';
import type { TestSocket } from './support/test-socket.ts';
import { startTestStack, type TestStack } from './support/test-stack.ts';

/**
 * Reports through the local stack: conversations seeded through the real actions with
 * the handlers' clock set to each moment, ratings counted with countRating, and every
 * figure of the report compared with one worked out by hand.
 *
 * The team's time zone is New York (UTC-5 in January): 14:00Z is 09:00 there, and a
 * message at 03:30Z on Tuesday is Monday 22:30, counted on Monday.
 */
describe('reports', () => {
  let stack: TestStack;
  let clock = 0;
  let alex: TestSocket;
  let casey: TestSocket;
  let alexId: string;
  let caseyId: string;
  let ids = 0;

  beforeAll(async () => {
    stack = await startTestStack({
      teamDefaults: {
        ...localTeamDefaults(),
        name: 'Test Team',
        awayMessage: {},
        hours: { ...localTeamDefaults().hours, timeZone: 'America/New_York' },
      },
    });
    stack.deps.now = () => clock;
    await stack.createUser('casey.reports@example.com', { agent: true });
    at('2026-01-05T13:00:00Z');
    alex = await stack.agent();
    casey = await stack.agent('casey.reports@example.com');
    alexId = (await alex.request({ action: 'getTeam' }, 'team', (e) => e.me !== undefined)).me!.agentId;
    caseyId = (await casey.request({ action: 'getTeam' }, 'team', (e) => e.me !== undefined)).me!.agentId;
  });
  afterAll(() => stack.close());

  /** The handlers' clock from now on. */
  function at(iso: string) {
    clock = Date.parse(iso);
  }

  async function visitorWrites(visitor: TestSocket, iso: string) {
    at(iso);
    await visitor.request({ action: 'sendMessage', clientMsgId: `v-${++ids}`, text: 'Hello?' }, 'message');
    await visitor.settle();
  }

  async function agentReplies(agent: TestSocket, roomId: string, iso: string) {
    at(iso);
    const clientMsgId = `a-${++ids}`;
    agent.send({ action: 'sendMessage', roomId, clientMsgId, text: 'Hi, how can I help?' });
    await agent.next('message', (e) => e.message.clientMsgId === clientMsgId);
    await agent.settle();
  }

  async function agentCloses(agent: TestSocket, roomId: string, iso: string) {
    at(iso);
    agent.send({ action: 'closeRoom', roomId });
    await agent.settle();
  }

  async function report(agent: TestSocket, frame: { from: string; to: string; agentId?: string }): Promise<Report> {
    return (await agent.request({ action: 'report', ...frame }, 'report')).report;
  }

  /** A day's counts and rates, without the medians (a day of two answers has an even count). */
  const countsOf = ({ day, conversations, answered, resolved, ratings, goodRatings }: Report['days'][number]) => ({
    day,
    conversations,
    answered,
    resolved,
    ratings,
    goodRatings,
  });

  it('equals the figures worked out by hand from seeded conversations over three days', async () => {
    const [v1, v2, v3, v4, v6] = await Promise.all([stack.visitor(), stack.visitor(), stack.visitor(), stack.visitor(), stack.visitor()]);
    // Monday 5 January (New York). C1: answered by Alex in 40 s, closed by Alex after 1200 s.
    await visitorWrites(v1, '2026-01-05T14:00:00Z');
    await agentReplies(alex, v1.roomId, '2026-01-05T14:00:40Z');
    // C2: answered by Casey in 120 s (Alex's later reply is not the first), closed by Casey after 1700 s.
    await visitorWrites(v2, '2026-01-05T14:10:00Z');
    await agentReplies(casey, v2.roomId, '2026-01-05T14:12:00Z');
    await agentReplies(alex, v2.roomId, '2026-01-05T14:13:00Z');
    await agentCloses(alex, v1.roomId, '2026-01-05T14:20:00Z');
    await agentCloses(casey, v2.roomId, '2026-01-05T14:38:20Z');
    // C3: Monday 22:30 in New York, never answered; closed by Alex on Tuesday 08:00 (34200 s), counted on Monday.
    await visitorWrites(v3, '2026-01-06T03:30:00Z');
    await agentCloses(alex, v3.roomId, '2026-01-06T13:00:00Z');
    // Tuesday. C4: answered by Casey in 300 s, closed by Casey after 1500 s.
    await visitorWrites(v4, '2026-01-06T15:00:00Z');
    await agentReplies(casey, v4.roomId, '2026-01-06T15:05:00Z');
    await agentCloses(casey, v4.roomId, '2026-01-06T15:25:00Z');
    // C5: the same visitor writes again, which reopens the room and starts a conversation:
    // answered by Alex in 35 s, closed by Alex after 900 s. Reopened by Alex and closed again
    // with no visitor's message between: no conversation was under way, nothing more counts.
    await visitorWrites(v4, '2026-01-06T16:00:00Z');
    await agentReplies(alex, v4.roomId, '2026-01-06T16:00:35Z');
    await agentCloses(alex, v4.roomId, '2026-01-06T16:15:00Z');
    at('2026-01-06T16:20:00Z');
    alex.send({ action: 'reopenRoom', roomId: v4.roomId });
    await alex.settle();
    await agentCloses(alex, v4.roomId, '2026-01-06T16:25:00Z');
    // Wednesday. C6: answered by Casey in 150 s, still open.
    await visitorWrites(v6, '2026-01-07T13:15:00Z');
    await agentReplies(casey, v6.roomId, '2026-01-07T13:17:30Z');
    // Ratings, under the day given: C1 5 (Alex), C2 2 then changed to 4 (Casey) on Monday;
    // C3 1 (Alex), C4 4 (Casey), C5 3 (Alex) on Tuesday.
    const rate = (roomId: string, agentId: string, iso: string, score: number, previous?: number) =>
      countRating(stack.deps, { roomId, agentId, at: Date.parse(iso), score, ...(previous !== undefined && { previous }) });
    await rate(v1.roomId, alexId, '2026-01-05T14:25:00Z', 5);
    await rate(v2.roomId, caseyId, '2026-01-05T14:40:00Z', 2);
    await rate(v2.roomId, caseyId, '2026-01-05T14:45:00Z', 4, 2);
    await rate(v3.roomId, alexId, '2026-01-06T13:05:00Z', 1);
    await rate(v4.roomId, caseyId, '2026-01-06T15:30:00Z', 4);
    await rate(v4.roomId, alexId, '2026-01-06T16:16:00Z', 3);

    const seeded = await report(alex, { from: '2026-01-05', to: '2026-01-07' });
    expect(seeded.timeZone).toBe('America/New_York');
    // Team: 6 conversations (C1-C6), 5 answered (all but C3).
    // First responses 35, 40, 120, 150, 300 s: the middle one, 120 s, is in the bucket (90, 120].
    // Resolutions 900, 1200, 1500, 1700, 34200 s: the middle one, 1500 s, is in (1200, 1800].
    // Ratings 5, 4 (was 2), 1, 4, 3: 5 given, 3 of them 4 or 5.
    expect(seeded.team).toEqual({
      conversations: 6,
      answered: 5,
      firstResponse: { over: 90, upTo: 120 },
      resolved: 5,
      resolution: { over: 1200, upTo: 1800 },
      ratings: 5,
      goodRatings: 3,
    });
    // Alex: first replies 40 and 35 s (both in (30, 45]); closed C1 1200, C3 34200, C5 900 s:
    // middle 1200, in (900, 1200]; rated 5, 1, 3: one of three good.
    // Casey: first replies 120, 300, 150 s: middle 150, in (120, 180]; closed C2 1700 and C4
    // 1500 s (both in (1200, 1800]); rated 4 and 4.
    expect(seeded.agents.map(({ agentId, figures }) => ({ agentId, figures }))).toEqual(
      expect.arrayContaining([
        {
          agentId: alexId,
          figures: {
            answered: 2,
            firstResponse: { over: 30, upTo: 45 },
            resolved: 3,
            resolution: { over: 900, upTo: 1200 },
            ratings: 3,
            goodRatings: 1,
          },
        },
        {
          agentId: caseyId,
          figures: {
            answered: 3,
            firstResponse: { over: 120, upTo: 180 },
            resolved: 2,
            resolution: { over: 1200, upTo: 1800 },
            ratings: 2,
            goodRatings: 2,
          },
        },
      ]),
    );
    expect(seeded.agents).toHaveLength(2);
    // Per day, each conversation under the day it started: Monday C1-C3 (C3 closed on
    // Tuesday), Tuesday C4 and C5, Wednesday C6; ratings under the day they were given.
    expect(seeded.days.map(countsOf)).toEqual([
      { day: '2026-01-05', conversations: 3, answered: 2, resolved: 3, ratings: 2, goodRatings: 2 },
      { day: '2026-01-06', conversations: 2, answered: 2, resolved: 2, ratings: 3, goodRatings: 1 },
      { day: '2026-01-07', conversations: 1, answered: 1, resolved: 0, ratings: 0, goodRatings: 0 },
    ]);
    expect(seeded.days[2]).toMatchObject({ firstResponse: { over: 120, upTo: 180 } });
    expect(seeded.days[2]!.resolution).toBeUndefined();
    // Hours of the week (Monday first): Monday 09:00 twice and 22:00, Tuesday 10:00 and 11:00, Wednesday 08:00.
    const busy = seeded.hours.flatMap((row, day) => row.flatMap((n, hour) => (n > 0 ? [[day, hour, n]] : [])));
    expect(busy).toEqual([
      [0, 9, 2],
      [0, 22, 1],
      [1, 10, 1],
      [1, 11, 1],
      [2, 8, 1],
    ]);

    // One day alone: Tuesday's two conversations; C3, closed that day, belongs to Monday.
    const tuesday = await report(alex, { from: '2026-01-06', to: '2026-01-06' });
    // First responses 300 and 35 s, resolutions 1500 and 900: an even count, the lower middle one's bucket.
    expect(tuesday.team).toEqual({
      conversations: 2,
      answered: 2,
      firstResponse: { over: 30, upTo: 45 },
      resolved: 2,
      resolution: { over: 600, upTo: 900 },
      ratings: 3,
      goodRatings: 1,
    });
    expect(tuesday.days.map((d) => d.day)).toEqual(['2026-01-06']);

    // An agent who is not an admin sees the team's figures and their own only.
    const own = await report(casey, { from: '2026-01-05', to: '2026-01-07' });
    expect(own.team).toEqual(seeded.team);
    expect(own.agents.map((a) => a.agentId)).toEqual([caseyId]);
    // An admin may ask for one agent.
    expect((await report(alex, { from: '2026-01-05', to: '2026-01-07', agentId: caseyId })).agents).toEqual([
      seeded.agents.find((a) => a.agentId === caseyId),
    ]);
  });

  it("refuses bad ranges and another agent's figures to an agent who is not an admin, clearly", async () => {
    const refusals: [Record<string, unknown>, TestSocket, object][] = [
      [{ from: '2026-01-07', to: '2026-01-05' }, alex, { code: 'bad_request', message: 'from must not be after to.' }],
      [{ from: '2025-01-01', to: '2026-01-02' }, alex, { code: 'bad_request', message: 'a report covers 366 days at most.' }],
      [{ from: '2026-02-30', to: '2026-03-01' }, alex, { code: 'bad_request', message: 'from: must be a date, YYYY-MM-DD.' }],
      [{ from: '2026-01-01' }, alex, { code: 'bad_request' }],
      [
        { from: '2026-01-05', to: '2026-01-07', agentId: 'someone-else' },
        casey,
        { code: 'forbidden', message: "Only admins see other agents' figures." },
      ],
    ];
    for (const [frame, agent, error] of refusals) {
      expect(await agent.request({ action: 'report', ...frame }, 'error'), JSON.stringify(frame)).toMatchObject({
        action: 'report',
        ...error,
      });
    }
    // 366 days is a year with its leap day: allowed.
    expect((await report(alex, { from: '2024-01-01', to: '2024-12-31' })).days).toHaveLength(366);
    // A visitor gets nothing.
    const visitor = await stack.visitor();
    expect(await visitor.request({ action: 'report', from: '2026-01-05', to: '2026-01-07' }, 'error')).toMatchObject({
      code: 'forbidden',
    });
  });

  it('counts every event of many at once exactly', async () => {
    const visitors = await Promise.all(Array.from({ length: 20 }, () => stack.visitor()));
    // Monday 2 February, 10:00 in New York: twenty conversations start at the same instant.
    at('2026-02-02T15:00:00Z');
    await Promise.all(visitors.map((v, i) => v.request({ action: 'sendMessage', clientMsgId: `burst-${i}`, text: 'Hi' }, 'message')));
    await stack.gateway.settled();
    // Both agents answer the first conversation at once: one reply is its first.
    at('2026-02-02T15:01:00Z');
    alex.send({ action: 'sendMessage', roomId: visitors[0]!.roomId, clientMsgId: 'race-alex', text: 'Hello!' });
    casey.send({ action: 'sendMessage', roomId: visitors[0]!.roomId, clientMsgId: 'race-casey', text: 'Hello!' });
    await Promise.all([
      alex.next('message', (e) => e.message.clientMsgId === 'race-alex'),
      casey.next('message', (e) => e.message.clientMsgId === 'race-casey'),
    ]);
    await stack.gateway.settled();
    // Thirty ratings at once, ten of them changes from 2 to 5.
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        countRating(stack.deps, {
          roomId: visitors[i % 20]!.roomId,
          agentId: alexId,
          at: Date.parse('2026-02-02T16:00:00Z'),
          score: i < 10 ? 2 : 5,
        }),
      ),
    );
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        countRating(stack.deps, {
          roomId: visitors[i]!.roomId,
          agentId: alexId,
          at: Date.parse('2026-02-02T16:05:00Z'),
          previous: 2,
          score: 5,
        }),
      ),
    );

    const burst = await report(alex, { from: '2026-02-02', to: '2026-02-02' });
    expect(burst.team).toMatchObject({
      conversations: 20,
      answered: 1,
      firstResponse: { over: 45, upTo: 60 },
      ratings: 30,
      goodRatings: 30,
    });
    expect(burst.hours[0]![10]).toBe(20);
    const answeredBy = burst.agents.map((a) => a.figures.answered).sort();
    expect(answeredBy).toEqual([0, 1]);
  });

  it('counts a first reply once when the close lands before the reply has claimed to be the first', async () => {
    const visitor = await stack.visitor();
    // Monday 2 March, 10:00 in New York.
    await visitorWrites(visitor, '2026-03-02T15:00:00Z');
    // Casey's reply is stored and recorded on the room, and its follow-up (the claim) has not run yet:
    const reply = await stack.deps.messages.append(
      {
        roomId: visitor.roomId,
        clientMsgId: 'late-claim',
        sender: { role: 'agent', name: 'Casey' },
        text: 'On it',
        createdAt: '2026-03-02T15:02:00.000Z',
      },
      1,
    );
    await stack.deps.rooms.recordMessage(visitor.roomId, {
      seq: reply.seq,
      at: '2026-03-02T15:02:00.000Z',
      preview: 'On it',
      role: 'agent',
      sender: { role: 'agent', name: 'Casey', agentId: caseyId },
    });
    await agentCloses(alex, visitor.roomId, '2026-03-02T15:10:00Z');
    // Too late: the conversation it would claim is over.
    expect(await stack.deps.rooms.claimFirstReply(visitor.roomId, '2026-03-02T15:00:00.000Z', '2026-03-02T15:02:00.000Z')).toBe(false);
    const day = await report(alex, { from: '2026-03-02', to: '2026-03-02' });
    // Answered in 120 s (90-120], by Casey; closed by Alex after 600 s (450-600].
    expect(day.team).toEqual({
      conversations: 1,
      answered: 1,
      firstResponse: { over: 90, upTo: 120 },
      resolved: 1,
      resolution: { over: 450, upTo: 600 },
      ratings: 0,
      goodRatings: 0,
    });
    const byAgent = Object.fromEntries(day.agents.map((a) => [a.agentId, [a.figures.answered, a.figures.resolved]]));
    expect(byAgent).toEqual({ [alexId]: [0, 1], [caseyId]: [1, 0] });
  });

  it("counts a visitor's rating through the rate action, and a change of it as a change, for the agent who answered", async () => {
    const visitor = await stack.visitor();
    // Tuesday 3 March in New York: Casey answers, Alex closes (asking for a rating).
    await visitorWrites(visitor, '2026-03-03T15:00:00Z');
    await agentReplies(casey, visitor.roomId, '2026-03-03T15:01:00Z');
    await agentCloses(alex, visitor.roomId, '2026-03-03T15:05:00Z');
    at('2026-03-03T15:06:00Z');
    await visitor.request({ action: 'rate', score: 2 }, 'rating');
    at('2026-03-03T15:07:00Z');
    await visitor.request({ action: 'rate', score: 5 }, 'rating', (e) => JSON.stringify(e).includes('"score":5'));
    await visitor.settle();
    const day = await report(alex, { from: '2026-03-03', to: '2026-03-03' });
    // One rating (a 2 changed to 5): one good. It is Casey's, who wrote last.
    expect([day.team.ratings, day.team.goodRatings]).toEqual([1, 1]);
    expect(day.agents.find((a) => a.agentId === caseyId)?.figures).toMatchObject({ ratings: 1, goodRatings: 1 });
  });

  it('reads the aggregates with one Query, never a Scan', async () => {
    const operations: string[] = [];
    const doc: DynamoDBDocumentClient = createDocumentClient({ endpoint: stack.dynamodbEndpoint, region: 'local' });
    doc.middlewareStack.add(
      (next, context) => async (args) => {
        operations.push(String(context.commandName).replace(/Command$/, ''));
        return next(args);
      },
      { step: 'initialize', name: 'countOperations' },
    );
    Object.assign(stack.deps, allStoresFromEnv(stack.handlerEnv, doc));
    await report(alex, { from: '2025-02-03', to: '2026-02-02' });
    expect(operations).not.toContain('Scan');
    expect(operations.filter((operation) => operation === 'Query')).toHaveLength(1);
  });
});

import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_SMS_LENGTH, RATING_CHANGE_MS } from '../src/protocol/index.ts';
import { startTestStack, type TestStack } from './support/test-stack.ts';

/**
 * Issue 19, satisfaction ratings, over real WebSockets against dynalite: a close asks the
 * visitor for a rating (or not), the visitor rates and changes it for 24 hours, a low
 * score alerts the team once per close, and agents see it all while the visitor sees
 * nothing of the marks.
 */
describe('satisfaction ratings', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack.close());

  const alertsFor = (roomId: string) => stack.alerts.filter((a) => a.default.includes(roomId));
  const room = async (roomId: string) =>
    (
      await stack.doc.send(
        new QueryCommand({
          TableName: stack.tableNames.rooms,
          KeyConditionExpression: 'roomId = :r',
          ExpressionAttributeValues: { ':r': roomId },
        }),
      )
    ).Items?.find((item) => item.sk === 'room');
  const marks = async (agent: Awaited<ReturnType<TestStack['agent']>>, roomId: string) =>
    (await agent.request({ action: 'history', roomId }, 'history', (e) => e.roomId === roomId)).messages.flatMap((m) =>
      m.event ? [m.event] : [],
    );

  /** A visitor who wrote, and an agent in the room who answered. */
  async function conversation(name = 'Ada') {
    const visitor = await stack.visitor();
    await visitor.request({ action: 'identify', name }, 'profile');
    await visitor.request({ action: 'sendMessage', clientMsgId: 'v-1', text: 'Where is my order?' }, 'message');
    const agent = await stack.agent();
    await agent.request({ action: 'join', roomId: visitor.roomId }, 'history');
    await agent.request({ action: 'sendMessage', roomId: visitor.roomId, clientMsgId: 'a-1', text: 'On its way!' }, 'message');
    return { visitor, agent, roomId: visitor.roomId };
  }

  it('asks on close, takes a rating with a comment, and shows it to agents but never the marks to the visitor', async () => {
    const { visitor, agent, roomId } = await conversation();
    agent.send({ action: 'closeRoom', roomId });
    await visitor.next('roomClosed');
    expect(await visitor.next('rating')).toEqual({ type: 'rating', roomId, changeable: true });

    const rated = await visitor.request({ action: 'rate', score: 4, comment: '  Quick and friendly  ' }, 'rating');
    expect(rated.rating).toMatchObject({ score: 4, comment: 'Quick and friendly' });
    expect(rated.changeable).toBe(true);
    expect(Date.parse(rated.changeableUntil!) - Date.parse(rated.rating!.ratedAt)).toBe(RATING_CHANGE_MS);

    const summary = await agent.next('roomUpdated', (e) => e.room.roomId === roomId && e.room.rating !== undefined);
    expect(summary.room.rating).toEqual(rated.rating);
    expect(await marks(agent, roomId)).toEqual([
      { type: 'closed', by: expect.any(String) },
      { type: 'rated', score: 4, comment: 'Quick and friendly' },
    ]);
    expect(await room(roomId)).toMatchObject({ rating: { score: 4, comment: 'Quick and friendly', changes: 0 } });

    await Promise.all([visitor.settle(), agent.settle()]);
    expect(visitor.events.filter((e) => e.type === 'message' && e.message.internal)).toEqual([]);
    expect(visitor.events.some((e) => e.type === 'roomUpdated')).toBe(false);
    const history = await visitor.request({ action: 'history' }, 'history');
    expect(history.messages.map((m) => m.clientMsgId)).toEqual(['v-1', 'a-1']);
    expect(alertsFor(roomId).filter((a) => a.subject?.startsWith('Rated'))).toEqual([]);
  });

  it('lets the visitor change the rating within 24 hours, stores a resent rating once, and refuses a change after', async () => {
    const { visitor, agent, roomId } = await conversation();
    await agent.request({ action: 'closeRoom', roomId }, 'roomClosed');
    const first = await visitor.request({ action: 'rate', score: 3 }, 'rating', (e) => e.rating !== undefined);
    // Once its mark is stored too: the mark's number moves the record's revision.
    await visitor.settle();
    const revision = (await room(roomId))!.revision;
    const again = await visitor.request({ action: 'rate', score: 3 }, 'rating', (e) => e.rating !== undefined);
    expect(again.rating).toEqual(first.rating);
    expect((await room(roomId))!.revision).toBe(revision);

    stack.advanceClock(RATING_CHANGE_MS - 60_000);
    const changed = await visitor.request(
      { action: 'rate', score: 5, comment: 'Solved after all' },
      'rating',
      (e) => e.rating?.score === 5,
    );
    expect(changed.rating).toMatchObject({ score: 5, comment: 'Solved after all', ratedAt: first.rating!.ratedAt });
    expect(changed.rating!.changedAt).toBeDefined();
    expect(await room(roomId)).toMatchObject({ rating: { score: 5, changes: 1 } });

    stack.advanceClock(2 * 60_000);
    visitor.send({ action: 'rate', score: 1 });
    const refused = await visitor.next('error', (e) => e.action === 'rate');
    expect(refused).toMatchObject({ code: 'forbidden', message: expect.stringContaining('can no longer be changed') });
    expect(await room(roomId)).toMatchObject({ rating: { score: 5, changes: 1 } });
    // The visitor coming back now sees it read-only.
    visitor.close();
    const back = await stack.visitor(visitor.key);
    await back.request({ action: 'history' }, 'history');
    expect(await back.next('rating')).toMatchObject({ rating: { score: 5 }, changeable: false });
    expect((await marks(agent, roomId)).filter((e) => e.type === 'rated')).toEqual([
      { type: 'rated', score: 3 },
      { type: 'rated', score: 5, comment: 'Solved after all', previous: 3 },
    ]);
  });

  it('asks nothing and refuses a rating when the agent closes without asking', async () => {
    const { visitor, agent, roomId } = await conversation();
    await agent.request({ action: 'closeRoom', roomId, askRating: false }, 'roomClosed');
    visitor.send({ action: 'rate', score: 5 });
    expect(await visitor.next('error', (e) => e.action === 'rate')).toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('no rating'),
    });
    await visitor.request({ action: 'history' }, 'history');
    await visitor.settle();
    expect(visitor.all('rating')).toEqual([]);
    expect(await room(roomId)).not.toHaveProperty('rating');
    expect((await marks(agent, roomId)).at(-1)).toEqual({ type: 'closed', by: expect.any(String), noRating: true });
  });

  it('refuses a rating of an open conversation, and keeps the rating with its close when the visitor writes again', async () => {
    const { visitor, agent, roomId } = await conversation();
    visitor.send({ action: 'rate', score: 5 });
    expect(await visitor.next('error', (e) => e.action === 'rate')).toMatchObject({ code: 'forbidden' });

    await agent.request({ action: 'closeRoom', roomId }, 'roomClosed');
    await visitor.request({ action: 'rate', score: 4 }, 'rating', (e) => e.rating !== undefined);
    await visitor.request({ action: 'sendMessage', clientMsgId: 'v-2', text: 'One more thing' }, 'message');
    await visitor.settle();
    visitor.send({ action: 'rate', score: 2 });
    expect(await visitor.next('error', (e) => e.action === 'rate')).toMatchObject({ code: 'forbidden' });
    expect(await room(roomId)).toMatchObject({ status: 'open', rating: { score: 4 } });
    await visitor.request({ action: 'history' }, 'history');
    await visitor.settle();
    expect(visitor.all('rating').filter((e) => e.rating === undefined || e.rating.score !== 4)).toHaveLength(1);
  });

  it("refuses another room's visitor, and an agent", async () => {
    const { visitor, agent, roomId } = await conversation();
    await agent.request({ action: 'closeRoom', roomId }, 'roomClosed');
    const stranger = await stack.visitor();
    stranger.send({ action: 'rate', roomId, score: 1, comment: 'not mine' });
    expect(await stranger.next('error', (e) => e.action === 'rate')).toMatchObject({ code: 'forbidden' });
    agent.send({ action: 'rate', roomId, score: 1 });
    expect(await agent.next('error', (e) => e.action === 'rate')).toMatchObject({ code: 'forbidden' });
    await Promise.all([visitor.settle(), stranger.settle()]);
    expect(await room(roomId)).not.toHaveProperty('rating');
    expect(stranger.all('rating')).toEqual([]);
  });

  it('alerts the team once per close on a score of 1 or 2, with the score, the comment and the link', async () => {
    const { visitor, agent, roomId } = await conversation('Grace');
    await agent.request({ action: 'closeRoom', roomId }, 'roomClosed');
    const before = alertsFor(roomId).length;
    await visitor.request({ action: 'rate', score: 2, comment: 'Took “forever” to answer' }, 'rating', (e) => e.rating?.score === 2);
    await visitor.request({ action: 'rate', score: 1, comment: 'Took forever' }, 'rating', (e) => e.rating?.score === 1);
    await visitor.request({ action: 'rate', score: 4 }, 'rating', (e) => e.rating?.score === 4);
    await visitor.request({ action: 'rate', score: 2 }, 'rating', (e) => e.rating?.score === 2 && e.rating.comment === undefined);
    await visitor.settle();
    const low = alertsFor(roomId).slice(before);
    expect(low).toHaveLength(1);
    expect(low[0]!.subject).toBe('Rated 2 of 5: Grace');
    expect(low[0]!.email).toContain('Grace rated the conversation 2 of 5.');
    expect(low[0]!.email).toContain('Took “forever” to answer');
    expect(low[0]!.email).toContain(`#room=${roomId}`);
    expect(low[0]!.sms).toContain('Took "forever" to answer');
    expect([...low[0]!.sms!].length).toBeLessThanOrEqual(MAX_SMS_LENGTH);

    // Reopened and closed again, asking: a new rating, and a change down to 2 alerts again.
    await agent.request({ action: 'reopenRoom', roomId }, 'roomReopened');
    await agent.request({ action: 'closeRoom', roomId }, 'roomClosed');
    const fresh = await visitor.next('rating', (e) => e.rating === undefined);
    expect(fresh.changeable).toBe(true);
    await visitor.request({ action: 'rate', score: 5 }, 'rating', (e) => e.rating?.score === 5);
    await visitor.request({ action: 'rate', score: 1 }, 'rating', (e) => e.rating?.score === 1);
    await visitor.settle();
    expect(alertsFor(roomId).slice(before)).toHaveLength(2);
    expect(alertsFor(roomId).at(-1)!.sms).toBe(`Grace rated the conversation 1 of 5 http://localhost:5173/agent.html#room=${roomId}`);
  });

  it('refuses bad ratings with a clear error and stores nothing', async () => {
    const { visitor, agent, roomId } = await conversation();
    await agent.request({ action: 'closeRoom', roomId }, 'roomClosed');
    const refusal = async (frame: Record<string, unknown>) => {
      visitor.send({ action: 'rate', ...frame });
      return visitor.next('error', (e) => e.action === 'rate');
    };
    expect(await refusal({ score: 6 })).toMatchObject({ code: 'bad_request', message: expect.stringContaining('score') });
    expect(await refusal({ score: 0 })).toMatchObject({ code: 'bad_request', message: expect.stringContaining('score') });
    expect(await refusal({ score: 3, comment: 'x'.repeat(501) })).toMatchObject({
      code: 'bad_request',
      message: 'comment: must be at most 500 characters.',
    });
    expect(await refusal({ score: 3, stars: 3 })).toMatchObject({ code: 'bad_request', message: 'Unexpected field: stars.' });
    await visitor.settle();
    expect(await room(roomId)).not.toHaveProperty('rating');
    expect((await marks(agent, roomId)).filter((e) => e.type === 'rated')).toEqual([]);
  });
});

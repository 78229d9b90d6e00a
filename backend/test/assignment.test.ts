import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localTeamDefaults } from '../local/stack.ts';
import type { ScheduledCheck } from '../src/chat/ports.ts';
import { startTestStack, type TestStack } from './support/test-stack.ts';

const JANE = 'jane.assign@example.com';
const SAM = 'sam.assign@example.com';

/** Who handles a conversation: taking, handing over, giving back; who waits; who is alerted. */
describe('assignment', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
    await stack.createUser(JANE, { agent: true });
    await stack.createUser(SAM, { agent: true });
  });
  afterAll(() => stack.close());

  /** An agent's console as it starts: it asks for the team first, which settles the name it goes by. */
  async function agentNamed(email: string, name: string) {
    const agent = await stack.agent(email);
    agent.send({ action: 'updateProfile', name });
    await agent.next('agents', (e) => e.agents.some((a) => a.email === email && a.name === name));
    // The answer to getTeam (with `me`), not a broadcast: the connection goes by its name from now on.
    agent.send({ action: 'getTeam' });
    await agent.next('team', (e) => e.me !== undefined);
    return agent;
  }

  /** An agent takes the room, once their console shows it theirs. */
  async function take(agent: Awaited<ReturnType<typeof agentNamed>>, roomId: string) {
    agent.send({ action: 'assign', roomId });
    await agent.next('roomUpdated', (e) => e.room.roomId === roomId && e.room.assignee !== undefined);
  }

  async function waitingVisitor(text = 'Hello?') {
    const visitor = await stack.visitor();
    await visitor.request({ action: 'sendMessage', clientMsgId: 'v-1', text }, 'message');
    await visitor.settle();
    return visitor;
  }

  it('gives a conversation to exactly one of two agents who take it at once, and tells the other who has it', async () => {
    const [jane, sam] = await Promise.all([agentNamed(JANE, 'Jane'), agentNamed(SAM, 'Sam')]);
    for (let round = 0; round < 5; round++) {
      const visitor = await waitingVisitor();
      const refusalsBefore = [jane.all('error').length, sam.all('error').length];
      jane.send({ action: 'assign', roomId: visitor.roomId });
      sam.send({ action: 'assign', roomId: visitor.roomId });
      await Promise.all([jane.settle(), sam.settle()]);
      const room = (await stack.deps.rooms.get(visitor.roomId))!;
      const winner = room.assignee!.name;
      const [loser, before] = winner === 'Jane' ? [sam, refusalsBefore[1]!] : [jane, refusalsBefore[0]!];
      const refusals = loser.all('error').slice(before);
      // Refused at the conditional write, or (had the winner written first) before it.
      expect(refusals).toHaveLength(1);
      expect(refusals[0]).toMatchObject({ code: 'conflict', action: 'assign' });
      expect([`${winner} took this conversation first.`, `${winner} is handling this conversation.`]).toContain(refusals[0]!.message);
      expect(loser.all('roomUpdated').some((e) => e.room.roomId === visitor.roomId && e.room.assignee?.name === winner)).toBe(true);
      expect((await visitor.next('assigned')).name).toBe(winner);
      // One mark, for one take.
      const { messages } = await jane.request({ action: 'history', roomId: visitor.roomId }, 'history');
      expect(messages.filter((m) => m.event?.type === 'assigned')).toHaveLength(1);
    }
  });

  it('shows the visitor who handles their chat, live and after a reload, and every inbox who wrote last and who waits', async () => {
    const jane = await agentNamed(JANE, 'Jane');
    const visitor = await waitingVisitor('Where is my order?');
    const waiting = await jane.next('roomUpdated', (e) => e.room.roomId === visitor.roomId);
    expect(waiting.room).toMatchObject({ lastSender: { role: 'visitor' }, waitingSince: expect.any(String) });

    jane.send({ action: 'assign', roomId: visitor.roomId });
    expect(await visitor.next('assigned')).toEqual({ type: 'assigned', roomId: visitor.roomId, name: 'Jane' });
    visitor.send({ action: 'history' });
    expect(await visitor.next('assigned')).toEqual({ type: 'assigned', roomId: visitor.roomId, name: 'Jane' });

    const sam = await agentNamed(SAM, 'Sam');
    jane.send({ action: 'sendMessage', roomId: visitor.roomId, clientMsgId: 'j-1', text: 'On its way!' });
    // Every console follows a colleague's reply: who wrote last, and that nobody waits.
    const answered = await sam.next('roomUpdated', (e) => e.room.roomId === visitor.roomId && e.room.lastSender?.role === 'agent');
    expect(answered.room).toMatchObject({ lastSender: { role: 'agent', name: 'Jane' }, assignee: { name: 'Jane' } });
    expect(answered.room.waitingSince).toBeUndefined();
    expect(answered.room.lastSender?.agentId).toBe((await stack.deps.rooms.get(visitor.roomId))!.assignee!.agentId);
  });

  it('hands over and gives back only what is theirs (or an admin’s to give), with a mark each time', async () => {
    const [jane, sam] = await Promise.all([agentNamed(JANE, 'Jane'), agentNamed(SAM, 'Sam')]);
    const admin = await stack.agent();
    admin.send({ action: 'getTeam' });
    await admin.next('team', (e) => e.me !== undefined);
    const visitor = await waitingVisitor();
    const samId = (await stack.deps.directory.list()).find((a) => a.email === SAM)!.agentId;

    await take(jane, visitor.roomId);
    expect(await sam.request({ action: 'unassign', roomId: visitor.roomId }, 'error')).toMatchObject({
      code: 'forbidden',
      message: 'Only Jane or an admin can give this conversation back.',
    });
    expect(await sam.request({ action: 'assign', roomId: visitor.roomId }, 'error')).toMatchObject({ code: 'conflict' });
    jane.send({ action: 'assign', roomId: visitor.roomId, agentId: samId });
    expect((await visitor.next('assigned', (e) => e.name === 'Sam')).name).toBe('Sam');
    expect(await jane.request({ action: 'assign', roomId: visitor.roomId, agentId: 'no-such-agent' }, 'error')).toMatchObject({
      code: 'not_found',
    });
    // An admin may take it back from Sam.
    admin.send({ action: 'unassign', roomId: visitor.roomId });
    expect(await visitor.next('assigned', (e) => e.name === undefined)).toEqual({ type: 'assigned', roomId: visitor.roomId });

    const { messages } = await jane.request({ action: 'history', roomId: visitor.roomId }, 'history');
    expect(messages.filter((m) => m.event).map((m) => m.text)).toEqual([
      'Jane took the conversation.',
      'Jane assigned the conversation to Sam.',
      'Alex from Support took the conversation back from Sam.',
    ]);
    expect(await visitor.request({ action: 'assign', roomId: visitor.roomId }, 'error')).toMatchObject({ code: 'forbidden' });
  });

  it('alerts the assignee by email first, and the team when the visitor still waits', async () => {
    const jane = await agentNamed(JANE, 'Jane');
    const visitor = await waitingVisitor();
    await take(jane, visitor.roomId);
    stack.advanceClock(6 * 60_000);
    const teamAlerts = stack.alerts.length;
    visitor.send({ action: 'sendMessage', clientMsgId: 'v-2', text: 'Still there?' });
    await visitor.settle();
    // The assignee's own alert, by email; not yet the team's.
    await expect.poll(async () => (await stack.ses.mails()).filter((m) => m.to.includes(JANE)).length, { timeout: 5000 }).toBe(1);

    expect(stack.alerts.length).toBe(teamAlerts);
    const escalation = (body: string) => (JSON.parse(body) as ScheduledCheck).kind === 'escalate' && body.includes(visitor.roomId);
    expect(stack.checkQueue.waitingBodies().filter(escalation)).toHaveLength(1);
    await stack.checkQueue.deliverNow(escalation);
    expect(stack.alerts.length).toBe(teamAlerts + 1);
    expect(stack.alerts.at(-1)!.subject).toBe('Still waiting: a visitor');
    expect(stack.alerts.at(-1)!.email).toContain('Jane has not answered');
  });

  it('lets an escalation go quietly once the assignee has answered', async () => {
    const jane = await agentNamed(JANE, 'Jane');
    const visitor = await waitingVisitor();
    await take(jane, visitor.roomId);
    stack.advanceClock(6 * 60_000);
    visitor.send({ action: 'sendMessage', clientMsgId: 'v-2', text: 'Anyone?' });
    await visitor.settle();
    await jane.request({ action: 'sendMessage', roomId: visitor.roomId, clientMsgId: 'j-1', text: 'Yes!' }, 'message');
    await jane.settle();
    const teamAlerts = stack.alerts.length;
    await stack.checkQueue.deliverNow((body) => body.includes(visitor.roomId) && body.includes('escalate'));
    expect(stack.alerts.length).toBe(teamAlerts);
  });

  it('gives an absent assignee’s conversations back to Unassigned, unless they came back', async () => {
    // An agent of their own: the other tests leave their consoles open.
    const email = 'kim.absent@example.com';
    await stack.createUser(email, { agent: true });
    const sam = await agentNamed(email, 'Kim');
    const visitor = await waitingVisitor();
    await take(sam, visitor.roomId);
    const samId = (await stack.deps.rooms.get(visitor.roomId))!.assignee!.agentId;
    const absent = (body: string) => body.includes('assigneeOffline') && body.includes(samId);

    sam.close();
    await expect.poll(() => stack.checkQueue.waitingBodies().filter(absent).length, { timeout: 5000 }).toBe(1);
    // Back before the check runs: nothing changes.
    const back = await stack.agent(email);
    back.send({ action: 'getTeam' });
    await back.next('team', (e) => e.me !== undefined);
    await stack.checkQueue.deliverNow(absent);
    expect((await stack.deps.rooms.get(visitor.roomId))!.assignee?.name).toBe('Kim');

    back.close();
    await expect.poll(() => stack.checkQueue.waitingBodies().filter(absent).length, { timeout: 5000 }).toBe(1);
    await stack.checkQueue.deliverNow(absent);
    expect((await stack.deps.rooms.get(visitor.roomId))!.assignee).toBeUndefined();
    expect(await visitor.next('assigned', (e) => e.name === undefined)).toEqual({ type: 'assigned', roomId: visitor.roomId });
    const agent = await stack.agent();
    const { messages } = await agent.request({ action: 'history', roomId: visitor.roomId }, 'history');
    expect(messages.at(-1)!.text).toBe('Kim was offline too long: the conversation is unassigned.');
  });

  it('waits as long as the team says before escalating (escalateAfterMinutes)', async () => {
    const admin = await stack.agent();
    await admin.request(
      { action: 'updateSettings', settings: { ...localTeamDefaults(), name: 'Test Team', awayMessage: {}, escalateAfterMinutes: 2 } },
      'team',
    );
    const jane = await agentNamed(JANE, 'Jane');
    const visitor = await waitingVisitor();
    await take(jane, visitor.roomId);
    stack.advanceClock(6 * 60_000);
    const sentAt = stack.deps.now();
    visitor.send({ action: 'sendMessage', clientMsgId: 'v-2', text: 'Hello again' });
    await visitor.settle();
    const [body] = stack.checkQueue.waitingBodies().filter((b) => b.includes('escalate') && b.includes(visitor.roomId));
    const { dueAt } = JSON.parse(body!) as { dueAt: number };
    expect(dueAt - sentAt).toBeGreaterThanOrEqual(2 * 60_000);
    expect(dueAt - sentAt).toBeLessThan(2 * 60_000 + 5_000);
    await admin.request({ action: 'updateSettings', settings: { ...localTeamDefaults(), name: 'Test Team', awayMessage: {} } }, 'team');
  });
});

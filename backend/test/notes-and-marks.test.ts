import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from './support/test-stack.ts';

/**
 * Agents' internal notes and the timeline's marks: the server alone keeps them from the
 * visitor, whatever a visitor's client does, on every path a message takes.
 */
describe('internal notes and timeline marks', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack.close());

  async function conversation() {
    const visitor = await stack.visitor();
    await visitor.request({ action: 'identify', name: 'Grace', email: `grace.${visitor.roomId.slice(0, 6)}@example.com` }, 'profile');
    await visitor.request({ action: 'sendMessage', clientMsgId: 'v-1', text: 'My invoice is wrong.' }, 'message');
    const agent = await stack.agent();
    await agent.request({ action: 'join', roomId: visitor.roomId }, 'history');
    return { visitor, agent };
  }

  it('delivers a note to the agents in the room only, and keeps it out of the inbox preview', async () => {
    const { visitor, agent } = await conversation();
    const colleague = await stack.agent();
    await colleague.request({ action: 'join', roomId: visitor.roomId }, 'history');
    agent.send({
      action: 'sendMessage',
      roomId: visitor.roomId,
      clientMsgId: 'note-1',
      text: 'Refund approved by finance',
      internal: true,
    });
    const own = await agent.next('message', (e) => e.message.clientMsgId === 'note-1');
    expect(own.message).toMatchObject({ internal: true, sender: { role: 'agent' }, text: 'Refund approved by finance' });
    expect((await colleague.next('message', (e) => e.message.clientMsgId === 'note-1')).message.seq).toBe(own.message.seq);
    await Promise.all([visitor.settle(), agent.settle(), colleague.settle()]);
    expect(visitor.events.filter((e) => JSON.stringify(e).includes('Refund approved'))).toEqual([]);
    const { rooms } = await agent.request({ action: 'listRooms' }, 'rooms');
    expect(rooms.find((r) => r.roomId === visitor.roomId)?.lastMessagePreview).toBe('My invoice is wrong.');
  });

  it("leaves notes out of the visitor's history and catch-up, and numbers skip them without a gap to fill", async () => {
    const { visitor, agent } = await conversation();
    agent.send({ action: 'sendMessage', roomId: visitor.roomId, clientMsgId: 'note-2', text: 'VIP customer', internal: true });
    await agent.next('message', (e) => e.message.clientMsgId === 'note-2');
    agent.send({ action: 'sendMessage', roomId: visitor.roomId, clientMsgId: 'a-1', text: 'Fixed, sorry!' });
    const reply = await visitor.next('message', (e) => e.message.clientMsgId === 'a-1');
    expect(reply.message.seq).toBe(3);

    const visitorHistory = await visitor.request({ action: 'history' }, 'history');
    expect(visitorHistory.messages.map((m) => m.clientMsgId)).toEqual(['v-1', 'a-1']);
    const after = await visitor.request({ action: 'history', after: 1 }, 'history');
    expect(after.messages.map((m) => m.seq)).toEqual([3]);
    // A page of one: the note between is not counted, and the page says what remains.
    const onePage = await visitor.request({ action: 'history', after: 0, limit: 1 }, 'history');
    expect([onePage.messages.map((m) => m.seq), onePage.hasMore]).toEqual([[1], true]);
    const last = await visitor.request({ action: 'history', after: 1, limit: 1 }, 'history');
    expect([last.messages.map((m) => m.seq), last.hasMore]).toEqual([[3], false]);

    const agentHistory = await agent.request({ action: 'history', roomId: visitor.roomId }, 'history');
    expect(agentHistory.messages.map((m) => m.clientMsgId)).toEqual(['v-1', 'note-2', 'a-1']);
    // The page an agent gets on joining is an agent's page too.
    const colleague = await stack.agent();
    const joined = await colleague.request({ action: 'join', roomId: visitor.roomId }, 'history');
    expect(joined.messages.map((m) => m.clientMsgId)).toEqual(['v-1', 'note-2', 'a-1']);
  });

  it("gives a visitor nothing back who sends a note's clientMsgId, or claims to write a note", async () => {
    const { visitor, agent } = await conversation();
    agent.send({ action: 'sendMessage', roomId: visitor.roomId, clientMsgId: 'guessable-note', text: 'Do not tell', internal: true });
    await agent.next('message', (e) => e.message.clientMsgId === 'guessable-note');
    visitor.send({ action: 'sendMessage', clientMsgId: 'guessable-note', text: 'hello' });
    await visitor.settle();
    expect(visitor.events.filter((e) => JSON.stringify(e).includes('Do not tell'))).toEqual([]);

    const refused = await visitor.request({ action: 'sendMessage', clientMsgId: 'v-note', text: 'psst', internal: true }, 'error');
    expect(refused).toMatchObject({ code: 'forbidden', clientMsgId: 'v-note' });
    const { messages } = await agent.request({ action: 'history', roomId: visitor.roomId }, 'history');
    expect(messages.map((m) => m.text)).not.toContain('psst');
  });

  it('mails no note: not in the follow-up email, not in the transcript', async () => {
    const { visitor, agent } = await conversation();
    const email = (await stack.deps.rooms.get(visitor.roomId))!.visitorEmail!;
    agent.send({ action: 'sendMessage', roomId: visitor.roomId, clientMsgId: 'note-3', text: 'Secret internal remark', internal: true });
    await agent.next('message', (e) => e.message.clientMsgId === 'note-3');
    agent.send({ action: 'sendMessage', roomId: visitor.roomId, clientMsgId: 'a-2', text: 'Here is your refund.' });
    await agent.next('message', (e) => e.message.clientMsgId === 'a-2');
    await stack.runChecks(visitor.roomId);
    expect((await stack.ses.mails()).filter((m) => m.to.includes(email))).toHaveLength(1);
    visitor.send({ action: 'emailTranscript' });
    await visitor.next('transcriptSent');
    const mails = (await stack.ses.mails()).filter((m) => m.to.includes(email));
    expect(mails).toHaveLength(2);
    for (const mail of mails) {
      expect(mail.text).toContain('Here is your refund.');
      expect(`${mail.text}${mail.html}`).not.toContain('Secret internal remark');
    }
  });

  it('marks closing, reopening and the visitor reopening in the agents’ timeline, never the visitor’s', async () => {
    const { visitor, agent } = await conversation();
    agent.send({ action: 'getTeam' });
    await agent.next('team', (e) => e.me !== undefined);
    agent.send({ action: 'closeRoom', roomId: visitor.roomId });
    await visitor.next('roomClosed');
    const closed = await agent.next('message', (e) => e.message.event?.type === 'closed');
    expect(closed.message).toMatchObject({
      internal: true,
      sender: { role: 'system' },
      event: { type: 'closed', by: 'Alex from Support' },
    });

    agent.send({ action: 'reopenRoom', roomId: visitor.roomId });
    expect(await visitor.next('roomReopened')).toEqual({ type: 'roomReopened', roomId: visitor.roomId });
    await agent.next('message', (e) => e.message.event?.type === 'reopened');

    agent.send({ action: 'closeRoom', roomId: visitor.roomId });
    await visitor.next('roomClosed');
    visitor.send({ action: 'sendMessage', clientMsgId: 'v-back', text: 'One more thing' });
    const reopened = await agent.next('message', (e) => e.message.event?.type === 'reopened' && e.message.event.by === undefined);
    expect(reopened.message.text).toBe('The visitor wrote again: the conversation is open.');

    await visitor.settle();
    expect(visitor.all('message').filter((e) => e.message.internal || e.message.event)).toEqual([]);
    const { messages } = await visitor.request({ action: 'history' }, 'history');
    expect(messages.map((m) => m.clientMsgId)).toEqual(['v-1', 'v-back']);
    const timeline = await agent.request({ action: 'history', roomId: visitor.roomId }, 'history');
    expect(timeline.messages.map((m) => m.event?.type ?? m.clientMsgId)).toEqual([
      'v-1',
      'closed',
      'reopened',
      'closed',
      'v-back',
      'reopened',
    ]);
  });

  it('reopens only what is closed, and refuses rooms that do not exist and visitors', async () => {
    const { visitor, agent } = await conversation();
    agent.send({ action: 'reopenRoom', roomId: visitor.roomId });
    expect((await agent.next('roomUpdated', (e) => e.room.roomId === visitor.roomId)).room.status).toBe('open');
    expect(await agent.request({ action: 'reopenRoom', roomId: 'x'.repeat(43) }, 'error')).toMatchObject({ code: 'not_found' });
    expect(await visitor.request({ action: 'reopenRoom', roomId: visitor.roomId }, 'error')).toMatchObject({ code: 'forbidden' });
    const { messages } = await agent.request({ action: 'history', roomId: visitor.roomId }, 'history');
    expect(messages.filter((m) => m.event)).toEqual([]);
  });
});

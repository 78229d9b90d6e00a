import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from './support/test-stack.ts';

describe('a conversation through the local stack', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack.close());

  it('carries messages both ways between a visitor and an agent', async () => {
    const visitor = await stack.visitor();
    const agent = await stack.agent();

    const sent = await visitor.request({ action: 'sendMessage', clientMsgId: 'v-1', text: '  Hello, is anyone there?  ' }, 'message');
    expect(sent.message).toMatchObject({
      roomId: visitor.roomId,
      clientMsgId: 'v-1',
      sender: { role: 'visitor' },
      text: 'Hello, is anyone there?',
    });
    expect(sent.message.seq).toBe(1);
    expect(new Date(sent.message.createdAt).toISOString()).toBe(sent.message.createdAt);

    const { rooms } = await agent.request({ action: 'listRooms' }, 'rooms');
    expect(rooms.map((r) => r.roomId)).toContain(visitor.roomId);

    const joined = await agent.request({ action: 'join', roomId: visitor.roomId }, 'history');
    expect(joined.messages.map((m) => m.text)).toEqual(['Hello, is anyone there?']);
    const presence = await visitor.next('presence', (p) => p.event === 'joined');
    expect(presence).toMatchObject({ roomId: visitor.roomId, agentsOnline: 1, name: 'Agent' });

    agent.send({ action: 'sendMessage', roomId: visitor.roomId, clientMsgId: 'a-1', text: 'Hi! How can I help?' });
    const reply = await visitor.next('message', (m) => m.message.clientMsgId === 'a-1');
    expect(reply.message.sender).toEqual({ role: 'agent', name: 'Agent' });
    const agentCopy = await agent.next('message', (m) => m.message.clientMsgId === 'a-1');
    expect(agentCopy.message.seq).toBe(reply.message.seq);
    expect(reply.message.seq).toBe(2);

    visitor.send({ action: 'sendMessage', clientMsgId: 'v-2', text: 'My invoice is wrong.' });
    const relayed = await agent.next('message', (m) => m.message.clientMsgId === 'v-2');
    expect(relayed.message.text).toBe('My invoice is wrong.');

    const history = await visitor.request({ action: 'history' }, 'history');
    expect(history.messages.map((m) => m.clientMsgId)).toEqual(['v-1', 'a-1', 'v-2']);
    expect(history.hasMore).toBe(false);
  });

  it('tells a visitor, in answer to history, how many agents are in the room, whether it is closed, and the team', async () => {
    const visitor = await stack.visitor();
    visitor.send({ action: 'history' });
    const presence = await visitor.next('presence');
    expect(presence).toEqual({ type: 'presence', roomId: visitor.roomId, agentsOnline: 0, status: 'open' });
    const { status: team } = await visitor.next('team');
    expect(team).toMatchObject({ settings: { name: 'Test Team', afterHours: 'ask-email' }, emailReplies: true });
    expect(typeof team.agents.available).toBe('boolean');
  });

  it('relays typing and read receipts to the other side only', async () => {
    const visitor = await stack.visitor();
    const agent = await stack.agent();
    const { message } = await visitor.request({ action: 'sendMessage', clientMsgId: 't-1', text: 'typing test' }, 'message');
    await agent.request({ action: 'join', roomId: visitor.roomId }, 'history');

    visitor.send({ action: 'typing', isTyping: true });
    expect(await agent.next('typing')).toEqual({ type: 'typing', roomId: visitor.roomId, role: 'visitor', isTyping: true });
    agent.send({ action: 'typing', roomId: visitor.roomId, isTyping: true });
    expect(await visitor.next('typing')).toEqual({
      type: 'typing',
      roomId: visitor.roomId,
      role: 'agent',
      name: 'Agent',
      isTyping: true,
    });
    agent.send({ action: 'read', roomId: visitor.roomId, seq: message.seq });
    expect(await visitor.next('read')).toEqual({ type: 'read', roomId: visitor.roomId, role: 'agent', seq: message.seq });

    await Promise.all([visitor.settle(), agent.settle()]);
    expect(visitor.all('typing')).toHaveLength(1);
    expect(agent.all('typing')).toHaveLength(1);
    expect(agent.all('read')).toHaveLength(0);
  });

  it('gives agents live roomUpdated events: new room, identify, an answer, a new question, close and reopen', async () => {
    const agent = await stack.agent();
    const visitor = await stack.visitor();
    const isThisRoom = (e: { room: { roomId: string } }) => e.room.roomId === visitor.roomId;

    visitor.send({ action: 'sendMessage', clientMsgId: 'r-1', text: 'First words' });
    const created = await agent.next('roomUpdated', isThisRoom);
    expect(created.room).toMatchObject({ status: 'open', lastMessagePreview: 'First words', agentsOnline: 0 });

    const profile = await visitor.request({ action: 'identify', name: ' Dana Ruiz ', email: 'dana@example.org' }, 'profile');
    expect(profile).toEqual({ type: 'profile', roomId: visitor.roomId, name: 'Dana Ruiz', email: 'dana@example.org' });
    const identified = await agent.next('roomUpdated', isThisRoom);
    expect(identified.room).toMatchObject({ visitorName: 'Dana Ruiz', visitorEmail: 'dana@example.org' });

    // An answer ends the wait, and the visitor's next message starts another: every inbox shows both.
    agent.send({ action: 'sendMessage', roomId: visitor.roomId, clientMsgId: 'r-a', text: 'Hello Dana' });
    const answered = await agent.next('roomUpdated', isThisRoom);
    expect(answered.room).toMatchObject({ lastMessagePreview: 'Hello Dana', lastSender: { role: 'agent', name: 'Agent' } });
    expect(answered.room.waitingSince).toBeUndefined();
    visitor.send({ action: 'sendMessage', clientMsgId: 'r-2', text: 'Second words' });
    const named = await visitor.next('message', (m) => m.message.clientMsgId === 'r-2');
    expect(named.message.sender).toEqual({ role: 'visitor', name: 'Dana Ruiz' });
    expect((await agent.next('roomUpdated', isThisRoom)).room).toMatchObject({
      lastMessagePreview: 'Second words',
      waitingSince: named.message.createdAt,
    });

    agent.send({ action: 'closeRoom', roomId: visitor.roomId });
    expect(await visitor.next('roomClosed')).toEqual({ type: 'roomClosed', roomId: visitor.roomId });
    expect(await agent.next('roomClosed')).toEqual({ type: 'roomClosed', roomId: visitor.roomId });
    expect((await agent.next('roomUpdated', isThisRoom)).room.status).toBe('closed');
    const closedList = await agent.request({ action: 'listRooms', status: 'closed' }, 'rooms');
    expect(closedList.rooms.map((r) => r.roomId)).toContain(visitor.roomId);
    const openList = await agent.request({ action: 'listRooms' }, 'rooms', (r) => r !== closedList);
    expect(openList.rooms.map((r) => r.roomId)).not.toContain(visitor.roomId);

    visitor.send({ action: 'sendMessage', clientMsgId: 'r-3', text: 'Actually, one more thing' });
    const reopened = await agent.next('roomUpdated', (e) => isThisRoom(e) && e.room.status === 'open');
    expect(reopened.room.lastMessagePreview).toBe('Actually, one more thing');
    const reopenedList = await agent.request({ action: 'listRooms' }, 'rooms', (r) => r !== openList);
    expect(reopenedList.rooms.map((r) => r.roomId)).toContain(visitor.roomId);
  });

  it('lists rooms newest activity first', async () => {
    const agent = await stack.agent();
    const older = await stack.visitor();
    const newer = await stack.visitor();
    await older.request({ action: 'sendMessage', clientMsgId: 'o-1', text: 'older' }, 'message');
    await newer.request({ action: 'sendMessage', clientMsgId: 'n-1', text: 'newer' }, 'message');
    const { rooms } = await agent.request({ action: 'listRooms', limit: 2 }, 'rooms');
    expect(rooms.map((r) => r.roomId)).toEqual([newer.roomId, older.roomId]);
    for (let i = 1; i < rooms.length; i++) expect(rooms[i - 1]!.lastMessageAt >= rooms[i]!.lastMessageAt).toBe(true);
  });

  it('pages history backwards with before, and catches up with after', async () => {
    const visitor = await stack.visitor();
    const seqs: number[] = [];
    for (let i = 1; i <= 7; i++) {
      const { message } = await visitor.request({ action: 'sendMessage', clientMsgId: `p-${i}`, text: `message ${i}` }, 'message');
      seqs.push(message.seq);
    }
    expect(seqs).toEqual([1, 2, 3, 4, 5, 6, 7]);

    const latest = await visitor.request({ action: 'history', limit: 3 }, 'history');
    expect(latest.messages.map((m) => m.text)).toEqual(['message 5', 'message 6', 'message 7']);
    expect(latest.hasMore).toBe(true);
    const older = await visitor.request({ action: 'history', before: 5, limit: 3 }, 'history', (h) => h !== latest);
    expect(older.messages.map((m) => m.text)).toEqual(['message 2', 'message 3', 'message 4']);
    expect(older.hasMore).toBe(true);
    const oldest = await visitor.request({ action: 'history', before: 2, limit: 3 }, 'history', (h) => h !== older);
    expect(oldest.messages.map((m) => m.text)).toEqual(['message 1']);
    expect(oldest.hasMore).toBe(false);

    const caughtUp = await visitor.request({ action: 'history', after: 4 }, 'history', (h) => h !== oldest);
    expect(caughtUp.messages.map((m) => m.text)).toEqual(['message 5', 'message 6', 'message 7']);
    expect(caughtUp.hasMore).toBe(false);
  });

  it('lets a reconnecting visitor catch up on exactly the messages it missed', async () => {
    const visitor = await stack.visitor();
    const agent = await stack.agent();
    const { message: seen } = await visitor.request({ action: 'sendMessage', clientMsgId: 'c-1', text: 'before the tunnel' }, 'message');
    await agent.request({ action: 'join', roomId: visitor.roomId }, 'history');
    visitor.close();
    await visitor.closed;

    for (const [i, text] of ['are you there?', 'we fixed it', 'anything else?'].entries()) {
      const frame = { action: 'sendMessage', roomId: visitor.roomId, clientMsgId: `missed-${i}`, text };
      await agent.request(frame, 'message', (m) => m.message.text === text);
    }

    const back = await stack.visitor(visitor.key);
    const missed = await back.request({ action: 'history', after: seen.seq }, 'history');
    expect(missed.messages.map((m) => m.text)).toEqual(['are you there?', 'we fixed it', 'anything else?']);
    expect(missed.hasMore).toBe(false);
  });

  it('tells the room when an agent leaves, and when an agent disconnects', async () => {
    await stack.createUser('second.agent@example.com', { agent: true });
    const visitor = await stack.visitor();
    await visitor.request({ action: 'sendMessage', clientMsgId: 'l-1', text: 'hello' }, 'message');
    const first = await stack.agent();
    const second = await stack.agent('second.agent@example.com');
    await first.request({ action: 'join', roomId: visitor.roomId }, 'history');
    await second.request({ action: 'join', roomId: visitor.roomId }, 'history');
    expect((await visitor.next('presence', (p) => p.agentsOnline === 2)).event).toBe('joined');

    first.send({ action: 'leave', roomId: visitor.roomId });
    expect(await visitor.next('presence', (p) => p.event === 'left')).toMatchObject({ agentsOnline: 1 });
    second.close();
    expect(await visitor.next('presence', (p) => p.event === 'left' && p.agentsOnline === 0)).toMatchObject({ name: 'Second Agent' });
  });

  it('counts one agent in two tabs as one agent in the room and in every inbox', async () => {
    const visitor = await stack.visitor();
    await visitor.request({ action: 'sendMessage', clientMsgId: 'two-tabs-1', text: 'hello' }, 'message');
    const tab = await stack.agent();
    const otherTab = await stack.agent();
    await tab.request({ action: 'join', roomId: visitor.roomId }, 'history');
    expect(await visitor.next('presence', (p) => p.event === 'joined')).toMatchObject({ agentsOnline: 1 });
    await otherTab.request({ action: 'join', roomId: visitor.roomId }, 'history');
    expect(await visitor.next('presence', (p) => p.event === 'joined')).toMatchObject({ agentsOnline: 1 });
    const inbox = await otherTab.request({ action: 'listRooms' }, 'rooms');
    expect(inbox.rooms.find((r) => r.roomId === visitor.roomId)?.agentsOnline).toBe(1);
    otherTab.close();
    expect(await visitor.next('presence', (p) => p.event === 'left')).toMatchObject({ agentsOnline: 1 });
    tab.send({ action: 'leave', roomId: visitor.roomId });
    expect(await visitor.next('presence', (p) => p.event === 'left')).toMatchObject({ agentsOnline: 0 });
  });
});

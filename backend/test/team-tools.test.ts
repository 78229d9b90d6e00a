import { InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from './support/test-stack.ts';

/** What agents work with beside conversations: saved replies, their profile, the team's agents, the visitor's context. */
describe("the team's tools", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
    await stack.createUser('casey.tools@example.com', { agent: true });
  });
  afterAll(() => stack.close());

  async function ready(agent: Awaited<ReturnType<TestStack['agent']>>) {
    agent.send({ action: 'getTeam' });
    await agent.next('team', (e) => e.me !== undefined);
    return agent;
  }

  describe('saved replies', () => {
    it('are kept by admins, heard by every console at once, and listed in shortcut order', async () => {
      const admin = await ready(await stack.agent());
      const casey = await ready(await stack.agent('casey.tools@example.com'));
      admin.send({
        action: 'saveReply',
        reply: {
          shortcut: 'refund',
          title: 'Refund policy',
          text: { en: 'Hi {{visitor.name|there}}, refunds take 5 days.', de: 'Hallo!' },
        },
      });
      const heard = await casey.next('replies', (e) => e.replies.some((r) => r.shortcut === 'refund'));
      const refund = heard.replies.find((r) => r.shortcut === 'refund')!;
      expect(refund).toMatchObject({
        title: 'Refund policy',
        text: { en: 'Hi {{visitor.name|there}}, refunds take 5 days.', de: 'Hallo!' },
      });
      expect(refund.id).toMatch(/^[A-Za-z0-9_-]+$/);

      admin.send({
        action: 'saveReply',
        reply: { shortcut: 'hello', title: 'Greeting', text: { default: 'Hello, {{agent.name}} here.' } },
      });
      await casey.next('replies', (e) => e.replies.some((r) => r.shortcut === 'hello'));
      const listed = await casey.request({ action: 'listReplies' }, 'replies');
      expect(listed.replies.map((r) => r.shortcut)).toEqual(['hello', 'refund']);

      admin.send({
        action: 'saveReply',
        reply: { id: refund.id, shortcut: refund.shortcut, title: refund.title, text: { en: 'Refunds take 3 days now.' } },
      });
      await casey.next('replies', (e) => e.replies.some((r) => r.text.en === 'Refunds take 3 days now.'));
      admin.send({ action: 'deleteReply', id: refund.id });
      expect((await casey.next('replies', (e) => !e.replies.some((r) => r.id === refund.id))).replies.map((r) => r.shortcut)).toEqual([
        'hello',
      ]);
    });

    it('refuse non-admins, a taken shortcut, bad shortcuts and texts, and an unknown reply, changing nothing', async () => {
      const admin = await ready(await stack.agent());
      const casey = await ready(await stack.agent('casey.tools@example.com'));
      const before = (await admin.request({ action: 'listReplies' }, 'replies')).replies;
      const reply = { shortcut: 'ship', title: 'Shipping', text: { en: 'Ships in 2 days.' } };
      expect(await casey.request({ action: 'saveReply', reply }, 'error')).toMatchObject({
        code: 'forbidden',
        message: 'Only admins may change the saved replies.',
      });
      await admin.request({ action: 'saveReply', reply }, 'replies');
      expect(await admin.request({ action: 'saveReply', reply: { ...reply, title: 'Other' } }, 'error')).toMatchObject({
        code: 'bad_request',
        message: 'reply.shortcut: /ship is taken by another reply.',
      });
      for (const bad of [
        { ...reply, shortcut: 'Has Space' },
        { ...reply, shortcut: '' },
        { ...reply, text: {} },
        { ...reply, text: { en: 'x'.repeat(4001) } },
        { ...reply, title: '' },
      ]) {
        expect(await admin.request({ action: 'saveReply', reply: bad }, 'error'), JSON.stringify(bad).slice(0, 60)).toMatchObject({
          code: 'bad_request',
        });
      }
      expect(await admin.request({ action: 'deleteReply', id: 'nope' }, 'error')).toMatchObject({ code: 'not_found' });
      expect(await casey.request({ action: 'deleteReply', id: 'nope' }, 'error')).toMatchObject({ code: 'forbidden' });
      const after = (await admin.request({ action: 'listReplies' }, 'replies')).replies;
      expect(after.map((r) => r.shortcut).sort()).toEqual([...before.map((r) => r.shortcut), 'ship'].sort());
    });
  });

  describe('agents', () => {
    it('take the name their identity provider holds on first connecting, and visitors see the one they choose', async () => {
      // cognito-local puts no `name` claim in ID tokens; the directory holds "Alex from Support".
      const agent = await ready(await stack.agent());
      const visitor = await stack.visitor();
      await visitor.request({ action: 'sendMessage', clientMsgId: 'v-1', text: 'Hi' }, 'message');
      await agent.request({ action: 'join', roomId: visitor.roomId }, 'history');
      expect((await visitor.next('presence', (e) => e.event === 'joined')).name).toBe('Alex from Support');
      agent.send({ action: 'sendMessage', roomId: visitor.roomId, clientMsgId: 'a-1', text: 'Hello!' });
      expect((await visitor.next('message', (e) => e.message.clientMsgId === 'a-1')).message.sender).toEqual({
        role: 'agent',
        name: 'Alex from Support',
      });

      agent.send({ action: 'updateProfile', name: 'Alex P.', color: '#0f766e' });
      const roster = await agent.next('agents', (e) => e.agents.some((a) => a.name === 'Alex P.'));
      expect(roster.agents.find((a) => a.name === 'Alex P.')).toMatchObject({ color: '#0f766e', admin: true, online: true });
      agent.send({ action: 'sendMessage', roomId: visitor.roomId, clientMsgId: 'a-2', text: 'Still me.' });
      expect((await visitor.next('message', (e) => e.message.clientMsgId === 'a-2')).message.sender.name).toBe('Alex P.');
      visitor.send({ action: 'typing', isTyping: true });
      agent.send({ action: 'typing', roomId: visitor.roomId, isTyping: true });
      expect((await visitor.next('typing')).name).toBe('Alex P.');
      for (const bad of [{ name: '' }, { name: 'x'.repeat(81) }, { name: 'Ok', color: 'red' }]) {
        expect(await agent.request({ action: 'updateProfile', ...bad }, 'error')).toMatchObject({ code: 'bad_request' });
      }
      await agent.request({ action: 'updateProfile', name: 'Alex from Support' }, 'agents');
    });

    it('are invited, made admins and removed by admins only; the invited sign in; the removed are cut off and their conversations unassigned', async () => {
      const admin = await ready(await stack.agent());
      const casey = await ready(await stack.agent('casey.tools@example.com'));
      const email = 'new.hire@example.com';
      expect(await casey.request({ action: 'inviteAgent', email, name: 'New Hire' }, 'error')).toMatchObject({ code: 'forbidden' });

      admin.send({ action: 'inviteAgent', email, name: 'New Hire' });
      const invited = await admin.next('agentInvited');
      // The local pool cannot email: the admin is given the temporary password to pass on.
      expect(invited).toMatchObject({ email, temporaryPassword: expect.stringMatching(/^.{16}$/) });
      const roster = await casey.next('agents', (e) => e.agents.some((a) => a.email === email));
      const hire = roster.agents.find((a) => a.email === email)!;
      expect(hire).toMatchObject({ name: 'New Hire', admin: false, invited: true, online: false, status: 'available' });
      const challenge = await stack.cognito.client.send(
        new InitiateAuthCommand({
          AuthFlow: 'USER_PASSWORD_AUTH',
          ClientId: stack.cognito.clientId,
          AuthParameters: { USERNAME: email, PASSWORD: invited.temporaryPassword! },
        }),
      );
      expect(challenge.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
      expect(await admin.request({ action: 'inviteAgent', email, name: 'Again' }, 'error')).toMatchObject({ code: 'conflict' });

      admin.send({ action: 'setAdmin', agentId: hire.agentId, admin: true });
      await casey.next('agents', (e) => e.agents.some((a) => a.email === email && a.admin));
      expect((await stack.deps.directory.get(hire.agentId))!.admin).toBe(true);
      expect(
        await admin.request(
          {
            action: 'setAdmin',
            agentId: (await admin.request({ action: 'listAgents' }, 'agents')).agents.find((a) => a.email === 'agent@example.com')!.agentId,
            admin: false,
          },
          'error',
        ),
      ).toMatchObject({ code: 'bad_request', message: 'You cannot revoke your own admin role: ask another admin.' });

      // Casey, removed, holding a conversation: the console closes, the conversation goes back.
      const visitor = await stack.visitor();
      await visitor.request({ action: 'sendMessage', clientMsgId: 'v-1', text: 'Hello' }, 'message');
      await visitor.settle();
      casey.send({ action: 'assign', roomId: visitor.roomId });
      await casey.next('roomUpdated', (e) => e.room.roomId === visitor.roomId && e.room.assignee !== undefined);
      const caseyId = (await stack.deps.rooms.get(visitor.roomId))!.assignee!.agentId;
      admin.send({ action: 'removeAgent', agentId: caseyId });
      expect(await casey.closed).toBeGreaterThan(0);
      await expect.poll(async () => (await stack.deps.rooms.get(visitor.roomId))!.assignee, { timeout: 5000 }).toBeUndefined();
      expect(await stack.deps.directory.get(caseyId)).toBeUndefined();
      await admin.next('agents', (e) => !e.agents.some((a) => a.agentId === caseyId));
      expect(await admin.request({ action: 'removeAgent', agentId: caseyId }, 'error')).toMatchObject({ code: 'not_found' });
      expect(await admin.request({ action: 'removeAgent', agentId: invited.email }, 'error')).toMatchObject({ code: 'bad_request' });
    });
  });

  describe("the visitor's context", () => {
    it('shows the agents in the room the page, referrer, browser and system, as the visitor moves', async () => {
      const agent = await ready(await stack.agent());
      const visitor = await stack.visitor();
      await visitor.request({ action: 'sendMessage', clientMsgId: 'v-1', text: 'Question about pricing' }, 'message');
      await agent.request({ action: 'join', roomId: visitor.roomId }, 'history');
      visitor.send({
        action: 'context',
        lang: 'de-AT',
        timeZone: 'Europe/Vienna',
        page: { url: 'https://shop.example/pricing?plan=team', title: 'Pricing · Shop' },
        referrer: 'https://www.google.com/',
      });
      const updated = await agent.next('roomUpdated', (e) => e.room.roomId === visitor.roomId && e.room.visitor?.page !== undefined);
      expect(updated.room.visitor).toMatchObject({
        lang: 'de-AT',
        timeZone: 'Europe/Vienna',
        page: { url: 'https://shop.example/pricing?plan=team', title: 'Pricing · Shop', at: expect.any(String) },
        referrer: 'https://www.google.com/',
      });
      visitor.send({ action: 'context', lang: 'de-AT', page: { url: 'https://shop.example/checkout', title: 'Checkout' } });
      const moved = await agent.next('roomUpdated', (e) => e.room.visitor?.page?.url === 'https://shop.example/checkout');
      expect(moved.room.visitor?.referrer).toBe('https://www.google.com/');

      for (const bad of [
        { page: { url: 'javascript:alert(1)' } },
        { page: { url: 'https://x.example', title: 'x'.repeat(201) } },
        { referrer: 'ftp://x' },
      ]) {
        expect(await visitor.request({ action: 'context', lang: 'en', ...bad }, 'error')).toMatchObject({ code: 'bad_request' });
      }
    });

    it("names the browser and system from the connection's User-Agent", async () => {
      const { describeUserAgent } = await import('../src/chat/user-agent.ts');
      expect(
        describeUserAgent(
          'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
        ),
      ).toEqual({ browser: 'Safari 17', os: 'macOS' });
      expect(
        describeUserAgent(
          'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
        ),
      ).toEqual({ browser: 'Edge 131', os: 'Windows' });
      expect(
        describeUserAgent(
          'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0 Mobile/15E148 Safari/604.1',
        ),
      ).toEqual({ browser: 'Chrome 126', os: 'iOS' });
      expect(describeUserAgent('Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0')).toEqual({
        browser: 'Firefox 132',
        os: 'Linux',
      });
      expect(describeUserAgent('curl/8.0')).toEqual({});
    });

    it("lists the visitor's other conversations by their email, and none of anyone else's", async () => {
      const agent = await ready(await stack.agent());
      const email = 'returning.visitor@example.com';
      const rooms: string[] = [];
      for (const text of ['First time', 'Second time']) {
        const visitor = await stack.visitor();
        await visitor.request({ action: 'identify', email: text === 'First time' ? email : email.toUpperCase() }, 'profile');
        await visitor.request({ action: 'sendMessage', clientMsgId: 'v-1', text }, 'message');
        rooms.push(visitor.roomId);
      }
      const stranger = await stack.visitor();
      await stranger.request({ action: 'identify', email: 'someone.else@example.com' }, 'profile');
      const others = await agent.request({ action: 'visitorRooms', roomId: rooms[1]! }, 'visitorRooms');
      expect(others.rooms.map((r) => r.roomId)).toEqual([rooms[0]]);
      expect(others.rooms[0]).toMatchObject({ lastMessagePreview: 'First time', visitorEmail: email });
      const none = await agent.request({ action: 'visitorRooms', roomId: stranger.roomId }, 'visitorRooms');
      expect(none.rooms).toEqual([]);
      expect(await stranger.request({ action: 'visitorRooms', roomId: stranger.roomId }, 'error')).toMatchObject({ code: 'forbidden' });
    });
  });
});

import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FRAME_BYTES, MAX_TEXT_LENGTH } from '../src/protocol/index.ts';
import { resignToken, tamperToken } from './support/forge-token.ts';
import { TestSocket, UpgradeRefused, WAIT_MS } from './support/test-socket.ts';
import { newVisitorKey, startTestStack, type TestStack } from './support/test-stack.ts';

describe('bad input gets a clear refusal and changes nothing', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack.close());

  const countItems = async (tableName: string) => {
    const { Items = [] } = await stack.doc.send(new ScanCommand({ TableName: tableName }));
    return Items.length;
  };
  const snapshot = async () => ({
    messages: await countItems(stack.tableNames.messages),
    rooms: await countItems(stack.tableNames.rooms),
  });

  it('answers every bad frame with the right error code, keeps the connection open and stores nothing', async () => {
    const visitor = await stack.visitor();
    const agent = await stack.agent();
    await visitor.request({ action: 'sendMessage', clientMsgId: 'ok-1', text: 'a real message' }, 'message');
    await agent.settle();
    const before = await snapshot();
    const roomUpdatesBefore = agent.all('roomUpdated').length;

    const cases: { who: TestSocket; frame: unknown; code: string; action?: string; clientMsgId?: string }[] = [
      { who: visitor, frame: 'this is not json', code: 'bad_request' },
      { who: visitor, frame: '[1,2,3]', code: 'bad_request' },
      { who: visitor, frame: { text: 'no action' }, code: 'bad_request' },
      { who: visitor, frame: { action: 'teleport' }, code: 'unknown_action', action: 'teleport' },
      {
        who: visitor,
        frame: { action: 'sendMessage', clientMsgId: 'c-1' },
        code: 'bad_request',
        action: 'sendMessage',
        clientMsgId: 'c-1',
      },
      { who: visitor, frame: { action: 'sendMessage', clientMsgId: 'c-2', text: '   ' }, code: 'bad_request', clientMsgId: 'c-2' },
      { who: visitor, frame: { action: 'sendMessage', clientMsgId: 'bad id!', text: 'hi' }, code: 'bad_request' },
      { who: visitor, frame: { action: 'sendMessage', clientMsgId: 'c-3', text: 'hi', color: 'red' }, code: 'bad_request' },
      {
        who: visitor,
        frame: { action: 'sendMessage', clientMsgId: 'c-4', text: 'x'.repeat(MAX_TEXT_LENGTH + 1) },
        code: 'too_large',
        clientMsgId: 'c-4',
      },
      { who: visitor, frame: { action: 'history', limit: 500 }, code: 'bad_request' },
      {
        who: visitor,
        frame: { action: 'history', before: '01J0000000000000000000000A', after: '01J0000000000000000000000A' },
        code: 'bad_request',
      },
      { who: visitor, frame: { action: 'identify' }, code: 'bad_request' },
      { who: visitor, frame: { action: 'identify', email: 'not-an-email' }, code: 'bad_request' },
      { who: visitor, frame: { action: 'identify', name: 'n'.repeat(81) }, code: 'bad_request' },
      { who: visitor, frame: { action: 'typing', isTyping: 'yes' }, code: 'bad_request' },
      { who: visitor, frame: { action: 'listRooms' }, code: 'forbidden' },
      { who: agent, frame: { action: 'identify', name: 'Agent Smith' }, code: 'forbidden' },
      { who: agent, frame: { action: 'sendMessage', clientMsgId: 'c-5', text: 'where?' }, code: 'bad_request' },
      { who: agent, frame: { action: 'join', roomId: 'A'.repeat(43) }, code: 'not_found', action: 'join' },
      {
        who: agent,
        frame: { action: 'sendMessage', roomId: 'B'.repeat(43), clientMsgId: 'c-6', text: 'hello?' },
        code: 'not_found',
        clientMsgId: 'c-6',
      },
      { who: agent, frame: { action: 'closeRoom', roomId: 'C'.repeat(43) }, code: 'not_found' },
      { who: agent, frame: { action: 'listRooms', status: 'archived' }, code: 'bad_request' },
    ];
    for (const c of cases) {
      const errorsBefore = c.who.all('error').length;
      c.who.send(c.frame);
      const error = await c.who.next('error', () => c.who.all('error').length > errorsBefore);
      expect(error.code, JSON.stringify(c.frame).slice(0, 80)).toBe(c.code);
      expect(error.message.length).toBeGreaterThan(0);
      if (c.action) expect(error.action).toBe(c.action);
      if (c.clientMsgId) expect(error.clientMsgId).toBe(c.clientMsgId);
    }
    await Promise.all([visitor.settle(), agent.settle()]);
    expect(visitor.isOpen && agent.isOpen).toBe(true);
    expect(await snapshot()).toEqual(before);
    expect(agent.all('roomUpdated')).toHaveLength(roomUpdatesBefore);
    expect(visitor.all('message')).toHaveLength(1);
  });

  it('never echoes arbitrary input back in an error', async () => {
    const visitor = await stack.visitor();
    const error = await visitor.request({ action: '<img src=x onerror=alert(1)>' }, 'error');
    expect(error.code).toBe('unknown_action');
    expect(JSON.stringify(error)).not.toContain('<img');
  });

  it('answers internal when the server fails, and the client may retry', async () => {
    const visitor = await stack.visitor();
    const append = stack.deps.messages.append;
    stack.deps.messages.append = async () => {
      throw new Error('simulated DynamoDB outage');
    };
    try {
      const error = await visitor.request({ action: 'sendMessage', clientMsgId: 'flaky', text: 'during an outage' }, 'error');
      expect(error).toMatchObject({ code: 'internal', action: 'sendMessage', clientMsgId: 'flaky' });
      expect(error.message).not.toContain('simulated');
    } finally {
      stack.deps.messages.append = append;
    }
    // The retry with the same clientMsgId completes the interrupted send, once.
    const sent = await visitor.request({ action: 'sendMessage', clientMsgId: 'flaky', text: 'during an outage' }, 'message');
    expect(sent.message.text).toBe('during an outage');
    const history = await visitor.request({ action: 'history' }, 'history');
    expect(history.messages.map((m) => m.clientMsgId)).toEqual(['flaky']);
  });

  it('rate-limits a connection past 10 frames a second (bursts of 20), storing nothing beyond', async () => {
    const visitor = await stack.visitor();
    // With the clock stopped, the limiter sees 40 frames in the same instant: exactly the
    // burst of 20 passes, however slowly this machine happens to process them.
    const unfreeze = stack.freezeClock();
    for (let i = 0; i < 40; i++) visitor.send({ action: 'sendMessage', clientMsgId: `burst-${i}`, text: `burst ${i}` });
    await expect.poll(() => visitor.all('message').length + visitor.all('error').length, { timeout: WAIT_MS }).toBe(40);
    expect(visitor.all('error').filter((e) => e.code !== 'rate_limited')).toEqual([]);
    const limited = visitor.all('error').filter((e) => e.code === 'rate_limited');
    const acknowledged = visitor.all('message');
    unfreeze();
    expect(acknowledged).toHaveLength(20);
    expect(limited).toHaveLength(20);
    expect(limited.every((e) => e.clientMsgId?.startsWith('burst-'))).toBe(true);
    const { Items = [] } = await stack.doc.send(
      new QueryCommand({
        TableName: stack.tableNames.messages,
        KeyConditionExpression: 'roomId = :r',
        ExpressionAttributeValues: { ':r': visitor.roomId },
      }),
    );
    expect(Items).toHaveLength(acknowledged.length);
    expect(visitor.isOpen).toBe(true);
  });

  it('closes the connection with 1009 on a frame over 32 KB, as API Gateway does', async () => {
    const visitor = await stack.visitor();
    visitor.send({ action: 'sendMessage', clientMsgId: 'huge', text: 'x'.repeat(MAX_FRAME_BYTES + 1024) });
    expect(await visitor.closed).toBe(1009);
  });

  it('refuses the upgrade with 401 for missing or malformed credentials and invalid tokens', async () => {
    const good = await stack.idToken('agent@example.com');
    const urls = [
      stack.websocketUrl,
      `${stack.websocketUrl}?visitorKey=short`,
      `${stack.websocketUrl}?visitorKey=${'!'.repeat(43)}`,
      `${stack.websocketUrl}?visitorKey=${newVisitorKey()}&token=${good}`,
      `${stack.websocketUrl}?token=not.a.jwt`,
      `${stack.websocketUrl}?token=${tamperToken(good, { 'cognito:groups': ['agents', 'admins'] })}`,
      `${stack.websocketUrl}?token=${resignToken(good, { exp: Math.floor(Date.now() / 1000) - 60 })}`,
      `${stack.websocketUrl}?token=${resignToken(good, { aud: 'another-app-client' })}`,
      `${stack.websocketUrl}?token=${resignToken(good, { token_use: 'access' })}`,
    ];
    for (const url of urls) {
      await expect(TestSocket.open(url), url.slice(0, 120)).rejects.toEqual(new UpgradeRefused(401));
    }
  });

  it('refuses the upgrade with 403 for a valid user who is not an agent', async () => {
    await stack.createUser('customer@example.com', { agent: false });
    const token = await stack.idToken('customer@example.com');
    await expect(TestSocket.open(`${stack.websocketUrl}?token=${token}`)).rejects.toEqual(new UpgradeRefused(403));
  });

  it('never writes a visitor key or an ID token to the logs, even when refusing them', async () => {
    const key = newVisitorKey();
    await expect(TestSocket.open(`${stack.websocketUrl}?visitorKey=${key}&token=x`)).rejects.toEqual(new UpgradeRefused(401));
    const visitor = await stack.visitor();
    visitor.send(`{"action":"sendMessage","clientMsgId":"log-1","text":"${visitor.key}"}`);
    await visitor.next('message');
    // The earlier tests of this file logged connections, refusals and an internal error.
    expect(stack.logLines.some((line) => line.includes('refused'))).toBe(true);
    expect(stack.logLines.some((line) => line.includes('action failed'))).toBe(true);
    for (const secret of [...stack.secrets, key]) {
      for (const line of stack.logLines) expect(line).not.toContain(secret);
    }
  });

  it('prunes a dead connection when @connections answers 410', async () => {
    const visitor = await stack.visitor();
    // A connection whose $disconnect was lost: its records remain, its socket is gone.
    // Made a minute ago: a connection just made may not take posts yet, and is not pruned.
    await stack.deps.connections.add({ connectionId: 'ghost-connection=', role: 'visitor', roomId: visitor.roomId }, Date.now() - 60_000);
    const members = async () => (await stack.deps.connections.members(visitor.roomId)).map((m) => m.connectionId);
    expect(await members()).toContain('ghost-connection=');

    await visitor.request({ action: 'sendMessage', clientMsgId: 'wakes-ghost', text: 'hello' }, 'message');
    await visitor.settle();
    expect(await members()).not.toContain('ghost-connection=');
    expect(await stack.deps.connections.get('ghost-connection=')).toBeUndefined();
    // The live sender was not pruned: it is the one member left.
    expect(await members()).toHaveLength(1);
    expect(visitor.isOpen).toBe(true);
  });

  it("tells the room an agent left when the agent's dead connection is pruned", async () => {
    const visitor = await stack.visitor();
    await visitor.request({ action: 'sendMessage', clientMsgId: 'before-ghost', text: 'hello' }, 'message');
    // An agent's connection whose $disconnect was lost, still a member of the room.
    const ghost = { connectionId: 'ghost-agent=', role: 'agent' as const, agentId: 'sub-ghost', name: 'Ghost', admin: false, rooms: [] };
    await stack.deps.connections.add(ghost, Date.now() - 60_000);
    await stack.deps.connections.join(ghost.connectionId, visitor.roomId, { name: 'Ghost', agentId: 'ghost' }, Date.now() - 60_000);

    visitor.send({ action: 'sendMessage', clientMsgId: 'wakes-ghost-agent', text: 'anyone?' });
    const left = await visitor.next('presence', (p) => p.event === 'left');
    expect(left).toEqual({ type: 'presence', roomId: visitor.roomId, agentsOnline: 0, event: 'left', name: 'Ghost' });
    expect(await stack.deps.connections.get(ghost.connectionId)).toBeUndefined();
  });
});

describe("the gateway keeps API Gateway's connection limits", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ gatewayLimits: { idleTimeoutMs: 400, maxConnectionMs: 1500 } });
  });
  afterAll(() => stack.close());

  it('closes an idle connection, and forgets it', async () => {
    const visitor = await stack.visitor();
    expect(await visitor.closed).toBe(1001);
    await expect.poll(() => stack.deps.connections.members(visitor.roomId)).toEqual([]);
  });

  it('closes a connection at the maximum duration even when it is busy', async () => {
    const visitor = await stack.visitor();
    const pinger = setInterval(() => visitor.isOpen && visitor.send({ action: 'ping' }), 100);
    try {
      expect(await visitor.closed).toBe(1001);
      expect(visitor.all('pong').length).toBeGreaterThan(3);
    } finally {
      clearInterval(pinger);
    }
  });
});

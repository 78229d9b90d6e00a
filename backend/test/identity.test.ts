import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roomIdForCustomer, roomIdForVisitorKey } from '../src/auth/visitor-key.ts';
import { httpEvent } from './support/http-event.ts';
import { UpgradeRefused } from './support/test-socket.ts';
import { newVisitorKey, startTestStack, type TestStack } from './support/test-stack.ts';

const ALEX = { sub: 'cust-1042', name: 'Alex Martin', email: 'alex@example.com', attributes: { plan: 'Pro', seats: 12, trial: false } };
const texts = (messages: { text: string }[]) => messages.map((m) => m.text);

describe('signed-in customers (verified identity)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ identityMode: 'optional' });
  });
  afterAll(() => stack.close());

  /** The room's items in every table: what a refused connection must not have created. */
  const roomItems = async (roomId: string) => {
    const [rooms, messages] = await Promise.all([
      stack.doc.send(
        new QueryCommand({
          TableName: stack.tableNames.rooms,
          KeyConditionExpression: 'roomId = :r',
          ExpressionAttributeValues: { ':r': roomId },
        }),
      ),
      stack.doc.send(
        new QueryCommand({
          TableName: stack.tableNames.messages,
          KeyConditionExpression: 'roomId = :r',
          ExpressionAttributeValues: { ':r': roomId },
        }),
      ),
    ]);
    return [...(rooms.Items ?? []), ...(messages.Items ?? [])];
  };

  it('gives a good token a verified conversation, shown to agents with what the token says', async () => {
    const customer = await stack.customer(stack.identityToken(ALEX));
    const history = await customer.request({ action: 'history' }, 'history');
    expect(history.roomId).toBe(roomIdForCustomer(ALEX.sub));
    await customer.request({ action: 'sendMessage', clientMsgId: 'alex-1', text: 'My invoice is wrong' }, 'message');
    // What the visitor types stays unverified, beside the verified identity.
    await customer.request({ action: 'identify', name: 'Someone Else', email: 'other@example.com' }, 'profile');

    const agent = await stack.agent();
    const { rooms } = await agent.request({ action: 'listRooms' }, 'rooms');
    const room = rooms.find((r) => r.roomId === history.roomId)!;
    expect(room.customer).toMatchObject({ id: ALEX.sub, name: ALEX.name, email: ALEX.email, attributes: ALEX.attributes });
    expect(room.visitorName).toBe('Someone Else');
    expect(room.visitorEmail).toBe('other@example.com');
    // The agents' alert names the customer as their site vouched for them.
    expect(JSON.stringify(stack.alerts)).toContain(`New chat from ${ALEX.name}`);
  });

  it('tells the inbox of a customer when what their token says changes, not on every reconnect', async () => {
    const sub = 'cust-reconnects';
    const first = await stack.customer(stack.identityToken({ sub, name: 'Rey' }));
    await first.request({ action: 'sendMessage', clientMsgId: 'rey-1', text: 'hello' }, 'message');
    const agent = await stack.agent();
    await agent.request({ action: 'listRooms' }, 'rooms');
    const updates = () => agent.all('roomUpdated').filter((e) => e.room.roomId === roomIdForCustomer(sub));

    for (let i = 0; i < 3; i++) (await stack.customer(stack.identityToken({ sub, name: 'Rey' }))).close();
    await agent.settle();
    expect(updates()).toHaveLength(0);

    await stack.customer(stack.identityToken({ sub, name: 'Rey Skywalker' }));
    const renamed = await agent.next('roomUpdated', (e) => e.room.roomId === roomIdForCustomer(sub));
    expect(renamed.room.customer?.name).toBe('Rey Skywalker');
    expect(updates()).toHaveLength(1);
  });

  it('refuses an expired, tampered, wrong-audience, alg none or unknown-kid token with a clear reason, storing nothing', async () => {
    const now = Math.floor(Date.now() / 1000);
    const good = stack.identityToken({ sub: 'cust-refused' });
    const [header, payload, signature] = good.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: 'cust-1042' })).toString('base64url')}.${signature}`;
    const cases: [string, string, string][] = [
      ['expired', stack.identityToken({ sub: 'cust-refused', exp: now - 3600 }), 'The identity token has expired.'],
      ['signature', tampered, "The identity token's signature does not match."],
      ['audience', stack.identityToken({ sub: 'cust-refused', aud: 'another-site' }), 'The identity token is for another site (aud).'],
      ['algorithm', stack.identityToken({ sub: 'cust-refused' }, { alg: 'none' }), "The identity token's algorithm is not accepted."],
      [
        'unknown_key',
        stack.identityToken({ sub: 'cust-refused' }, { kid: 'retired-2025' }),
        'The identity token names an unknown key (kid).',
      ],
      [
        'too_long_lived',
        stack.identityToken({ sub: 'cust-refused', exp: now + 48 * 3600 }),
        'The identity token must expire within 24 hours.',
      ],
    ];
    for (const [code, token, message] of cases) {
      await expect(stack.customer(token), code).rejects.toEqual(new UpgradeRefused(401));
      const answer = await stack.http(httpEvent('POST', '/api/identity', token));
      expect(answer.statusCode, code).toBe(400);
      expect(JSON.parse(answer.body!), code).toEqual({ ok: false, code, message });
    }
    expect(await roomItems(roomIdForCustomer('cust-refused'))).toEqual([]);
    expect(await roomItems(roomIdForCustomer('cust-1042')).then((items) => items.length)).toBeGreaterThan(0);
    const goodAnswer = await stack.http(httpEvent('POST', '/api/identity', good));
    expect(JSON.parse(goodAnswer.body!)).toEqual({ ok: true, expiresAt: (claims.exp as number) * 1000 });
    // No token in any log line, refused or not.
    for (const line of stack.logLines) for (const secret of stack.secrets) expect(line).not.toContain(secret);
  });

  it('shows the same customer one conversation, live, on two devices at once', async () => {
    const token = stack.identityToken({ sub: 'cust-two-devices', name: 'Sam' });
    const laptop = await stack.customer(token);
    const phone = await stack.customer(stack.identityToken({ sub: 'cust-two-devices', name: 'Sam' }));
    await laptop.request({ action: 'sendMessage', clientMsgId: 'laptop-1', text: 'from the laptop' }, 'message');
    const onPhone = await phone.next('message', (e) => e.message.clientMsgId === 'laptop-1');
    expect(onPhone.message.roomId).toBe(roomIdForCustomer('cust-two-devices'));
    await phone.request({ action: 'sendMessage', clientMsgId: 'phone-1', text: 'from the phone' }, 'message');
    await laptop.next('message', (e) => e.message.clientMsgId === 'phone-1');
    const history = await phone.request({ action: 'history' }, 'history');
    expect(texts(history.messages)).toEqual(['from the laptop', 'from the phone']);
  });

  it('carries an anonymous conversation on after signing in, in the same room', async () => {
    const key = newVisitorKey();
    const anonymous = await stack.visitor(key);
    await anonymous.request({ action: 'sendMessage', clientMsgId: 'anon-1', text: 'before signing in' }, 'message');
    anonymous.close();

    const customer = await stack.customer(stack.identityToken({ sub: 'cust-handover', name: 'Kim' }), key);
    const history = await customer.request({ action: 'history' }, 'history');
    expect(history.roomId).toBe(roomIdForVisitorKey(key));
    expect(texts(history.messages)).toEqual(['before signing in']);
    await customer.request({ action: 'sendMessage', clientMsgId: 'signed-1', text: 'after signing in' }, 'message');

    // Another device of the same customer finds the same conversation.
    const phone = await stack.customer(stack.identityToken({ sub: 'cust-handover' }));
    expect(texts((await phone.request({ action: 'history' }, 'history')).messages)).toEqual(['before signing in', 'after signing in']);
  });

  it("copies a second browser's anonymous conversation into the customer's, once, and closes it there", async () => {
    const sub = 'cust-second-browser';
    const phone = await stack.customer(stack.identityToken({ sub }));
    await phone.request({ action: 'sendMessage', clientMsgId: 'phone-a', text: 'asked on the phone' }, 'message');

    const key = newVisitorKey();
    const laptopAnonymous = await stack.visitor(key);
    await laptopAnonymous.request({ action: 'sendMessage', clientMsgId: 'laptop-anon-1', text: 'asked on the laptop' }, 'message');
    const agent = await stack.agent();
    await agent.request({ action: 'join', roomId: laptopAnonymous.roomId }, 'history');
    await agent.request(
      { action: 'sendMessage', roomId: laptopAnonymous.roomId, clientMsgId: 'agent-anon-1', text: 'answered on the laptop' },
      'message',
    );
    laptopAnonymous.close();

    // Two tabs of the laptop sign in at the same moment: the conversation is copied once.
    const token = stack.identityToken({ sub });
    const [laptop, laptopTab] = await Promise.all([stack.customer(token, key), stack.customer(token, key)]);
    const history = await laptop.request({ action: 'history' }, 'history');
    expect(history.roomId).toBe(roomIdForCustomer(sub));
    expect(texts(history.messages)).toEqual(['asked on the phone', 'asked on the laptop', 'answered on the laptop']);
    // The laptop's outbox sends its message again (its acknowledgement was lost): not doubled.
    const resent = await laptopTab.request({ action: 'sendMessage', clientMsgId: 'laptop-anon-1', text: 'asked on the laptop' }, 'message');
    expect(resent.message.seq).toBe(2);
    expect(texts((await phone.request({ action: 'history' }, 'history')).messages)).toHaveLength(3);

    const { rooms } = await agent.request({ action: 'listRooms', status: 'closed' }, 'rooms');
    expect(rooms.find((r) => r.roomId === roomIdForVisitorKey(key))?.customer?.id).toBe(sub);
  });

  it("never merges a previous customer's conversation into the next one's on a shared browser", async () => {
    const key = newVisitorKey();
    const anonymous = await stack.visitor(key);
    await anonymous.request({ action: 'sendMessage', clientMsgId: 'first-person', text: 'my address is 1 Main St' }, 'message');
    anonymous.close();
    const first = await stack.customer(stack.identityToken({ sub: 'cust-first-person' }), key);
    await first.request({ action: 'history' }, 'history');
    first.close();

    // The next person signs in on the same browser, which (without a reset) still holds the key.
    const next = await stack.customer(stack.identityToken({ sub: 'cust-next-person' }), key);
    const history = await next.request({ action: 'history' }, 'history');
    expect(history.roomId).toBe(roomIdForCustomer('cust-next-person'));
    expect(history.messages).toEqual([]);
    expect(JSON.stringify(next.events)).not.toContain('1 Main St');
  });

  it('tells widgets before they connect that this deployment takes identity tokens', async () => {
    const team = JSON.parse((await stack.http(httpEvent('GET', '/api/team.json'))).body!) as { identity?: string };
    expect(team.identity).toBe('optional');
  });
});

describe('identity modes', () => {
  it('required: refuses anonymous visitors, and says so in team.json', async () => {
    const stack = await startTestStack({ identityMode: 'required' });
    try {
      await expect(stack.visitor()).rejects.toEqual(new UpgradeRefused(401));
      const team = JSON.parse((await stack.http(httpEvent('GET', '/api/team.json'))).body!) as { identity?: string };
      expect(team.identity).toBe('required');
      const customer = await stack.customer(stack.identityToken({ sub: 'portal-user' }));
      await customer.request({ action: 'sendMessage', clientMsgId: 'portal-1', text: 'hello from the portal' }, 'message');
    } finally {
      await stack.close();
    }
  });

  it('off: refuses identity tokens with a reason, and anonymous visitors chat as before', async () => {
    const stack = await startTestStack({ identityMode: 'off' });
    try {
      const token = stack.identityToken({ sub: 'nobody' });
      await expect(stack.customer(token)).rejects.toEqual(new UpgradeRefused(401));
      const answer = await stack.http(httpEvent('POST', '/api/identity', token));
      expect(JSON.parse(answer.body!)).toMatchObject({ ok: false, code: 'off' });
      const team = JSON.parse((await stack.http(httpEvent('GET', '/api/team.json'))).body!) as { identity?: string };
      expect(team.identity).toBeUndefined();
      const visitor = await stack.visitor();
      await visitor.request({ action: 'sendMessage', clientMsgId: 'anon', text: 'hi' }, 'message');
    } finally {
      await stack.close();
    }
  });
});

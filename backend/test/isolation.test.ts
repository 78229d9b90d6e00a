import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from './support/test-stack.ts';

describe('rooms are private to their visitor', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack.close());

  it("never shows one visitor another visitor's messages, history or typing", async () => {
    const alice = await stack.visitor();
    const bob = await stack.visitor();
    expect(alice.roomId).not.toBe(bob.roomId);

    await alice.request({ action: 'sendMessage', clientMsgId: 'secret-1', text: 'my card ends in 4242' }, 'message');
    alice.send({ action: 'typing', isTyping: true });
    await bob.request({ action: 'sendMessage', clientMsgId: 'bob-1', text: 'hello from bob' }, 'message');

    const bobHistory = await bob.request({ action: 'history' }, 'history');
    expect(bobHistory.roomId).toBe(bob.roomId);
    expect(bobHistory.messages.map((m) => m.text)).toEqual(['hello from bob']);
    await Promise.all([alice.settle(), bob.settle()]);

    expect(bob.all('message').map((e) => e.message.text)).toEqual(['hello from bob']);
    expect(bob.all('typing')).toEqual([]);
    expect(alice.all('message').map((e) => e.message.text)).toEqual(['my card ends in 4242']);
    expect(JSON.stringify(bob.events)).not.toContain(alice.roomId);
    expect(JSON.stringify(alice.events)).not.toContain(bob.roomId);
  });

  it('refuses a visitor who names another room, and stores nothing', async () => {
    const alice = await stack.visitor();
    const mallory = await stack.visitor();
    await alice.request({ action: 'sendMessage', clientMsgId: 'a-1', text: 'private' }, 'message');

    const frames = [
      { action: 'sendMessage', roomId: alice.roomId, clientMsgId: 'x-1', text: 'injected' },
      { action: 'history', roomId: alice.roomId },
      { action: 'typing', roomId: alice.roomId, isTyping: true },
      { action: 'read', roomId: alice.roomId, seq: 1 },
    ];
    for (const frame of frames) {
      const error = await mallory.request(frame, 'error', (e) => e.action === frame.action);
      expect(error.code).toBe('forbidden');
      expect(error.message).not.toContain(alice.roomId);
    }
    await alice.settle();
    expect(alice.all('message')).toHaveLength(1);
    expect(alice.all('typing')).toHaveLength(0);
    expect(alice.all('read')).toHaveLength(0);
    const { Items = [] } = await stack.doc.send(
      new QueryCommand({
        TableName: stack.tableNames.messages,
        KeyConditionExpression: 'roomId = :r',
        ExpressionAttributeValues: { ':r': alice.roomId },
      }),
    );
    expect(Items.map((i) => i.text)).toEqual(['private']);
    expect(mallory.isOpen).toBe(true);
  });

  it('refuses agent actions from a visitor', async () => {
    const visitor = await stack.visitor();
    for (const frame of [
      { action: 'listRooms' },
      { action: 'join', roomId: visitor.roomId },
      { action: 'leave', roomId: visitor.roomId },
      { action: 'closeRoom', roomId: visitor.roomId },
    ]) {
      const error = await visitor.request(frame, 'error', (e) => e.action === frame.action);
      expect(error.code).toBe('forbidden');
    }
    expect(visitor.all('rooms')).toEqual([]);
  });

  it('gives two tabs of the same visitor the same room', async () => {
    const tab1 = await stack.visitor();
    const tab2 = await stack.visitor(tab1.key);
    tab1.send({ action: 'sendMessage', clientMsgId: 'tab-1', text: 'from the first tab' });
    expect((await tab2.next('message')).message.text).toBe('from the first tab');
  });
});

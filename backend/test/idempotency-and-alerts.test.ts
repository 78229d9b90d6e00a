import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALERT_QUIET_MS, MAX_SMS_LENGTH } from '../src/protocol/index.ts';
import { startTestStack, type TestStack } from './support/test-stack.ts';

describe('sending is idempotent and agents are alerted sparingly', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack.close());

  const storedTexts = async (roomId: string) => {
    const { Items = [] } = await stack.doc.send(
      new QueryCommand({
        TableName: stack.tableNames.messages,
        KeyConditionExpression: 'roomId = :r',
        ExpressionAttributeValues: { ':r': roomId },
      }),
    );
    return Items.map((i) => i.text as string);
  };
  const alertsFor = (roomId: string) => stack.alerts.filter((a) => a.default.includes(roomId));

  it('stores, broadcasts and alerts a resent clientMsgId once, and gives the retry the original back', async () => {
    const visitor = await stack.visitor();
    const agent = await stack.agent();
    const frame = { action: 'sendMessage', clientMsgId: 'retry-me', text: 'Do you ship to Norway?' };
    const first = await visitor.request(frame, 'message');

    // The retry a client makes after its connection dropped before the acknowledgement.
    visitor.close();
    const again = await stack.visitor(visitor.key);
    const second = await again.request(frame, 'message');
    expect(second.message).toEqual(first.message);
    const third = await again.request({ ...frame, text: 'a different text under the same id' }, 'message', (m) => m !== second);
    expect(third.message).toEqual(first.message);

    await Promise.all([again.settle(), agent.settle()]);
    expect(await storedTexts(visitor.roomId)).toEqual(['Do you ship to Norway?']);
    expect(agent.all('roomUpdated').filter((e) => e.room.roomId === visitor.roomId)).toHaveLength(1);
    expect(alertsFor(visitor.roomId)).toHaveLength(1);
  });

  it('alerts on the first message, then only when nobody answers for the quiet window', async () => {
    const visitor = await stack.visitor();
    await visitor.request({ action: 'identify', name: 'Priya', email: 'priya@example.com' }, 'profile');
    await visitor.request({ action: 'sendMessage', clientMsgId: 'q-1', text: 'Is the AWS course still on sale?' }, 'message');
    await visitor.request({ action: 'sendMessage', clientMsgId: 'q-2', text: 'Hello?' }, 'message');
    await visitor.settle();
    expect(alertsFor(visitor.roomId)).toHaveLength(1);

    const [alert] = alertsFor(visitor.roomId);
    expect(alert!.subject).toBe('New chat: Priya');
    expect(alert!.email).toContain('priya@example.com');
    expect(alert!.email).toContain('Is the AWS course still on sale?');
    expect(alert!.email).toContain(`http://localhost:5173/agent.html#room=${visitor.roomId}`);
    expect([...alert!.sms!].length).toBeLessThanOrEqual(MAX_SMS_LENGTH);
    expect(alert!.sms).toContain(`#room=${visitor.roomId}`);

    // Nobody answered: past the quiet window, the next message alerts again, once.
    stack.advanceClock(ALERT_QUIET_MS + 1000);
    await visitor.request({ action: 'sendMessage', clientMsgId: 'q-3', text: 'Still waiting' }, 'message');
    await visitor.request({ action: 'sendMessage', clientMsgId: 'q-4', text: 'Still waiting!!' }, 'message');
    await visitor.settle();
    expect(alertsFor(visitor.roomId)).toHaveLength(2);
    expect(alertsFor(visitor.roomId)[1]!.sms).toContain('Still waiting');

    // With an agent in the room, a message after the window alerts nobody.
    const agent = await stack.agent();
    await agent.request({ action: 'join', roomId: visitor.roomId }, 'history');
    stack.advanceClock(ALERT_QUIET_MS + 1000);
    await visitor.request({ action: 'sendMessage', clientMsgId: 'q-5', text: 'thanks for joining' }, 'message');
    await visitor.settle();
    expect(alertsFor(visitor.roomId)).toHaveLength(2);
  });

  it('keeps the SMS alert within 160 characters for a long message', async () => {
    const visitor = await stack.visitor();
    await visitor.request({ action: 'sendMessage', clientMsgId: 'long', text: 'word '.repeat(700) }, 'message');
    await visitor.settle();
    const [alert] = alertsFor(visitor.roomId);
    expect([...alert!.sms!].length).toBeLessThanOrEqual(MAX_SMS_LENGTH);
    expect(alert!.subject).toBe('New chat: a visitor');
  });

  it('delivers the message even when the alert cannot be published', async () => {
    // The last test of the file: the stack's stop() tolerates an SNS endpoint already stopped.
    await stack.aws.stop();
    {
      const visitor = await stack.visitor();
      const agent = await stack.agent();
      const sent = await visitor.request({ action: 'sendMessage', clientMsgId: 'no-sns', text: 'is SNS down?' }, 'message');
      expect(sent.message.text).toBe('is SNS down?');
      expect((await agent.next('roomUpdated', (e) => e.room.roomId === visitor.roomId)).room.lastMessagePreview).toBe('is SNS down?');
      await visitor.settle();
      expect(visitor.all('error')).toEqual([]);
      expect(await storedTexts(visitor.roomId)).toEqual(['is SNS down?']);
    }
  });
});

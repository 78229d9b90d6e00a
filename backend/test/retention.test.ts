import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roomIdForCustomer } from '../src/auth/visitor-key.ts';
import { privacyStoresFromEnv } from '../src/privacy/stores.ts';
import { sweepExpired } from '../src/privacy/sweep.ts';
import { DEFAULT_RETENTION_DAYS } from '../src/retention.ts';
import { startTestStack, type TestStack } from './support/test-stack.ts';
import { PNG, uploadFile } from './support/uploads.ts';

const DAY = 86_400_000;

describe('retention', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack.close());

  const itemsOf = async (table: 'rooms' | 'messages', partition: string) =>
    (await stack.allItems(stack.tableNames[table])).filter((item) => item.roomId === partition);
  const secondsAfter = (iso: string, days: number) => Math.ceil((Date.parse(iso) + days * DAY) / 1000);

  it('stamps every item of a conversation with its expiry: messages, room record, send claims, customer binding', async () => {
    const visitor = await stack.visitor();
    const { message } = await visitor.request(
      { action: 'sendMessage', clientMsgId: 'ttl-1', text: 'How long do you keep this?' },
      'message',
    );
    const [stored] = await itemsOf('messages', visitor.roomId);
    expect(stored!.expiresAt).toBe(secondsAfter(message.createdAt, DEFAULT_RETENTION_DAYS));
    const roomItems = await itemsOf('rooms', visitor.roomId);
    const record = roomItems.find((item) => item.sk === 'room')!;
    expect(record.expiresAt).toBe(secondsAfter(record.activeAt as string, DEFAULT_RETENTION_DAYS));
    expect(Date.parse(record.activeAt as string)).toBeGreaterThanOrEqual(Date.parse(message.createdAt));
    const claim = roomItems.find((item) => item.sk === 'client#ttl-1')!;
    expect(claim.expiresAt).toBe(Math.ceil(((claim.claimedAt as number) + DEFAULT_RETENTION_DAYS * DAY) / 1000));

    const customer = await stack.customer(stack.identityToken({ sub: 'cust-ttl', name: 'Tess' }));
    await customer.request({ action: 'history' }, 'history');
    const [binding] = await itemsOf('rooms', 'customer#cust-ttl');
    expect(binding!.boundRoomId).toBe(roomIdForCustomer('cust-ttl'));
    expect((binding!.expiresAt as number) * 1000 - Date.now()).toBeGreaterThan((DEFAULT_RETENTION_DAYS - 1) * DAY);
    // What clients receive carries no expiry: it is the store's business.
    expect(message).not.toHaveProperty('expiresAt');
  });

  it('serves no read of a conversation older than the retention period, though DynamoDB has not deleted it yet', async () => {
    const email = 'olga@example.com';
    const old = await stack.visitor();
    await old.request({ action: 'identify', name: 'Olga', email }, 'profile');
    await old.request({ action: 'sendMessage', clientMsgId: 'old-1', text: 'My order 1234 never came' }, 'message');
    const { slot } = await uploadFile(old, { name: 'receipt.png', type: 'image/png', bytes: PNG }, 'old-file');
    await old.request({ action: 'sendMessage', clientMsgId: 'old-file', text: '', attachment: { id: slot.attachmentId } }, 'message');
    const agent = await stack.agent();
    await agent.request({ action: 'join', roomId: old.roomId }, 'history', (e) => e.roomId === old.roomId);
    await agent.request({ action: 'sendMessage', roomId: old.roomId, clientMsgId: 'old-reply', text: 'Sorry, resending' }, 'message');
    old.close();

    // 200 days on, the same visitor (same email) writes in a new conversation; 170 days after that, the first is 370 days old.
    stack.advanceClock(200 * DAY);
    const recent = await stack.visitor();
    await recent.request({ action: 'identify', name: 'Olga', email }, 'profile');
    await recent.request({ action: 'sendMessage', clientMsgId: 'new-1', text: 'Another question' }, 'message');
    stack.advanceClock(170 * DAY);

    // Still stored: only the reads leave it out.
    expect((await itemsOf('messages', old.roomId)).length).toBe(3);

    // The inbox: open and closed.
    const open = await agent.request({ action: 'listRooms', status: 'open' }, 'rooms');
    expect(open.rooms.map((r) => r.roomId)).toContain(recent.roomId);
    expect(open.rooms.map((r) => r.roomId)).not.toContain(old.roomId);
    // The visitor's other conversations.
    const others = await agent.request({ action: 'visitorRooms', roomId: recent.roomId }, 'visitorRooms');
    expect(others.rooms).toEqual([]);
    // Joining it, as from an old alert's link.
    const errors = agent.all('error').length;
    agent.send({ action: 'join', roomId: old.roomId });
    expect((await agent.next('error', () => agent.all('error').length > errors)).code).toBe('not_found');

    // The visitor comes back (their browser kept the key): no messages, no name or email.
    const back = await stack.visitor(old.key);
    const history = await back.request({ action: 'history' }, 'history');
    expect(history.messages).toEqual([]);
    await back.next('team');
    expect(back.all('profile')).toEqual([]);
    // The file's link, and the transcript by email.
    const fileError = await back.request({ action: 'attachmentUrl', attachmentId: slot.attachmentId }, 'error');
    expect(fileError.code).toBe('not_found');
    expect((await back.request({ action: 'emailTranscript' }, 'error')).code).toBe('bad_request');

    // Writing again starts afresh: the expired record's name and email do not come back.
    await back.request({ action: 'sendMessage', clientMsgId: 'again-1', text: 'Hello again' }, 'message');
    await stack.gateway.settled();
    const [record] = (await itemsOf('rooms', old.roomId)).filter((item) => item.sk === 'room');
    expect(record).not.toHaveProperty('visitorEmail');
    expect(record).not.toHaveProperty('visitorName');
    const after = await back.request({ action: 'history' }, 'history');
    expect(after.messages.map((m) => m.text)).toEqual(['Hello again']);
    const agentView = await agent.request({ action: 'join', roomId: old.roomId }, 'history', (e) => e.roomId === old.roomId);
    expect(agentView.messages.map((m) => m.text)).toEqual(['Hello again']);
  });

  it('sweeps now what the reads hide: an expired conversation whole with its file, old messages of a live one; and stamps items from before retention', async () => {
    const stores = privacyStoresFromEnv(stack.handlerEnv);
    const gone = await stack.visitor();
    await gone.request({ action: 'sendMessage', clientMsgId: 'gone-1', text: 'An old question' }, 'message');
    const { slot } = await uploadFile(gone, { name: 'old.png', type: 'image/png', bytes: PNG }, 'gone-file');
    await gone.request({ action: 'sendMessage', clientMsgId: 'gone-file', text: '', attachment: { id: slot.attachmentId } }, 'message');
    const live = await stack.visitor();
    await live.request({ action: 'sendMessage', clientMsgId: 'live-old', text: 'Written long ago' }, 'message');

    stack.advanceClock(300 * DAY);
    await live.request({ action: 'sendMessage', clientMsgId: 'live-new', text: 'Written lately' }, 'message');
    // A message from before retention was built: no expiresAt.
    const legacyAt = new Date(stack.deps.now()).toISOString();
    await stack.doc.send(
      new PutCommand({
        TableName: stack.tableNames.messages,
        Item: {
          roomId: live.roomId,
          id: '0000000099',
          seq: 99,
          clientMsgId: 'legacy',
          createdAt: legacyAt,
          sender: { role: 'visitor' },
          text: 'From before',
        },
      }),
    );
    stack.advanceClock(100 * DAY);
    await stack.gateway.settled();

    const objectsOf = async (roomId: string) => {
      const { sdk, client } = await stores.bucket!.s3();
      const listed = await client.send(new sdk.ListObjectsV2Command({ Bucket: stores.bucket!.name }));
      return (listed.Contents ?? []).map((object) => object.Key!).filter((key) => key.includes(roomId));
    };
    // Its checked file and its upload (S3 would delete the upload after a day).
    expect(await objectsOf(gone.roomId)).toHaveLength(2);

    const counts = await sweepExpired(stores, { days: DEFAULT_RETENTION_DAYS, now: () => stack.deps.now() }, 'cli:test');
    expect(counts.expiredConversations).toBeGreaterThanOrEqual(1);
    expect(counts.files).toBeGreaterThanOrEqual(2);
    expect(counts.stamped).toBeGreaterThanOrEqual(1);
    expect(await itemsOf('rooms', gone.roomId)).toEqual([]);
    expect(await itemsOf('messages', gone.roomId)).toEqual([]);
    expect(await objectsOf(gone.roomId)).toEqual([]);
    // The live conversation keeps its record and its recent messages; its old one is gone, the legacy one stamped.
    const liveMessages = await itemsOf('messages', live.roomId);
    expect(liveMessages.map((m) => m.text).sort()).toEqual(['From before', 'Written lately']);
    expect(liveMessages.find((m) => m.clientMsgId === 'legacy')!.expiresAt).toBe(secondsAfter(legacyAt, DEFAULT_RETENTION_DAYS));
    expect((await itemsOf('rooms', live.roomId)).map((item) => item.sk).sort()).toEqual(['client#live-new', 'room']);
    const audit = (await stack.allItems(stack.tableNames.team)).filter((item) => item.pk === 'audit' && item.action === 'sweep');
    expect(audit).toEqual([expect.objectContaining({ by: 'cli:test', counts })]);
    expect(audit[0]).not.toHaveProperty('selector');
    stores.doc.destroy();
  });
});

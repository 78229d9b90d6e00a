import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localTeamDefaults } from '../local/stack.ts';
import type { LogValue } from '../src/chat/ports.ts';
import { makeSweepHandler } from '../src/handlers/sweep.ts';
import { privacyStoresFromEnv } from '../src/privacy/stores.ts';
import type { ServerEventOf, TeamSettings } from '../src/protocol/index.ts';
import { DEFAULT_RETENTION_DAYS, TEAM_RETENTION_MAX_AGE_MS } from '../src/retention.ts';
import type { TestSocket } from './support/test-socket.ts';
import { startTestStack, type TestStack } from './support/test-stack.ts';
import { PNG, uploadFile } from './support/uploads.ts';

const DAY = 86_400_000;
const settings = (overrides: Partial<TeamSettings> = {}): TeamSettings => ({
  ...localTeamDefaults(),
  name: 'Test Team',
  awayMessage: {},
  ...overrides,
});

describe('retention in the team settings', () => {
  let stack: TestStack;
  let admin: TestSocket;
  beforeAll(async () => {
    stack = await startTestStack();
    admin = await stack.agent();
    await admin.request({ action: 'getTeam' }, 'team');
  });
  afterAll(() => stack.close());

  const storedSettings = async () =>
    (await stack.doc.send(new GetCommand({ TableName: stack.tableNames.team, Key: { pk: 'team', sk: 'settings' }, ConsistentRead: true })))
      .Item?.settings as TeamSettings | undefined;
  const itemsOf = async (table: 'rooms' | 'messages', partition: string) =>
    (await stack.allItems(stack.tableNames[table])).filter((item) => item.roomId === partition);
  const objectsOf = async (roomId: string) => {
    const stores = privacyStoresFromEnv(stack.handlerEnv);
    const { sdk, client } = await stores.bucket!.s3();
    const listed = await client.send(new sdk.ListObjectsV2Command({ Bucket: stores.bucket!.name }));
    stores.doc.destroy();
    return (listed.Contents ?? []).map((object) => object.Key!).filter((key) => key.includes(roomId));
  };
  /** The reply to a frame: an event of `type` that came after it was sent (an earlier one, a broadcast say, is not it). */
  const reply = <T extends 'team' | 'error' | 'rooms'>(
    socket: TestSocket,
    frame: unknown,
    type: T,
    where: (e: ServerEventOf<T>) => boolean = () => true,
  ) => {
    const before = socket.all(type).length;
    return socket.request(frame, type, (e) => socket.all(type).indexOf(e) >= before && where(e));
  };
  const save = async (next: TeamSettings) =>
    (
      await reply(
        admin,
        { action: 'updateSettings', settings: next },
        'team',
        (e) => e.status.settings.retentionDays === next.retentionDays,
      )
    ).status;
  const refused = (socket: TestSocket, next: unknown) => reply(socket, { action: 'updateSettings', settings: next }, 'error');
  const inbox = async () => (await reply(admin, { action: 'listRooms', status: 'open' }, 'rooms')).rooms.map((room) => room.roomId);

  it("tells agents the deployment's period, and refuses a team retention from a non-admin or out of range, changing nothing", async () => {
    expect(admin.all('team').at(-1)!.status.deploymentRetentionDays).toBe(DEFAULT_RETENTION_DAYS);
    await stack.createUser('plain.retention@example.com', { agent: true });
    const plain = await stack.agent('plain.retention@example.com');
    const before = await storedSettings();

    expect(await refused(plain, settings({ retentionDays: 30 }))).toMatchObject({ code: 'forbidden', action: 'updateSettings' });
    for (const days of [0, -5, 1.5, '30', DEFAULT_RETENTION_DAYS + 1, 3651]) {
      const error = await refused(admin, { ...settings(), retentionDays: days });
      expect(error.code, String(days)).toBe('bad_request');
      expect(error.message, String(days)).toMatch(/retentionDays/);
    }
    const tooLong = await refused(admin, settings({ retentionDays: DEFAULT_RETENTION_DAYS + 1 }));
    expect(tooLong.message).toContain(`at most ${DEFAULT_RETENTION_DAYS}, the deployment's period`);
    expect(await storedSettings()).toEqual(before);
    plain.close();
    await plain.closed;
  });

  it('serves nothing older than a shortened retention, stamps new items with it, and the deployment period again once cleared', async () => {
    const old = await stack.visitor();
    await old.request({ action: 'sendMessage', clientMsgId: 'tr-old', text: 'Forty days ago' }, 'message');
    old.close();
    stack.advanceClock(40 * DAY);
    const recent = await stack.visitor();
    await recent.request({ action: 'sendMessage', clientMsgId: 'tr-recent', text: 'Ten days ago' }, 'message');
    stack.advanceClock(10 * DAY);

    const status = await save(settings({ retentionDays: 30 }));
    expect(status.settings.retentionDays).toBe(30);
    expect((await storedSettings())!.retentionDays).toBe(30);

    // The inbox, joining, and the visitor coming back: the 50-day-old conversation is in none.
    const open = await inbox();
    expect(open).toContain(recent.roomId);
    expect(open).not.toContain(old.roomId);
    expect((await reply(admin, { action: 'join', roomId: old.roomId }, 'error')).code).toBe('not_found');
    const back = await stack.visitor(old.key);
    expect((await back.request({ action: 'history' }, 'history')).messages).toEqual([]);
    expect((await recent.request({ action: 'history' }, 'history')).messages.map((m) => m.text)).toEqual(['Ten days ago']);

    // A new message, its claim and its room record expire 30 days on.
    const { message } = await recent.request({ action: 'sendMessage', clientMsgId: 'tr-new', text: 'Now' }, 'message');
    const stored = (await itemsOf('messages', recent.roomId)).find((item) => item.clientMsgId === 'tr-new')!;
    expect(stored.expiresAt).toBe(Math.ceil((Date.parse(message.createdAt) + 30 * DAY) / 1000));
    const claim = (await itemsOf('rooms', recent.roomId)).find((item) => item.sk === 'client#tr-new')!;
    expect(claim.expiresAt).toBe(Math.ceil(((claim.claimedAt as number) + 30 * DAY) / 1000));

    // Cleared: the deployment's period again (the old conversation is 50 days old, within 365).
    const cleared = await save(settings());
    expect(cleared.settings).not.toHaveProperty('retentionDays');
    expect((await back.request({ action: 'history' }, 'history')).messages.map((m) => m.text)).toEqual(['Forty days ago']);
    back.close();
    recent.close();
    await stack.gateway.settled();
  });

  it('follows a setting saved by another process within a minute (each process reads it again when it is a minute old)', async () => {
    const visitor = await stack.visitor();
    await visitor.request({ action: 'sendMessage', clientMsgId: 'tr-elsewhere', text: 'Twenty days ago' }, 'message');
    stack.advanceClock(20 * DAY);
    expect((await visitor.request({ action: 'history' }, 'history')).messages).toHaveLength(1);
    // (The team status that follows the history reads the team record too: let it finish first.)
    await stack.gateway.settled();
    // Another Lambda's admin saves 7 days: this process still has the setting it read.
    await stack.doc.send(
      new UpdateCommand({
        TableName: stack.tableNames.team,
        Key: { pk: 'team', sk: 'settings' },
        UpdateExpression: 'SET settings = :settings',
        ExpressionAttributeValues: { ':settings': settings({ retentionDays: 7 }) },
      }),
    );
    // (An agent's inbox reads no team settings of its own: what it serves follows the refresh alone.)
    expect(await inbox()).toContain(visitor.roomId);
    stack.advanceClock(TEAM_RETENTION_MAX_AGE_MS);
    expect(await inbox()).not.toContain(visitor.roomId);
    expect((await visitor.request({ action: 'history' }, 'history')).messages).toEqual([]);
    await save(settings());
    visitor.close();
    await stack.gateway.settled();
  });

  it('the daily sweep deletes what is past the retention in force, with its files, leaves the rest, and audits counts only', async () => {
    const gone = await stack.visitor();
    await gone.request({ action: 'sendMessage', clientMsgId: 'sw-gone', text: 'An old question' }, 'message');
    const { slot } = await uploadFile(gone, { name: 'old.png', type: 'image/png', bytes: PNG }, 'sw-file');
    await gone.request({ action: 'sendMessage', clientMsgId: 'sw-file', text: '', attachment: { id: slot.attachmentId } }, 'message');
    gone.close();
    stack.advanceClock(20 * DAY);
    const kept = await stack.visitor();
    await kept.request({ action: 'sendMessage', clientMsgId: 'sw-kept', text: 'A recent question' }, 'message');
    kept.close();
    stack.advanceClock(5 * DAY);
    await save(settings({ retentionDays: 14 }));
    await stack.gateway.settled();
    expect(await objectsOf(gone.roomId)).toHaveLength(2);

    const logged: { message: string; fields: Record<string, LogValue> }[] = [];
    const log = {
      info: (message: string, ...extra: Record<string, LogValue>[]) => logged.push({ message, fields: Object.assign({}, ...extra) }),
      warn: () => {},
      error: () => {},
    };
    const stores = privacyStoresFromEnv(stack.handlerEnv);
    const sweep = makeSweepHandler(() => ({ stores, deploymentDays: DEFAULT_RETENTION_DAYS, now: () => stack.deps.now(), log }));
    const keptBefore = {
      rooms: await itemsOf('rooms', kept.roomId),
      messages: await itemsOf('messages', kept.roomId),
      files: await objectsOf(kept.roomId),
    };
    await sweep();

    expect(await itemsOf('rooms', gone.roomId)).toEqual([]);
    expect(await itemsOf('messages', gone.roomId)).toEqual([]);
    expect(await objectsOf(gone.roomId)).toEqual([]);
    // The 5-day-old conversation is exactly as it was.
    expect(await itemsOf('rooms', kept.roomId)).toEqual(keptBefore.rooms);
    expect(await itemsOf('messages', kept.roomId)).toEqual(keptBefore.messages);
    expect(keptBefore.messages).toHaveLength(1);

    expect(logged).toHaveLength(1);
    const { days, ...counts } = logged[0]!.fields;
    expect(days).toBe(14);
    expect(counts.expiredConversations).toBeGreaterThanOrEqual(1);
    expect(counts.files).toBeGreaterThanOrEqual(2);
    expect(Object.values(logged[0]!.fields).every((value) => typeof value === 'number')).toBe(true);
    const audits = (await stack.allItems(stack.tableNames.team)).filter((item) => item.pk === 'audit' && item.by === 'schedule');
    expect(audits).toEqual([expect.objectContaining({ action: 'sweep', counts })]);

    // Run again (a retry, the next day's run): nothing more goes.
    await sweep();
    expect(logged[1]!.fields).toMatchObject({ days: 14, expiredConversations: 0, files: 0, messages: 0 });
    expect(await itemsOf('messages', kept.roomId)).toEqual(keptBefore.messages);
    stores.doc.destroy();
    await save(settings());
  });
});

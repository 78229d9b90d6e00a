import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../local/ports.ts';
import { LOCAL_S3_KEY } from '../local/s3.ts';
import { runPrivacy } from '../scripts/privacy.ts';
import { roomIdForCustomer } from '../src/auth/visitor-key.ts';
import type { TestSocket } from './support/test-socket.ts';
import { newVisitorKey, startTestStack, type TestStack } from './support/test-stack.ts';
import { PNG, uploadFile } from './support/uploads.ts';

/** An item as text, string sets as lists: what a search for a name or an id reads. */
const text = (value: unknown) => JSON.stringify(value, (_k, v) => (v instanceof Set ? [...v].sort() : v));

describe('npm run privacy: export and erase one person', () => {
  let stack: TestStack;
  let s3: S3Client;
  let dir: string;
  /** The live connections: the agent's console, and each person's widgets. */
  const sockets = {} as Record<'agent' | 'ann' | 'bob' | 'caraLaptop' | 'caraPhone', TestSocket>;
  const people = {
    ann: { email: 'ann.export@example.com', name: 'Ann Export', roomIds: [] as string[] },
    bob: { email: 'bob.other@example.com', name: 'Bob Other', roomIds: [] as string[] },
    cara: { email: 'cara.erase@example.com', name: 'Cara Erase', sub: 'cust-cara-7', roomIds: [] as string[] },
  };

  /** `npm run privacy` on the test stack; `gatewayPort`: where it finds the `@connections` API (the stack's own by default). */
  const privacyVia = async (gatewayPort: string | undefined, ...args: string[]) => {
    const lines = { stdout: '', stderr: '' };
    const env = {
      ...process.env,
      DYNAMODB_PORT: new URL(stack.handlerEnv.DYNAMODB_ENDPOINT!).port,
      S3_PORT: new URL(stack.s3.endpoint).port,
      GATEWAY_PORT: gatewayPort ?? new URL(stack.handlerEnv.CONNECTIONS_ENDPOINT!).port,
    };
    const code = await runPrivacy(args, { log: (l) => (lines.stdout += `${l}\n`), error: (l) => (lines.stderr += `${l}\n`) }, env);
    return { code, ...lines };
  };
  const privacy = (...args: string[]) => privacyVia(undefined, ...args);
  /** Every item of every table, and every object of the bucket with its bytes. */
  const everything = async () => {
    const tables = Object.fromEntries(
      await Promise.all(Object.entries(stack.tableNames).map(async ([name, table]) => [name, await stack.allItems(table)] as const)),
    );
    const objects: Record<string, string> = {};
    const { Contents = [] } = await s3.send(new ListObjectsV2Command({ Bucket: stack.s3.bucket }));
    for (const { Key } of Contents) {
      const object = await s3.send(new GetObjectCommand({ Bucket: stack.s3.bucket, Key }));
      objects[Key!] = Buffer.from(await object.Body!.transformToByteArray()).toString('base64');
    }
    return { tables, objects };
  };
  const sendFile = async (socket: Awaited<ReturnType<TestStack['visitor']>>, clientMsgId: string) => {
    const { slot } = await uploadFile(socket, { name: `${clientMsgId}.png`, type: 'image/png', bytes: PNG }, clientMsgId);
    await socket.request({ action: 'sendMessage', clientMsgId, text: '', attachment: { id: slot.attachmentId } }, 'message');
  };

  beforeAll(async () => {
    stack = await startTestStack();
    s3 = new S3Client({ endpoint: stack.s3.endpoint, region: 'local', forcePathStyle: true, credentials: LOCAL_S3_KEY });
    dir = await mkdtemp(join(tmpdir(), 'privacy-export-'));
    const agent = await stack.agent();
    sockets.agent = agent;

    // Ann: anonymous, gave her name and email, sent a file; an agent answered with a note too.
    const ann = await stack.visitor();
    await ann.request({ action: 'identify', name: people.ann.name, email: people.ann.email }, 'profile');
    await ann.request({ action: 'sendMessage', clientMsgId: 'ann-1', text: 'Ann asks about her invoice' }, 'message');
    await sendFile(ann, 'ann-file');
    await agent.request({ action: 'join', roomId: ann.roomId }, 'history', (e) => e.roomId === ann.roomId);
    await agent.request(
      { action: 'sendMessage', roomId: ann.roomId, clientMsgId: 'ann-note', text: 'Ann: VIP', internal: true },
      'message',
    );
    people.ann.roomIds.push(ann.roomId);
    sockets.ann = ann;

    // Bob: anonymous with email and a file, an unread reply waiting for its follow-up email.
    const bob = await stack.visitor();
    await bob.request({ action: 'identify', name: people.bob.name, email: people.bob.email }, 'profile');
    await bob.request({ action: 'sendMessage', clientMsgId: 'bob-1', text: 'Bob has a question' }, 'message');
    await sendFile(bob, 'bob-file');
    await agent.request({ action: 'join', roomId: bob.roomId }, 'history', (e) => e.roomId === bob.roomId);
    await agent.request({ action: 'sendMessage', roomId: bob.roomId, clientMsgId: 'bob-reply', text: 'Bob, here you go' }, 'message');
    people.bob.roomIds.push(bob.roomId);
    sockets.bob = bob;

    // Cara: a signed-in customer on her laptop, then on her phone, where she had written (with a file) before signing in: two rooms, one carried over into the other.
    const claims = { sub: people.cara.sub, name: people.cara.name, email: people.cara.email };
    const laptop = await stack.customer(stack.identityToken(claims));
    await laptop.request({ action: 'sendMessage', clientMsgId: 'cara-1', text: 'Cara from her laptop' }, 'message');
    const phoneKey = newVisitorKey();
    const phone = await stack.visitor(phoneKey);
    await phone.request({ action: 'sendMessage', clientMsgId: 'cara-phone', text: 'Cara from her phone' }, 'message');
    await sendFile(phone, 'cara-file');
    phone.close();
    const signedIn = await stack.customer(stack.identityToken(claims), phoneKey);
    await signedIn.request({ action: 'history' }, 'history');
    await agent.request(
      { action: 'join', roomId: roomIdForCustomer(people.cara.sub) },
      'history',
      (e) => e.roomId === roomIdForCustomer(people.cara.sub),
    );
    await stack.gateway.settled();
    people.cara.roomIds.push(roomIdForCustomer(people.cara.sub), phone.roomId);
    Object.assign(sockets, { caraLaptop: laptop, caraPhone: signedIn });
  });
  afterAll(async () => {
    s3.destroy();
    await rm(dir, { recursive: true, force: true });
    await stack.close();
  });

  it('exports exactly one person: every item of theirs in every table, their files, and nobody else’s', async () => {
    const out = join(dir, 'ann');
    const result = await privacy('export', '--email', people.ann.email.toUpperCase(), '--out', out);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain('1 conversation');
    const exported = JSON.parse(await readFile(join(out, 'export.json'), 'utf8'));
    expect(exported.roomIds).toEqual(people.ann.roomIds);

    // Everything stored under her room, in every table, is in the export, and nothing else.
    const { tables, objects } = await everything();
    const hers = (item: Record<string, unknown>) =>
      item.roomId === people.ann.roomIds[0] || item.pk === people.ann.roomIds[0] || text(item).includes(people.ann.email);
    const stored = [...tables.rooms!, ...tables.messages!].filter(hers).map(text).sort();
    const inExport = [...exported.items.roomItems, ...exported.items.messages, ...exported.items.customerBindings].map(text).sort();
    expect(inExport).toEqual(stored);
    expect(exported.items.messages.map((m: { text: string }) => m.text)).toEqual(['Ann asks about her invoice', '', 'Ann: VIP']);
    // Her connection, still open: its membership and its record.
    expect(exported.items.connections.map((c: { pk: string }) => c.pk)).toEqual([people.ann.roomIds[0], expect.stringMatching(/^conn#/)]);
    // Her file, byte for byte: the checked copy, and her upload of it (until S3 deletes it after a day).
    const room = people.ann.roomIds[0];
    expect(exported.files).toEqual([
      expect.objectContaining({ key: expect.stringMatching(`^files/${room}/`), name: 'ann-file.png', type: 'image/png', size: PNG.length }),
      expect.objectContaining({ key: expect.stringMatching(`^uploads/${room}/`), name: 'ann-file.png', size: PNG.length }),
    ]);
    for (const file of exported.files as { key: string; path: string }[]) {
      expect((await readFile(join(out, file.path))).equals(PNG)).toBe(true);
      expect(objects[file.key]).toBe(PNG.toString('base64'));
    }

    const whole = await readFile(join(out, 'export.json'), 'utf8');
    for (const other of [people.bob, people.cara]) {
      for (const mark of [other.email, other.name, ...other.roomIds]) expect(whole).not.toContain(mark);
    }
  });

  it('erases a customer: nothing of hers remains in any table or the bucket, everyone else’s is untouched, and the audit says who', async () => {
    const before = await everything();
    const caraMarks = [people.cara.sub, people.cara.name, people.cara.email, ...people.cara.roomIds];
    const isCaras = (value: unknown) => caraMarks.some((mark) => text(value).includes(mark));
    const caraKeys = Object.keys(before.objects).filter(isCaras);
    // Her phone's upload (S3 deletes it after a day), the file checked from it, and its copy in her room.
    expect(caraKeys).toHaveLength(3);
    expect(before.tables.messages!.filter(isCaras).length).toBeGreaterThanOrEqual(4);

    expect(await privacy('erase', '--customer', people.cara.sub)).toMatchObject({ code: 2, stderr: expect.stringContaining('--yes') });
    const result = await privacy('erase', '--customer', people.cara.sub, '--yes');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/files 3/);

    const after = await everything();
    for (const [table, items] of Object.entries(after.tables)) {
      expect(items.filter(isCaras), `${table} still holds something of Cara's`).toEqual([]);
    }
    expect(Object.keys(after.objects).filter(isCaras)).toEqual([]);

    // Everyone else's items and files, byte for byte; the agent who was in her room has left it.
    const othersBefore = (items: Record<string, unknown>[]) =>
      items
        .filter((item) => !isCaras(item) && item.pk !== 'audit')
        .map(text)
        .sort();
    for (const table of ['messages', 'rooms'] as const)
      expect(othersBefore(after.tables[table]!)).toEqual(othersBefore(before.tables[table]!));
    const team = (items: Record<string, unknown>[]) =>
      items
        .filter((item) => item.pk !== 'audit')
        .map(text)
        .sort();
    expect(team(after.tables.team!)).toEqual(team(before.tables.team!));
    const withoutRooms = (items: Record<string, unknown>[]) => items.map(({ rooms: _rooms, ...item }) => item).filter((i) => !isCaras(i));
    expect(withoutRooms(after.tables.connections!).map(text).sort()).toEqual(withoutRooms(before.tables.connections!).map(text).sort());
    for (const [key, bytes] of Object.entries(before.objects)) if (!caraKeys.includes(key)) expect(after.objects[key]).toBe(bytes);
    expect(Object.keys(after.objects).length).toBe(Object.keys(before.objects).length - 3);

    // Her open widgets were told, then closed; nobody else's heard a word; the console drops both her rooms.
    const herRoom = roomIdForCustomer(people.cara.sub);
    for (const widget of [sockets.caraLaptop, sockets.caraPhone]) {
      expect(await widget.closed).toBeGreaterThan(0);
      expect(widget.events.at(-1)).toEqual({ type: 'roomErased', roomId: herRoom });
    }
    for (const widget of [sockets.ann, sockets.bob]) expect(widget.all('roomErased')).toEqual([]);
    expect(
      sockets.agent
        .all('roomErased')
        .map((e) => e.roomId)
        .sort(),
    ).toEqual([...people.cara.roomIds].sort());

    const audit = after.tables.team!.filter((item) => item.pk === 'audit' && item.action === 'erase');
    expect(audit).toEqual([
      expect.objectContaining({
        by: expect.stringMatching(/^cli:/),
        selector: 'customer',
        selectorHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        counts: expect.objectContaining({ roomItems: expect.any(Number), messages: expect.any(Number), customerBindings: 1, files: 3 }),
      }),
    ]);
    expect(isCaras(audit)).toBe(false);
    expect(text(audit)).not.toContain('Cara from');
  });

  it('erases a visitor whose follow-up email was waiting: the check finds nothing when it runs, and recreates nothing', async () => {
    const room = people.bob.roomIds[0]!;
    expect(stack.checkQueue.waitingBodies().some((body) => body.includes(room))).toBe(true);
    // Where the @connections API cannot be reached, the erasure goes ahead, and says whom it could not tell.
    const nothingListens = String(await findFreePort());
    const result = await privacyVia(nothingListens, 'erase', '--room', room, '--yes');
    expect(result).toMatchObject({
      code: 0,
      stderr: expect.stringMatching(
        /^Could not reach 2 open widget or console connections \(.+\): a widget not told is refused at its next frame/,
      ),
    });
    expect(result.stdout).toMatch(/^Erased \d+ items from the local stack: /);
    expect(sockets.bob.all('roomErased')).toEqual([]);
    await stack.runChecks(room);
    expect((await stack.ses.mails()).filter((mail) => mail.to.includes(people.bob.email))).toEqual([]);
    const { tables, objects } = await everything();
    const bobs = (value: unknown) => [room, people.bob.email, people.bob.name].some((mark) => text(value).includes(mark));
    for (const items of Object.values(tables)) expect(items.filter(bobs)).toEqual([]);
    expect(Object.keys(objects).filter(bobs)).toEqual([]);
  });

  it('refuses a malformed selector or none, and changes nothing', async () => {
    // A room id is base64url: one in 64 starts with "-", and is a value, not an option.
    const dashed = await privacy('erase', '--room', `-${'A'.repeat(42)}`, '--yes');
    expect(dashed.stderr).not.toContain('ambiguous');
    expect(dashed.code).not.toBe(2);
    const before = await everything();
    expect(await privacy('erase', '--room', 'not-a-room', '--yes')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('not a room id'),
    });
    expect(await privacy('erase', '--email', 'nobody', '--yes')).toMatchObject({ code: 1, stderr: expect.stringContaining('not a email') });
    expect(await privacy('export')).toMatchObject({ code: 2, stderr: expect.stringContaining('exactly one of') });
    expect(await privacy('export', '--room', people.bob.roomIds[0]!, '--email', people.bob.email)).toMatchObject({ code: 2 });
    expect(await everything()).toEqual(before);
  });
});

import { DeleteObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardDutyScanResult, type ScanResultStatus } from '../local/guardduty.ts';
import { LOCAL_S3_KEY } from '../local/s3.ts';
import { DEFAULT_ATTACHMENT_BYTES } from '../src/protocol/attachments.ts';
import { httpEvent } from './support/http-event.ts';
import { WAIT_MS } from './support/test-socket.ts';
import { startTestStack, type TestStack } from './support/test-stack.ts';
import { PNG, uploadFile } from './support/uploads.ts';

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);
const MB = 1024 * 1024;

describe('attachments', () => {
  let stack: TestStack;
  let s3: S3Client;
  beforeAll(async () => {
    stack = await startTestStack();
    s3 = new S3Client({ endpoint: stack.s3.endpoint, region: 'local', forcePathStyle: true, credentials: LOCAL_S3_KEY });
  });
  afterAll(async () => {
    s3.destroy();
    await stack.close();
  });

  /** Every key under a room in both areas of the bucket. */
  const objectsOf = async (roomId: string) => {
    const list = async (prefix: string) =>
      (await s3.send(new ListObjectsV2Command({ Bucket: stack.s3.bucket, Prefix: `${prefix}/${roomId}/` }))).Contents?.map((o) => o.Key) ??
      [];
    return { uploads: await list('uploads'), files: await list('files') };
  };
  const storedMessages = async (roomId: string) => {
    const { Items = [] } = await stack.doc.send(
      new QueryCommand({
        TableName: stack.tableNames.messages,
        KeyConditionExpression: 'roomId = :r',
        ExpressionAttributeValues: { ':r': roomId },
      }),
    );
    return Items;
  };

  async function conversation() {
    const visitor = await stack.visitor();
    await visitor.request({ action: 'sendMessage', clientMsgId: 'hello', text: 'The upload page says quota exceeded.' }, 'message');
    const agent = await stack.agent();
    await agent.request({ action: 'join', roomId: visitor.roomId }, 'history');
    return { visitor, agent };
  }

  it('tells every client the largest file the deployment takes, and /team.json too', async () => {
    const visitor = await stack.visitor();
    visitor.send({ action: 'history' });
    expect((await visitor.next('team')).status.attachmentMaxBytes).toBe(DEFAULT_ATTACHMENT_BYTES);
    const agent = await stack.agent();
    expect((await agent.request({ action: 'getTeam' }, 'team')).status.attachmentMaxBytes).toBe(DEFAULT_ATTACHMENT_BYTES);
    const json = await stack.http(httpEvent('GET', '/api/team.json'));
    expect(JSON.parse(json.body!).attachmentMaxBytes).toBe(DEFAULT_ATTACHMENT_BYTES);
  });

  it("takes a visitor's screenshot to S3 and both sides get it; each downloads it through a link", async () => {
    const { visitor, agent } = await conversation();
    const { slot, status } = await uploadFile(visitor, { name: 'screenshot.png', type: 'image/png', bytes: PNG }, 'shot-1');
    expect(status).toBe(204);
    expect(slot).toMatchObject({
      type: 'uploadSlot',
      roomId: visitor.roomId,
      clientMsgId: 'shot-1',
      url: `${stack.s3.endpoint}/${stack.s3.bucket}`,
    });
    expect(slot.attachmentId).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(Date.parse(slot.expiresAt) - Date.now()).toBeGreaterThan(100_000);
    expect(Date.parse(slot.expiresAt) - Date.now()).toBeLessThanOrEqual(120_000);

    visitor.send({ action: 'sendMessage', clientMsgId: 'shot-1', text: '', attachment: { id: slot.attachmentId } });
    const [mine, theirs] = await Promise.all([
      visitor.next('message', (e) => e.message.clientMsgId === 'shot-1'),
      agent.next('message', (e) => e.message.clientMsgId === 'shot-1'),
    ]);
    const attachment = { id: slot.attachmentId, name: 'screenshot.png', type: 'image/png', size: PNG.length };
    expect(mine.message).toMatchObject({ text: '', attachment });
    expect(mine.message.attachment).toEqual(attachment);
    expect(theirs.message).toEqual(mine.message);
    // The inbox's preview says the file.
    const updated = await agent.next(
      'roomUpdated',
      (e) => e.room.roomId === visitor.roomId && e.room.lastMessagePreview !== 'The upload page says quota exceeded.',
    );
    expect(updated.room.lastMessagePreview).toBe('📎 screenshot.png');

    for (const [who, socket, roomId] of [
      ['visitor', visitor, undefined],
      ['agent', agent, visitor.roomId],
    ] as const) {
      const link = await socket.request(
        { action: 'attachmentUrl', attachmentId: slot.attachmentId, ...(roomId && { roomId }) },
        'attachmentUrl',
      );
      expect(link, who).toMatchObject({ roomId: visitor.roomId, attachmentId: slot.attachmentId });
      expect(Date.parse(link.expiresAt) - Date.now(), who).toBeLessThanOrEqual(300_000);
      const response = await fetch(link.url);
      expect(response.status, who).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/png');
      expect(response.headers.get('content-disposition')).toBe(`inline; filename="screenshot.png"; filename*=UTF-8''screenshot.png`);
      expect(Buffer.from(await response.arrayBuffer())).toEqual(PNG);
    }
  });

  it("takes an agent's PDF, which the visitor downloads as a file, not a page", async () => {
    const { visitor, agent } = await conversation();
    const { slot } = await uploadFile(
      agent,
      { name: 'Rechnung Nr. 42 (März).pdf', type: 'application/pdf', bytes: PDF, roomId: visitor.roomId },
      'pdf-1',
    );
    agent.send({
      action: 'sendMessage',
      roomId: visitor.roomId,
      clientMsgId: 'pdf-1',
      text: 'Here is your invoice.',
      attachment: { id: slot.attachmentId },
    });
    const received = await visitor.next('message', (e) => e.message.clientMsgId === 'pdf-1');
    expect(received.message).toMatchObject({
      text: 'Here is your invoice.',
      sender: { role: 'agent' },
      attachment: { id: slot.attachmentId, name: 'Rechnung Nr. 42 (März).pdf', type: 'application/pdf', size: PDF.length },
    });
    const link = await visitor.request({ action: 'attachmentUrl', attachmentId: slot.attachmentId }, 'attachmentUrl');
    const response = await fetch(link.url);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="Rechnung Nr. 42 (M_rz).pdf"; filename*=UTF-8''Rechnung%20Nr.%2042%20%28M%C3%A4rz%29.pdf`,
    );
    expect(Buffer.from(await response.arrayBuffer())).toEqual(PDF);
  });

  it('refuses a PDF renamed .png, tells the sender alone, and leaves nothing of it in S3 or DynamoDB', async () => {
    const { visitor, agent } = await conversation();
    const { slot, status } = await uploadFile(visitor, { name: 'screenshot.png', type: 'image/png', bytes: PDF }, 'fake-png');
    expect(status).toBe(204);
    expect((await objectsOf(visitor.roomId)).uploads).toHaveLength(1);

    const error = await visitor.request(
      { action: 'sendMessage', clientMsgId: 'fake-png', text: 'see this', attachment: { id: slot.attachmentId } },
      'error',
    );
    expect(error).toEqual({
      type: 'error',
      code: 'unsupported_type',
      message: 'This file is not a PNG image.',
      action: 'sendMessage',
      clientMsgId: 'fake-png',
    });
    await Promise.all([visitor.settle(), agent.settle()]);
    expect(agent.all('message').map((e) => e.message.clientMsgId)).not.toContain('fake-png');
    expect(await objectsOf(visitor.roomId)).toEqual({ uploads: [], files: [] });
    expect((await storedMessages(visitor.roomId)).map((m) => m.clientMsgId)).toEqual(['hello']);
    const { Item: claim } = await stack.doc.send(
      new GetCommand({ TableName: stack.tableNames.rooms, Key: { roomId: visitor.roomId, sk: 'client#fake-png' }, ConsistentRead: true }),
    );
    expect(claim).toBeUndefined();
    expect((await stack.deps.rooms.get(visitor.roomId))!.lastMessagePreview).toBe('The upload page says quota exceeded.');

    // The same message again, once the upload is gone: nothing to send.
    const again = await visitor.request(
      { action: 'sendMessage', clientMsgId: 'fake-png', text: 'see this', attachment: { id: slot.attachmentId } },
      'error',
    );
    expect(again).toMatchObject({ code: 'not_found', message: 'The file was not uploaded (or its slot expired).' });
  });

  it('refuses a file that is nothing on the list, whatever type it was sent as', async () => {
    const visitor = await stack.visitor();
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.cookie)"/>');
    const { slot } = await uploadFile(visitor, { name: 'notes.txt', type: 'text/plain', bytes: svg }, 'svg-1');
    const error = await visitor.request(
      { action: 'sendMessage', clientMsgId: 'svg-1', text: '', attachment: { id: slot.attachmentId } },
      'error',
    );
    expect(error).toMatchObject({ code: 'unsupported_type', message: "This type of file can't be sent." });
    expect(await objectsOf(visitor.roomId)).toEqual({ uploads: [], files: [] });
  });

  it('refuses a file over the limit before any slot, in words a person writes', async () => {
    const visitor = await stack.visitor();
    const error = await visitor.request(
      { action: 'uploadSlot', clientMsgId: 'big', name: 'holiday.mov.png', type: 'image/png', size: 31 * MB },
      'error',
    );
    expect(error).toEqual({
      type: 'error',
      code: 'too_large',
      message: 'This file is 31 MB; the limit is 10 MB.',
      action: 'uploadSlot',
      clientMsgId: 'big',
    });
    const justOver = await visitor.request(
      { action: 'uploadSlot', clientMsgId: 'edge', name: 'a.png', type: 'image/png', size: 10 * MB + 1 },
      'error',
    );
    expect(justOver.message).toBe('This file is 10.1 MB; the limit is 10 MB.');
    await visitor.settle();
    expect(visitor.all('uploadSlot')).toEqual([]);
  });

  it('refuses a type that is not on the list, and a message whose file was never uploaded', async () => {
    const visitor = await stack.visitor();
    const svg = await visitor.request(
      { action: 'uploadSlot', clientMsgId: 's', name: 'logo.svg', type: 'image/svg+xml', size: 100 },
      'error',
    );
    expect(svg.code).toBe('bad_request');
    const { attachmentId } = await visitor.request(
      { action: 'uploadSlot', clientMsgId: 'never', name: 'a.png', type: 'image/png', size: 10 },
      'uploadSlot',
    );
    const error = await visitor.request(
      { action: 'sendMessage', clientMsgId: 'never', text: '', attachment: { id: attachmentId } },
      'error',
    );
    expect(error).toMatchObject({ code: 'not_found', message: 'The file was not uploaded (or its slot expired).', clientMsgId: 'never' });
    expect(await storedMessages(visitor.roomId)).toEqual([]);
  });

  it('gives a retried send its stored message back once, without taking the file again', async () => {
    const visitor = await stack.visitor();
    const { slot } = await uploadFile(visitor, { name: 'error.png', type: 'image/png', bytes: PNG }, 'once');
    const frame = { action: 'sendMessage', clientMsgId: 'once', text: 'this', attachment: { id: slot.attachmentId } };
    const first = await visitor.request(frame, 'message');
    // Taking the file again would need its upload: gone, a retry still gets its message.
    await s3.send(new DeleteObjectCommand({ Bucket: stack.s3.bucket, Key: `uploads/${visitor.roomId}/${slot.attachmentId}` }));
    const again = await stack.visitor(visitor.key);
    const second = await again.request(frame, 'message');
    expect(second.message).toEqual(first.message);
    expect((await storedMessages(visitor.roomId)).map((m) => m.clientMsgId)).toEqual(['once']);

    // One file, one message: another message cannot carry it too.
    const reused = await again.request({ ...frame, clientMsgId: 'twice' }, 'error');
    expect(reused).toMatchObject({ code: 'bad_request', message: 'This file went with another message: upload it again.' });
  });

  it("never gives a visitor another room's file, however the request is made", async () => {
    const alice = await conversation();
    const { slot } = await uploadFile(alice.visitor, { name: 'passport.png', type: 'image/png', bytes: PNG }, 'private');
    await alice.visitor.request(
      { action: 'sendMessage', clientMsgId: 'private', text: '', attachment: { id: slot.attachmentId } },
      'message',
    );
    const mallory = await stack.visitor();

    // Her own room holds no such file.
    const guessed = await mallory.request({ action: 'attachmentUrl', attachmentId: slot.attachmentId }, 'error');
    expect(guessed).toEqual({ type: 'error', code: 'not_found', message: 'No such file.', action: 'attachmentUrl' });
    // Naming Alice's room is refused as for every action.
    const named = await mallory.request(
      { action: 'attachmentUrl', roomId: alice.visitor.roomId, attachmentId: slot.attachmentId },
      'error',
    );
    expect(named.code).toBe('forbidden');
    // Nor can her own message carry it.
    const carried = await mallory.request(
      { action: 'sendMessage', clientMsgId: 'steal', text: '', attachment: { id: slot.attachmentId } },
      'error',
    );
    expect(carried.code).toBe('not_found');
    // A slot is for the caller's room alone.
    const slotThere = await mallory.request(
      { action: 'uploadSlot', roomId: alice.visitor.roomId, clientMsgId: 'x', name: 'a.png', type: 'image/png', size: 10 },
      'error',
    );
    expect(slotThere.code).toBe('forbidden');
    await mallory.settle();
    expect(JSON.stringify(mallory.events)).not.toContain(alice.visitor.roomId);

    // A link of her own, reused for Alice's key, is refused by S3.
    const { slot: own } = await uploadFile(mallory, { name: 'mine.png', type: 'image/png', bytes: PNG }, 'mine');
    await mallory.request({ action: 'sendMessage', clientMsgId: 'mine', text: '', attachment: { id: own.attachmentId } }, 'message');
    const link = await mallory.request({ action: 'attachmentUrl', attachmentId: own.attachmentId }, 'attachmentUrl');
    expect((await fetch(link.url)).status).toBe(200);
    const forged = link.url.replace(`${mallory.roomId}/${own.attachmentId}`, `${alice.visitor.roomId}/${slot.attachmentId}`);
    expect(forged).not.toBe(link.url);
    const response = await fetch(forged);
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
  });

  it("carries a note's file to the agents and never gives it to the visitor", async () => {
    const { visitor, agent } = await conversation();
    const { slot } = await uploadFile(
      agent,
      { name: 'customer-account.pdf', type: 'application/pdf', bytes: PDF, roomId: visitor.roomId },
      'note-file',
    );
    agent.send({
      action: 'sendMessage',
      roomId: visitor.roomId,
      clientMsgId: 'note-file',
      text: 'Their account, for the record',
      internal: true,
      attachment: { id: slot.attachmentId },
    });
    const note = await agent.next('message', (e) => e.message.clientMsgId === 'note-file');
    expect(note.message).toMatchObject({ internal: true, attachment: { id: slot.attachmentId } });
    expect(
      (await agent.request({ action: 'attachmentUrl', roomId: visitor.roomId, attachmentId: slot.attachmentId }, 'attachmentUrl')).url,
    ).toContain(slot.attachmentId);

    const refused = await visitor.request({ action: 'attachmentUrl', attachmentId: slot.attachmentId }, 'error');
    expect(refused).toMatchObject({ code: 'not_found', message: 'No such file.' });
    await visitor.settle();
    expect(JSON.stringify(visitor.events)).not.toContain(slot.attachmentId);
    const { messages } = await visitor.request({ action: 'history' }, 'history');
    expect(messages.map((m) => m.clientMsgId)).toEqual(['hello']);
  });

  it('alerts agents of a file alone by its name, with no emoji in the SMS', async () => {
    const visitor = await stack.visitor();
    const { slot } = await uploadFile(visitor, { name: 'quota-error.png', type: 'image/png', bytes: PNG }, 'first');
    await visitor.request({ action: 'sendMessage', clientMsgId: 'first', text: '', attachment: { id: slot.attachmentId } }, 'message');
    await visitor.settle();
    const alert = stack.alerts.find((a) => a.default.includes(visitor.roomId));
    expect(alert!.email).toContain('Message:\n📎 quota-error.png');
    expect(alert!.sms).toContain('"quota-error.png"');
    expect(alert!.sms).not.toMatch(/\p{Extended_Pictographic}/u);
  });

  it('lists files by name and size in the transcript email', async () => {
    const { visitor, agent } = await conversation();
    const email = `files.${visitor.roomId.slice(0, 6)}@example.com`;
    await visitor.request({ action: 'identify', email }, 'profile');
    const { slot } = await uploadFile(agent, { name: 'guide.pdf', type: 'application/pdf', bytes: PDF, roomId: visitor.roomId }, 'guide');
    agent.send({
      action: 'sendMessage',
      roomId: visitor.roomId,
      clientMsgId: 'guide',
      text: 'The guide.',
      attachment: { id: slot.attachmentId },
    });
    await visitor.next('message', (e) => e.message.clientMsgId === 'guide');
    visitor.send({ action: 'emailTranscript' });
    await visitor.next('transcriptSent');
    const mail = (await stack.ses.mails()).find((m) => m.to.includes(email))!;
    expect(mail.text).toContain(`The guide.\n📎 guide.pdf (${PDF.length} bytes)`);
    expect(mail.html).toContain(`📎 guide.pdf (${PDF.length} bytes)`);
  });

  it('counts uploadSlot against the rate limit like any frame', async () => {
    const visitor = await stack.visitor();
    const unfreeze = stack.freezeClock();
    for (let i = 0; i < 30; i++)
      visitor.send({ action: 'uploadSlot', clientMsgId: `slot-${i}`, name: 'a.png', type: 'image/png', size: 10 });
    await expect.poll(() => visitor.all('uploadSlot').length + visitor.all('error').length, { timeout: WAIT_MS }).toBe(30);
    unfreeze();
    expect(visitor.all('uploadSlot')).toHaveLength(20);
    expect(visitor.all('error').map((e) => e.code)).toEqual(Array(10).fill('rate_limited'));
  });
});

describe('attachments with a malware scan', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ malwareScan: true });
  });
  afterAll(() => stack.close());

  /** The event GuardDuty publishes once it has scanned an object. */
  const scanResult = (key: string, status: ScanResultStatus, bucketName = stack.s3.bucket) => guardDutyScanResult(bucketName, key, status);

  async function sendFile(clientMsgId: string) {
    const visitor = await stack.visitor();
    await visitor.request({ action: 'sendMessage', clientMsgId: `${clientMsgId}-hi`, text: 'hi' }, 'message');
    const agent = await stack.agent();
    await agent.request({ action: 'join', roomId: visitor.roomId }, 'history');
    const slot = await visitor.request(
      { action: 'uploadSlot', clientMsgId, name: 'scan.png', type: 'image/png', size: PNG.length },
      'uploadSlot',
    );
    const form = new FormData();
    for (const [name, value] of Object.entries(slot.fields)) form.append(name, value);
    form.append('file', new Blob([new Uint8Array(PNG)]), 'scan.png');
    expect((await fetch(slot.url, { method: 'POST', body: form })).status).toBe(204);
    visitor.send({ action: 'sendMessage', clientMsgId, text: '', attachment: { id: slot.attachmentId } });
    const sent = await agent.next('message', (e) => e.message.clientMsgId === clientMsgId);
    await visitor.next('message', (e) => e.message.clientMsgId === clientMsgId);
    return { visitor, agent, sent: sent.message, key: `files/${visitor.roomId}/${slot.attachmentId}`, attachmentId: slot.attachmentId };
  }

  it('holds a file as checking until the scan finds it clean, then tells both sides and gives links', async () => {
    const { visitor, agent, sent, key, attachmentId } = await sendFile('clean');
    expect(sent.attachment).toMatchObject({ id: attachmentId, status: 'checking' });
    expect((await visitor.request({ action: 'attachmentUrl', attachmentId }, 'error')).code).toBe('not_found');

    await stack.scanResult(scanResult(key, 'NO_THREATS_FOUND'));
    const [forVisitor, forAgent] = await Promise.all([visitor.next('messageUpdated'), agent.next('messageUpdated')]);
    expect(forVisitor.message).toEqual({
      ...sent,
      attachment: { id: attachmentId, name: 'scan.png', type: 'image/png', size: PNG.length },
    });
    expect(forAgent.message).toEqual(forVisitor.message);
    const link = await visitor.request({ action: 'attachmentUrl', attachmentId }, 'attachmentUrl');
    expect((await fetch(link.url)).status).toBe(200);
    const { messages } = await visitor.request({ action: 'history' }, 'history');
    expect(messages.find((m) => m.clientMsgId === 'clean')!.attachment!.status).toBeUndefined();

    // EventBridge delivers at least once: the same result again changes nothing.
    await stack.scanResult(scanResult(key, 'NO_THREATS_FOUND'));
    await visitor.settle();
    expect(visitor.all('messageUpdated')).toHaveLength(1);
  });

  it('removes an infected file and tells the sender; a late or repeated result never brings it back', async () => {
    const { visitor, agent, key, attachmentId } = await sendFile('infected');
    await stack.scanResult(scanResult(key, 'THREATS_FOUND'));
    const updated = await visitor.next('messageUpdated');
    expect(updated.message.attachment).toEqual({
      id: attachmentId,
      name: 'scan.png',
      type: 'image/png',
      size: PNG.length,
      status: 'removed',
    });
    expect((await agent.next('messageUpdated')).message).toEqual(updated.message);
    const s3 = new S3Client({ endpoint: stack.s3.endpoint, region: 'local', forcePathStyle: true, credentials: LOCAL_S3_KEY });
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: stack.s3.bucket, Prefix: `files/${visitor.roomId}/` }));
    s3.destroy();
    expect(listed.Contents ?? []).toEqual([]);
    expect((await visitor.request({ action: 'attachmentUrl', attachmentId }, 'error')).code).toBe('not_found');

    await stack.scanResult(scanResult(key, 'THREATS_FOUND'));
    await stack.scanResult(scanResult(key, 'NO_THREATS_FOUND'));
    await visitor.settle();
    expect(visitor.all('messageUpdated')).toHaveLength(1);
    const { messages } = await visitor.request({ action: 'history' }, 'history');
    expect(messages.find((m) => m.clientMsgId === 'infected')!.attachment!.status).toBe('removed');
  });

  it('hands out no file GuardDuty could not scan, and keeps one whose scan failed waiting', async () => {
    const skipped = await sendFile('unscannable');
    await stack.scanResult(scanResult(skipped.key, 'UNSUPPORTED'));
    expect((await skipped.visitor.next('messageUpdated')).message.attachment!.status).toBe('removed');

    const failed = await sendFile('failed');
    await stack.scanResult(scanResult(failed.key, 'FAILED'));
    await failed.visitor.settle();
    expect(failed.visitor.all('messageUpdated')).toEqual([]);
    expect(stack.logLines.some((line) => line.startsWith('error a malware scan could not check a file'))).toBe(true);
    expect((await failed.visitor.request({ action: 'attachmentUrl', attachmentId: failed.attachmentId }, 'error')).code).toBe('not_found');
  });

  it('asks for a result again while its message is not stored yet, and ignores what is not an accepted file', async () => {
    const visitor = await stack.visitor();
    await expect(stack.scanResult(scanResult(`files/${visitor.roomId}/01JD0000000000000000000000`, 'NO_THREATS_FOUND'))).rejects.toThrow(
      'no stored message carries this file yet',
    );
    const { key } = await sendFile('elsewhere');
    await stack.scanResult(scanResult(key, 'THREATS_FOUND', 'another-bucket'));
    await stack.scanResult(scanResult(key.replace('files/', 'uploads/'), 'THREATS_FOUND'));
    expect(stack.logLines.filter((line) => line.startsWith('warn ignored an event'))).toHaveLength(2);
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3Files } from '../src/aws/s3-files.ts';
import type { FileUpload, UploadSlot } from '../src/chat/ports.ts';
import { LOCAL_S3_KEY, type LocalS3, startS3 } from './s3.ts';

const ROOM = 'R'.repeat(43);
const OTHER_ROOM = 'O'.repeat(43);
const SITE = 'http://localhost:5173';
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');

describe('the local S3', () => {
  let directory: string;
  let s3: LocalS3;
  let files: S3Files;
  let client: S3Client;
  let ids = 0;
  const nextRef = (roomId = ROOM) => ({ roomId, attachmentId: `01JCZ${String(++ids).padStart(21, '0')}` });
  const pdf: FileUpload = { name: 'invoice (März).pdf', type: 'application/pdf', size: PDF.length };

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'support-chat-s3-'));
    s3 = await startS3(0, directory, [SITE, 'http://localhost:*']);
    files = new S3Files(s3.bucket, { endpoint: s3.endpoint, region: 'local' });
    client = new S3Client({ endpoint: s3.endpoint, region: 'local', forcePathStyle: true, credentials: LOCAL_S3_KEY });
  });
  afterAll(async () => {
    client.destroy();
    await s3.stop();
    await rm(directory, { recursive: true, force: true });
  });

  /** Every key in the bucket. */
  const keys = async () => (await client.send(new ListObjectsV2Command({ Bucket: s3.bucket }))).Contents?.map((o) => o.Key) ?? [];

  /** What a browser sends: the slot's fields in order, then the file. */
  function post(slot: UploadSlot, bytes: Buffer, change: (fields: Record<string, string>) => void = () => {}) {
    const fields = { ...slot.fields };
    change(fields);
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', new Blob([new Uint8Array(bytes)]), 'whatever.pdf');
    return fetch(slot.url, { method: 'POST', body: form, headers: { origin: SITE } });
  }

  const refusal = async (response: Response) => ({
    status: response.status,
    code: /<Code>([^<]*)<\/Code>/.exec(await response.text())?.[1],
  });

  it('stores what a slot allows, and answers the page (CORS) as S3 does', async () => {
    const ref = nextRef();
    const slot = await files.uploadSlot(ref, pdf, 120);
    expect(slot.url).toBe(`${s3.endpoint}/${s3.bucket}`);
    const response = await post(slot, PDF);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(SITE);
    const upload = await files.upload(ref);
    expect(upload).toMatchObject({ name: 'invoice (März).pdf', type: 'application/pdf', size: PDF.length });
    expect(Buffer.from(await upload!.read(0, 8)).toString('latin1')).toBe('%PDF-1.7');
  });

  it('refuses whatever the slot does not allow, and stores nothing', async () => {
    const before = await keys();
    const attempts: Array<[string, () => Promise<Response>]> = [
      ['another key', async () => post(await files.uploadSlot(nextRef(), pdf, 120), PDF, (f) => (f.key = `uploads/${OTHER_ROOM}/X`))],
      ['another type', async () => post(await files.uploadSlot(nextRef(), pdf, 120), PDF, (f) => (f['Content-Type'] = 'text/html'))],
      ['a bigger file', async () => post(await files.uploadSlot(nextRef(), pdf, 120), Buffer.concat([PDF, Buffer.from('more')]))],
      ['a smaller file', async () => post(await files.uploadSlot(nextRef(), pdf, 120), PDF.subarray(1))],
      ['an expired slot', async () => post(await files.uploadSlot(nextRef(), pdf, -1), PDF)],
      [
        'a policy made larger',
        async () =>
          post(await files.uploadSlot(nextRef(), pdf, 120), Buffer.concat([PDF, PDF]), (f) => {
            const policy = JSON.parse(Buffer.from(f.Policy!, 'base64').toString());
            policy.conditions = policy.conditions.map((c: unknown) =>
              Array.isArray(c) && c[0] === 'content-length-range' ? [c[0], 1, 1e9] : c,
            );
            f.Policy = Buffer.from(JSON.stringify(policy)).toString('base64');
          }),
      ],
      [
        'a field the policy does not name',
        async () => post(await files.uploadSlot(nextRef(), pdf, 120), PDF, (f) => (f['Content-Disposition'] = 'inline')),
      ],
      ['no signature', async () => post(await files.uploadSlot(nextRef(), pdf, 120), PDF, (f) => delete f['X-Amz-Signature'])],
      ['no policy', async () => post(await files.uploadSlot(nextRef(), pdf, 120), PDF, (f) => delete f.Policy)],
    ];
    const results: Record<string, unknown> = {};
    for (const [what, attempt] of attempts) {
      const response = await attempt();
      expect(response.headers.get('access-control-allow-origin'), what).toBe(SITE);
      results[what] = await refusal(response);
    }
    expect(results).toEqual({
      'another key': { status: 403, code: 'AccessDenied' },
      'another type': { status: 403, code: 'AccessDenied' },
      'a bigger file': { status: 400, code: 'EntityTooLarge' },
      'a smaller file': { status: 400, code: 'EntityTooSmall' },
      'an expired slot': { status: 403, code: 'AccessDenied' },
      'a policy made larger': { status: 403, code: 'SignatureDoesNotMatch' },
      'a field the policy does not name': { status: 403, code: 'AccessDenied' },
      'no signature': { status: 400, code: 'InvalidArgument' },
      'no policy': { status: 403, code: 'AccessDenied' },
    });
    expect(await keys()).toEqual(before);
  });

  it('says why, in the words S3 uses', async () => {
    const response = await post(await files.uploadSlot(nextRef(), pdf, 120), PDF, (f) => (f['Content-Type'] = 'image/png'));
    expect(await response.text()).toContain(
      'Invalid according to Policy: Policy Condition failed: [&quot;eq&quot;,&quot;$Content-Type&quot;',
    );
    const expired = await post(await files.uploadSlot(nextRef(), pdf, -1), PDF);
    expect(await expired.text()).toContain('<Message>Invalid according to Policy: Policy expired.</Message>');
  });

  describe('downloads', () => {
    const ref = nextRef();
    let link: string;
    beforeAll(async () => {
      await post(await files.uploadSlot(ref, pdf, 120), PDF);
      expect(await files.accept(ref, (await files.upload(ref))!, 'message-1')).toBe(true);
      link = (await files.downloadUrl((await files.get(ref))!, 300)).url;
    });

    it('gives a presigned GET the file, as a download under its name', async () => {
      const response = await fetch(link, { headers: { origin: SITE } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      expect(response.headers.get('content-disposition')).toBe(
        `attachment; filename="invoice (M_rz).pdf"; filename*=UTF-8''invoice%20%28M%C3%A4rz%29.pdf`,
      );
      expect(Buffer.from(await response.arrayBuffer())).toEqual(PDF);
    });

    it('refuses a link used for another key, changed, expired or unsigned', async () => {
      const other = nextRef();
      await post(await files.uploadSlot(other, pdf, 120), PDF);
      await files.accept(other, (await files.upload(other))!, 'message-2');
      const expired = new URL(link);
      expired.searchParams.set('X-Amz-Date', '20200101T000000Z');
      const attachment = new URL(link);
      attachment.searchParams.set('response-content-disposition', 'inline');
      expect({
        anotherKey: await refusal(await fetch(link.replace(ref.attachmentId, other.attachmentId))),
        anotherDisposition: await refusal(await fetch(attachment)),
        expired: await refusal(await fetch(expired)),
        unsigned: await refusal(await fetch(link.split('?')[0]!)),
        theUpload: await refusal(await fetch(link.replace('/files/', '/uploads/'))),
      }).toEqual({
        anotherKey: { status: 403, code: 'SignatureDoesNotMatch' },
        anotherDisposition: { status: 403, code: 'SignatureDoesNotMatch' },
        expired: { status: 403, code: 'AccessDenied' },
        unsigned: { status: 403, code: 'AccessDenied' },
        theUpload: { status: 403, code: 'SignatureDoesNotMatch' },
      });
    });
  });

  it('keeps its files when it starts again on the same directory', async () => {
    const ref = nextRef();
    await post(await files.uploadSlot(ref, pdf, 120), PDF);
    await s3.stop();
    s3 = await startS3(0, directory, [SITE]);
    files = new S3Files(s3.bucket, { endpoint: s3.endpoint, region: 'local' });
    client.destroy();
    client = new S3Client({ endpoint: s3.endpoint, region: 'local', forcePathStyle: true, credentials: LOCAL_S3_KEY });
    expect(await files.upload(ref)).toMatchObject({ size: PDF.length });
  });
});

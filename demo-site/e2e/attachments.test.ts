// Files between a visitor and an agent (issue 15), end to end: a visitor on the demo site
// and the demo agent in the console, in Chromium, against `npm start`'s stack with its local
// S3. A screenshot pasted, a PDF sent back and downloaded, a file too large and a PDF named
// .png refused, a file given offline sent once, and another room's file out of a forger's
// reach. Each step leaves screenshots in e2e/artifacts/attachments/.

import { randomBytes } from 'node:crypto';
import { HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalStack } from '@support-chat/backend/local';
import { type FlakyNetwork, startFlakyNetwork } from '@support-chat/backend/local/flaky-network';
import type { ClientFrame, Message } from '@support-chat/backend/protocol';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  agentTranscript,
  inboxEntry,
  loadedImage,
  openDemoPage,
  openRawVisitor,
  pasteFile,
  type RawVisitor,
  scrollsSideways,
  signInAgent,
  startChat,
  visitorRawMessages,
  visitorSeesDelivered,
  visitorWrites,
  watchFrames,
} from './support/actors.ts';
import { type E2EDemo, startE2EDemo } from './support/e2e-demo.ts';
import { Journey, storyChapters } from './support/journey.ts';

const QUESTION = 'The upload page says "quota exceeded". What does it mean?';
const TOO_BIG_SORRY = 'The recording is too big, here is a screenshot.';
const WRONG_FILE_SORRY = 'Sorry, wrong file: the screenshot above is the one.';
const SCREENSHOT = { name: 'quota-exceeded.png', png: { width: 640, height: 400, label: 'Quota exceeded' } };
const OFFLINE_SHOT = { name: 'still-failing.png', png: { width: 480, height: 300, label: 'Still failing on the train' } };
const INVOICE = 'Invoice March.pdf';
const MB = 1024 * 1024;

/** A real one-page PDF that says `text`, its cross-reference table counted out. */
function pdfBytes(text: string): Buffer {
  const content = `BT /F1 18 Tf 20 50 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets = objects.map((body, i) => {
    const offset = out.length;
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return offset;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const INVOICE_PDF = pdfBytes('Invoice 42, March');
const RENAMED_PDF = pdfBytes('Not a screenshot');

describe('files between a visitor and an agent, end to end', () => {
  let e2e: E2EDemo;
  let stack: LocalStack;
  let journey: Journey;
  let network: FlakyNetwork;
  let visitor: Page;
  let agent: Page;
  let s3: S3Client;
  let roomId: string;
  /** Another visitor, over a WebSocket of her own: a forger. */
  let mallory: RawVisitor | undefined;
  /** The WebSocket frames of the visitor's page. */
  let frames: { sent: string[]; received: string[] };
  /** Every request the visitor's browser made to the local S3. */
  const s3Requests: string[] = [];
  /** The screenshot's bytes as the visitor's browser made them. */
  let screenshot: Buffer;
  const chapter = storyChapters();

  const composer = () => visitor.locator('support-chat textarea');
  const sentFrames = () => frames.sent.map((text) => JSON.parse(text) as ClientFrame);
  /** Every object of the bucket, by key. */
  const bucketKeys = async () =>
    (await s3.send(new ListObjectsV2Command({ Bucket: stack.s3.bucket }))).Contents?.map((object) => object.Key!).sort() ?? [];
  /** The room's messages that carry a file, as the visitor's own key reads them. */
  const filesInHistory = async () =>
    (await visitorRawMessages(visitor, stack.websocketUrl)).filter(
      (m): m is Message & Required<Pick<Message, 'attachment'>> => !!m.attachment,
    );

  beforeAll(async () => {
    e2e = await startE2EDemo();
    stack = e2e.demo.stack;
    journey = new Journey(e2e.browser, 'attachments');
    network = await startFlakyNetwork(new URL(stack.siteConfig.websocketUrl));
    agent = await journey.actor('agent');
    visitor = await journey.actor('visitor');
    // The visitor's WebSocket goes through a network that can be cut; everything else is as served.
    await visitor.context().route('**/config.json', (route) => route.fulfill({ json: { ...stack.siteConfig, websocketUrl: network.url } }));
    frames = watchFrames(visitor);
    const s3Port = new URL(stack.s3.endpoint).port;
    visitor.context().on('request', (request) => {
      if (new URL(request.url()).port === s3Port) s3Requests.push(`${request.method()} ${request.url()}`);
    });
    // The key pair the local stack's handlers sign with (backend/local/s3.ts): the local S3 knows no other.
    s3 = new S3Client({
      endpoint: stack.s3.endpoint,
      region: 'local',
      forcePathStyle: true,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  });
  afterAll(async () => {
    mallory?.close();
    s3?.destroy();
    await journey?.close();
    await network?.close();
    await e2e?.close();
  });

  chapter('a visitor asks a question and the agent opens the conversation', async () => {
    await journey.step('the agent signs in to the console', () => signInAgent(agent, `${e2e.demo.siteUrl}/agent.html`));

    await journey.step('the visitor opens the chat and asks a question', async () => {
      await openDemoPage(visitor, e2e.demo.siteUrl);
      await startChat(visitor, { name: 'Ada Lovelace' });
      await visitorWrites(visitor, QUESTION);
      await visitorSeesDelivered(visitor, QUESTION);
      // The deployment takes files: the composer has its file button.
      await visitor.locator('support-chat button.attach').waitFor();
    });

    roomId = await journey.step('the agent opens the conversation', async () => {
      await inboxEntry(agent, 'Ada Lovelace').click();
      await agent.locator('support-agent-console .conversation .msg .bubble', { hasText: QUESTION }).waitFor();
      await agent.waitForURL(/#room=[A-Za-z0-9_-]{43}$/);
      return new URL(agent.url()).hash.slice('#room='.length);
    });
  });

  chapter('a 30 MB file is refused in the widget before any upload, with a clear message', async () => {
    await journey.step('the visitor pastes a 30 MB screen recording', async () => {
      await pasteFile(composer(), { name: 'screen-recording.png', type: 'image/png', zeros: 30 * MB });
      const notice = visitor.locator('support-chat .file-notice[role=alert]');
      expect(await notice.locator('span').textContent()).toBe('This file is 30 MB; the limit is 10 MB.');
      expect(await visitor.locator('support-chat .row.pending').count()).toBe(0);
    });

    await journey.step('nothing was asked of the server nor sent to S3', async () => {
      // A message after it has been to the server and back: a request the file had made would have gone by now.
      await visitorWrites(visitor, TOO_BIG_SORRY);
      await visitorSeesDelivered(visitor, TOO_BIG_SORRY);
      expect(
        sentFrames()
          .filter((frame) => frame.action === 'sendMessage')
          .map((frame) => 'text' in frame && frame.text),
      ).toEqual([QUESTION, TOO_BIG_SORRY]);
      expect(sentFrames().filter((frame) => frame.action === 'uploadSlot')).toEqual([]);
      expect(s3Requests).toEqual([]);
    });
  });

  chapter('a pasted screenshot reaches the agent as a thumbnail, which opens full size', async () => {
    await journey.step('the visitor pastes a screenshot into the message box', async () => {
      screenshot = await pasteFile(composer(), SCREENSHOT);
      expect(screenshot.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      const own = await loadedImage(visitor, 'support-chat', `.row.visitor[data-seq] .file-thumb img[alt="${SCREENSHOT.name}"]`);
      expect(own).toEqual({ width: 640, height: 400 });
      // The refusal of the recording is gone once a file goes.
      expect(await visitor.locator('support-chat .file-notice').count()).toBe(0);
    });

    await journey.step('the agent sees its thumbnail in the conversation and the inbox says it', async () => {
      const thumbnail = await loadedImage(
        agent,
        'support-agent-console',
        `.msg.visitor[data-seq] .file-thumb img[alt="${SCREENSHOT.name}"]`,
      );
      expect(thumbnail).toEqual({ width: 640, height: 400 });
      await inboxEntry(agent, 'Ada Lovelace')
        .filter({ hasText: `📎 ${SCREENSHOT.name}` })
        .waitFor();
    });

    await journey.step('the agent opens it full size', async () => {
      await agent.locator('support-agent-console .msg.visitor .file-thumb').click();
      const full = await loadedImage(agent, 'support-agent-console', 'dialog.lightbox[open] img');
      expect(full).toEqual({ width: 640, height: 400 });
      await agent.locator('support-agent-console dialog.lightbox a[target="_blank"]').waitFor();
    });

    await journey.step('and in a tab of its own, the image itself', async () => {
      const context = agent.context();
      const response = context.waitForEvent('response', (r) => r.request().isNavigationRequest() && r.url().includes(`/files/${roomId}/`));
      const [tab] = await Promise.all([
        context.waitForEvent('page'),
        agent.locator('support-agent-console dialog.lightbox a[target="_blank"]').click(),
      ]);
      const image = await response;
      expect(image.status()).toBe(200);
      expect(image.headers()['content-type']).toBe('image/png');
      expect(await image.body()).toEqual(screenshot);
      await tab.waitForLoadState('load');
      expect(await tab.evaluate(() => document.images[0]?.naturalWidth)).toBe(640);
      await tab.close();
    });

    await journey.step('Escape closes the image', async () => {
      await agent.keyboard.press('Escape');
      await agent.locator('support-agent-console dialog.lightbox').waitFor({ state: 'detached' });
    });
  });

  chapter('the agent sends a PDF and the visitor downloads it', async () => {
    await journey.step('the agent picks a PDF with the file button', async () => {
      await agent
        .locator('support-agent-console .conversation input[type="file"]')
        .setInputFiles({ name: INVOICE, mimeType: 'application/pdf', buffer: INVOICE_PDF });
      await agent.locator('support-agent-console .msg.agent[data-seq] a.file-card', { hasText: INVOICE }).waitFor();
    });

    await journey.step('the visitor sees it as a card with its name, size and kind', async () => {
      const card = visitor.locator('support-chat .row.agent[data-seq] a.file-card');
      await card.waitFor();
      expect(await card.locator('.file-name').textContent()).toBe(INVOICE);
      expect(await card.locator('.file-meta').textContent()).toBe(`${INVOICE_PDF.length} bytes · PDF`);
    });

    await journey.step('the visitor clicks it and the PDF downloads', async () => {
      const pageUrl = visitor.url();
      const [download] = await Promise.all([
        visitor.waitForEvent('download'),
        visitor.locator('support-chat .row.agent[data-seq] a.file-card').click(),
      ]);
      expect(download.suggestedFilename()).toBe(INVOICE);
      const chunks: Buffer[] = [];
      for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
      expect(Buffer.concat(chunks)).toEqual(INVOICE_PDF);
      // The link the widget followed: a download, never a page of the bucket's origin.
      const link = await fetch(download.url());
      expect(link.status).toBe(200);
      expect(link.headers.get('content-type')).toBe('application/pdf');
      expect(link.headers.get('content-disposition')).toMatch(/^attachment; filename="Invoice March\.pdf"/);
      expect(Buffer.from(await link.arrayBuffer())).toEqual(INVOICE_PDF);
      expect(visitor.url(), 'the visitor stays on the page').toBe(pageUrl);
    });

    await journey.step('both sides show the thumbnail and the card (1280×800)', async () => {
      for (const [page, host, row] of [
        [visitor, 'support-chat', '.row'],
        [agent, 'support-agent-console', '.msg'],
      ] as const) {
        await page.locator(`${host} ${row} .file-thumb img`).waitFor();
        await page.locator(`${host} ${row} a.file-card`).waitFor();
      }
    });

    await journey.step('and at a phone’s width (390×844)', async () => {
      await Promise.all([visitor, agent].map((page) => page.setViewportSize({ width: 390, height: 844 })));
      await loadedImage(visitor, 'support-chat', '.row.visitor .file-thumb img');
      await visitor.locator('support-chat .row.agent a.file-card').waitFor();
      await agent.locator('support-agent-console .msg a.file-card').waitFor();
      expect(await scrollsSideways(visitor)).toBe(false);
      expect(await scrollsSideways(agent)).toBe(false);
    });

    await journey.step('back at 1280×800', async () => {
      await Promise.all([visitor, agent].map((page) => page.setViewportSize({ width: 1280, height: 800 })));
      await agent.locator('support-agent-console .conversation textarea').waitFor();
    });
  });

  chapter('a PDF renamed .png is refused with the server’s sentence, and nothing of it remains', async () => {
    const refused = await journey.step('the visitor pastes a PDF named screenshot.png', async () => {
      await pasteFile(composer(), { name: 'screenshot.png', type: 'image/png', bytes: RENAMED_PDF });
      const row = visitor.locator('support-chat .row.pending.failed');
      await row.waitFor();
      expect(await row.locator('.status').textContent()).toBe('Not sent: This file is not a PNG image.');
      const clientMsgId = (await row.getAttribute('data-client-msg-id'))!;
      // Its slot, as the server gave it to the widget.
      const slot = frames.received
        .map((text) => JSON.parse(text) as { type: string; clientMsgId?: string; attachmentId?: string })
        .find((event) => event.type === 'uploadSlot' && event.clientMsgId === clientMsgId);
      expect(slot?.attachmentId).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
      return { clientMsgId, attachmentId: slot!.attachmentId! };
    });

    await journey.step('the agent sees nothing of it, only what the visitor writes next', async () => {
      await visitorWrites(visitor, WRONG_FILE_SORRY);
      await agent.locator('support-agent-console .msg[data-seq] .bubble', { hasText: WRONG_FILE_SORRY }).waitFor();
      expect(await agentTranscript(agent)).toEqual([QUESTION, TOO_BIG_SORRY, WRONG_FILE_SORRY]);
      expect(await agent.locator('support-agent-console .conversation .msg-file').count()).toBe(2);
      expect(await agent.locator('support-agent-console .conversation').textContent()).not.toContain('screenshot.png');
    });

    await journey.step('nothing of it is left in S3 or DynamoDB', async () => {
      const kept = await filesInHistory();
      expect(kept.map((m) => m.attachment.name)).toEqual([SCREENSHOT.name, INVOICE]);
      expect(kept.map((m) => m.clientMsgId)).not.toContain(refused.clientMsgId);
      // The bucket: the two files sent, in the upload area and the files' one; not a byte of the refused one.
      const ids = kept.map((m) => m.attachment.id);
      expect(await bucketKeys()).toEqual(['files', 'uploads'].flatMap((area) => ids.map((id) => `${area}/${roomId}/${id}`)).sort());
      for (const table of Object.values(stack.tableNames)) {
        const { Items = [] } = await stack.doc.send(new ScanCommand({ TableName: table, ConsistentRead: true }));
        const stored = JSON.stringify(Items);
        expect(stored, table).not.toContain(refused.attachmentId);
        expect(stored, table).not.toContain(refused.clientMsgId);
      }
    });

    await journey.step('the visitor deletes the refused file', async () => {
      await visitor.locator('support-chat .row.pending.failed button.discard').click();
      await visitor.locator('support-chat .row.pending').waitFor({ state: 'detached' });
    });
  });

  chapter('a screenshot pasted while offline arrives once after reconnecting', async () => {
    await journey.step('the visitor’s network goes down', async () => {
      network.cut();
      await visitor.context().setOffline(true);
      await visitor
        .locator('support-chat [part=banner]')
        .getByText(/offline/i)
        .waitFor();
    });

    await journey.step('the visitor pastes a screenshot: it waits', async () => {
      await pasteFile(composer(), OFFLINE_SHOT);
      await visitor.locator('support-chat .row.pending .file-card .file-name', { hasText: OFFLINE_SHOT.name }).waitFor();
      expect(await visitor.locator(`support-chat .row[data-seq] .file-thumb img[alt="${OFFLINE_SHOT.name}"]`).count()).toBe(0);
    });

    await journey.step('the network comes back: the file is delivered, and the agent has it once', async () => {
      network.restore();
      await visitor.context().setOffline(false);
      const own = await loadedImage(visitor, 'support-chat', `.row.visitor[data-seq] .file-thumb img[alt="${OFFLINE_SHOT.name}"]`);
      expect(own).toEqual({ width: 480, height: 300 });
      await visitor.locator('support-chat .row.pending').waitFor({ state: 'detached' });
      const theirs = await loadedImage(
        agent,
        'support-agent-console',
        `.msg.visitor[data-seq] .file-thumb img[alt="${OFFLINE_SHOT.name}"]`,
      );
      expect(theirs).toEqual({ width: 480, height: 300 });
      const stored = (await filesInHistory()).filter((m) => m.attachment.name === OFFLINE_SHOT.name);
      expect(stored).toHaveLength(1);
      // Checked after the history's round trip: a second copy would have reached the agent by now.
      expect(await agent.locator(`support-agent-console .msg .file-thumb img[alt="${OFFLINE_SHOT.name}"]`).count()).toBe(1);
      await visitor.locator('support-chat [part=banner]').waitFor({ state: 'detached' });
    });
  });

  chapter('another visitor cannot have this room’s files, however the request is forged', async () => {
    let files: (Message & Required<Pick<Message, 'attachment'>>)[] = [];

    await journey.step('over the raw protocol, with her own key: no link, whatever she names', async () => {
      files = await filesInHistory();
      expect(files).toHaveLength(3);
      mallory = await openRawVisitor(stack.websocketUrl, randomBytes(32).toString('base64url'));
      for (const { attachment } of files) {
        const guessed = await mallory.request({ action: 'attachmentUrl', attachmentId: attachment.id }, 'attachmentUrl');
        expect(guessed).toEqual({ type: 'error', code: 'not_found', message: 'No such file.', action: 'attachmentUrl' });
        const named = await mallory.request({ action: 'attachmentUrl', roomId, attachmentId: attachment.id }, 'attachmentUrl');
        expect(named).toMatchObject({ type: 'error', code: 'forbidden' });
      }
      expect(mallory.events.filter((event) => event.type === 'attachmentUrl')).toEqual([]);
      expect(JSON.stringify(mallory.events)).not.toContain(roomId);
      expect(JSON.stringify(mallory.events)).not.toContain('X-Amz-Signature');
    });

    const own = await journey.step('she sends a file of her own and gets its link', async () => {
      const { slot, status } = await uploadAs(mallory!, 'mine.png', screenshot);
      expect(status).toBe(204);
      const sent = await mallory!.request(
        { action: 'sendMessage', clientMsgId: slot.clientMsgId, text: '', attachment: { id: slot.attachmentId } },
        'message',
      );
      expect(sent.type).toBe('message');
      const link = await mallory!.request({ action: 'attachmentUrl', attachmentId: slot.attachmentId }, 'attachmentUrl');
      if (link.type !== 'attachmentUrl') throw new Error(`no link to her own file: ${link.message}`);
      expect((await fetch(link.url)).status).toBe(200);
      return { roomId: slot.roomId, attachmentId: slot.attachmentId, url: link.url };
    });

    await journey.step('her link, changed to this room’s file, is refused by S3', async () => {
      for (const { attachment } of files) {
        const forged = own.url.replace(`/files/${own.roomId}/${own.attachmentId}`, `/files/${roomId}/${attachment.id}`);
        expect(forged).not.toBe(own.url);
        const response = await fetch(forged);
        expect(response.status).toBe(403);
        expect(await response.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
      }
    });

    await journey.step('her upload slot, used for this room’s keys, is refused by S3 and changes nothing', async () => {
      const target = files[0]!.attachment;
      const keys = [`uploads/${roomId}/${target.id}`, `files/${roomId}/${target.id}`];
      const etags = async () =>
        Promise.all(keys.map(async (Key) => (await s3.send(new HeadObjectCommand({ Bucket: stack.s3.bucket, Key }))).ETag));
      const before = { etags: await etags(), keys: await bucketKeys() };
      for (const key of keys) {
        const { status, body } = await uploadAs(mallory!, 'swap.png', screenshot, key);
        expect(status, key).toBe(403);
        expect(body, key).toContain('<Code>AccessDenied</Code>');
      }
      expect(await etags()).toEqual(before.etags);
      expect(await bucketKeys()).toEqual(before.keys);
    });
  });

  it('logged no error and no Content-Security-Policy violation on any page', () => {
    expect(journey.problems).toEqual([]);
  });

  /** Asks `socket`'s server for a slot for a PNG and POSTs it there as a browser's form does, the form's key changed to `key` if given. */
  async function uploadAs(socket: RawVisitor, name: string, bytes: Buffer, key?: string) {
    const clientMsgId = randomBytes(8).toString('hex');
    const slot = await socket.request({ action: 'uploadSlot', clientMsgId, name, type: 'image/png', size: bytes.length }, 'uploadSlot');
    if (slot.type !== 'uploadSlot') throw new Error(`no upload slot: ${slot.message}`);
    const form = new FormData();
    for (const [name, value] of Object.entries(slot.fields)) form.append(name, name === 'key' && key ? key : value);
    form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), name);
    const response = await fetch(slot.url, { method: 'POST', body: form });
    return { slot, status: response.status, body: await response.text() };
  }
});

import type { ClientFrame, ServerEvent } from '@support-chat/backend/protocol';
import { deepEqual, equal, match, ok } from '../../test/assert.ts';
import { blockStorage, download, pdfFile, pngFile } from '../../test/files.ts';
import { Agent, command, dropVisitors, endpoint, roomId, storedMessages, Visitor, waitUntil } from '../../test/helpers.ts';
import { ChatClient } from './chat-client.ts';
import { AttachmentUrlError, ChatFiles, checkFile, FileRefusedError } from './chat-files.ts';

const clients: ChatClient[] = [];
const agents: Agent[] = [];
const visitors: Visitor[] = [];

/** A visitor's client, connected, and its files, knowing the deployment's limit (from the `team` after the first history). */
async function visitorFiles(): Promise<{ c: ChatClient; files: ChatFiles; frames: ClientFrame[] }> {
  const c = new ChatClient({ endpoint: () => endpoint() });
  clients.push(c);
  const frames = record(c);
  const files = new ChatFiles(c);
  c.connect();
  await waitUntil(() => files.maxBytes, 'the limit from the team');
  return { c, files, frames };
}

/** Every frame the client is asked to send, as it goes. */
function record(c: ChatClient): ClientFrame[] {
  const frames: ClientFrame[] = [];
  const send = c.send.bind(c);
  c.send = (frame) => {
    frames.push(frame);
    return send(frame);
  };
  return frames;
}

const slots = (frames: ClientFrame[]) => frames.filter((f) => f.action === 'uploadSlot');
const bytes = async (blob: Blob | Response) => [...new Uint8Array(await blob.arrayBuffer())].join();

async function agent(): Promise<Agent> {
  const a = await Agent.connect();
  agents.push(a);
  return a;
}

describe('ChatFiles', () => {
  beforeEach(() => localStorage.clear());
  afterEach(async () => {
    await blockStorage(false);
    for (const c of clients.splice(0)) c.disconnect();
    for (const a of agents.splice(0)) await a.close();
    for (const v of visitors.splice(0)) await v.close();
  });

  it('uploads a PNG, sends it as a message through the outbox, and hands out a link to its bytes', async () => {
    const { c, files, frames } = await visitorFiles();
    const png = await pngFile('Screenshot 2025-03-12.png');
    const progress: number[] = [];
    files.onChange(() => progress.push(files.pending()[0]?.file?.progress ?? 1));
    const pending = files.send(png);
    deepEqual(pending.file, { name: 'Screenshot 2025-03-12.png', type: 'image/png', size: png.size, progress: 0 }, 'the pending file');
    equal(files.pending().length, 1, 'pending while it uploads');

    const message = await waitUntil(() => c.messages()[0], 'the acknowledged message');
    equal(message.clientMsgId, pending.clientMsgId, 'the message is the pending one');
    equal(message.text, '', 'no caption');
    deepEqual(
      { ...message.attachment, id: undefined },
      { id: undefined, name: 'Screenshot 2025-03-12.png', type: 'image/png', size: png.size },
      'its attachment',
    );
    equal(files.pending().length, 0, 'nothing pending after the acknowledgement');
    ok(
      progress.some((p) => p > 0 && p <= 1),
      `progress reported: ${progress.join(', ')}`,
    );
    equal(slots(frames).length, 1, 'one slot asked for');
    const sent = frames.find((f) => f.action === 'sendMessage');
    deepEqual(sent && 'attachment' in sent ? sent.attachment : undefined, { id: message.attachment!.id }, 'sendMessage names the upload');
    const stored = await storedMessages(await roomId());
    equal(stored.length, 1, 'stored once');
    equal(stored[0]!.attachment?.id, message.attachment!.id, 'stored with its file');

    const url = await files.url(message.roomId, message.attachment!.id);
    const response = await fetch(url);
    equal(response.status, 200, 'the page may read it');
    equal(await bytes(response), await bytes(png), 'the very bytes');
    const got = await download(url);
    equal(got.headers['content-type'], 'image/png', 'content type');
    ok(!/attachment/.test(got.headers['content-disposition'] ?? ''), 'an image shown inline is no download');
    equal(await files.url(message.roomId, message.attachment!.id), url, 'the same link again');
    equal(files.cachedUrl(message.attachment!.id), url, 'kept while it lasts');
    equal(frames.filter((f) => f.action === 'attachmentUrl').length, 1, 'asked for once');
  });

  it('refuses a file over the limit, of a type not on the list, or empty, before any request', async () => {
    const { files, frames } = await visitorFiles();
    equal(files.maxBytes, 10 * 1024 * 1024, 'the local stack takes 10 MB');
    const refusal = (file: File) => {
      try {
        files.send(file);
      } catch (error) {
        ok(error instanceof FileRefusedError, `a FileRefusedError: ${String(error)}`);
        return [error.reason, error.message];
      }
      throw new Error(`${file.name} was not refused`);
    };
    const video = new File([new Uint8Array(30 * 1024 * 1024)], 'screen-recording.png', { type: 'image/png' });
    deepEqual(refusal(video), ['too_large', 'This file is 30 MB; the limit is 10 MB.'], '30 MB');
    deepEqual(
      refusal(new File(['<svg/>'], 'logo.svg', { type: 'image/svg+xml' })),
      ['unsupported_type', "This type of file can't be sent."],
      'SVG',
    );
    deepEqual(refusal(new File(['MZ'], 'setup.exe', { type: '' })), ['unsupported_type', "This type of file can't be sent."], 'a program');
    deepEqual(refusal(new File([], 'empty.txt', { type: 'text/plain' })), ['empty', 'This file is empty.'], 'empty');
    files.maxBytes = undefined;
    deepEqual(refusal(await pngFile()), ['no_files', 'Files cannot be sent here.'], 'a deployment without files');
    deepEqual(slots(frames), [], 'no slot asked for');
    equal(files.pending().length, 0, 'nothing pending');
  });

  it('takes a file by its name’s ending when the browser gives no type (a HEIC photo)', () => {
    const limit = 10 * 1024 * 1024;
    equal(checkFile(new File([new Uint8Array(16)], 'IMG_0042.HEIC', { type: '' }), limit), 'image/heic', 'HEIC');
    equal(checkFile(new File(['a,b'], 'export.csv', { type: 'application/octet-stream' }), limit), 'text/csv', 'CSV');
    equal(checkFile(new File(['<p>'], 'page.html', { type: 'text/html' }), limit) instanceof FileRefusedError, true, 'HTML');
  });

  it('fails a PDF named .png with the server’s sentence, and the agent never hears of it', async () => {
    const { c, files } = await visitorFiles();
    c.sendMessage('Here is the photo');
    await waitUntil(() => c.messages().length === 1, 'the first message');
    const room = await roomId();
    const alex = await agent();
    await alex.join(room);

    const liar = pdfFile('photo.png', 'image/png');
    const pending = files.send(liar);
    const failed = await waitUntil(() => files.pending().find((p) => p.status === 'failed'), 'the refusal');
    equal(failed.clientMsgId, pending.clientMsgId, 'the file’s message');
    match(failed.error ?? '', /PNG/, 'the server’s sentence');
    equal(failed.file?.lost, undefined, 'not a broken upload');

    // Whatever the agent was to hear came before this: the room's order.
    c.sendMessage('Sorry, wrong file');
    await alex.waitFor('message', 'Sorry, wrong file');
    const heard = (await alex.events()).filter((e): e is Extract<ServerEvent, { type: 'message' }> => e.type === 'message');
    deepEqual(
      heard.map((e) => e.message.text),
      ['Sorry, wrong file'],
      'the agent heard only the text',
    );
    ok(!(await storedMessages(room)).some((m) => m.attachment), 'nothing of the file stored');
    files.discard(pending.clientMsgId);
    equal(files.pending().length, 0, 'discarded');
  });

  it('sends a file given while the connection is down once, when it is back', async () => {
    const { c, files, frames } = await visitorFiles();
    c.sendMessage('Hello');
    await waitUntil(() => c.messages().length === 1, 'the first message');
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    try {
      window.dispatchEvent(new Event('offline'));
      await dropVisitors(await roomId());
      await waitUntil(() => c.state === 'offline', 'the offline state');
      files.send(await pngFile('offline.png'));
      equal(files.pending()[0]?.status, 'sending', 'waiting');
    } finally {
      delete (navigator as { onLine?: boolean }).onLine;
    }
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => c.messages().length === 2 && files.pending().length === 0, 'the file’s message');
    equal(c.messages()[1]!.attachment?.name, 'offline.png', 'the file');
    const stored = await storedMessages(await roomId());
    equal(stored.filter((m) => m.attachment).length, 1, 'stored once');
    const sentSlots = slots(frames);
    ok(sentSlots.length >= 1, 'asked for a slot once connected');
  });

  it('sends files given together in the order given, whichever finishes uploading first', async () => {
    const { c, files } = await visitorFiles();
    files.send(new File([new Uint8Array(6 * 1024 * 1024).fill(97)], 'big-log.txt', { type: 'text/plain' }));
    files.send(await pngFile('small.png', 16, 16));
    await waitUntil(() => c.messages().length === 2, 'both files');
    deepEqual(
      c.messages().map((m) => m.attachment?.name),
      ['big-log.txt', 'small.png'],
      'in the order given',
    );
  });

  it('stops an upload on cancel: nothing is sent', async () => {
    const { c, files, frames } = await visitorFiles();
    let pending: ReturnType<ChatFiles['send']> | undefined;
    // Cancelled the moment its slot comes: the upload has just started.
    c.on('event', (event) => {
      if (event.type === 'uploadSlot' && pending) files.discard(pending.clientMsgId);
    });
    pending = files.send(new File([new Uint8Array(4 * 1024 * 1024).fill(65)], 'big.txt', { type: 'text/plain' }));
    await waitUntil(() => files.pending().length === 0, 'the cancel');
    c.sendMessage('Never mind');
    await waitUntil(() => c.messages().length === 1, 'the text');
    deepEqual(
      (await storedMessages(await roomId())).map((m) => m.text),
      ['Never mind'],
      'only the text stored',
    );
    equal(
      frames.some((f) => f.action === 'sendMessage' && f.clientMsgId === pending!.clientMsgId),
      false,
      'the file’s message never sent',
    );
  });

  it('retries a broken upload with a fresh slot', async () => {
    const { c, files, frames } = await visitorFiles();
    const slotsHeard: string[] = [];
    c.on('event', (event) => event.type === 'uploadSlot' && slotsHeard.push(event.attachmentId));
    await blockStorage(true);
    const pending = files.send(await pngFile('retry.png'));
    const failed = await waitUntil(() => files.pending().find((p) => p.status === 'failed'), 'the broken upload');
    equal(failed.file?.lost, true, 'lost on the way');
    await blockStorage(false);
    files.retry(pending.clientMsgId);
    const message = await waitUntil(() => c.messages()[0], 'the message');
    equal(message.attachment?.name, 'retry.png', 'the file');
    equal(slots(frames).length, 2, 'two slots asked for');
    equal(new Set(slotsHeard).size, 2, 'each a fresh one');
    equal(message.attachment?.id, slotsHeard[1], 'the second one used');
    equal((await storedMessages(await roomId())).length, 1, 'stored once');
  });

  it('sends an upload cut off by the network again, with a fresh slot, once a new connection opens', async () => {
    const { c, files, frames } = await visitorFiles();
    c.sendMessage('Hello');
    await waitUntil(() => c.messages().length === 1, 'the first message');
    await blockStorage(true);
    files.send(await pngFile('tunnel.png'));
    await waitUntil(() => files.pending().find((p) => p.file?.lost), 'the broken upload');
    await blockStorage(false);
    // The network comes back with a new connection (the old one died with it).
    await dropVisitors(await roomId());
    await waitUntil(() => c.messages().length === 2, 'the file’s message');
    equal(c.messages()[1]!.attachment?.name, 'tunnel.png', 'the file');
    equal(files.pending().length, 0, 'nothing pending');
    equal(slots(frames).length, 2, 'a fresh slot for the second try');
    equal((await storedMessages(await roomId())).filter((m) => m.attachment).length, 1, 'stored once');
  });

  it('refuses a link to a file that is not in the room', async () => {
    const { c, files } = await visitorFiles();
    c.sendMessage('Hello');
    await waitUntil(() => c.messages().length === 1, 'the first message');
    const error = await files.url(undefined, '01JD0000000000000000000000').then(
      () => undefined,
      (e: unknown) => e,
    );
    ok(error instanceof AttachmentUrlError, `an AttachmentUrlError: ${String(error)}`);
    equal(error.code, 'not_found', 'code');
  });

  it('lets an agent send a file as a note, which the visitor never gets', async () => {
    const visitor = await Visitor.connect();
    visitors.push(visitor);
    await visitor.say('My invoice is wrong');
    const c = new ChatClient({ endpoint: () => endpoint(), token: () => command<string>('agent:token') });
    clients.push(c);
    const files = new ChatFiles(c);
    c.connect();
    c.join(visitor.roomId);
    await waitUntil(() => c.messages(visitor.roomId).length === 1, 'the history');
    files.maxBytes = 10 * 1024 * 1024;
    files.send(pdfFile('internal-refund-form.pdf'), { roomId: visitor.roomId, internal: true });
    files.send(pdfFile('invoice-corrected.pdf'), { roomId: visitor.roomId });
    await waitUntil(() => c.messages(visitor.roomId).length === 3, 'both files');
    deepEqual(
      c.messages(visitor.roomId).map((m) => [m.attachment?.name, m.internal ?? false]),
      [
        [undefined, false],
        ['internal-refund-form.pdf', true],
        ['invoice-corrected.pdf', false],
      ],
      'the agent’s view',
    );
    const reply = await visitor.waitFor('message', '');
    equal(reply.message.attachment?.name, 'invoice-corrected.pdf', 'the visitor got the reply’s file');
    const heard = (await visitor.events()).filter((e) => e.type === 'message').map((e) => (e as { message: { text: string } }).message);
    ok(!JSON.stringify(heard).includes('internal-refund-form'), 'never the note’s');
    const got = await download(await files.url(visitor.roomId, reply.message.attachment!.id));
    match(got.headers['content-disposition'] ?? '', /^attachment/, 'a PDF downloads');
    equal(got.bytes.join(), await bytes(pdfFile()), 'the PDF’s bytes');
  });
});

// Files in <support-agent-console>: the file button, paste and drop, notes with files, and
// the views of files and uploads, against the local stack and its S3; the visitor is a real
// <support-chat> on the same page where what they see matters, else a raw socket.
import type { ClientFrame, Message, ServerEvent } from '@support-chat/backend/protocol';
import { emulateMedia, setViewport } from '@web/test-runner-commands';
import { deepEqual, equal, includes, match, ok } from '../../test/assert.ts';
import { $, $$, axeViolations, open, removeConsoles, roomButton, signedIn, text } from '../../test/console.ts';
import { blockStorage, download, drag, paste, pdfBytes, pdfFile, pngFile, sendFileOn } from '../../test/files.ts';
import { dropAgents, roomId, sendFrame, Visitor, waitUntil } from '../../test/helpers.ts';
import '../visitor/define.ts';
import type { SupportAgentConsole } from './support-agent-console.ts';

const visitors: Visitor[] = [];

/** A visitor over a raw socket who has written, and the console with their conversation open. */
async function conversation(first = 'Can you send me the invoice?'): Promise<{ el: SupportAgentConsole; v: Visitor }> {
  const el = await signedIn();
  const v = await Visitor.connect();
  visitors.push(v);
  await v.say(first);
  await waitUntil(() => roomButton(el, v.roomId), 'the conversation in the inbox');
  await open(el, v.roomId);
  await waitUntil(() => $(el, '.composer button.attach'), 'the file button');
  return { el, v };
}

const composer = (el: SupportAgentConsole) => $<HTMLTextAreaElement>(el, '.composer textarea')!;
const loaded = (img: HTMLImageElement | null) => (img?.complete && img.naturalWidth > 0 ? img : undefined);

/** Picks files with the reply box's file button, as the device's picker hands them over. */
function pick(el: SupportAgentConsole, files: File[]): void {
  const field = $<HTMLInputElement>(el, '.composer input[type="file"]')!;
  const picked = new DataTransfer();
  for (const file of files) picked.items.add(file);
  field.files = picked.files;
  field.dispatchEvent(new Event('change'));
}

/** Every frame the console's client is asked to send. */
function record(el: SupportAgentConsole): ClientFrame[] {
  const frames: ClientFrame[] = [];
  const client = el.client!;
  const send = client.send.bind(client);
  client.send = (frame) => {
    frames.push(frame);
    return send(frame);
  };
  return frames;
}

describe('<support-agent-console>: files', () => {
  before(() => setViewport({ width: 1440, height: 900 }));
  beforeEach(() => {
    localStorage.clear();
    history.replaceState(null, '', location.pathname + location.search);
  });
  afterEach(async () => {
    // The elements go before the network comes back (see visitor/files.test.ts).
    await removeConsoles();
    for (const el of document.querySelectorAll('support-chat')) el.remove();
    delete (navigator as { onLine?: boolean }).onLine;
    window.dispatchEvent(new Event('online'));
    await blockStorage(false);
    for (const v of visitors.splice(0)) await v.close();
    history.replaceState(null, '', location.pathname + location.search);
    document.body.style.margin = '';
    await emulateMedia({ colorScheme: 'light' });
    await setViewport({ width: 1440, height: 900 });
  });

  it('sends a PDF from the file button, which the visitor’s widget shows as a card that downloads it', async () => {
    // The visitor's own widget, on this page: the conversation as they see it.
    const widget = document.createElement('support-chat');
    widget.setAttribute('config', '/config.json');
    document.body.append(widget);
    widget.client.sendMessage('Can you send me the invoice?');
    await waitUntil(() => widget.client.messages().length === 1, 'the visitor’s message');
    const room = await roomId();
    const el = await signedIn();
    await open(el, room);
    await waitUntil(() => $(el, '.composer button.attach'), 'the file button');

    pick(el, [pdfFile('Invoice 2025-0042.pdf')]);
    await el.updateComplete;
    ok($(el, '.msg.pending .file-card'), 'on its way');
    const sent = await waitUntil(() => $(el, '.msg.own:not(.pending) a.file-card'), 'the agent’s own card');
    equal(text(sent.querySelector('.file-name')), 'Invoice 2025-0042.pdf', 'name');

    widget.open();
    const card = await waitUntil(
      () => widget.shadowRoot!.querySelector<HTMLAnchorElement>('.row.agent a.file-card'),
      'the card in the widget',
    );
    equal(text(card.querySelector('.file-name')), 'Invoice 2025-0042.pdf', 'the visitor sees its name');
    card.focus();
    await waitUntil(() => card.getAttribute('href') !== '#', 'its link, asked for on focus');
    const got = await download(card.href);
    match(got.headers['content-disposition'] ?? '', /^attachment/, 'a download');
    equal(got.bytes.join(), pdfBytes().join(), 'the PDF’s bytes');
  });

  it('keeps a note’s file for agents: never sent to the visitor, nor linked for them', async () => {
    const { el, v } = await conversation();
    $<HTMLInputElement>(el, '.composer-mode input[value="note"]')!.click();
    await el.updateComplete;
    paste(composer(el), [await pngFile('customer-account.png')]);
    const note = await waitUntil(() => $(el, '.msg.note:not(.pending) .file-thumb img'), 'the note’s file');
    ok(note.closest('.msg')!.matches('.note'), 'shown as a note');
    const message = el.client!.messages(v.roomId).find((m) => m.attachment)!;
    equal(message.internal, true, 'internal');

    $<HTMLInputElement>(el, '.composer-mode input[value="reply"]')!.click();
    await el.updateComplete;
    paste(composer(el), [pdfFile('reply.pdf')]);
    const reply = await v.waitFor('message', '');
    equal(reply.message.attachment?.name, 'reply.pdf', 'the reply’s file reached the visitor');
    const heard = (await v.events()).filter((e): e is Extract<ServerEvent, { type: 'message' }> => e.type === 'message');
    ok(!heard.some((e) => e.message.attachment?.id === message.attachment!.id), 'the note’s file never did');
    const forged = await sendFrame(v, { action: 'attachmentUrl', attachmentId: message.attachment!.id }, 'attachmentUrl');
    equal(forged.type === 'error' && forged.code, 'not_found', 'nor may the visitor have its link');
  });

  it('sends a screenshot pasted into the reply box, and nothing pasted elsewhere', async () => {
    const { el, v } = await conversation();
    const frames = record(el);
    paste($<HTMLInputElement>(el, '.filter input')!, [await pngFile('elsewhere.png')]);
    await el.updateComplete;
    deepEqual(frames, [], 'a paste into the inbox’s filter sends nothing');
    const event = paste(composer(el), [await pngFile('pasted.png')]);
    ok(event.defaultPrevented, 'the file, not its name as text');
    await waitUntil(() => loaded($<HTMLImageElement>(el, '.msg.own:not(.pending) .file-thumb img')), 'its thumbnail');
    equal((await v.waitFor('message', '')).message.attachment?.name, 'pasted.png', 'the visitor got it');
    equal(composer(el).value, '', 'the draft untouched');
  });

  it('shows the drop overlay while files are dragged over the conversation, and sends what is dropped', async () => {
    const { el } = await conversation();
    const png = await pngFile('dropped.png');
    drag($(el, '.room')!, 'dragenter', [png]);
    await el.updateComplete;
    equal($(el, '.drop-overlay'), null, 'no overlay over the inbox');
    const log = $(el, '.conversation .log')!;
    drag(log, 'dragenter', [png]);
    await el.updateComplete;
    equal(text($(el, '.drop-overlay')), 'Drop to send', 'the overlay');
    ok($(el, '.drop-overlay')!.closest('.conversation'), 'over the conversation');
    drag(log, 'dragleave', [png]);
    await el.updateComplete;
    equal($(el, '.drop-overlay'), null, 'gone when the drag leaves');
    drag(log, 'dragenter', [png]);
    ok(drag(log, 'dragover', [png]).defaultPrevented, 'a drop is welcome');
    drag(log, 'drop', [png]);
    await el.updateComplete;
    equal($(el, '.drop-overlay'), null, 'gone on drop');
    await waitUntil(() => loaded($<HTMLImageElement>(el, '.msg.own:not(.pending) .file-thumb img')), 'the dropped file sent');
  });

  it('refuses a file over the limit before any request', async () => {
    const { el } = await conversation();
    const frames = record(el);
    pick(el, [new File([new Uint8Array(30 * 1024 * 1024)], 'backup.pdf', { type: 'application/pdf' })]);
    await el.updateComplete;
    equal(text($(el, '.file-notice span')), 'This file is 30 MB; the limit is 10 MB.', 'the notice');
    deepEqual(frames, [], 'nothing asked of the server');
  });

  it('lists files in the transcript, a note’s as a note', async () => {
    const { el, v } = await conversation();
    const reply = (await sendFileOn(v, pdfFile('order.pdf'))) as Message;
    await waitUntil(() => $(el, '.msg.visitor a.file-card'), 'the visitor’s file');
    includes(el.transcript(), `: 📎 order.pdf (${reply.attachment!.size} bytes)\n`, 'the visitor’s file');
  });

  it('passes axe with a thumbnail, a card, an upload and a failed file, light and dark', async () => {
    const { el, v } = await conversation();
    await sendFileOn(v, await pngFile('visitor-screenshot.png'));
    await waitUntil(() => loaded($<HTMLImageElement>(el, '.msg.visitor .file-thumb img')), 'the thumbnail');
    pick(el, [pdfFile('answer.pdf')]);
    await waitUntil(() => $(el, '.msg.own:not(.pending) a.file-card'), 'the card');
    $<HTMLInputElement>(el, '.composer-mode input[value="note"]')!.click();
    await blockStorage(true);
    pick(el, [pdfFile('failed-note.pdf')]);
    await waitUntil(() => $(el, '.msg.pending.failed'), 'the failed upload');
    await blockStorage(false);
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    window.dispatchEvent(new Event('offline'));
    await dropAgents(v.roomId);
    await waitUntil(() => el.client!.state === 'offline', 'offline');
    pick(el, [await pngFile('waiting.png')]);
    await waitUntil(() => $(el, '.msg.pending progress'), 'the upload waiting');
    for (const scheme of ['light', 'dark'] as const) {
      await emulateMedia({ colorScheme: scheme });
      deepEqual(await axeViolations(el), [], scheme);
    }
  });

  it('fits 390 px: a thumbnail and a long file name, no sideways scroll', async () => {
    await setViewport({ width: 390, height: 780 });
    document.body.style.margin = '0';
    const { el, v } = await conversation();
    el.style.height = '100vh';
    await sendFileOn(v, await pngFile('wide.png', 1600, 300));
    const long = `${'Screenshot-of-the-billing-page-with-the-error-'.repeat(3)}.pdf`;
    await sendFileOn(v, pdfFile(long));
    await waitUntil(() => loaded($<HTMLImageElement>(el, '.msg.visitor .file-thumb img')), 'the thumbnail');
    const card = await waitUntil(() => $(el, '.msg.visitor a.file-card'), 'the card');
    await el.updateComplete;
    ok(document.documentElement.scrollWidth <= innerWidth, `${document.documentElement.scrollWidth} px wide in ${innerWidth}`);
    const log = $(el, '.conversation .log')!;
    ok(log.scrollWidth <= log.clientWidth, 'no sideways scroll in the log');
    for (const node of [card, $(el, '.file-thumb')!, $(el, '.composer button.attach')!]) {
      const box = node.getBoundingClientRect();
      ok(box.left >= 0 && box.right <= innerWidth, `${node.className} within the screen: ${JSON.stringify(box)}`);
    }
    const name = card.querySelector<HTMLElement>('.file-name')!;
    ok(name.scrollWidth > name.clientWidth, 'the long name cut with an ellipsis');
    equal($$(el, '.msg-file').length, 2, 'both files');
  });
});

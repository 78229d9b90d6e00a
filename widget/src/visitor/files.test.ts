// Files in <support-chat>: paste, drop, the file button, the views of files and uploads,
// against the local stack and its S3, with the agents' console on the same page where the
// other side is a person.
import type { ClientFrame, Message } from '@support-chat/backend/protocol';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import { deepEqual, equal, includes, match, ok } from '../../test/assert.ts';
import { axeViolations, $ as inConsole, open, removeConsoles, signedIn } from '../../test/console.ts';
import { blockStorage, download, drag, paste, pdfBytes, pdfFile, pngFile, sendFileOn } from '../../test/files.ts';
import { Agent, command, dropVisitors, roomId, storedMessages, waitUntil } from '../../test/helpers.ts';
import { $, $$, input, mount } from '../../test/visitor.ts';
import './define.ts';
import type { SupportChat } from './support-chat.ts';

const agents: Agent[] = [];

async function agent(): Promise<Agent> {
  const a = await Agent.connect();
  agents.push(a);
  return a;
}

const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** The panel open, with the file code loaded (the file button shows: the deployment takes files). */
async function opened(attributes: Record<string, string> = {}): Promise<SupportChat> {
  const el = await mount(attributes);
  el.open();
  await waitUntil(() => $(el, 'button.attach'), 'the file button');
  return el;
}

/** Every frame the widget's client is asked to send. */
function record(el: SupportChat): ClientFrame[] {
  const frames: ClientFrame[] = [];
  const send = el.client.send.bind(el.client);
  el.client.send = (frame) => {
    frames.push(frame);
    return send(frame);
  };
  return frames;
}

/** Says something, so that the room exists for an agent. */
async function start(el: SupportChat): Promise<string> {
  el.client.sendMessage('Hello, I have a question');
  await waitUntil(() => el.client.messages().length === 1, 'the first message');
  return roomId();
}

/** Going offline: the browser says so and the connection drops. */
async function goOffline(el: SupportChat, room: string): Promise<void> {
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
  window.dispatchEvent(new Event('offline'));
  await dropVisitors(room);
  await waitUntil(() => el.client.state === 'offline', 'offline');
}

function goOnline(): void {
  delete (navigator as { onLine?: boolean }).onLine;
  window.dispatchEvent(new Event('online'));
}

const loaded = (img: HTMLImageElement | null) => (img?.complete && img.naturalWidth > 0 ? img : undefined);

describe('<support-chat>: files', () => {
  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
  });
  afterEach(async () => {
    // The elements go first: back online, a console would open a replacement connection, and
    // one still opening when it signs out can outlive it in the local gateway (an agent
    // "available" for the tests that follow).
    for (const el of document.querySelectorAll('support-chat')) el.remove();
    await removeConsoles();
    goOnline();
    await blockStorage(false);
    for (const a of agents.splice(0)) await a.close();
    await emulateMedia({ colorScheme: 'light' });
    await setViewport({ width: 1280, height: 800 });
  });

  it('sends a pasted screenshot, which the agent sees as a thumbnail and opens full size', async () => {
    await setViewport({ width: 1440, height: 900 });
    const el = await opened();
    paste(input(el), [await pngFile('quota-exceeded.png', 640, 400)]);
    await el.updateComplete;
    ok($(el, '.row.pending .file-card progress'), 'its upload shows');
    const own = await waitUntil(
      () => loaded($<HTMLImageElement>(el, '.row.visitor:not(.pending) .file-thumb img')),
      'the visitor’s own thumbnail',
    );
    equal(own.alt, 'quota-exceeded.png', 'alt: the name');
    equal($$(el, '.row.visitor .bubble').length, 0, 'no empty bubble beside it');

    const console = await signedIn();
    const room = await roomId();
    await open(console, room);
    const thumb = await waitUntil(
      () => loaded(inConsole<HTMLImageElement>(console, '.msg.visitor .file-thumb img')),
      'the agent’s thumbnail',
    );
    equal(thumb.naturalWidth, 640, 'drawn at its size');
    equal(thumb.alt, 'quota-exceeded.png', 'alt');
    thumb.closest('button')!.click();
    const dialog = await waitUntil(() => inConsole<HTMLDialogElement>(console, 'dialog.lightbox[open]'), 'the image full size');
    await waitUntil(() => loaded(dialog.querySelector('img')), 'its image');
    const tab = await waitUntil(() => dialog.querySelector<HTMLAnchorElement>('a[target="_blank"]'), 'a link to open it in a tab');
    equal((await download(tab.href)).bytes.length, (await pngFile('quota-exceeded.png', 640, 400)).size, 'the link is the file');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !inConsole(console, 'dialog.lightbox'), 'closed with Escape');
  });

  it('shows the agent’s PDF as a card whose link downloads it', async () => {
    const el = await opened();
    const room = await start(el);
    const alex = await agent();
    await alex.join(room);
    const sent = (await sendFileOn(alex, pdfFile('Invoice March.pdf'), { roomId: room })) as Message;
    equal(sent.attachment?.type, 'application/pdf', 'sent');
    const card = await waitUntil(() => $<HTMLAnchorElement>(el, '.row.agent a.file-card'), 'the card');
    equal(text(card.querySelector('.file-name')), 'Invoice March.pdf', 'name');
    match(text(card.querySelector('.file-meta')), /^\d+ bytes · PDF$/, 'size and kind');
    equal(card.getAttribute('href'), '#', 'no link asked for yet');
    card.dispatchEvent(new PointerEvent('pointerenter'));
    await waitUntil(() => card.getAttribute('href') !== '#', 'the link, asked for on hover');
    const got = await download(card.href);
    equal(got.status, 200, 'status');
    match(got.headers['content-disposition'] ?? '', /^attachment/, 'a download');
    equal(got.bytes.join(), pdfBytes().join(), 'the PDF’s bytes');
  });

  it('refuses a 30 MB file in the visitor’s language before any request', async () => {
    const el = await opened({ lang: 'de' });
    const frames = record(el);
    paste(input(el), [new File([new Uint8Array(30 * 1024 * 1024)], 'bildschirm.png', { type: 'image/png' })]);
    await el.updateComplete;
    equal(text($(el, '.file-notice span')), 'Diese Datei hat 30 MB; erlaubt sind 10 MB.', 'the notice');
    equal($(el, '.file-notice')!.getAttribute('role'), 'alert', 'said at once');
    deepEqual(frames, [], 'nothing asked of the server');
    equal($$(el, '.row.pending').length, 0, 'nothing pending');
    paste(input(el), [new File(['<svg/>'], 'logo.svg', { type: 'image/svg+xml' })]);
    await el.updateComplete;
    equal(text($(el, '.file-notice span')), 'Dateien dieser Art können nicht gesendet werden.', 'a type not on the list');
    $<HTMLButtonElement>(el, '.file-notice button')!.click();
    await el.updateComplete;
    equal($(el, '.file-notice'), null, 'dismissed');
    deepEqual(frames, [], 'still nothing asked');
  });

  it('refuses a PDF named .png with the server’s sentence, and shows the agent nothing', async () => {
    const el = await opened();
    const room = await start(el);
    const alex = await agent();
    await alex.join(room);
    paste(input(el), [pdfFile('photo.png', 'image/png')]);
    const failed = await waitUntil(() => $(el, '.row.pending.failed'), 'the refusal');
    match(text(failed.querySelector('.status')), /^Not sent: .*PNG/, 'the server’s sentence');
    ok(failed.querySelector('button.retry') && failed.querySelector('button.discard'), 'Retry and Delete');
    el.client.sendMessage('Wrong file, sorry');
    await alex.waitFor('message', 'Wrong file, sorry');
    const heard = (await alex.events()).filter((e) => e.type === 'message');
    deepEqual(
      heard.map((e) => (e as { message: Message }).message.text),
      ['Wrong file, sorry'],
      'the agent heard the text only',
    );
    failed.querySelector<HTMLButtonElement>('button.discard')!.click();
    await waitUntil(() => !$(el, '.row.pending.failed'), 'deleted');
    ok(!(await storedMessages(room)).some((m) => m.attachment), 'nothing stored');
  });

  it('shows the drop overlay while files are dragged over the panel, and sends what is dropped', async () => {
    const el = await opened();
    const log = $(el, '.log')!;
    const png = await pngFile('dropped.png');
    drag(log, 'dragenter', [png]);
    await el.updateComplete;
    equal(text($(el, '.drop-overlay')), 'Drop to send', 'the overlay');
    drag(log, 'dragleave', [png]);
    await el.updateComplete;
    equal($(el, '.drop-overlay'), null, 'gone when the drag leaves');
    drag(log, 'dragenter', [png]);
    ok(drag(log, 'dragover', [png]).defaultPrevented, 'a drop is welcome');
    ok(drag(log, 'drop', [png]).defaultPrevented, 'the browser does not open the file');
    await el.updateComplete;
    equal($(el, '.drop-overlay'), null, 'gone on drop');
    await waitUntil(() => el.client.messages()[0]?.attachment?.name === 'dropped.png', 'the dropped file sent');
  });

  it('offers the allowed types in the file button, and sends a picked file', async () => {
    const el = await opened();
    const field = $<HTMLInputElement>(el, 'input[type="file"]')!;
    const accept = field.accept.split(',');
    for (const allowed of ['image/png', 'image/jpeg', 'application/pdf', '.heic', '.docx', '.csv'])
      ok(accept.includes(allowed), `accepts ${allowed}`);
    ok(!accept.some((a) => /svg|html/.test(a)), 'no SVG or HTML');
    equal($<HTMLButtonElement>(el, 'button.attach')!.getAttribute('aria-label'), 'Attach a file', 'named');
    const picked = new DataTransfer();
    picked.items.add(pdfFile('contract.pdf'));
    field.files = picked.files;
    field.dispatchEvent(new Event('change'));
    await waitUntil(() => el.client.messages()[0]?.attachment?.name === 'contract.pdf', 'the picked file sent');
    await waitUntil(() => $(el, '.row.visitor a.file-card'), 'its card');
  });

  it('cancels a waiting upload, and retries a broken one', async () => {
    const el = await opened({ lang: 'fr' });
    const room = await start(el);
    await goOffline(el, room);
    paste(input(el), [await pngFile('annulé.png')]);
    await el.updateComplete;
    const waiting = $(el, '.row.pending')!;
    ok(waiting.querySelector('progress'), 'the progress bar');
    equal(waiting.querySelector('progress')!.getAttribute('aria-label'), 'Envoi de annulé.png', 'named');
    waiting.querySelector<HTMLButtonElement>('button.cancel')!.click();
    await el.updateComplete;
    equal($$(el, '.row.pending').length, 0, 'gone on cancel');
    goOnline();
    await waitUntil(() => el.client.state === 'open', 'back online');

    await blockStorage(true);
    paste(input(el), [await pngFile('réessai.png')]);
    const failed = await waitUntil(() => $(el, '.row.pending.failed'), 'the broken upload');
    equal(text(failed.querySelector('.status')), 'Non envoyé: L’envoi a été interrompu.', 'why, in French');
    await blockStorage(false);
    failed.querySelector<HTMLButtonElement>('button.retry')!.click();
    await waitUntil(() => loaded($<HTMLImageElement>(el, '.row.visitor:not(.pending) .file-thumb img')), 'sent on retry');
    deepEqual(
      (await storedMessages(room)).map((m) => m.attachment?.name ?? m.text),
      ['Hello, I have a question', 'réessai.png'],
      'the cancelled file never went',
    );
  });

  it('shows a file as checking… while the malware scan runs, then the file, or that it was removed', async () => {
    await command('scan:start');
    const el = await opened({ config: '/__config/scan.json' });
    paste(input(el), [await pngFile('clean.png')]);
    const checking = await waitUntil(() => $(el, '.row.visitor:not(.pending) .file-card.checking'), 'checking');
    equal(text(checking.querySelector('.file-meta')).split(' · ')[1], 'checking…', 'said so');
    equal(checking.tagName, 'DIV', 'no link while it is checked');
    const room = await roomId();
    const clean = el.client.messages()[0]!;
    await command('scan:verdict', { roomId: room, attachmentId: clean.attachment!.id, status: 'NO_THREATS_FOUND' });
    await waitUntil(() => loaded($<HTMLImageElement>(el, '.row.visitor .file-thumb img')), 'the image once clean');
    equal(el.client.messages().length, 1, 'the same message, updated');

    paste(input(el), [pdfFile('infected.pdf')]);
    await waitUntil(() => el.client.messages()[1]?.attachment?.status === 'checking', 'the second file checking');
    await command('scan:verdict', { roomId: room, attachmentId: el.client.messages()[1]!.attachment!.id, status: 'THREATS_FOUND' });
    const removed = await waitUntil(() => $(el, '.file-card.removed'), 'removed');
    equal(text(removed.querySelector('.file-meta')).split(' · ')[1], 'removed', 'said so');
    equal(removed.querySelector('a'), null, 'no link to it');
  });

  it('lists files in the transcript by name and size', async () => {
    const el = await opened();
    paste(input(el), [await pngFile('chart.png', 10, 10)]);
    await waitUntil(() => el.client.messages().length === 1, 'sent');
    const { size } = el.client.messages()[0]!.attachment!;
    includes(el.transcript(), `] You: 📎 chart.png (${size} bytes)\n`, 'the transcript');
  });

  it('passes axe with a thumbnail, a card, an upload and a failed file, light and dark', async () => {
    await setViewport({ width: 1280, height: 900 });
    const el = await opened();
    paste(input(el), [await pngFile('thumbnail.png')]);
    await waitUntil(() => loaded($<HTMLImageElement>(el, '.file-thumb img')), 'the thumbnail');
    const room = await roomId();
    const alex = await agent();
    await alex.join(room);
    await sendFileOn(alex, pdfFile('card.pdf'), { roomId: room });
    await waitUntil(() => $(el, 'a.file-card'), 'the card');
    await blockStorage(true);
    paste(input(el), [await pngFile('failed.png')]);
    await waitUntil(() => $(el, '.row.pending.failed'), 'the failed upload');
    await blockStorage(false);
    await goOffline(el, room);
    paste(input(el), [await pngFile('uploading.png')]);
    await waitUntil(() => $(el, '.row.pending progress'), 'the upload waiting');
    for (const scheme of ['light', 'dark'] as const) {
      await emulateMedia({ colorScheme: scheme });
      deepEqual(await axeViolations(el), [], scheme);
    }
  });

  it('fits a 390 px phone: a thumbnail and a long file name, no sideways scroll', async () => {
    await setViewport({ width: 390, height: 844 });
    const el = await opened();
    paste(input(el), [await pngFile('wide-screenshot.png', 1600, 400)]);
    await waitUntil(() => loaded($<HTMLImageElement>(el, '.file-thumb img')), 'the thumbnail');
    const room = await roomId();
    const alex = await agent();
    await alex.join(room);
    const long = `${'Quarterly-report-for-the-board-of-directors-'.repeat(3)}final-version-2.pdf`;
    await sendFileOn(alex, pdfFile(long), { roomId: room });
    const card = await waitUntil(() => $(el, 'a.file-card'), 'the card');
    const log = $(el, '.log')!;
    ok(log.scrollWidth <= log.clientWidth, `no sideways scroll in the log (${log.scrollWidth} > ${log.clientWidth})`);
    ok(document.documentElement.scrollWidth <= 390, 'nor in the page');
    const name = card.querySelector<HTMLElement>('.file-name')!;
    ok(name.scrollWidth > name.clientWidth, 'the long name cut with an ellipsis');
    equal(name.title, long, 'and whole in its title');
    ok(card.getBoundingClientRect().right <= 390, 'the card within the screen');
    ok($(el, '.file-thumb')!.getBoundingClientRect().right <= 390, 'the thumbnail within the screen');
  });
});

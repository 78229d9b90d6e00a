import { DEMO_AGENT } from '@support-chat/backend/local/cognito';
import type { ClientFrame, Message, ServerEvent, ServerEventOf } from '@support-chat/backend/protocol';
import type { Locator, Page } from 'playwright-core';

/**
 * What the visitor and the agent do, in the words a person would use, on the real pages.
 * Locators pierce the components' open shadow roots, as a person's eyes do.
 */

/** The Practical Cloud page, with the widget's script loaded and its element defined. */
export async function openDemoPage(page: Page, siteUrl: string): Promise<void> {
  await page.goto(`${siteUrl}/`);
  await page.waitForFunction(() => customElements.get('support-chat') !== undefined);
  await page.getByRole('button', { name: /open chat/i }).waitFor();
}

/** Opens the widget (unless it is open) and answers the pre-chat form. */
export async function startChat(page: Page, visitor: { name: string; email?: string }): Promise<void> {
  const form = page.locator('support-chat form.prechat');
  // The panel may already be open: it stays open across the tab's page loads, which the
  // chat shows once it is here (until then, the loader's launcher says "Open chat").
  await chatRendered(page);
  if (!(await page.locator('support-chat [part=panel].open').isVisible())) await page.getByRole('button', { name: /open chat/i }).click();
  await form.getByLabel('Name').fill(visitor.name);
  if (visitor.email) await form.getByLabel('Email (optional)').fill(visitor.email);
  await form.getByRole('button', { name: 'Start chat' }).click();
  await page.locator('support-chat [part=input]').waitFor();
}

/** The chat's code is on the page and it has rendered, with what it holds for (its texts, the form before the first message). */
export async function chatRendered(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await customElements.whenDefined('support-chat');
    await (document.querySelector('support-chat') as HTMLElement & { updateComplete: Promise<boolean> }).updateComplete;
  });
}

/** Types a message and sends it with Enter (it may stay pending while offline). */
export async function visitorWrites(page: Page, text: string): Promise<void> {
  const composer = page.locator('support-chat [part=input]');
  await composer.fill(text);
  await composer.press('Enter');
}

/** Waits until the server has acknowledged the visitor's message (it has an id, it is no longer "Sending…"). */
export async function visitorSeesDelivered(page: Page, text: string): Promise<void> {
  await page.locator('support-chat .row[data-seq] .bubble', { hasText: text }).waitFor();
}

/** Every message bubble the visitor sees (delivered or pending), top to bottom, without the greeting. */
export function visitorTranscript(page: Page): Promise<string[]> {
  return page.locator('support-chat .row:not(.greeting) .bubble').allInnerTexts();
}

/** The visitor's messages still waiting for the server's acknowledgement. */
export function visitorPending(page: Page): Promise<string[]> {
  return page.locator('support-chat .row.pending .bubble').allInnerTexts();
}

/** Signs the demo agent in on the console page the browser is on (or opens /agent.html). */
export async function signInAgent(page: Page, url: string): Promise<void> {
  await page.goto(url);
  const gate = page.locator('support-agent-console');
  await gate.getByLabel('Email').fill(DEMO_AGENT.email);
  await gate.getByLabel('Password', { exact: true }).fill(DEMO_AGENT.password);
  await gate.getByRole('button', { name: 'Sign in' }).click();
  await gate.locator('nav.inbox').waitFor();
}

/** The inbox entry of the visitor of that name. */
export function inboxEntry(page: Page, visitorName: string) {
  return page.locator('support-agent-console [part=room]', { hasText: visitorName });
}

/** Every message bubble in the open conversation, top to bottom. */
export function agentTranscript(page: Page): Promise<string[]> {
  return page.locator('support-agent-console .conversation .msg .bubble').allInnerTexts();
}

/** Types a reply in the open conversation and sends it with Enter. */
export async function agentReplies(page: Page, text: string): Promise<void> {
  const composer = page.locator('support-agent-console .conversation textarea');
  await composer.fill(text);
  await composer.press('Enter');
  await page.locator('support-agent-console .msg[data-seq] .bubble', { hasText: text }).waitFor();
}

/** The agent opens the team settings from the console's top bar (an admin's entry). */
export async function openTeamSettings(page: Page): Promise<void> {
  await page.locator('support-agent-console').getByRole('button', { name: 'Team settings' }).click();
  await page.locator('support-agent-console .settings input[name="name"]').waitFor();
}

/** Saves the team settings and waits until the server has them (its `team` event says "Saved"). */
export async function saveTeamSettings(page: Page): Promise<void> {
  const agentConsole = page.locator('support-agent-console');
  await agentConsole.getByRole('button', { name: 'Save', exact: true }).click();
  await agentConsole.locator('.save-state.saved').waitFor();
}

/** The line under the widget's title: the team's state ("Online · …", "Away · back …"), or that an agent is here. */
export function visitorHeaderLine(page: Page) {
  return page.locator('support-chat [part=presence]');
}

/** One email as the local SES received it (`GET {site}/local/mail.json`). */
export interface LocalMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
}

/** The emails sent to `address` so far, oldest first. */
export async function mailsTo(siteUrl: string, address: string): Promise<LocalMail[]> {
  const all = (await (await fetch(`${siteUrl}/local/mail.json`)).json()) as LocalMail[];
  return all.filter((mail) => mail.to.some((to) => to.includes(address)));
}

/** Waits until `count` emails have been sent to `address` (20 s at most), and answers them. */
export async function waitForMails(siteUrl: string, address: string, count: number): Promise<LocalMail[]> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const mails = await mailsTo(siteUrl, address);
    if (mails.length >= count) return mails;
    if (Date.now() > deadline) throw new Error(`${mails.length} emails to ${address}, not ${count}, within 20 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The links in an email's text: back into the conversation, and to stop the emails. */
export function mailLinks(mail: LocalMail): { conversation: string; unsubscribe: string } {
  const links = mail.text.match(/https?:\/\/\S+/g) ?? [];
  return {
    conversation: links.find((link) => link.includes('#support-chat-resume=')) ?? '',
    unsubscribe: links.find((link) => link.includes('/unsubscribe?')) ?? '',
  };
}

/** Gives an address in the widget's inline email field ("Get the reply by email") and waits for its confirmation. */
export async function visitorGivesEmail(page: Page, email: string): Promise<void> {
  const form = page.locator('support-chat form[part=ask]');
  await form.getByRole('textbox', { name: /email|e-mail/i }).fill(email);
  await form.getByRole('button').first().click();
  await page.locator('support-chat [part=ask][role=status]', { hasText: email }).waitFor();
}

/** Signs an agent in with their own email and password on the console page (or opens it). */
export async function signInAgentAs(page: Page, url: string, agent: { email: string; password: string }): Promise<void> {
  await page.goto(url);
  const gate = page.locator('support-agent-console');
  await gate.getByLabel('Email').fill(agent.email);
  await gate.getByLabel('Password', { exact: true }).fill(agent.password);
  await gate.getByRole('button', { name: 'Sign in' }).click();
  await gate.locator('nav.inbox').waitFor();
  // The Available/Away switch is enabled once the server has said who the console is.
  await gate.locator('[role=switch]:not([disabled])').waitFor();
}

/** The agent opens the visitor's conversation from the inbox and waits for its messages. */
export async function openConversation(page: Page, visitorName: string): Promise<void> {
  const opened = page.locator('support-agent-console .conv-head', { hasText: visitorName });
  // The list is sorted by activity, so a row can move under the pointer as it is clicked (an
  // answer to another visitor lifts that visitor's row): as a person would, click again.
  for (let attempt = 1; ; attempt++) {
    await inboxEntry(page, visitorName).first().click();
    try {
      await opened.waitFor({ timeout: 5_000 });
      break;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
  await page.locator('support-agent-console .conversation .msg[data-seq]').first().waitFor();
}

/** The agent shows one of the inbox's tabs: Mine, Unassigned, All open or Closed. */
export async function showTab(page: Page, tab: 'Mine' | 'Unassigned' | 'All open' | 'Closed'): Promise<void> {
  const button = page.locator('support-agent-console .tabs [role=tab]', { hasText: tab });
  await button.click();
  await page.locator('support-agent-console .tabs [role=tab][aria-selected=true]', { hasText: tab }).waitFor();
}

/** The visitors' names listed under the tab shown. */
export function listedVisitors(page: Page): Promise<string[]> {
  return page.locator('support-agent-console [part=room] .room-name').allInnerTexts();
}

/** Who handles the open conversation, as its header says ("Assigned to you", "Assigned to Sam Lee", "Unassigned"). */
export function assigneeLine(page: Page) {
  return page.locator('support-agent-console .conv-head .chip.assignee');
}

/** Types `/shortcut` in the reply box, picks the saved reply with Enter, and answers the text it put there. */
export async function insertSavedReply(page: Page, shortcut: string): Promise<string> {
  const composer = page.locator('support-agent-console .conversation textarea');
  await composer.click();
  await composer.pressSequentially(`/${shortcut}`);
  await page.locator('support-agent-console .reply-option[aria-selected=true] code', { hasText: `/${shortcut}` }).waitFor();
  await composer.press('Enter');
  await page.locator('support-agent-console .reply-picker').waitFor({ state: 'detached' });
  return composer.inputValue();
}

/** Writes an internal note (the reply box's Note mode) and waits until it is stored; the box goes back to Reply. */
export async function agentWritesNote(page: Page, text: string): Promise<void> {
  const agentConsole = page.locator('support-agent-console');
  await agentConsole.locator('.composer-mode label', { hasText: 'Note' }).click();
  const composer = agentConsole.locator('.composer.note textarea');
  await composer.fill(text);
  await composer.press('Enter');
  await agentConsole.locator('.msg.note[data-seq] .bubble', { hasText: text }).waitFor();
  await agentConsole.locator('.composer-mode label', { hasText: 'Reply' }).click();
}

/** The transcript the visitor downloads from the widget's header, as text. */
export async function visitorTranscriptFile(page: Page): Promise<string> {
  const download = page.waitForEvent('download');
  await page.locator('support-chat [part=header] button[aria-label*="transcript" i]').click();
  const file = await (await download).createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of file) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The messages the visitor's own key gets from `history` over a WebSocket of its own, the key read from the page's localStorage. */
export async function visitorRawHistory(page: Page, websocketUrl: string): Promise<{ seq: number; text: string }[]> {
  const key = await page.evaluate(() => localStorage.getItem('support-chat:key'));
  if (!key) throw new Error('no visitor key in localStorage');
  const { default: WebSocket } = await import('ws');
  const ws = new WebSocket(`${websocketUrl}?visitorKey=${key}`);
  try {
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    const history = new Promise<{ seq: number; text: string }[]>((resolve) =>
      ws.on('message', (data) => {
        const event = JSON.parse(String(data)) as { type: string; messages?: { seq: number; text: string }[] };
        if (event.type === 'history') resolve(event.messages ?? []);
      }),
    );
    ws.send(JSON.stringify({ action: 'history', after: 0, limit: 100 }));
    return await history;
  } finally {
    ws.close();
  }
}

/** Whether the page scrolls sideways: the document wider than the window. */
export function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > innerWidth);
}

/**
 * A file as a test hands it to a page: a PNG drawn in the page (a canvas, `toBlob`, as a
 * screenshot tool makes one), given bytes, or `zeros` bytes of nothing (a file too large to
 * be worth carrying over from the test).
 */
export type PageFile =
  | { name: string; png: { width: number; height: number; label: string } }
  | { name: string; type: string; bytes: Uint8Array }
  | { name: string; type: string; zeros: number };

/**
 * Pastes one file into `field` as a person's Ctrl+V delivers a copied screenshot: a `paste`
 * event carrying a DataTransfer with the File, on the focused field. Answers the bytes pasted.
 */
export async function pasteFile(field: Locator, file: PageFile): Promise<Buffer> {
  await field.focus();
  // What crosses into the page: bytes as base64.
  const spec:
    | { name: string; png: { width: number; height: number; label: string } }
    | { name: string; type: string; base64: string }
    | { name: string; type: string; zeros: number } =
    'bytes' in file ? { name: file.name, type: file.type, base64: Buffer.from(file.bytes).toString('base64') } : file;
  const base64 = await field.evaluate(async (target, spec) => {
    let blob: Blob;
    if ('png' in spec) {
      const canvas = document.createElement('canvas');
      canvas.width = spec.png.width;
      canvas.height = spec.png.height;
      const g = canvas.getContext('2d')!;
      g.fillStyle = '#f8fafc';
      g.fillRect(0, 0, canvas.width, canvas.height);
      g.fillStyle = '#dc2626';
      g.fillRect(0, 0, canvas.width, 56);
      g.fillStyle = '#ffffff';
      g.font = 'bold 28px sans-serif';
      g.fillText(spec.png.label, 20, 38);
      g.fillStyle = '#94a3b8';
      for (let y = 90; y < canvas.height - 20; y += 36) g.fillRect(20, y, canvas.width * (0.4 + ((y * 7) % 50) / 100), 14);
      blob = await new Promise<Blob>((resolve, reject) =>
        canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob'))), 'image/png'),
      );
    } else if ('base64' in spec) {
      blob = new Blob([Uint8Array.from(atob(spec.base64), (c) => c.charCodeAt(0))]);
    } else {
      blob = new Blob([new Uint8Array(spec.zeros)]);
    }
    const type = 'png' in spec ? 'image/png' : spec.type;
    const data = new DataTransfer();
    data.items.add(new File([blob], spec.name, { type }));
    target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, composed: true, cancelable: true }));
    if ('zeros' in spec) return '';
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let binary = '';
    for (const byte of bytes) binary += String.fromCharCode(byte);
    return btoa(binary);
  }, spec);
  return 'zeros' in file ? Buffer.alloc(file.zeros) : Buffer.from(base64, 'base64');
}

/**
 * Waits until the image `selector` finds in the shadow root of the element `host` has
 * loaded (drawn: `naturalWidth` > 0), and answers its natural size.
 */
export async function loadedImage(page: Page, host: string, selector: string): Promise<{ width: number; height: number }> {
  const size = await page.waitForFunction(
    ([host, selector]) => {
      const img = document.querySelector(host)?.shadowRoot?.querySelector<HTMLImageElement>(selector);
      return img?.complete && img.naturalWidth > 0 ? { width: img.naturalWidth, height: img.naturalHeight } : false;
    },
    [host, selector] as const,
  );
  return (await size.jsonValue()) as { width: number; height: number };
}

/** Every WebSocket frame a page sends and receives from now on, as the text it carries. */
export function watchFrames(page: Page): { sent: string[]; received: string[] } {
  const frames = { sent: [] as string[], received: [] as string[] };
  page.on('websocket', (ws) => {
    ws.on('framesent', (frame) => frames.sent.push(String(frame.payload)));
    ws.on('framereceived', (frame) => frames.received.push(String(frame.payload)));
  });
  return frames;
}

/** The visitor key the widget keeps in the page's localStorage. */
export async function visitorKeyOf(page: Page): Promise<string> {
  const key = await page.evaluate(() => localStorage.getItem('support-chat:key'));
  if (!key) throw new Error('no visitor key in localStorage');
  return key;
}

/** A visitor's WebSocket outside any page, as a script would open one with a key: frames sent as written, every event kept. */
export interface RawVisitor {
  readonly events: ServerEvent[];
  /** Sends `frame`; answers the first event of `type` after it, or the error that refused it. */
  request<T extends ServerEvent['type']>(frame: ClientFrame, type: T): Promise<ServerEventOf<T> | ServerEventOf<'error'>>;
  close(): void;
}

export async function openRawVisitor(websocketUrl: string, key: string): Promise<RawVisitor> {
  const { default: WebSocket } = await import('ws');
  const ws = new WebSocket(`${websocketUrl}?visitorKey=${key}`);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const events: ServerEvent[] = [];
  const waiting = new Set<(event: ServerEvent) => void>();
  ws.on('message', (data) => {
    const event = JSON.parse(String(data)) as ServerEvent;
    events.push(event);
    for (const listener of [...waiting]) listener(event);
  });
  return {
    events,
    request: (frame, type) =>
      new Promise((resolve) => {
        const listener = (event: ServerEvent) => {
          const refused = event.type === 'error' && event.action === frame.action;
          if (event.type !== type && !refused) return;
          waiting.delete(listener);
          resolve(event as ServerEventOf<typeof type> | ServerEventOf<'error'>);
        };
        waiting.add(listener);
        ws.send(JSON.stringify(frame));
      }),
    close: () => ws.close(),
  };
}

/** Every message the visitor's own key gets from `history` (files and all), over a WebSocket of its own. */
export async function visitorRawMessages(page: Page, websocketUrl: string): Promise<Message[]> {
  const socket = await openRawVisitor(websocketUrl, await visitorKeyOf(page));
  try {
    const history = await socket.request({ action: 'history', after: 0, limit: 100 }, 'history');
    if (history.type === 'error') throw new Error(`history refused: ${history.message}`);
    return history.messages;
  } finally {
    socket.close();
  }
}

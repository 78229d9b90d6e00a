import { DEMO_AGENT } from '@support-chat/backend/local/cognito';
import { type EnginePage, STEP_WAIT_MS } from './engine.ts';
import { button, field, findElement, type Target, target, textsOf } from './in-page.ts';

/**
 * The visitor's and the agent's actions of support/actors.ts, in any engine: the same
 * words, on the real pages, elements found through the components' open shadow roots.
 */

const CHAT = 'support-chat';
const CONSOLE = 'support-agent-console';

/** Waits until `check` holds in the page (polled): a guard against hangs, never a speed check. */
export async function waitUntil<A>(page: EnginePage, what: string, check: (arg: A) => boolean, arg: A): Promise<void> {
  const deadline = Date.now() + STEP_WAIT_MS;
  for (;;) {
    if (await page.evaluate(check, arg)) return;
    if (Date.now() > deadline) throw new Error(`${page.engine}: still waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export const waitFor = (page: EnginePage, what: Target) =>
  waitUntil(page, JSON.stringify(what), findElement as (what: Target) => boolean, { ...what, answer: 'present' });
export const waitForGone = (page: EnginePage, what: Target) =>
  waitUntil(page, `no ${JSON.stringify(what)}`, findElement as (what: Target) => boolean, { ...what, answer: 'absent' });

/** Clicks what `what` finds once it is there. */
export async function clickOn(page: EnginePage, what: Target): Promise<void> {
  await waitFor(page, what);
  await page.click(what);
}

async function typeInto(page: EnginePage, what: Target, text: string, enter = false): Promise<void> {
  await waitFor(page, what);
  await page.type(what, text, { enter });
}

/** The Practical Cloud page, with the widget's script loaded and its element defined. */
export async function openDemoPage(page: EnginePage, siteUrl: string): Promise<void> {
  await page.goto(`${siteUrl}/`);
  await waitUntil(page, 'support-chat defined', () => customElements.get('support-chat') !== undefined, null);
  await waitFor(page, button(CHAT, /open chat/i));
}

/** Opens the widget (unless it is open) and answers the pre-chat form. */
export async function startChat(page: EnginePage, visitor: { name: string; email?: string }): Promise<void> {
  const open = await page.evaluate(findElement, { ...target(CHAT, '[part=panel].open'), answer: 'present' });
  if (!open) await clickOn(page, button(CHAT, /open chat/i));
  await typeInto(page, field(CHAT, 'Name'), visitor.name);
  if (visitor.email) await typeInto(page, field(CHAT, 'Email (optional)'), visitor.email);
  await clickOn(page, button(CHAT, 'Start chat'));
  await waitFor(page, target(CHAT, 'textarea'));
}

/** Types a message and sends it with Enter (it may stay pending while offline). */
export const visitorWrites = (page: EnginePage, text: string) => typeInto(page, target(CHAT, 'textarea'), text, true);

/** Waits until the server has acknowledged the visitor's message (it has a seq, it is no longer "Sending…"). */
export const visitorSeesDelivered = (page: EnginePage, text: string) => waitFor(page, target(CHAT, '.row[data-seq] .bubble', text));

/** Waits until the agent's message `text` is in the visitor's conversation. */
export const visitorSeesAgent = (page: EnginePage, text: string) => waitFor(page, target(CHAT, '.row.agent .bubble', text));

/** Every message bubble the visitor sees (delivered or pending), top to bottom, without the greeting. */
export const visitorTranscript = (page: EnginePage) => page.evaluate(textsOf, target(CHAT, '.row:not(.greeting) .bubble'));

/** The visitor's messages still waiting for the server's acknowledgement. */
export const visitorPending = (page: EnginePage) => page.evaluate(textsOf, target(CHAT, '.row.pending .bubble'));

/** The banner over the conversation ("You're offline…", "Connection lost. Reconnecting…"), if shown. */
export const visitorBanner = target(CHAT, '[part=banner]');

/** Signs the demo agent in on the console (opens `url`, /agent.html). */
export async function signInAgent(page: EnginePage, url: string): Promise<void> {
  await page.goto(url);
  await typeInto(page, field(CONSOLE, 'Email'), DEMO_AGENT.email);
  await typeInto(page, field(CONSOLE, 'Password'), DEMO_AGENT.password);
  await clickOn(page, button(CONSOLE, 'Sign in'));
  await waitFor(page, target(CONSOLE, 'nav.inbox'));
}

/** The inbox entry of the visitor of that name (with `text` in it, if given). */
export const inboxEntry = (visitorName: string) => target(CONSOLE, '[part=room]', visitorName);

/** The agent opens the visitor's conversation from the inbox and waits for `text` in it. */
export async function openConversation(page: EnginePage, visitorName: string, text: string): Promise<void> {
  await clickOn(page, inboxEntry(visitorName));
  await waitFor(page, agentSees(text));
}

/** A message in the console's open conversation. */
export const agentSees = (text: string) => target(CONSOLE, '.conversation .msg .bubble', text);

/** Every message bubble in the open conversation, top to bottom. */
export const agentTranscript = (page: EnginePage) => page.evaluate(textsOf, target(CONSOLE, '.conversation .msg .bubble'));

/** Types a reply in the open conversation, sends it with Enter, and waits until it is stored. */
export async function agentReplies(page: EnginePage, text: string): Promise<void> {
  await typeInto(page, target(CONSOLE, '.conversation textarea'), text, true);
  await waitFor(page, target(CONSOLE, '.msg[data-seq] .bubble', text));
}

/** The keys the page keeps in localStorage. */
export const storedKeys = (page: EnginePage) => page.evaluate(() => Object.keys(localStorage), null);

/**
 * Where the page draws over the open chat panel: points across the panel (a 4×4 grid,
 * inside its rounded corners) at which the page's hit test finds something other than the
 * widget, such as the site's sticky header. A person can neither see nor click there.
 */
export const chatPanelCoveredAt = (page: EnginePage) =>
  page.evaluate(() => {
    const host = document.querySelector('support-chat');
    const panel = host?.shadowRoot?.querySelector('[part=panel]');
    if (!host || !panel) return ['no open panel'];
    const box = panel.getBoundingClientRect();
    const covered: string[] = [];
    for (const fx of [0.05, 0.35, 0.65, 0.95]) {
      for (const fy of [0.03, 0.35, 0.65, 0.97]) {
        const x = Math.round(box.left + fx * box.width);
        const y = Math.round(Math.max(box.top, 0) + fy * (Math.min(box.bottom, innerHeight) - Math.max(box.top, 0)));
        const hit = document.elementFromPoint(x, y);
        if (hit !== host) covered.push(`(${x}, ${y}): ${hit ? `${hit.tagName.toLowerCase()}.${hit.className}` : 'nothing'}`);
      }
    }
    return covered;
  }, null);

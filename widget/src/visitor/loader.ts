/**
 * The script-tag entry (dist/support-chat.js), a few KB without Lit:
 *
 *   <script src=".../support-chat.js" data-config=".../config.json" async></script>
 *
 * adds <support-chat> to the page with the script's data-* attributes and draws its
 * launcher with plain DOM, in the shadow root the element takes over once its code is
 * here. That code, the chat itself (support-chat-app.js, from beside this script, with its
 * nonce), loads on the visitor's first sign of interest (the pointer on the launcher, the
 * focus on it, a click), when the browser is idle after the page's load, or at once for a
 * panel left open on the site's previous page, an email's link back into a conversation or
 * an element that is to be open.
 * `SupportChat(command, ...args)` works throughout: `on` and `off` at once, the rest kept,
 * in order, until the element is ready (`open`, `toggle`, `identify` and `reset` load it
 * at once), then run directly. The loader stores nothing and connects nowhere.
 *
 * It also serves the chat (as `window.SupportChatLoader`, this script's exports): the
 * launcher's styles and the element's basics, which the chat's build takes from here
 * rather than carrying a second copy, and `loadExtra`, which loads the chat's lazy chunks
 * (load-extra.ts) from beside this script. A visitor who reads German, Spanish or French
 * gets that language's texts with the chat.
 */
import { ICON_CHAT } from '../shared/icon-paths.ts';
import { RESET } from '../shared/reset-css.ts';
import { ATTRIBUTES, OPEN_CHAT, pickLanguage, STAND_IN } from './element-basics.ts';
import type { ExtraName, Extras, LanguageChunk } from './load-extra.ts';
import { HOST, LAUNCHER } from './styles/launcher-css.ts';
import type { SupportChat } from './support-chat.ts';

// What the chat's build takes from this script (vite.config.ts) rather than bundling a copy.
export * from '../shared/reset-css.ts';
export * from './element-basics.ts';
export * from './styles/launcher-css.ts';

type Command = [command: string, ...args: unknown[]];
interface SupportChatFunction {
  (...command: Command): void;
  q?: ArrayLike<unknown>[];
}

/** The chat's script, beside this one. */
const APP = 'support-chat-app.js';
/** docs/widget.md's commands. */
const COMMANDS = ['open', 'close', 'toggle', 'reset', 'identify', 'page', 'on', 'off'];
/** Commands that need the chat at once: they act for the visitor. */
const LOADS_AT_ONCE = ['open', 'toggle', 'identify', 'reset'];

const script =
  (document.currentScript as HTMLScriptElement | null) ??
  document.querySelector<HTMLScriptElement>('script[data-endpoint],script[data-config]');
const host = window as unknown as { SupportChat?: SupportChatFunction; SupportChatExtras?: Record<string, unknown> };
const queued = Array.from(host.SupportChat?.q ?? [], (args) => Array.from(args) as Command);
/** What waits for the element: the page's commands and the visitor's clicks, in order. */
const waiting: ((el: SupportChat) => void)[] = [];
/** The element once its code has loaded and it has rendered. */
let ready: SupportChat | undefined;
/** The element on the page, before its code has loaded. */
let element: HTMLElement | undefined;
let loading = false;
/** The chat's lazy chunks, each once asked for. */
const extras: Partial<Record<ExtraName, Promise<unknown>>> = {};

host.SupportChat = (...command: Command) => {
  if (!COMMANDS.includes(command[0])) console.warn(`SupportChat: unknown command "${command[0]}"`);
  else if (ready) run(ready, command);
  else if (element) keep(element, command);
  else queued.push(command);
};

if (document.body) mount();
else document.addEventListener('DOMContentLoaded', mount, { once: true });

function mount(): void {
  let el = document.querySelector<HTMLElement>('support-chat');
  if (!el) {
    el = document.createElement('support-chat');
    for (const name of ATTRIBUTES) {
      const value = script?.getAttribute(`data-${name}`);
      if (value != null && value !== 'false') el.setAttribute(name, value);
    }
    document.body.append(el);
  }
  element = el;
  // The element's code may be on the page already (the ES module's): then nothing to draw or load.
  const defined = customElements.get('support-chat') !== undefined;
  if (!defined && !el.shadowRoot) drawLauncher(el);
  for (const command of queued.splice(0)) host.SupportChat!(...command);
  void handOver(el);
  if (defined) return;
  if (el.hasAttribute('open') || location.hash.includes('support-chat-resume=') || panelLeftOpen()) load();
  else if (document.readyState === 'complete') whenIdle();
  else addEventListener('load', whenIdle, { once: true });
}

/** A command before the element is ready: listeners go on the element at once, the rest waits. */
function keep(el: HTMLElement, command: Command): void {
  const [name, type, listener] = command;
  if (name === 'on') el.addEventListener(eventName(type), listener as EventListener);
  else if (name === 'off') el.removeEventListener(eventName(type), listener as EventListener);
  else {
    waiting.push((chat) => run(chat, command));
    if (LOADS_AT_ONCE.includes(name)) load();
  }
}

/**
 * The panel was open on the site's previous page (the element's `support-chat:panel`, this
 * tab only): the one storage read of the loader, which writes none. Read only where the
 * visitor can come from such a page (a link from this site, its address the referrer; a
 * reload; back or forward): the first read of a tab's storage holds the page's main thread
 * for a couple of milliseconds in Chromium, which a visitor arriving from elsewhere does not
 * pay. Where the site's Referrer-Policy hides even its own address, the panel opens again
 * when the chat loads, at idle time.
 */
function panelLeftOpen(): boolean {
  if (!document.referrer.startsWith(`${origin}/`) && arrival() === 'navigate') return false;
  try {
    return sessionStorage.getItem('support-chat:panel') === 'open';
  } catch {
    return false;
  }
}

/** How the visitor came to this page: `navigate`, `reload` or `back_forward`. */
function arrival(): string | undefined {
  return (performance.getEntriesByType?.('navigation')[0] as PerformanceNavigationTiming | undefined)?.type;
}

function whenIdle(): void {
  // WebKit has no requestIdleCallback.
  if ('requestIdleCallback' in window) requestIdleCallback(load, { timeout: 5000 });
  else setTimeout(load, 200);
}

/** A script from beside this one, with its nonce; `failed` once it did not load (it is gone then). */
function inject(file: string, failed: (src: string) => void): HTMLScriptElement {
  const added = document.createElement('script');
  added.src = new URL(file, script?.src || location.href).href;
  if (script?.nonce) added.nonce = script.nonce;
  added.onerror = () => {
    added.remove();
    failed(added.src);
  };
  return document.head.appendChild(added);
}

/** Loads the chat (once; again after a failure, on the next sign of interest), and the visitor's language with it. */
function load(): void {
  if (loading || customElements.get('support-chat')) return;
  loading = true;
  inject(APP, (src) => {
    loading = false;
    console.warn(`support-chat: ${src} did not load`);
  });
  const lang = pickLanguage(element?.getAttribute('lang'));
  // At once rather than when the chat asks: the two come together, the panel in the visitor's language from the start.
  if (lang !== 'en') loadExtra(lang as LanguageChunk).catch(() => {});
}

/**
 * A lazy chunk of the chat, support-chat-<name>.js from beside this script, which leaves its
 * module at `window.SupportChatExtras[name]`: loaded once (again after a failure).
 */
export function loadExtra<N extends ExtraName>(name: N): Promise<Extras[N]> {
  extras[name] ??= new Promise((resolve, reject) => {
    inject(`support-chat-${name}.js`, (src) => {
      delete extras[name];
      reject(new Error(`${src} did not load`));
    }).onload = () => {
      const chunk = host.SupportChatExtras?.[name];
      if (chunk) resolve(chunk);
      else reject(new Error(`support-chat-${name}.js defined nothing`));
    };
  });
  return extras[name] as Promise<Extras[N]>;
}

/** The launcher as the element draws it, in the shadow root the element will take over. */
function drawLauncher(el: HTMLElement): void {
  const root = el.attachShadow({ mode: 'open' });
  const styles = RESET + HOST + LAUNCHER;
  if ('adoptedStyleSheets' in Document.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(styles);
    root.adoptedStyleSheets = [sheet];
  } else {
    // As Lit does without constructable style sheets (a strict Content-Security-Policy blocks it).
    const style = document.createElement('style');
    style.textContent = styles;
    root.append(style);
  }
  const lang = pickLanguage(el.getAttribute('lang'));
  const given = el.getAttribute('strings');
  let strings: Record<string, { openChat?: string } | string | undefined> = {};
  // Parsed only where the page names the launcher: most pages' texts are the panel's.
  if (given?.includes('openChat')) {
    try {
      strings = JSON.parse(given);
    } catch {
      // the element reports it once loaded
    }
  }
  const own = strings[lang];
  const label = (typeof own === 'object' && own.openChat) || (typeof strings.openChat === 'string' && strings.openChat) || OPEN_CHAT[lang]!;
  // The element's markup: title="" keeps the host's title from becoming the launcher's tooltip.
  const wrap = document.createElement('div');
  wrap.setAttribute(STAND_IN, '');
  wrap.className = 'root';
  wrap.title = '';
  wrap.lang = lang;
  const button = document.createElement('button');
  button.className = 'launcher';
  button.setAttribute('part', 'launcher');
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-label', label);
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  for (const [name, value] of Object.entries({
    viewBox: '0 0 24 24',
    width: '24',
    height: '24',
    'aria-hidden': 'true',
    focusable: 'false',
  }))
    svg.setAttribute(name, value);
  svg.appendChild(document.createElementNS(svg.namespaceURI, 'path')).setAttribute('d', ICON_CHAT);
  button.append(svg);
  wrap.append(button);
  root.append(wrap);
  for (const type of ['pointerenter', 'focus']) button.addEventListener(type, load);
  // The visitor's click on a launcher that says "Open chat": once the chat is here, the
  // element's own launcher is clicked (it opens the panel and unlocks the sound), unless the
  // panel is open by then (left open on the previous page, or clicked twice).
  button.addEventListener('click', () => {
    waiting.push((chat) => {
      if (!chat.opened) chat.shadowRoot?.querySelector<HTMLElement>('[part="launcher"]')?.click();
    });
    load();
  });
}

/**
 * Once the element's code has defined it and it has rendered with what it holds for (the
 * visitor's texts, the form before the first message): what waited runs. The loader's
 * launcher is gone by then, taken away by the element's first render (StandInController).
 */
async function handOver(el: HTMLElement): Promise<void> {
  await customElements.whenDefined('support-chat');
  const chat = el as SupportChat;
  await chat.updateComplete;
  ready = chat;
  for (const next of waiting.splice(0)) next(chat);
}

function eventName(name: unknown): string {
  return String(name).startsWith('support-chat-') ? String(name) : `support-chat-${String(name)}`;
}

function run(el: SupportChat, [command, ...args]: Command): void {
  switch (command) {
    case 'open':
    case 'close':
    case 'toggle':
    // Sign-out: the next person on this browser starts anonymous.
    case 'reset':
      el[command]();
      break;
    case 'identify':
      el.identify(args[0] as Parameters<SupportChat['identify']>[0]);
      break;
    // A single-page app's router: the visitor is on another page.
    case 'page':
      el.notePageChange();
      break;
    case 'on':
      el.addEventListener(eventName(args[0]), args[1] as EventListener);
      break;
    case 'off':
      el.removeEventListener(eventName(args[0]), args[1] as EventListener);
  }
}

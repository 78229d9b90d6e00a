/**
 * The script-tag entry (dist/support-chat.js):
 *
 *   <script src=".../support-chat.js" data-endpoint="wss://..." async></script>
 *
 * adds <support-chat> to the page with the script's data-* attributes, then runs the
 * commands queued in `window.SupportChat.q` before it loaded and makes
 * `SupportChat(command, ...args)` run them directly from then on.
 */
import { SupportChat } from './support-chat.ts';
import './define.ts';

// What support-chat-files.js takes from this script (`window.SupportChatWidget`) instead of a copy of its own.
export { adoptStyles, css, html, nothing, supportsAdoptingStyleSheets } from 'lit';

type Command = [command: string, ...args: unknown[]];
interface SupportChatFunction {
  (...command: Command): void;
  q?: ArrayLike<unknown>[];
}

const script =
  (document.currentScript as HTMLScriptElement | null) ??
  document.querySelector<HTMLScriptElement>('script[data-endpoint],script[data-config]');
const host = window as unknown as { SupportChat?: SupportChatFunction };
const queued = Array.from(host.SupportChat?.q ?? [], (args) => Array.from(args) as Command);
let element: SupportChat | undefined;

host.SupportChat = (...command: Command) => {
  if (element) run(element, command);
  else queued.push(command);
};

if (document.body) mount();
else document.addEventListener('DOMContentLoaded', mount, { once: true });

function mount(): void {
  let el = document.querySelector('support-chat');
  if (!el) {
    el = document.createElement('support-chat');
    // The element's attributes (endpoint, config, title, ..., prechat, offset-x, strings), each from its data-* twin.
    for (const name of SupportChat.observedAttributes) {
      const value = script?.getAttribute(`data-${name}`);
      if (value != null && value !== 'false') el.setAttribute(name, value);
    }
    document.body.append(el);
  }
  element = el;
  for (const command of queued.splice(0)) run(el, command);
}

function run(el: SupportChat, [command, ...args]: Command): void {
  const eventName = (name: unknown) => (String(name).startsWith('support-chat-') ? String(name) : `support-chat-${String(name)}`);
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
      break;
    default:
      console.warn(`SupportChat: unknown command "${command}"`);
  }
}

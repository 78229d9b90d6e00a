/** Browser-side helpers of the visitor widget's tests: mounting and reading the shadow DOM. */
import '../src/visitor/define.ts';
import type { SupportChat } from '../src/visitor/support-chat.ts';

/** A `<support-chat>` on the page: the test stack's config.json, unless the attributes name an endpoint. */
export async function mount(attributes: Record<string, string> = {}): Promise<SupportChat> {
  const el = document.createElement('support-chat');
  if (!('endpoint' in attributes)) el.setAttribute('config', '/config.json');
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  document.body.append(el);
  await el.updateComplete;
  return el;
}

export const $ = <E extends Element = HTMLElement>(el: SupportChat, selector: string) => el.shadowRoot!.querySelector<E>(selector);
export const $$ = (el: SupportChat, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
export const input = (el: SupportChat) => $<HTMLTextAreaElement>(el, '[part="input"]')!;

/** Types `text` in the composer as the visitor would and sends it (without waiting for the acknowledgement). */
export async function say(el: SupportChat, text: string): Promise<void> {
  const box = input(el);
  box.value = text;
  box.dispatchEvent(new Event('input', { bubbles: true }));
  await el.updateComplete;
  $<HTMLButtonElement>(el, '[part="send"]')!.click();
  await el.updateComplete;
}

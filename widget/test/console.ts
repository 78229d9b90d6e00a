/** Browser-side helpers of the agent console's tests: mounting, signing in, reading the shadow DOM, axe. */
import '../src/agent/define.ts';
import type { SupportAgentConsole } from '../src/agent/support-agent-console.ts';

export { axeViolations } from './axe.ts';

import { DEMO_AGENT, waitUntil } from './helpers.ts';

export async function mount(attributes: Record<string, string> = {}): Promise<SupportAgentConsole> {
  const el = document.createElement('support-agent-console');
  el.setAttribute('config', '/config.json');
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  el.style.height = '800px';
  document.body.append(el);
  await el.updateComplete;
  return el;
}

export const $ = <E extends Element = HTMLElement>(el: SupportAgentConsole, selector: string) => el.shadowRoot!.querySelector<E>(selector);
export const $$ = <E extends Element = HTMLElement>(el: SupportAgentConsole, selector: string) => [
  ...el.shadowRoot!.querySelectorAll<E>(selector),
];
export const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
export const roomButton = (el: SupportAgentConsole, roomId: string) => $<HTMLButtonElement>(el, `.room[data-room-id="${roomId}"]`);

/** A console signed in (the demo agent by default), connected, and knowing who it is (`team.me`). */
export async function signedIn(email: string = DEMO_AGENT.email, password: string = DEMO_AGENT.password): Promise<SupportAgentConsole> {
  const el = await mount();
  const form = await waitUntil(() => $<HTMLFormElement>(el, 'form.gate-form'), 'the sign-in form');
  form.querySelector<HTMLInputElement>('input[name="email"]')!.value = email;
  form.querySelector<HTMLInputElement>('input[name="password"]')!.value = password;
  form.requestSubmit();
  await waitUntil(() => el.client?.state === 'open', 'the connection');
  // The switch is enabled once `team` with `me` has come: the console knows whose messages are "You".
  await waitUntil(() => $<HTMLButtonElement>(el, '[role="switch"]')?.disabled === false, 'who the console is');
  return el;
}

/** Opens a conversation from the list and waits for its history. */
export async function open(el: SupportAgentConsole, roomId: string): Promise<void> {
  await waitUntil(() => roomButton(el, roomId), 'the conversation in the list');
  roomButton(el, roomId)!.click();
  await waitUntil(() => el.client!.messages(roomId).length > 0 && $(el, '.msg'), 'the history');
}

/** Signs out and removes every console on the page (see the console tests' afterEach). */
export async function removeConsoles(): Promise<void> {
  for (const el of document.querySelectorAll('support-agent-console')) {
    await el.signOut();
    el.remove();
  }
}

/** Types into a field as a person does: the value, then an input event. */
export function typeInto(field: HTMLInputElement | HTMLTextAreaElement | null, value: string): void {
  if (!field) throw new Error('no such field');
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

import type { ChatClient } from '../client/chat-client.ts';
import type { EmailCaptureHost } from './email-capture-controller.ts';

/** The pre-chat form, the inline one and the transcript by email, and when they may show: in the email chunk and the element alike. */

/** The page's `prechat`: `required`, `optional` or `off`; the boolean of earlier versions: present (or true) asks first, false never. */
export function prechatMode(prechat: string | boolean): string {
  const given = `${prechat}`;
  return given === '' || given === 'true' || given === 'required' ? 'required' : given === 'false' ? 'off' : given;
}

/** The visitor has written: a message in the conversation, or one on its way. */
export const visitorWrote = (client: ChatClient) =>
  client.messages().some((m) => m.sender.role === 'visitor') || client.pending().length > 0;

/**
 * Whether a form may show: the email chunk (email-capture-controller.ts) comes then. A form asks before the first message only where the page requires one or
 * nobody is there, after it only while nobody is known.
 */
export function emailFormsNeeded(host: EmailCaptureHost, away: boolean): boolean {
  return away || (!host.client.profile && (prechatMode(host.prechat) === 'required' || visitorWrote(host.client)));
}

import type { ChatClient } from '../client/chat-client.ts';
import type { EmailCaptureHost } from './email-capture-controller.ts';
import type { TeamStateController } from './team-state-controller.ts';

/** The pre-chat form, the inline one and the transcript by email, and when they may show: in the email chunk and the element alike. */

/** The page's `prechat`: `required`, `optional` or `off`; the boolean of earlier versions: present (or true) asks first, false never. */
export function prechatMode(prechat: string | boolean): string {
  const given = `${prechat}`;
  return given === '' || given === 'true' || given === 'required' ? 'required' : given === 'false' ? 'off' : given;
}

/** The visitor has written: a message in the conversation, or one on its way. */
export const visitorWrote = (client: ChatClient) =>
  client.messages().some((m) => m.sender.role === 'visitor') || client.pending().length > 0;

/** An address is required before the first message: nobody is there, and the team's rule after hours says so. */
export function addressRequired(host: EmailCaptureHost, team: TeamStateController): boolean {
  return team.away && team.status!.settings.afterHours === 'require-email' && !host.client.profile?.email;
}

/**
 * The form before the first message, in place of the composer: the one the page asks for
 * (prechat="required"), or an address while nobody is there (afterHours "require-email").
 */
export function formBeforeFirstMessage(host: EmailCaptureHost, team: TeamStateController): boolean {
  const { client } = host;
  return (
    !visitorWrote(client) &&
    !client.messages().length &&
    ((prechatMode(host.prechat) === 'required' && !client.profile) || addressRequired(host, team))
  );
}

/**
 * Whether a form may show: the email chunk (email-capture-controller.ts) comes then. A form
 * asks before the first message only where the page requires one or nobody is there, after
 * it only while nobody is known.
 */
export function emailFormsNeeded(host: EmailCaptureHost, away: boolean): boolean {
  return away || (!host.client.profile && (prechatMode(host.prechat) === 'required' || visitorWrote(host.client)));
}

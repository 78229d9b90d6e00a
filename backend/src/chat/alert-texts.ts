import { MAX_SMS_LENGTH } from '../protocol/limits.ts';
import type { AlertInput } from './ports.ts';

/** What an alert says: by email (a subject and a text) and by SMS (one GSM-7 part). */
export interface AlertTexts {
  subject: string;
  email: string;
  sms: string;
}

/**
 * The texts of an alert. A new conversation says "New chat"; a visitor writing again to
 * an unattended conversation, or an assignee's conversation escalated to the team, says
 * the visitor is still waiting; a low satisfaction rating says the score and its comment.
 * The link opens the room in the console.
 */
export function alertTexts(alert: AlertInput, agentConsoleUrl: string): AlertTexts {
  const who = alert.visitorName ?? 'a visitor';
  const link = `${agentConsoleUrl}#room=${alert.roomId}`;
  const headline =
    alert.rating !== undefined
      ? `${capitalize(who)} rated the conversation ${alert.rating} of 5`
      : alert.firstMessage
        ? `New chat from ${who}`
        : alert.assignee
          ? `${capitalize(who)} is still waiting: ${alert.assignee} has not answered`
          : `${capitalize(who)} is still waiting for an answer`;
  const email = [
    `${headline}.`,
    '',
    `Visitor: ${alert.visitorName ?? 'not given'}`,
    `Email: ${alert.visitorEmail ?? 'not given'}`,
    ...(alert.assignee ? [`Assigned to: ${alert.assignee}`] : []),
    '',
    alert.rating !== undefined ? 'Comment:' : 'Message:',
    alert.rating !== undefined && !alert.text ? '(none)' : alert.text,
    '',
    `${alert.rating !== undefined ? 'Open the conversation' : 'Answer here'}: ${link}`,
  ].join('\n');
  const kind = alert.rating !== undefined ? `Rated ${alert.rating} of 5` : alert.firstMessage ? 'New chat' : 'Still waiting';
  const subject = `${kind}: ${who}`.replace(/[\r\n]+/g, ' ');
  return { subject: truncate(subject, 100, '…'), email, sms: smsText(toGsm7(headline), toGsm7(alert.text), link) };
}

/** Headline, link and as much of the message as fits in one SMS part of 160 GSM-7 characters. */
function smsText(headline: string, text: string, link: string): string {
  const frame = `${headline}: "" ${link}`;
  const room = MAX_SMS_LENGTH - frame.length;
  const oneLine = text.replace(/\s+/g, ' ').trim();
  if (oneLine && room >= 4) return `${headline}: "${truncate(oneLine, room, '...')}" ${link}`;
  return truncate(`${headline} ${link}`, MAX_SMS_LENGTH, '...');
}

/**
 * The GSM 03.38 default alphabet, one septet each. An SMS holding any other character is
 * sent as UCS-2, 70 characters a part: a 160-character alert would cost three parts.
 */
const GSM7 = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);

/** Look-alikes for common characters outside the alphabet (its two-septet escapes included). */
const LOOK_ALIKES: Record<string, string> = {
  '‘': "'",
  '’': "'",
  '‚': "'",
  '`': "'",
  '´': "'",
  '“': '"',
  '”': '"',
  '„': '"',
  '«': '"',
  '»': '"',
  '–': '-',
  '—': '-',
  '−': '-',
  '…': '...',
  '\u00a0': ' ',
  '\t': ' ',
  '[': '(',
  ']': ')',
  '{': '(',
  '}': ')',
  '\\': '/',
  '|': '/',
  '^': "'",
  '~': '-',
  '€': 'EUR',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  œ: 'oe',
  Œ: 'OE',
  ı: 'i',
  ç: 'c',
};

/**
 * Text in the GSM-7 alphabet: look-alikes for punctuation and letters outside it, accents
 * it lacks taken off (ô becomes o, while é stays é), emoji and other symbols dropped, and
 * whatever is left in other scripts shown as "?".
 */
export function toGsm7(text: string): string {
  let out = '';
  for (const char of text) {
    if (GSM7.has(char)) out += char;
    else if (char in LOOK_ALIKES) out += LOOK_ALIKES[char];
    else if (/\p{Extended_Pictographic}|\p{Variation_Selector}|\u200d|\p{Mn}/u.test(char)) continue;
    else {
      const base = char.normalize('NFD').replace(/\p{Mn}/gu, '');
      out += base !== '' && [...base].every((c) => GSM7.has(c)) ? base : /\s/.test(char) ? ' ' : '?';
    }
  }
  return out;
}

function truncate(text: string, max: number, ellipsis: string): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - [...ellipsis].length).join('')}${ellipsis}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

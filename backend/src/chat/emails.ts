import type { Language, Message } from '../protocol/index.ts';
import { formatSize } from './attachments.ts';
import { escapeHtml } from './escape-html.ts';
import type { OutgoingMail } from './ports.ts';

/** The words of the emails to visitors, in the languages the widget speaks. */
const WORDS: Record<Language, EmailWords> = {
  en: {
    replySubject: (team) => `${team} replied to your message`,
    repliesSubject: (team, n) => `${team} sent you ${n} replies`,
    replyIntro: (team) => `${team} answered while you were away:`,
    earlier: 'Earlier in the conversation',
    you: 'You',
    agent: 'Support',
    carryOn: 'Continue the conversation',
    carryOnHint: 'The link works on any device for 7 days.',
    unsubscribe: 'Stop emails about this conversation',
    fileRemoved: 'removed by the malware scan',
    transcriptSubject: (team) => `Your conversation with ${team}`,
    transcriptIntro: (team) => `Here is your conversation with ${team}, as you asked:`,
  },
  de: {
    replySubject: (team) => `${team} hat auf Ihre Nachricht geantwortet`,
    repliesSubject: (team, n) => `${team} hat Ihnen ${n} Antworten geschickt`,
    replyIntro: (team) => `${team} hat geantwortet, während Sie weg waren:`,
    earlier: 'Zuvor im Gespräch',
    you: 'Sie',
    agent: 'Support',
    carryOn: 'Gespräch fortsetzen',
    carryOnHint: 'Der Link funktioniert 7 Tage lang auf jedem Gerät.',
    unsubscribe: 'Keine E-Mails mehr zu diesem Gespräch',
    fileRemoved: 'vom Virenscan entfernt',
    transcriptSubject: (team) => `Ihr Gespräch mit ${team}`,
    transcriptIntro: (team) => `Hier ist Ihr Gespräch mit ${team}, wie gewünscht:`,
  },
  es: {
    replySubject: (team) => `${team} ha respondido a tu mensaje`,
    repliesSubject: (team, n) => `${team} te ha enviado ${n} respuestas`,
    replyIntro: (team) => `${team} respondió mientras no estabas:`,
    earlier: 'Antes en la conversación',
    you: 'Tú',
    agent: 'Soporte',
    carryOn: 'Continuar la conversación',
    carryOnHint: 'El enlace funciona en cualquier dispositivo durante 7 días.',
    unsubscribe: 'No recibir más correos sobre esta conversación',
    fileRemoved: 'eliminado por el análisis antivirus',
    transcriptSubject: (team) => `Tu conversación con ${team}`,
    transcriptIntro: (team) => `Aquí tienes tu conversación con ${team}, como pediste:`,
  },
  fr: {
    replySubject: (team) => `${team} a répondu à votre message`,
    repliesSubject: (team, n) => `${team} vous a envoyé ${n} réponses`,
    replyIntro: (team) => `${team} a répondu pendant votre absence :`,
    earlier: 'Plus tôt dans la conversation',
    you: 'Vous',
    agent: 'Support',
    carryOn: 'Reprendre la conversation',
    carryOnHint: 'Le lien fonctionne sur tout appareil pendant 7 jours.',
    unsubscribe: 'Ne plus recevoir d’e-mails sur cette conversation',
    fileRemoved: 'supprimé par l’analyse antivirus',
    transcriptSubject: (team) => `Votre conversation avec ${team}`,
    transcriptIntro: (team) => `Voici votre conversation avec ${team}, comme demandé :`,
  },
};

interface EmailWords {
  replySubject(team: string): string;
  repliesSubject(team: string, count: number): string;
  replyIntro(team: string): string;
  earlier: string;
  you: string;
  agent: string;
  carryOn: string;
  carryOnHint: string;
  unsubscribe: string;
  /** After a file's name, when a malware scan removed it. */
  fileRemoved: string;
  transcriptSubject(team: string): string;
  transcriptIntro(team: string): string;
}

interface Common {
  to: string;
  /** The visitor's language: the email is in it when the widget speaks it, else in English. */
  lang: string;
  timeZone?: string;
  teamName: string;
  conversationUrl: string;
  unsubscribeUrl: string;
}

/** The email of replies a visitor has not read: the replies, a little context before them, and the way back. */
export function followUpEmail(input: Common & { unread: Message[]; context: Message[] }): OutgoingMail {
  const words = wordsFor(input.lang);
  const team = oneLine(input.teamName);
  const subject = input.unread.length === 1 ? words.replySubject(team) : words.repliesSubject(team, input.unread.length);
  const sections = [
    ...(input.context.length ? [{ heading: words.earlier, messages: input.context, muted: true }] : []),
    { heading: words.replyIntro(team), messages: input.unread, muted: false },
  ];
  return compose(input, words, subject, sections);
}

/** The whole conversation, mailed on the visitor's request. */
export function transcriptEmail(input: Common & { messages: Message[] }): OutgoingMail {
  const words = wordsFor(input.lang);
  const team = oneLine(input.teamName);
  return compose(input, words, words.transcriptSubject(team), [
    { heading: words.transcriptIntro(team), messages: input.messages, muted: false },
  ]);
}

interface Section {
  heading: string;
  messages: Message[];
  muted: boolean;
}

function compose(input: Common, words: EmailWords, subject: string, sections: Section[]): OutgoingMail {
  const time = new Intl.DateTimeFormat(input.lang, {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(input.timeZone && { timeZone: input.timeZone }),
  });
  const who = (m: Message) =>
    m.sender.role === 'visitor' ? words.you : m.sender.name || (m.sender.role === 'agent' ? words.agent : oneLine(input.teamName));
  const when = (m: Message) => time.format(new Date(m.createdAt));
  // A file by its name and size: a link would be dead long before the email is read (links last 5 minutes).
  const file = (m: Message) =>
    m.attachment &&
    `📎 ${m.attachment.name} (${m.attachment.status === 'removed' ? words.fileRemoved : formatSize(m.attachment.size, 'nearest', input.lang)})`;
  const lines = (m: Message) => [m.text, file(m)].filter((line): line is string => Boolean(line));

  const text = [
    ...sections.flatMap((section) => [
      section.heading,
      '',
      ...section.messages.flatMap((m) => [`${who(m)} (${when(m)}):`, ...lines(m), '']),
      '',
    ]),
    `${words.carryOn}: ${input.conversationUrl}`,
    words.carryOnHint,
    '',
    `${words.unsubscribe}: ${input.unsubscribeUrl}`,
  ].join('\n');

  const html = `<!doctype html><html lang="${escapeHtml(input.lang)}"><body style="font-family:system-ui,sans-serif;color:#1f2937;max-width:560px;margin:0 auto;padding:16px">
${sections
  .map(
    (section) => `<p style="font-weight:600;${section.muted ? 'color:#6b7280' : ''}">${escapeHtml(section.heading)}</p>
${section.messages
  .map(
    (
      m,
    ) => `<div style="margin:0 0 12px;padding:10px 12px;border-radius:10px;background:${m.sender.role === 'visitor' ? '#eef2ff' : '#f3f4f6'};${section.muted ? 'opacity:.75' : ''}">
<div style="font-size:12px;color:#6b7280">${escapeHtml(who(m))} · ${escapeHtml(when(m))}</div>
${lines(m)
  .map((line) => `<div style="white-space:pre-wrap">${escapeHtml(line)}</div>`)
  .join('')}</div>`,
  )
  .join('\n')}`,
  )
  .join('\n')}
<p><a href="${escapeHtml(input.conversationUrl)}" style="display:inline-block;padding:10px 16px;border-radius:8px;background:#2563eb;color:#fff;text-decoration:none">${escapeHtml(words.carryOn)}</a></p>
<p style="font-size:12px;color:#6b7280">${escapeHtml(words.carryOnHint)}</p>
<p style="font-size:12px"><a href="${escapeHtml(input.unsubscribeUrl)}" style="color:#6b7280">${escapeHtml(words.unsubscribe)}</a></p>
</body></html>`;

  return { to: input.to, subject: oneLine(subject).slice(0, 200), text, html, unsubscribeUrl: input.unsubscribeUrl };
}

function wordsFor(lang: string): EmailWords {
  return WORDS[lang.slice(0, 2).toLowerCase() as Language] ?? WORDS.en;
}

function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').trim();
}

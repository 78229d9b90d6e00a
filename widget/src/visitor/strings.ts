import { OPEN_CHAT } from './element-basics.ts';

export { pickLanguage } from './element-basics.ts';

/** Every text <support-chat> shows. `{n}`, `{name}`, `{t}`, `{d}` and `{email}` are filled in. */
export interface SupportChatStrings {
  title: string;
  /** Empty by default: the header says the team's state and reply time under the title. */
  subtitle: string;
  /** The team's configured greeting wins over this default, and the page's over both. */
  greeting: string;
  agentHere: string;
  /** The header's line while an agent handles the conversation; `{name}` is theirs. */
  handling: string;
  online: string;
  away: string;
  /** After "Online · ": the measured reply time, `{t}` one of `times`. */
  replies: string;
  /** `|`-separated: a few minutes, about `{n}` minutes (5, 10, 15 or 30), under an hour, a few hours, a day. */
  times: string;
  /**
   * After "Away · ": when the team is back, `{d}` the day (today, tomorrow, or a weekday or a
   * date as `on` says it), `{t}` the time; after a `|`, the wording for one o'clock, where the
   * language says it differently (Spanish "a la 1:00", "a las 9:00").
   */
  back: string;
  /** A weekday and a date in `back`, `|`-separated (one for both; empty: the day as it is): "am {d}" makes "zurück am Dienstag". */
  on: string;
  /** After "Away · " when no opening is known. */
  awayNote: string;
  /** The sender of the team's automatic reply. */
  auto: string;
  openChat: string;
  closeChat: string;
  unread: string;
  you: string;
  agent: string;
  placeholder: string;
  send: string;
  sending: string;
  sent: string;
  seen: string;
  failed: string;
  retry: string;
  discard: string;
  typing: string;
  reconnecting: string;
  offline: string;
  charsLeft: string;
  tooLong: string;
  download: string;
  transcript: string;
  prechat: string;
  name: string;
  email: string;
  optional: string;
  start: string;
  earlier: string;
  closed: string;
  dismiss: string;
  /** The inline form after the first message, while nobody is available. */
  byEmail: string;
  /** The inline form after the first message, to a visitor the page did not ask before (prechat="optional"). */
  aboutYou: string;
  save: string;
  skip: string;
  emailed: string;
  emailMe: string;
  transcriptSent: string;
  tooSoon: string;
  /** In place of the composer where the site chats with signed-in customers only, or their sign-in was refused (the reason follows). */
  signInToChat: string;
}

/**
 * The widget's texts in English, its default language, which come with the element; the
 * other languages' come as chunks of their own (languages/, see load-extra.ts).
 */
export const ENGLISH: SupportChatStrings = {
  title: 'Chat with us',
  subtitle: '',
  greeting: 'Hi there 👋 How can we help you today?',
  agentHere: 'An agent is here',
  handling: '{name} is handling your chat',
  online: 'Online',
  away: 'Away',
  replies: 'typically replies in {t}',
  times: 'a few minutes|about {n}|under an hour|a few hours|a day',
  back: 'back {d} at {t}',
  on: '',
  awayNote: "we'll get back to you",
  auto: 'Automatic reply',
  openChat: OPEN_CHAT.en!,
  closeChat: 'Close chat',
  unread: '{n} unread',
  you: 'You',
  agent: 'Support',
  placeholder: 'Write a message…',
  send: 'Send',
  sending: 'Sending…',
  sent: 'Sent',
  seen: 'Seen',
  failed: 'Not sent',
  retry: 'Retry',
  discard: 'Delete',
  typing: '{name} is typing…',
  reconnecting: 'Connection lost. Reconnecting…',
  offline: "You're offline. We'll send your messages when you're back.",
  charsLeft: '{n} characters left',
  tooLong: '{n} characters too many',
  download: 'Download transcript',
  transcript: 'Chat transcript',
  prechat: 'Before we start: how should we address you?',
  name: 'Name',
  email: 'Email',
  optional: 'optional',
  start: 'Start chat',
  earlier: 'Show earlier messages',
  closed: 'This conversation was closed. Write to reopen it.',
  dismiss: 'Dismiss',
  byEmail: 'Get the reply by email',
  aboutYou: 'Let us know who you are',
  save: 'Save',
  skip: 'Not now',
  emailed: "We'll email you at {email}.",
  emailMe: 'Email me this conversation',
  transcriptSent: 'We emailed you this conversation.',
  tooSoon: 'Already sent. Try again in a few minutes.',
  signInToChat: 'Please sign in to chat with us.',
};

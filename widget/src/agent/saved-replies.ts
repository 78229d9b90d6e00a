import type { Language, LocalizedText, SavedReply } from '@support-chat/backend/protocol';
import { LANGUAGES } from '@support-chat/backend/protocol/team';

/** A `/query` being typed in the composer: where its slash is, and what follows it. */
export interface SlashQuery {
  /** The index of the `/` in the draft. */
  start: number;
  /** What is typed after it, up to the caret. */
  query: string;
}

/**
 * The saved-reply query the caret is in: a `/` at the start of the draft or after a space,
 * then shortcut characters up to the caret ("Hi! /ref" answers "ref"). A slash inside a
 * word (and/or, a URL) is no query.
 */
export function slashQuery(draft: string, caret: number): SlashQuery | undefined {
  const match = /(^|\s)\/([a-z0-9_-]*)$/i.exec(draft.slice(0, caret));
  if (!match) return undefined;
  return { start: match.index + match[1]!.length, query: match[2]!.toLowerCase() };
}

/** The language of a reply's text for a visitor's language tag: its primary subtag among ours, else `default`. */
export function replyLanguage(visitorLang: string | undefined): Language | 'default' {
  const primary = visitorLang?.split('-')[0]?.toLowerCase();
  return (LANGUAGES as readonly string[]).includes(primary ?? '') ? (primary as Language) : 'default';
}

/** A reply's text for a visitor: their language, else `default`, else English, else the first there is. */
export function replyText(text: LocalizedText, visitorLang: string | undefined): string {
  const lang = replyLanguage(visitorLang);
  const first = Object.values(text).find((value) => value?.trim());
  return [text[lang], text.default, text.en, first].find((value) => value?.trim()) ?? '';
}

/** Who the variables name: the conversation's visitor (if they gave a name) and the agent inserting the reply. */
export interface ReplyVariables {
  visitorName: string | undefined;
  agentName: string;
}

/**
 * Fills in `{{visitor.name|there}}` and `{{agent.name}}`: the value, else the fallback
 * after `|`, else nothing. An unknown variable with a fallback becomes the fallback;
 * without one it stays as it is, so the agent sees it before sending.
 */
export function fillVariables(text: string, values: ReplyVariables): string {
  return text.replace(/\{\{\s*([\w.]+)\s*(?:\|([^}]*))?\}\}/g, (whole, name: string, fallback: string | undefined) => {
    const value = name === 'visitor.name' ? values.visitorName : name === 'agent.name' ? values.agentName : undefined;
    if (value?.trim()) return value.trim();
    if (fallback !== undefined) return fallback.trim();
    return name === 'visitor.name' || name === 'agent.name' ? '' : whole;
  });
}

/** How well `query` matches `text`: 0 for not at all, more for a better match (a prefix, then a word start, then letters in order). */
function score(text: string, query: string): number {
  const haystack = text.toLowerCase();
  if (!query) return 1;
  if (haystack.startsWith(query)) return 100 - Math.min(50, haystack.length - query.length);
  const at = haystack.indexOf(query);
  if (at > 0) return /[\s\-_/]/.test(haystack[at - 1]!) ? 60 : 40;
  // Every letter, in order (a fuzzy match): "rfd" finds "refund".
  let from = 0;
  for (const char of query) {
    from = haystack.indexOf(char, from) + 1;
    if (from === 0) return 0;
  }
  return 10;
}

/** The saved replies that match what follows the `/`, best first: by shortcut, then title, then text. */
export function matchReplies(replies: readonly SavedReply[], query: string, visitorLang: string | undefined): SavedReply[] {
  const q = query.trim().toLowerCase();
  return replies
    .map((reply) => {
      // The text counts for a plain match of a few letters, never a fuzzy one: a long text holds most letters somewhere.
      const inText = q.length >= 3 && replyText(reply.text, visitorLang).toLowerCase().includes(q) ? 30 : 0;
      const best = Math.max(score(reply.shortcut, q) * 3, score(reply.title, q) * 2, inText);
      return { reply, best };
    })
    .filter(({ best }) => best > 0)
    .sort((a, b) => b.best - a.best || a.reply.shortcut.localeCompare(b.reply.shortcut))
    .map(({ reply }) => reply);
}

/** The draft with `/query` replaced by the reply's filled-in text; `caret`: just after it. */
export function insertReply(draft: string, at: SlashQuery, caret: number, text: string): { draft: string; caret: number } {
  const after = draft.slice(caret);
  const spaced = after === '' || /^\s/.test(after) ? text : `${text} `;
  return { draft: draft.slice(0, at.start) + spaced + after, caret: at.start + spaced.length };
}

import { html, type TemplateResult } from 'lit';

const LINK = /\b(?:https?:\/\/|mailto:)[^\s<>"]+/gi;
const TRAILING = /[.,;:!?'"\]}>)]$/;

/**
 * A message's text as text, with http(s) and mailto links made clickable and nothing
 * else: no HTML is ever parsed, so `<script>` stays the characters `<script>`.
 */
export function linkify(text: string): (string | TemplateResult)[] {
  const parts: (string | TemplateResult)[] = [];
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    let url = match[0];
    // Sentence punctuation after a link is not part of it; a ")" is when "(" is too.
    while (TRAILING.test(url) && !(url.endsWith(')') && count(url, '(') >= count(url, ')'))) url = url.slice(0, -1);
    if (!isSafe(url)) continue;
    parts.push(text.slice(last, match.index), html`<a href=${url} target="_blank" rel="noopener noreferrer nofollow">${url}</a>`);
    last = match.index + url.length;
  }
  parts.push(text.slice(last));
  return parts;
}

function isSafe(url: string): boolean {
  try {
    return ['http:', 'https:', 'mailto:'].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

import { MAX_TEXT_LENGTH, textLength } from '@support-chat/backend/protocol/limits';
import { format } from './format.ts';

/** The counter appears this close to the limit. */
const COUNTER_FROM = MAX_TEXT_LENGTH - 500;

/** How a draft stands against the length limit. */
export interface DraftStatus {
  /** Nothing to send but spaces. */
  empty: boolean;
  /** Longer than the server takes. */
  tooLong: boolean;
  /** "10 characters left" or "3 characters too many", once near the limit. */
  counter: string | undefined;
}

export function draftStatus(draft: string, s: { charsLeft: string; tooLong: string }): DraftStatus {
  const length = textLength(draft.trim());
  const over = length - MAX_TEXT_LENGTH;
  return {
    empty: length === 0,
    tooLong: over > 0,
    counter: length > COUNTER_FROM ? format(over > 0 ? s.tooLong : s.charsLeft, { n: Math.abs(over) }) : undefined,
  };
}

/** Grows a text area with its content, up to its CSS max-height (through the CSSOM: allowed by a strict CSP). */
export function fitToContent(input: HTMLTextAreaElement | null | undefined): void {
  if (!input) return;
  input.style.height = 'auto';
  input.style.height = `${input.scrollHeight}px`;
}

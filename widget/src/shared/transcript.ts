import { fileSize } from './format.ts';
import { stamp } from './time.ts';

/** One message in a transcript. */
export interface TranscriptLine {
  /** When it was written (ISO-8601). */
  at: string;
  who: string;
  text: string;
}

/** A conversation as plain text: its heading lines, a blank line, then `[2025-03-12 14:05] Who: text` per message. */
export function transcriptText(heading: readonly string[], lines: readonly TranscriptLine[]): string {
  return `${[...heading, '', ...lines.map((line) => `[${stamp(line.at)}] ${line.who}: ${line.text}`)].join('\n')}\n`;
}

/** Saves `text` as a file (plain text unless `type` says otherwise), through a link clicked inside `root` (an element's shadow root: the page's DOM is left alone). */
export function downloadText(root: ParentNode, fileName: string, text: string, type = 'text/plain'): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.hidden = true;
  root.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Today's date as a file name wants it: "2025-03-12". */
export const today = () => new Date().toISOString().slice(0, 10);

/** A message's text with its file, if it has one, named first: "📎 invoice.pdf (2.4 MB) Here it is". */
export function withFile(text: string, file: { name: string; size: number } | undefined, lang?: string): string {
  return file ? `📎 ${file.name} (${fileSize(file.size, lang)})${text ? ` ${text}` : ''}` : text;
}

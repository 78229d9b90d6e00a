import type { AttachmentType } from '../protocol/attachments.ts';

/**
 * What a file really is, from its bytes: the server's check of every attachment before
 * anyone else sees it. No I/O of its own: it asks `read` for the few ranges it needs (the
 * start of any file; for a ZIP, its end and its central directory), so it runs the same
 * on an S3 object and on bytes a test made.
 */

/** Reads up to `length` bytes from `offset` (fewer at the end of the file). */
export type ReadBytes = (offset: number, length: number) => Promise<Uint8Array>;

export interface FileToCheck {
  size: number;
  read: ReadBytes;
}

/** How much of a file's start is read: every signature below, and enough text to judge it. */
export const HEAD_BYTES = 4096;
/** The end of a ZIP: its end-of-central-directory record (22 bytes) after a comment of up to 65,535. */
const ZIP_TAIL_BYTES = 22 + 0xffff;
/** A central directory larger than this is not an Office document we take (they list a few hundred entries). */
const MAX_CENTRAL_DIRECTORY_BYTES = 1024 * 1024;

/** How the sentences name each type: "This file is not a PNG image." */
export const TYPE_NAMES: Record<AttachmentType, string> = {
  'image/jpeg': 'a JPEG image',
  'image/png': 'a PNG image',
  'image/gif': 'a GIF image',
  'image/webp': 'a WebP image',
  'image/heic': 'a HEIC photo',
  'application/pdf': 'a PDF',
  'text/plain': 'a text file',
  'text/csv': 'a CSV file',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'a Word document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'an Excel workbook',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'a PowerPoint presentation',
};

/** The part each Office document has, by which one is told from another (they are all ZIPs). */
const OFFICE_MAIN_PARTS: Record<string, AttachmentType> = {
  'word/document.xml': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'xl/workbook.xml': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'ppt/presentation.xml': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};

/** HEIF brands of HEVC-coded images (an AVIF is HEIF too, but not on the list). */
const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx']);
/** Generic HEIF brands, which say what the file holds only through its compatible brands. */
const HEIF_BRANDS = new Set(['mif1', 'msf1']);

/**
 * The type on the list that the file's bytes show, or undefined when they show none (an
 * SVG, an HTML page, a ZIP that is not an Office document, a program, anything binary that
 * claims to be text). Text is either of the two text types: `declared` says which.
 */
export async function realTypeOf(file: FileToCheck, declared: AttachmentType): Promise<AttachmentType | undefined> {
  const head = await file.read(0, Math.min(HEAD_BYTES, file.size));
  const signed = signatureType(head);
  if (signed === 'zip') return officeTypeOf(file);
  if (signed) return signed;
  if (isPlainText(head, head.length < file.size)) return declared === 'text/csv' ? 'text/csv' : 'text/plain';
  return undefined;
}

/** The sentence for a file whose bytes are not what its type said. */
export function mismatchSentence(declared: AttachmentType, real: AttachmentType | undefined): string {
  return real === undefined ? "This type of file can't be sent." : `This file is not ${TYPE_NAMES[declared]}.`;
}

function signatureType(head: Uint8Array): AttachmentType | 'zip' | undefined {
  const starts = (bytes: number[], at = 0) => bytes.every((byte, i) => head[at + i] === byte);
  const ascii = (from: number, to: number) => String.fromCharCode(...head.subarray(from, to));
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a') return 'image/gif';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  if (ascii(4, 8) === 'ftyp' && isHeic(head)) return 'image/heic';
  if (ascii(0, 5) === '%PDF-') return 'application/pdf';
  if (starts([0x50, 0x4b, 0x03, 0x04])) return 'zip';
  return undefined;
}

/** An ISO base media `ftyp` box whose brands say HEVC-coded HEIF. */
function isHeic(head: Uint8Array): boolean {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  if (head.length < 12) return false;
  const boxEnd = Math.min(view.getUint32(0), head.length);
  const brand = (at: number) => String.fromCharCode(...head.subarray(at, at + 4));
  const major = brand(8);
  if (HEIC_BRANDS.has(major)) return true;
  if (!HEIF_BRANDS.has(major)) return false;
  // Compatible brands follow the major brand and its 4-byte minor version.
  for (let at = 16; at + 4 <= boxEnd; at += 4) if (HEIC_BRANDS.has(brand(at))) return true;
  return false;
}

/**
 * UTF-8 text: valid as UTF-8 (a character cut off by the end of what was read is allowed,
 * when more follows) and without NUL, which no text file holds. A page of markup (HTML,
 * SVG, XML) is not taken as text: a browser sniffing it could render it.
 */
function isPlainText(head: Uint8Array, truncated: boolean): boolean {
  if (head.includes(0)) return false;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: truncated });
  } catch {
    return false;
  }
  return !/^\uFEFF?\s*<(?:!doctype|html|svg|\?xml|head|body|script|iframe)\b/i.test(text);
}

/** A ZIP's type by its central directory: the Office document whose parts it holds, or none. */
async function officeTypeOf(file: FileToCheck): Promise<AttachmentType | undefined> {
  const names = await zipEntryNames(file);
  if (!names?.has('[Content_Types].xml')) return undefined;
  const found = Object.entries(OFFICE_MAIN_PARTS).filter(([part]) => names.has(part));
  return found.length === 1 ? found[0]![1] : undefined;
}

/** The names in a ZIP's central directory; undefined when it has none we can read (ZIP64 included: no Office file here needs it). */
async function zipEntryNames(file: FileToCheck): Promise<Set<string> | undefined> {
  const tailLength = Math.min(file.size, ZIP_TAIL_BYTES);
  const tail = await file.read(file.size - tailLength, tailLength);
  const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  let end = -1;
  for (let at = tail.length - 22; at >= 0; at--) {
    if (view.getUint32(at, true) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) return undefined;
  const directorySize = view.getUint32(end + 12, true);
  const directoryOffset = view.getUint32(end + 16, true);
  if (directorySize > MAX_CENTRAL_DIRECTORY_BYTES || directoryOffset + directorySize > file.size) return undefined;
  const directory = await file.read(directoryOffset, directorySize);
  const entries = new DataView(directory.buffer, directory.byteOffset, directory.byteLength);
  const names = new Set<string>();
  const decoder = new TextDecoder();
  for (let at = 0; at + 46 <= directory.length; ) {
    if (entries.getUint32(at, true) !== 0x02014b50) return undefined;
    const nameLength = entries.getUint16(at + 28, true);
    const extraLength = entries.getUint16(at + 30, true);
    const commentLength = entries.getUint16(at + 32, true);
    names.add(decoder.decode(directory.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

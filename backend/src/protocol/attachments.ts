/**
 * Files in messages: what may be sent, how big, and how each kind is named. Plain
 * constants with no dependencies, so both elements import them at almost no cost; the
 * server checks every file against the same list from its first bytes (chat/file-types.ts).
 */

/** The default largest file, in bytes (10 MB); a deployment may raise it up to MAX_ATTACHMENT_BYTES. */
export const DEFAULT_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** The most a deployment may allow (25 MB). */
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;
/** A file's name as the sender's device gave it, at most this many characters. */
export const MAX_ATTACHMENT_NAME_LENGTH = 200;
/** An upload slot (a presigned POST) is valid this long. */
export const UPLOAD_SLOT_SECONDS = 120;
/** A download link (a presigned GET) is valid this long. */
export const DOWNLOAD_URL_SECONDS = 300;
/** An attachment's id: 26 characters of Crockford base32 (a ULID), chosen by the server. */
export const ATTACHMENT_ID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/**
 * The kinds of file that may be sent, by MIME type, with the name endings a device may
 * give them (a browser gives no type for some, HEIC on most). Nothing else: SVG and HTML
 * can carry scripts, archives and programs can carry anything.
 */
export const ATTACHMENT_TYPES = {
  'image/jpeg': ['jpg', 'jpeg', 'jfif'],
  'image/png': ['png'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
  'image/heic': ['heic', 'heif'],
  'application/pdf': ['pdf'],
  'text/plain': ['txt', 'log'],
  'text/csv': ['csv'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': ['pptx'],
} as const satisfies Record<string, readonly string[]>;

export type AttachmentType = keyof typeof ATTACHMENT_TYPES;

/** The images the elements show inline, as a thumbnail (HEIC is not: most browsers cannot draw it). */
export const INLINE_IMAGE_TYPES: ReadonlySet<string> = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);

/**
 * The type to send a file as: the browser's, when it is on the list; else the one its name's
 * ending says (a HEIC photo comes with no type); undefined when it may not be sent.
 */
export function attachmentTypeOf(name: string, browserType: string): AttachmentType | undefined {
  if (browserType in ATTACHMENT_TYPES) return browserType as AttachmentType;
  if (browserType && browserType !== 'application/octet-stream') return undefined;
  const ending = name.toLowerCase().split('.').pop() ?? '';
  for (const [type, endings] of Object.entries(ATTACHMENT_TYPES)) {
    if ((endings as readonly string[]).includes(ending)) return type as AttachmentType;
  }
  return undefined;
}

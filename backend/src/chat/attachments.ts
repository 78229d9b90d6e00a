import { BadRequestError, ChatError, NotFoundError } from '../errors.ts';
import type { Attachment, Message } from '../protocol/index.ts';
import { PREVIEW_LENGTH } from '../protocol/limits.ts';
import type { ChatContext } from './deps.ts';
import type { Connection } from './model.ts';
import type { FileRef, FileStore, FileUpload } from './ports.ts';

/**
 * Files in messages: who may upload, which file a message may carry, who may download
 * it. The bucket (FileStore) only stores; every decision about rooms and roles is here.
 */

/** The bucket, or the refusal a deployment without one gives (its clients were told: no `attachmentMaxBytes`). */
export function filesOf(ctx: Pick<ChatContext, 'files' | 'attachmentMaxBytes'>): { files: FileStore; maxBytes: number } {
  if (!ctx.files || ctx.attachmentMaxBytes === undefined) throw new BadRequestError('This deployment takes no files.');
  return { files: ctx.files, maxBytes: ctx.attachmentMaxBytes };
}

/** "This file is 31 MB; the limit is 10 MB." The file's size is rounded up, so it never reads as the limit itself. */
export function tooLarge(size: number, limit: number): ChatError {
  return new ChatError('too_large', `This file is ${formatSize(size, 'up')}; the limit is ${formatSize(limit)}.`);
}

/**
 * Takes the file uploaded into slot `attachmentId` for message `clientMsgId`: its size and
 * its real type checked from its bytes, then copied out of the upload area (exactly the
 * bytes checked). A file that fails is deleted and the sender alone is told why; nothing
 * else is stored. A file this message took before (a retried send) is taken as it was.
 */
export async function acceptAttachment(ctx: ChatContext, ref: FileRef, clientMsgId: string): Promise<Attachment> {
  const { files, maxBytes } = filesOf(ctx);
  const attachment = (file: FileUpload): Attachment => ({
    id: ref.attachmentId,
    name: file.name,
    type: file.type,
    size: file.size,
    ...(ctx.malwareScan && { status: 'checking' as const }),
  });
  const taken = await files.get(ref);
  if (taken) {
    if (taken.clientMsgId !== clientMsgId) throw new BadRequestError('This file went with another message: upload it again.');
    return attachment(taken);
  }
  const upload = await files.upload(ref);
  if (!upload) throw new NotFoundError('The file was not uploaded (or its slot expired).');
  let refusal: ChatError | undefined;
  if (upload.size > maxBytes) refusal = tooLarge(upload.size, maxBytes);
  else {
    // The file signatures are a chunk of their own in a bundle: only a message with a file needs them.
    const { mismatchSentence, realTypeOf } = await import('./file-types.ts');
    const real = await realTypeOf(upload, upload.type);
    if (real !== upload.type) refusal = new ChatError('unsupported_type', mismatchSentence(upload.type, real));
  }
  if (refusal) {
    await files.remove(ref);
    ctx.log.info('refused a file', { roomId: ref.roomId, code: refusal.code });
    throw refusal;
  }
  if (!(await files.accept(ref, upload, clientMsgId))) {
    throw new BadRequestError('The file changed while it was being checked: send it again.');
  }
  return attachment(upload);
}

/**
 * The message whose file `ref` is, if `caller` may download it now: the file must have
 * gone with a stored message of this room (found through its send claim), not a note for a
 * visitor, and not waiting for (or removed by) a malware scan. Anything else is the same
 * `not_found`, so a forged or guessed id learns nothing.
 */
export async function downloadableFile(ctx: ChatContext, caller: Connection, ref: FileRef) {
  const { files } = filesOf(ctx);
  const nothing = new NotFoundError('No such file.');
  const file = await files.get(ref);
  if (!file) throw nothing;
  const seq = await ctx.claims.seqOf(ref.roomId, file.clientMsgId);
  const message = seq === undefined ? undefined : await ctx.messages.get(ref.roomId, seq);
  if (message?.attachment?.id !== ref.attachmentId || message.attachment.status !== undefined) throw nothing;
  if (message.internal && caller.role !== 'agent') throw nothing;
  return { files, file };
}

/** What a message says in one line (the inbox's preview, alerts): its text, or its file when it has no text. */
export function summaryOf(message: Pick<Message, 'text' | 'attachment'>): string {
  return message.text || (message.attachment ? `📎 ${message.attachment.name}` : '');
}

/** The inbox's preview of a message: its summary on one line, at most PREVIEW_LENGTH characters. */
export function previewOf(message: Pick<Message, 'text' | 'attachment'>): string {
  const oneLine = summaryOf(message).replace(/\s+/g, ' ');
  const chars = [...oneLine];
  return chars.length <= PREVIEW_LENGTH ? oneLine : `${chars.slice(0, PREVIEW_LENGTH - 1).join('')}…`;
}

const KB = 1024;
const MB = 1024 * KB;

/**
 * A size as a person writes it: "31 MB", "1.5 MB", "340 kB" (as the elements' Intl formatting writes it), "12 bytes" (one decimal at
 * most; "1,5 MB" in a language that writes it so). `up` rounds up, for a size that must not
 * read as smaller than it is.
 */
export function formatSize(bytes: number, rounding: 'nearest' | 'up' = 'nearest', lang = 'en'): string {
  const round = rounding === 'up' ? Math.ceil : Math.round;
  const number = (value: number) => new Intl.NumberFormat(lang, { maximumFractionDigits: 1, useGrouping: false }).format(value);
  if (bytes >= MB) return `${number(round((bytes * 10) / MB) / 10)} MB`;
  if (bytes >= KB) {
    const kb = round(bytes / KB);
    return kb >= 1024 ? '1 MB' : `${kb} kB`;
  }
  return bytes === 1 ? '1 byte' : `${bytes} bytes`;
}

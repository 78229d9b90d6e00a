import { DOWNLOAD_URL_SECONDS, UPLOAD_SLOT_SECONDS } from '../../protocol/attachments.ts';
import type { AttachmentUrlFrame, UploadSlotFrame } from '../../protocol/index.ts';
import { downloadableFile, filesOf, tooLarge } from '../attachments.ts';
import type { ChatContext } from '../deps.ts';
import type { Connection } from '../model.ts';
import { resolveRoom } from '../rooms.ts';
import { newUlid } from '../ulid.ts';

/**
 * Where to upload one file for a message: a presigned S3 POST for a new key in the room's
 * upload area, its exact type and size, for two minutes. A file over the limit is refused
 * here, before anything is uploaded.
 */
export async function uploadSlot(ctx: ChatContext, caller: Connection, frame: UploadSlotFrame): Promise<void> {
  const { files, maxBytes } = filesOf(ctx);
  const { roomId } = await resolveRoom(ctx, caller, frame.roomId);
  if (frame.size > maxBytes) throw tooLarge(frame.size, maxBytes);
  const attachmentId = newUlid(ctx.now());
  // Control characters have no place in a name shown in bubbles, emails and a download's header.
  const name = frame.name.replace(/\p{Cc}/gu, '').trim() || 'file';
  const slot = await files.uploadSlot({ roomId, attachmentId }, { name, type: frame.type, size: frame.size }, UPLOAD_SLOT_SECONDS);
  await ctx.out.send([caller.connectionId], { type: 'uploadSlot', roomId, clientMsgId: frame.clientMsgId, attachmentId, ...slot });
}

/**
 * A five-minute link to a file of a message the caller may read. The file is looked for
 * only in the caller's room (a visitor's own), so no id reaches another room's file.
 */
export async function attachmentUrl(ctx: ChatContext, caller: Connection, frame: AttachmentUrlFrame): Promise<void> {
  filesOf(ctx);
  const { roomId } = await resolveRoom(ctx, caller, frame.roomId);
  const { files, file } = await downloadableFile(ctx, caller, { roomId, attachmentId: frame.attachmentId });
  const { url, expiresAt } = await files.downloadUrl(file, DOWNLOAD_URL_SECONDS);
  await ctx.out.send([caller.connectionId], { type: 'attachmentUrl', roomId, attachmentId: frame.attachmentId, url, expiresAt });
}

import type { Attachment } from '../protocol/index.ts';
import type { ChatDeps, Context } from './deps.ts';
import { audienceOf } from './marks.ts';
import type { FileRef, FileStore } from './ports.ts';

/**
 * What a malware scan (GuardDuty Malware Protection for S3) said of an accepted file:
 * `clean`; `infected`; `unscannable` (GuardDuty skipped it: a password-protected document,
 * say), which is not handed out either, since nobody vouched for it; `failed` (GuardDuty
 * could not read it, or failed), which an operator must look into (a scan sent again ends
 * it), so the file keeps waiting meanwhile.
 */
export type ScanVerdict = 'clean' | 'infected' | 'unscannable' | 'failed';

export type ScanResultDeps = Pick<ChatDeps, 'connections' | 'messages' | 'log'> & { files: FileStore };

/** The file's message is not stored yet (its send is still under way): the result must come again. */
export class MessageNotStoredError extends Error {
  constructor() {
    super('no stored message carries this file yet');
    this.name = 'MessageNotStoredError';
  }
}

/**
 * Ends a file's wait: its message's attachment loses `checking` (clean) or becomes
 * `removed`, and everyone who saw the message gets it again (`messageUpdated`: a note's
 * to agents only), its sender included; a removed file is then deleted. Safe to run twice
 * for one result (EventBridge delivers at least once): a file once removed stays removed.
 */
export async function applyScanResult(ctx: Context<ScanResultDeps>, ref: FileRef, verdict: ScanVerdict): Promise<void> {
  if (verdict === 'failed') {
    ctx.log.error('a malware scan could not check a file: it stays "checking" until a scan succeeds', { ...ref });
    return;
  }
  const message = await ctx.messages.findByAttachment(ref.roomId, ref.attachmentId);
  if (!message?.attachment) throw new MessageNotStoredError();
  const { status, ...file } = message.attachment;
  const removed = verdict !== 'clean' || status === 'removed';
  const after: Attachment = removed ? { ...file, status: 'removed' } : file;
  if (status !== after.status) {
    const updated = await ctx.messages.updateAttachment(ref.roomId, message.seq, after);
    if (updated) {
      const members = await ctx.connections.members(ref.roomId);
      await ctx.out.send(audienceOf(updated, members), { type: 'messageUpdated', message: updated });
    }
    ctx.log.info('a malware scan ended', { roomId: ref.roomId, verdict });
  }
  // After the message says so: a retry finds the message even once the file is gone.
  if (removed) await ctx.files.removeFile(ref);
}

import { BadRequestError } from '../../errors.ts';

/**
 * `uploadSlot` and `attachmentUrl` where the deployment has no bucket: the answer a client
 * gets when `team.status.attachmentMaxBytes` is absent and it asks anyway.
 */
export async function noFiles(): Promise<void> {
  throw new BadRequestError('This deployment takes no files.');
}

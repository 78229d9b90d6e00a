import { DEFAULT_ATTACHMENT_BYTES, MAX_ATTACHMENT_BYTES } from './protocol/attachments.ts';

/** Reads a required setting, naming it when it is missing so a misdeployment is obvious. */
export function requireEnv(name: string, env: NodeJS.ProcessEnv = process.env): string {
  const value = env[name];
  if (value === undefined || value === '') {
    throw new Error(`Missing environment variable ${name}: the deployment must set it.`);
  }
  return value;
}

export function optionalEnv(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}

/**
 * Whether the deployment emails visitors: it has a sending identity (`MAIL_FROM`). Here, not
 * beside the SES client: handlers that only report it need not bundle the client.
 */
export function emailRepliesFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  return optionalEnv('MAIL_FROM', env) !== undefined;
}

/**
 * The largest file a message may carry, where the deployment takes files (it has a bucket,
 * `ATTACHMENTS_BUCKET`): `ATTACHMENT_MAX_BYTES`, else 10 MB; at most 25 MB. Undefined where
 * it takes none. Here, not beside the S3 client: $connect and $disconnect tell the team's
 * status, which says it, without bundling the client.
 */
export function attachmentMaxBytesFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  if (optionalEnv('ATTACHMENTS_BUCKET', env) === undefined) return undefined;
  const raw = optionalEnv('ATTACHMENT_MAX_BYTES', env);
  if (raw === undefined) return DEFAULT_ATTACHMENT_BYTES;
  const bytes = Number(raw);
  if (!Number.isInteger(bytes) || bytes < 1 || bytes > MAX_ATTACHMENT_BYTES) {
    throw new Error(`ATTACHMENT_MAX_BYTES=${raw} is not a number of bytes from 1 to ${MAX_ATTACHMENT_BYTES} (25 MB).`);
  }
  return bytes;
}

/** Whether GuardDuty Malware Protection for S3 scans the bucket (`MALWARE_SCAN=on`): files wait for its verdict. */
export function malwareScanFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  const raw = optionalEnv('MALWARE_SCAN', env);
  if (raw !== undefined && raw !== 'on' && raw !== 'off') throw new Error(`MALWARE_SCAN=${raw}: say on or off.`);
  return raw === 'on';
}

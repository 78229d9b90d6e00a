import type { S3Client } from '@aws-sdk/client-s3';
import type { FileRef, FileStore } from '../chat/ports.ts';
import { optionalEnv, requireEnv } from '../config.ts';
import { once } from '../once.ts';
import { ATTACHMENT_ID_PATTERN } from '../protocol/attachments.ts';
import { ROOM_ID_PATTERN } from '../protocol/limits.ts';

// The attachments' bucket: its keys, its client, and the copies $connect makes. In a
// module apart from s3-files.ts, whose presigners (imported on first use, so each a chunk
// of a split bundle) $connect would otherwise carry.

/** Where a slot uploads: S3 deletes this area a day later (the bucket's lifecycle rule). */
export const uploadKey = ({ roomId, attachmentId }: FileRef) => `uploads/${roomId}/${attachmentId}`;
/** Where a message's file lives: the server's copy, which no upload slot can overwrite. */
export const fileKey = ({ roomId, attachmentId }: FileRef) => `files/${roomId}/${attachmentId}`;

/** The attachment a key of `files/` is, or undefined for any other key. */
export function fileRefOfKey(key: string): FileRef | undefined {
  const [area, roomId = '', attachmentId = '', ...rest] = key.split('/');
  if (area !== 'files' || rest.length > 0 || !ROOM_ID_PATTERN.test(roomId) || !ATTACHMENT_ID_PATTERN.test(attachmentId)) return undefined;
  return { roomId, attachmentId };
}

type Sdk = typeof import('@aws-sdk/client-s3');

/** The bucket's S3 client, with its SDK module. */
export type S3 = () => Promise<{ sdk: Sdk; client: S3Client }>;

/** The SDK, imported on first use, so that a cold start does not pay for loading it. */
export function s3OnFirstUse({ endpoint, region }: { endpoint?: string; region?: string }): S3 {
  return once(() =>
    import('@aws-sdk/client-s3').then((sdk) => {
      const client = new sdk.S3Client({
        ...(region && { region }),
        ...(endpoint && {
          endpoint,
          // The local S3 answers on one host: buckets in the path, as `http://127.0.0.1:PORT/bucket/key`.
          forcePathStyle: true,
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
          // The emulator predates S3's default checksums; nothing here needs them.
          requestChecksumCalculation: 'WHEN_REQUIRED' as const,
          responseChecksumValidation: 'WHEN_REQUIRED' as const,
        }),
      });
      return { sdk, client };
    }),
  );
}

export async function copyFile(s3: S3, bucket: string, from: FileRef, to: FileRef): Promise<boolean> {
  const { sdk, client } = await s3();
  try {
    // Its metadata (name, the message's client id) comes along: the copy is the same message's file.
    await client.send(new sdk.CopyObjectCommand({ Bucket: bucket, Key: fileKey(to), CopySource: `${bucket}/${fileKey(from)}` }));
    return true;
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
}

/** The attachments' bucket, for what $connect does with it alone: copy a message's file into a signed-in customer's room. */
export class S3FileCopies implements Pick<FileStore, 'copy'> {
  protected readonly s3: S3;

  constructor(
    protected readonly bucket: string,
    options: { endpoint?: string; region?: string } = {},
  ) {
    this.s3 = s3OnFirstUse(options);
  }

  copy(from: FileRef, to: FileRef): Promise<boolean> {
    return copyFile(this.s3, this.bucket, from, to);
  }
}

export function isMissing(error: unknown): boolean {
  const { name, $metadata } = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return name === 'NotFound' || name === 'NoSuchKey' || $metadata?.httpStatusCode === 404;
}

/** The bucket of `ATTACHMENTS_BUCKET`, for copies only ($connect), as filesFromEnv (s3-files.ts) makes it for everything else. */
export function fileCopiesFromEnv(env: NodeJS.ProcessEnv = process.env): S3FileCopies | undefined {
  return bucketFromEnv(env, S3FileCopies);
}

/** The bucket of `ATTACHMENTS_BUCKET` (absent: the deployment takes no files); `S3_ENDPOINT` points at the local S3. */
export function bucketFromEnv<T>(
  env: NodeJS.ProcessEnv,
  Bucket: new (bucket: string, options: { endpoint?: string; region?: string }) => T,
): T | undefined {
  if (optionalEnv('ATTACHMENTS_BUCKET', env) === undefined) return undefined;
  return new Bucket(requireEnv('ATTACHMENTS_BUCKET', env), {
    endpoint: optionalEnv('S3_ENDPOINT', env),
    region: optionalEnv('AWS_REGION', env),
  });
}

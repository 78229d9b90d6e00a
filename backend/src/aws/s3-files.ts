import type { HeadObjectCommandOutput, S3Client } from '@aws-sdk/client-s3';
import type { AcceptedFile, FileRef, FileStore, FileUpload, StoredUpload, UploadSlot } from '../chat/ports.ts';
import { optionalEnv, requireEnv } from '../config.ts';
import { ATTACHMENT_ID_PATTERN, ATTACHMENT_TYPES, type AttachmentType, INLINE_IMAGE_TYPES } from '../protocol/attachments.ts';
import { ROOM_ID_PATTERN } from '../protocol/limits.ts';

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

/** S3 metadata is ASCII: the name travels URI-encoded, and at most this long (S3 allows 2 KB of metadata in all). */
const MAX_ENCODED_NAME = 1024;

type Sdk = typeof import('@aws-sdk/client-s3');

/**
 * The attachments' bucket on S3 (locally: s3rver behind a front that checks POST policies,
 * backend/local/s3.ts). The SDK is imported on first use, so that frames that touch no file
 * do not pay for loading it on a cold start.
 */
export class S3Files implements FileStore {
  private loaded: Promise<{ sdk: Sdk; client: S3Client }> | undefined;

  constructor(
    private readonly bucket: string,
    private readonly options: { endpoint?: string; region?: string } = {},
  ) {}

  async uploadSlot(ref: FileRef, upload: FileUpload, seconds: number): Promise<UploadSlot> {
    const [{ client }, { createPresignedPost }] = await Promise.all([this.s3(), import('@aws-sdk/s3-presigned-post')]);
    const key = uploadKey(ref);
    const expiresAt = new Date(Date.now() + seconds * 1000);
    const { url, fields } = await createPresignedPost(client, {
      Bucket: this.bucket,
      Key: key,
      Conditions: [
        ['eq', '$key', key],
        ['eq', '$Content-Type', upload.type],
        ['content-length-range', upload.size, upload.size],
      ],
      Fields: { 'Content-Type': upload.type, 'x-amz-meta-name': encodeName(upload.name) },
      Expires: seconds,
    });
    return { url, fields, expiresAt: expiresAt.toISOString() };
  }

  async upload(ref: FileRef): Promise<StoredUpload | undefined> {
    const { sdk, client } = await this.s3();
    let head: HeadObjectCommandOutput;
    try {
      head = await client.send(new sdk.HeadObjectCommand({ Bucket: this.bucket, Key: uploadKey(ref) }));
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
    // Only an upload made through a slot has a type on the list (its policy said exactly which).
    if (!isAttachmentType(head.ContentType) || !head.ETag) return undefined;
    const version = head.ETag;
    return {
      name: decodeName(head.Metadata?.name),
      type: head.ContentType,
      size: head.ContentLength ?? 0,
      version,
      read: async (offset, length) => {
        if (length <= 0) return new Uint8Array();
        const { Body } = await client.send(
          new sdk.GetObjectCommand({
            Bucket: this.bucket,
            Key: uploadKey(ref),
            Range: `bytes=${offset}-${offset + length - 1}`,
            IfMatch: version,
          }),
        );
        return Body ? await Body.transformToByteArray() : new Uint8Array();
      },
    };
  }

  async accept(ref: FileRef, upload: StoredUpload, clientMsgId: string): Promise<boolean> {
    const { sdk, client } = await this.s3();
    try {
      await client.send(
        new sdk.CopyObjectCommand({
          Bucket: this.bucket,
          Key: fileKey(ref),
          CopySource: `${this.bucket}/${uploadKey(ref)}`,
          // The bytes that were checked, not another upload into the same slot since.
          CopySourceIfMatch: upload.version,
          MetadataDirective: 'REPLACE',
          ContentType: upload.type,
          Metadata: { name: encodeName(upload.name), 'client-msg-id': clientMsgId },
        }),
      );
      return true;
    } catch (error) {
      if (isMissing(error) || (error as { name?: string }).name === 'PreconditionFailed') return false;
      throw error;
    }
  }

  async copy(from: FileRef, to: FileRef): Promise<boolean> {
    const { sdk, client } = await this.s3();
    try {
      // Its metadata (name, the message's client id) comes along: the copy is the same message's file.
      await client.send(
        new sdk.CopyObjectCommand({ Bucket: this.bucket, Key: fileKey(to), CopySource: `${this.bucket}/${fileKey(from)}` }),
      );
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  async get(ref: FileRef): Promise<AcceptedFile | undefined> {
    const { sdk, client } = await this.s3();
    try {
      const head = await client.send(new sdk.HeadObjectCommand({ Bucket: this.bucket, Key: fileKey(ref) }));
      const clientMsgId = head.Metadata?.['client-msg-id'];
      if (!clientMsgId || !isAttachmentType(head.ContentType)) return undefined;
      return {
        ...ref,
        name: decodeName(head.Metadata?.name),
        type: head.ContentType,
        size: head.ContentLength ?? 0,
        clientMsgId,
      };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async remove(ref: FileRef): Promise<void> {
    const { sdk, client } = await this.s3();
    await Promise.all([uploadKey(ref), fileKey(ref)].map((Key) => client.send(new sdk.DeleteObjectCommand({ Bucket: this.bucket, Key }))));
  }

  async removeFile(ref: FileRef): Promise<void> {
    const { sdk, client } = await this.s3();
    await client.send(new sdk.DeleteObjectCommand({ Bucket: this.bucket, Key: fileKey(ref) }));
  }

  async downloadUrl(file: AcceptedFile, seconds: number): Promise<{ url: string; expiresAt: string }> {
    const [{ sdk, client }, { getSignedUrl }] = await Promise.all([this.s3(), import('@aws-sdk/s3-request-presigner')]);
    const expiresAt = new Date(Date.now() + seconds * 1000);
    const command = new sdk.GetObjectCommand({
      Bucket: this.bucket,
      Key: fileKey(file),
      ResponseContentType: file.type,
      ResponseContentDisposition: contentDisposition(file),
    });
    return { url: await getSignedUrl(client, command, { expiresIn: seconds }), expiresAt: expiresAt.toISOString() };
  }

  private s3() {
    this.loaded ??= import('@aws-sdk/client-s3').then((sdk) => {
      const { endpoint, region } = this.options;
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
    });
    return this.loaded;
  }
}

/**
 * How the browser gets the file: an image the elements show inline is inline; anything
 * else (a PDF, a document, text) is a download under its name, never rendered by the
 * bucket's origin. RFC 6266: an ASCII fallback name, then the real one in UTF-8.
 */
export function contentDisposition(file: Pick<AcceptedFile, 'name' | 'type'>): string {
  const disposition = INLINE_IMAGE_TYPES.has(file.type) ? 'inline' : 'attachment';
  const fallback = file.name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(file.name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** The name as metadata carries it: URI-encoded, shortened in the middle (keeping its ending) if it would not fit. */
export function encodeName(name: string): string {
  const chars = [...name];
  const dot = name.lastIndexOf('.');
  const ending = dot > 0 && name.length - dot <= 12 ? [...name.slice(dot)] : [];
  let stem = chars.slice(0, chars.length - ending.length);
  let encoded = encodeURIComponent(name);
  while (encoded.length > MAX_ENCODED_NAME && stem.length > 0) {
    stem = stem.slice(0, -1);
    encoded = encodeURIComponent(`${stem.join('')}…${ending.join('')}`);
  }
  return encoded;
}

function decodeName(encoded: string | undefined): string {
  try {
    return decodeURIComponent(encoded ?? '') || 'file';
  } catch {
    return 'file';
  }
}

function isAttachmentType(contentType: string | undefined): contentType is AttachmentType {
  return contentType !== undefined && contentType in ATTACHMENT_TYPES;
}

function isMissing(error: unknown): boolean {
  const { name, $metadata } = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return name === 'NotFound' || name === 'NoSuchKey' || $metadata?.httpStatusCode === 404;
}

/** The bucket from `ATTACHMENTS_BUCKET` (absent: the deployment takes no files); `S3_ENDPOINT` points at the local S3. */
export function filesFromEnv(env: NodeJS.ProcessEnv = process.env): S3Files | undefined {
  if (optionalEnv('ATTACHMENTS_BUCKET', env) === undefined) return undefined;
  return new S3Files(requireEnv('ATTACHMENTS_BUCKET', env), {
    endpoint: optionalEnv('S3_ENDPOINT', env),
    region: optionalEnv('AWS_REGION', env),
  });
}

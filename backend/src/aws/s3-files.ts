import type { HeadObjectCommandOutput } from '@aws-sdk/client-s3';
import type { AcceptedFile, FileRef, FileStore, FileUpload, StoredUpload, UploadSlot } from '../chat/ports.ts';
import { ATTACHMENT_TYPES, type AttachmentType, INLINE_IMAGE_TYPES } from '../protocol/attachments.ts';
import { bucketFromEnv, fileKey, isMissing, S3FileCopies, uploadKey } from './s3-bucket.ts';

/** S3 metadata is ASCII: the name travels URI-encoded, and at most this long (S3 allows 2 KB of metadata in all). */
const MAX_ENCODED_NAME = 1024;

/**
 * The attachments' bucket on S3 (locally: s3rver behind a front that checks POST policies,
 * backend/local/s3.ts), for everything $default and the scan results do with files.
 */
export class S3Files extends S3FileCopies implements FileStore {
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

/** The bucket of `ATTACHMENTS_BUCKET`, or undefined where the deployment takes no files. */
export function filesFromEnv(env: NodeJS.ProcessEnv = process.env): S3Files | undefined {
  return bucketFromEnv(env, S3Files);
}

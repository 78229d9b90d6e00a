import { Duration, Fn, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { DEFAULT_ATTACHMENT_BYTES, MAX_ATTACHMENT_BYTES } from '../../src/protocol/attachments.ts';
import { DEFAULT_RETENTION_DAYS } from '../../src/retention.ts';
import { wildcardResourceFinding } from '../nag-findings.ts';

/** Where an upload slot puts a file: `uploads/{roomId}/{attachmentId}`; S3 deletes it a day later. */
export const UPLOADS_PREFIX = 'uploads/';
/** Where an accepted file lives, copied there by the server: `files/{roomId}/{attachmentId}`. */
export const FILES_PREFIX = 'files/';

/** How long a browser may reuse the answer to a CORS preflight. */
const CORS_MAX_AGE_SECONDS = 3600;

export interface AttachmentBucketProps {
  /**
   * The bucket's name, from {@link attachmentBucketName}: the site's Content-Security-Policy
   * names the bucket's origin, and the bucket's CORS names the site's, so one of the two must
   * be known before the other exists.
   */
  readonly bucketName: string;
  /**
   * The origins of the pages that upload and download files (CORS): the stack's own site
   * and the company's sites that embed the widget, each `https://host[:port]`.
   */
  readonly allowedOrigins: readonly string[];
  /** The bucket for S3 server access logs (under `attachments/`). */
  readonly accessLogsBucket: s3.IBucket;
  /**
   * The largest file a visitor or an agent may send, in bytes.
   * @default DEFAULT_ATTACHMENT_BYTES (10 MB); at most MAX_ATTACHMENT_BYTES (25 MB)
   */
  readonly maxBytes?: number;
  /**
   * How long a file is kept after it was accepted, in days: the conversation's retention
   * (a message expires that long after it was sent, and its file with it).
   * @default 365
   */
  readonly retentionDays?: number;
  /**
   * What happens to the bucket, and the files in it, when the stack is deleted.
   * @default RemovalPolicy.RETAIN: customers' files outlive the stack
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The bucket for files in conversations: a private, encrypted, TLS-only bucket that
 * browsers POST to with a presigned form (an upload slot) and read from with presigned
 * links, from the site origins only.
 *
 * Two areas: `uploads/`, which upload slots write to and S3 empties after a day, and
 * `files/`, where the server copies a file once it has checked it; no slot can write
 * there, so a checked file cannot be replaced. S3 deletes a file the retention period after it
 * was accepted (lifecycle rule `ExpireFiles`), as DynamoDB deletes its message then.
 *
 * SSE-S3 rather than a KMS key: a KMS key would add a key policy and KMS calls to every
 * upload, copy and link (the presigned POST and GET are signed with the function's role,
 * which would then need the key too), and a per-request charge, for no reader it would
 * keep out: every reader here already goes through the function's role. No versioning:
 * every object is written once under an id the server chose, and a file refused or found
 * infected must be gone when it is deleted, not kept as a noncurrent version.
 */
export class AttachmentBucket extends Construct {
  public readonly bucket: s3.Bucket;
  /** `https://{bucket}.s3.{region}.{suffix}`: the host of the presigned POST and GET URLs. */
  public readonly origin: string;
  public readonly maxBytes: number;
  /** `ATTACHMENTS_BUCKET` and `ATTACHMENT_MAX_BYTES`, for every function that uses files or reports the team's status. */
  public readonly variables: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: AttachmentBucketProps) {
    super(scope, id);
    this.maxBytes = props.maxBytes ?? DEFAULT_ATTACHMENT_BYTES;
    if (!Number.isInteger(this.maxBytes) || this.maxBytes < 1 || this.maxBytes > MAX_ATTACHMENT_BYTES) {
      throw new Error(
        `attachmentMaxBytes: "${props.maxBytes}" is not a whole number of bytes from 1 to ${MAX_ATTACHMENT_BYTES} (25 MB, the most the protocol allows)`,
      );
    }

    this.bucket = new s3.Bucket(this, 'Bucket', {
      bucketName: props.bucketName,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: false,
      serverAccessLogsBucket: props.accessLogsBucket,
      serverAccessLogsPrefix: 'attachments/',
      lifecycleRules: [
        // A slot whose message never came (a closed tab, a cancelled upload), and the upload
        // of every accepted file, which the server has copied to files/.
        { id: 'ExpireUploads', prefix: UPLOADS_PREFIX, expiration: Duration.days(1) },
        { id: 'ExpireFiles', prefix: FILES_PREFIX, expiration: Duration.days(props.retentionDays ?? DEFAULT_RETENTION_DAYS) },
        { id: 'AbortIncompleteMultipartUploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      cors: [
        {
          allowedOrigins: [...props.allowedOrigins],
          // POST: an upload slot's form. GET and HEAD: a page fetching a file through its link.
          allowedMethods: [s3.HttpMethods.POST, s3.HttpMethods.GET, s3.HttpMethods.HEAD],
          // A multipart form sends only CORS-safelisted headers (its Content-Type among them);
          // an upload with a progress listener is preflighted all the same, asking for none.
          allowedHeaders: ['content-type'],
          maxAge: CORS_MAX_AGE_SECONDS,
        },
      ],
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    // A kept bucket keeps its TLS-only policy too.
    this.bucket.policy?.applyRemovalPolicy(props.removalPolicy ?? RemovalPolicy.RETAIN);

    this.origin = AttachmentBucket.originOf(Stack.of(this), props.bucketName);
    this.variables = { ATTACHMENTS_BUCKET: this.bucket.bucketName, ATTACHMENT_MAX_BYTES: String(this.maxBytes) };
  }

  /**
   * The origin of a bucket's presigned URLs in the stack's region: the S3 client in a
   * Lambda function signs virtual-hosted-style URLs on the regional endpoint
   * (`https://{bucket}.s3.{region}.amazonaws.com`, in us-east-1 too).
   */
  static originOf(stack: Stack, bucketName: string): string {
    return `https://${bucketName}.s3.${stack.region}.${stack.urlSuffix}`;
  }

  /**
   * What `$default` does with files, on the two areas and nothing else: signs upload slots
   * (S3 checks a presigned POST against its signer's s3:PutObject on `uploads/`), copies an
   * upload to `files/` (get and put), reads a file's first bytes, deletes a refused file and
   * its upload, and signs download links (s3:GetObject on `files/`). And s3:ListBucket, on
   * the bucket alone: S3 answers a missing object with 404 NoSuchKey only to a caller that
   * may list the bucket, and with 403 AccessDenied to any other; the function must tell an
   * upload that never came (the sender's mistake) from a failure, as the local stack's S3 does.
   */
  grantFileHandling(fn: lambda.IFunction): iam.Grant {
    const grant = iam.Grant.addToPrincipal({
      grantee: fn,
      actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
      resourceArns: [this.uploadsArn, this.filesArn],
    });
    iam.Grant.addToPrincipal({ grantee: fn, actions: ['s3:ListBucket'], resourceArns: [this.bucket.bucketArn] });
    this.acknowledgeAreas(
      fn,
      [this.uploadsArn, this.filesArn],
      'the function signs a slot for one upload, copies it into files/, reads and deletes files, and signs links, each for the room of the connection that asked',
    );
    return grant;
  }

  /**
   * Copying accepted files from one room to another (get and put on `files/`), and
   * s3:ListBucket on the bucket alone, so that a file no longer there answers 404, as
   * {@link grantFileHandling} says: `$connect` carries a conversation's files over into a
   * signed-in customer's room.
   */
  grantFileCopies(fn: lambda.IFunction): iam.Grant {
    const grant = iam.Grant.addToPrincipal({ grantee: fn, actions: ['s3:GetObject', 's3:PutObject'], resourceArns: [this.filesArn] });
    iam.Grant.addToPrincipal({ grantee: fn, actions: ['s3:ListBucket'], resourceArns: [this.bucket.bucketArn] });
    this.acknowledgeAreas(
      fn,
      [this.filesArn],
      "the function copies the files of a browser's anonymous conversation into its signed-in customer's room, both rooms known only when the customer connects",
    );
    return grant;
  }

  /** Deleting accepted files: the malware scan's function removes an infected one. */
  grantDeleteFiles(fn: lambda.IFunction): iam.Grant {
    const grant = iam.Grant.addToPrincipal({ grantee: fn, actions: ['s3:DeleteObject'], resourceArns: [this.filesArn] });
    this.acknowledgeAreas(fn, [this.filesArn], 'the function deletes a file GuardDuty found infected, as the scan result names it');
    return grant;
  }

  /**
   * Listing a room's files and uploads and deleting them (no reading): the daily sweep
   * deletes the files of conversations past the retention in force.
   */
  grantSweep(fn: lambda.IFunction): iam.Grant {
    const grant = iam.Grant.addToPrincipal({ grantee: fn, actions: ['s3:DeleteObject'], resourceArns: [this.uploadsArn, this.filesArn] });
    iam.Grant.addToPrincipal({ grantee: fn, actions: ['s3:ListBucket'], resourceArns: [this.bucket.bucketArn] });
    this.acknowledgeAreas(
      fn,
      [this.uploadsArn, this.filesArn],
      'the daily sweep deletes the files and uploads of conversations past the retention period, found only when it runs',
    );
    return grant;
  }

  /** `{bucket ARN}/uploads/*`. */
  get uploadsArn(): string {
    return this.bucket.arnForObjects(`${UPLOADS_PREFIX}*`);
  }

  /** `{bucket ARN}/files/*`. */
  get filesArn(): string {
    return this.bucket.arnForObjects(`${FILES_PREFIX}*`);
  }

  /** Accepts, on the function's role, the wildcards of a grant on these areas. */
  private acknowledgeAreas(fn: lambda.IFunction, arns: readonly string[], what: string): void {
    if (!fn.role) throw new Error(`AttachmentBucket: ${fn.node.path} has no role to grant to`);
    const role = fn.role;
    const reason = `Objects under one area of the attachments bucket, whose keys are {roomId}/{attachmentId}, both known only at runtime: ${what}.`;
    for (const arn of arns) Validations.of(role).acknowledge({ id: wildcardResourceFinding(this, arn), reason });
  }
}

/**
 * The attachments bucket's name, known before the bucket exists and unique to this stack:
 * `{stack name}-attachments-{the stack id's UUID}` (a new stack, after a delete that kept
 * the old bucket, gets a new name). It is an expression of the stack's id, not of the
 * bucket, so the site's Content-Security-Policy can name the bucket while the bucket's CORS
 * names the site.
 */
export function attachmentBucketName(stack: Stack): string {
  // 63 characters at most: 36 for the UUID, 13 for "-attachments-", 14 for the stack's name.
  const prefix = Token.isUnresolved(stack.stackName)
    ? 'support-chat'
    : stack.stackName
        .toLowerCase()
        .replace(/[^a-z0-9-]/g, '-')
        .slice(0, 14)
        .replace(/-+$/, '');
  const stackUuid = Fn.select(2, Fn.split('/', stack.stackId));
  return `${prefix}-attachments-${stackUuid}`;
}

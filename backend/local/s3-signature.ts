import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { S3Refusal } from './s3-post-policy.ts';

/**
 * S3's check of a signed request (SigV4), for the local S3's front: a presigned URL (the
 * signature and its expiry in the query) or an SDK request (the `Authorization` header).
 * s3rver has a check of its own, but it builds the canonical query with
 * encodeURIComponent, which leaves `'` and `*` as they are where SigV4 encodes them: every
 * download link with a `filename*=UTF-8''…` disposition failed it. This one encodes as the
 * SDK and S3 do.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-authenticating-requests.html
 */

export interface SignedRequest {
  method: string;
  /** The path and query as sent (still encoded). */
  url: string;
  headers: Record<string, string | string[] | undefined>;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';
/** A header-signed request must be dated within this much of the server's clock. */
const MAX_SKEW_MS = 15 * 60 * 1000;
/** The longest a presigned URL may be valid: a week. */
const MAX_EXPIRES_S = 604_800;

/** Undefined when the request's signature holds; else S3's refusal. */
export function checkSignature(
  request: SignedRequest,
  secretOf: (accessKeyId: string) => string | undefined,
  now: Date,
): S3Refusal | undefined {
  const [path = '/', rawQuery = ''] = request.url.split(/\?(.*)/s);
  const query = parseQuery(rawQuery);
  const header = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value.join(',') : value;
  };
  const presigned = query.some(([name]) => name === 'X-Amz-Algorithm');
  const param = (name: string) => query.find(([n]) => n === name)?.[1];

  let credential: string | undefined;
  let signedHeaders: string[];
  let signature: string | undefined;
  let amzDate: string | undefined;
  let payloadHash: string;
  if (presigned) {
    if (param('X-Amz-Algorithm') !== ALGORITHM) return queryError('X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"');
    credential = param('X-Amz-Credential');
    signedHeaders = (param('X-Amz-SignedHeaders') ?? '').split(';');
    signature = param('X-Amz-Signature');
    amzDate = param('X-Amz-Date');
    const expires = Number(param('X-Amz-Expires'));
    if (!credential || !signature || !amzDate || !Number.isInteger(expires) || expires < 0 || expires > MAX_EXPIRES_S) {
      return queryError(
        'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.',
      );
    }
    const signedAt = parseAmzDate(amzDate);
    if (Number.isNaN(signedAt)) return queryError("X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"");
    if (now.getTime() > signedAt + expires * 1000) return { status: 403, code: 'AccessDenied', message: 'Request has expired' };
    payloadHash = param('X-Amz-Content-Sha256') ?? 'UNSIGNED-PAYLOAD';
  } else {
    const authorization = header('authorization') ?? '';
    if (!authorization.startsWith(`${ALGORITHM} `)) {
      return { status: 400, code: 'InvalidArgument', message: 'Unsupported Authorization Type' };
    }
    const parts = new Map(
      authorization
        .slice(ALGORITHM.length + 1)
        .split(',')
        .map((part) => part.trim().split(/=(.*)/s) as [string, string]),
    );
    credential = parts.get('Credential');
    signedHeaders = (parts.get('SignedHeaders') ?? '').split(';');
    signature = parts.get('Signature');
    amzDate = header('x-amz-date');
    payloadHash = header('x-amz-content-sha256') ?? '';
    if (!credential || !signature || !amzDate || !payloadHash) {
      return { status: 400, code: 'AuthorizationHeaderMalformed', message: 'The authorization header is malformed.' };
    }
    const signedAt = parseAmzDate(amzDate);
    if (Number.isNaN(signedAt))
      return { status: 403, code: 'AccessDenied', message: 'AWS authentication requires a valid Date or x-amz-date header' };
    if (Math.abs(now.getTime() - signedAt) > MAX_SKEW_MS) {
      return {
        status: 403,
        code: 'RequestTimeTooSkewed',
        message: 'The difference between the request time and the current time is too large.',
      };
    }
  }

  const [accessKeyId = '', day = '', region = '', service = '', terminator = ''] = credential.split('/');
  const secret = secretOf(accessKeyId);
  if (secret === undefined)
    return { status: 403, code: 'InvalidAccessKeyId', message: 'The AWS Access Key Id you provided does not exist in our records.' };
  if (terminator !== 'aws4_request' || !amzDate.startsWith(day)) {
    return { status: 400, code: 'AuthorizationHeaderMalformed', message: 'The credential is malformed.' };
  }
  const canonicalRequest = [
    request.method,
    path,
    query
      .filter(([name]) => name !== 'X-Amz-Signature')
      .map(([name, value]) => [encode(name), encode(value)])
      .sort(([a, av], [b, bv]) => (a === b ? compare(av!, bv!) : compare(a!, b!)))
      .map(([name, value]) => `${name}=${value}`)
      .join('&'),
    signedHeaders.map((name) => `${name}:${(header(name) ?? '').trim().replace(/\s+/g, ' ')}\n`).join(''),
    signedHeaders.join(';'),
    payloadHash,
  ].join('\n');
  const stringToSign = [ALGORITHM, amzDate, `${day}/${region}/${service}/aws4_request`, sha256Hex(canonicalRequest)].join('\n');
  const expected = createHmac('sha256', signingKey(secret, day, region, service))
    .update(stringToSign, 'utf8')
    .digest();
  const given = Buffer.from(signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return {
      status: 403,
      code: 'SignatureDoesNotMatch',
      message: 'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    };
  }
  return undefined;
}

/** SigV4's signing key for one day, region and service. */
export function signingKey(secret: string, day: string, region: string, service: string): Buffer {
  const dateKey = createHmac('sha256', `AWS4${secret}`).update(day).digest();
  const regionKey = createHmac('sha256', dateKey).update(region).digest();
  const serviceKey = createHmac('sha256', regionKey).update(service).digest();
  return createHmac('sha256', serviceKey).update('aws4_request').digest();
}

/** The query's parameters as sent, decoded ('+' is a plus: SigV4 clients send a space as %20). */
function parseQuery(raw: string): Array<[string, string]> {
  if (raw === '') return [];
  return raw.split('&').map((pair) => {
    const [name = '', value = ''] = pair.split(/=(.*)/s);
    return [decode(name), decode(value)];
  });
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** RFC 3986: everything but A-Z a-z 0-9 - _ . ~ percent-encoded, as SigV4 wants. */
function encode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Code-unit order, as S3 sorts the canonical query. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function parseAmzDate(text: string): number {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  return match ? Date.UTC(+match[1]!, +match[2]! - 1, +match[3]!, +match[4]!, +match[5]!, +match[6]!) : Number.NaN;
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function queryError(message: string): S3Refusal {
  return { status: 400, code: 'AuthorizationQueryParametersError', message };
}

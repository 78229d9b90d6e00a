import { createHmac, timingSafeEqual } from 'node:crypto';
import { signingKey } from './s3-signature.ts';

/**
 * What S3 checks of a browser's POST upload (a form with a signed policy), which s3rver
 * does not: the SigV4 signature of the policy, its expiration, and every condition against
 * the form and the file's real length. Answers as S3 does, before anything is stored.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTConstructPolicy.html
 */

/** A refusal as S3 words it: the HTTP status, its error code and message. */
export interface S3Refusal {
  status: number;
  code: string;
  message: string;
}

export interface PostForm {
  /** The form's fields in order, up to the file (S3 ignores what follows it). */
  fields: Array<[string, string]>;
  file?: { name: string; size: number };
}

type Condition = Record<string, unknown> | unknown[];

/** Form fields no condition need name: the signature, the policy itself, the file, and `x-ignore-` ones. */
const EXEMPT = (name: string) => ['x-amz-signature', 'policy', 'file'].includes(name) || name.startsWith('x-ignore-');

/**
 * Checks one POST to `bucket`: the key it may be stored under, or S3's refusal. `secretOf`
 * gives the secret key of an access key id (undefined: no such key).
 */
export function checkPostPolicy(
  form: PostForm,
  bucket: string,
  secretOf: (accessKeyId: string) => string | undefined,
  now: Date,
): { key: string } | S3Refusal {
  const fields = new Map(form.fields.map(([name, value]) => [name.toLowerCase(), value]));
  const policy = fields.get('policy');
  if (policy === undefined) return denied('Access Denied');
  const algorithm = fields.get('x-amz-algorithm');
  const credential = fields.get('x-amz-credential');
  const date = fields.get('x-amz-date');
  const signature = fields.get('x-amz-signature');
  if (algorithm !== 'AWS4-HMAC-SHA256' || !credential || !date || !signature) {
    return {
      status: 400,
      code: 'InvalidArgument',
      message: 'Bucket POST must contain the fields X-Amz-Algorithm, X-Amz-Credential, X-Amz-Date and X-Amz-Signature.',
    };
  }
  const [accessKeyId = '', day = '', region = '', service = '', terminator = ''] = credential.split('/');
  const secret = secretOf(accessKeyId);
  if (secret === undefined)
    return { status: 403, code: 'InvalidAccessKeyId', message: 'The AWS Access Key Id you provided does not exist in our records.' };
  if (service !== 's3' || terminator !== 'aws4_request' || !date.startsWith(day)) {
    return { status: 400, code: 'AuthorizationQueryParametersError', message: 'Error parsing the X-Amz-Credential parameter.' };
  }
  if (!signatureMatches(signature, signingKey(secret, day, region, service), policy)) {
    return {
      status: 403,
      code: 'SignatureDoesNotMatch',
      message: 'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    };
  }

  let document: { expiration?: unknown; conditions?: unknown };
  try {
    document = JSON.parse(Buffer.from(policy, 'base64').toString('utf8'));
  } catch {
    return { status: 400, code: 'InvalidPolicyDocument', message: 'Invalid Policy: Invalid JSON.' };
  }
  const expiration = typeof document.expiration === 'string' ? Date.parse(document.expiration) : Number.NaN;
  if (Number.isNaN(expiration)) return { status: 400, code: 'InvalidPolicyDocument', message: 'Invalid Policy: Invalid expiration.' };
  if (now.getTime() > expiration) return denied('Invalid according to Policy: Policy expired.');
  if (!Array.isArray(document.conditions))
    return { status: 400, code: 'InvalidPolicyDocument', message: 'Invalid Policy: Invalid conditions.' };

  if (!form.file) return { status: 400, code: 'InvalidArgument', message: 'POST requires exactly one file upload per request.' };
  const rawKey = fields.get('key');
  if (!rawKey) return { status: 400, code: 'InvalidArgument', message: "Bucket POST must contain a field named 'key'." };
  // biome-ignore lint/suspicious/noTemplateCurlyInString: S3's own variable in a key, written literally by the form.
  const key = rawKey.replaceAll('${filename}', form.file.name);
  // What the conditions are checked against: the form, with the key as stored and the bucket of the URL.
  const values = new Map(fields);
  values.set('key', key);
  values.set('bucket', bucket);

  const covered = new Set<string>(['bucket']);
  for (const condition of document.conditions as Condition[]) {
    const failed = failedCondition(condition, values, form.file.size, covered);
    if (failed) return failed;
  }
  const extra = [...fields.keys()].filter((name) => !EXEMPT(name) && !covered.has(name));
  if (extra.length > 0) return denied(`Invalid according to Policy: Extra input fields: ${extra.join(', ')}`);
  return { key };
}

/** The refusal for one condition the form does not meet, else undefined; notes the fields it covers. */
function failedCondition(condition: Condition, values: Map<string, string>, fileSize: number, covered: Set<string>): S3Refusal | undefined {
  const failed = () => denied(`Invalid according to Policy: Policy Condition failed: ${JSON.stringify(condition)}`);
  if (!Array.isArray(condition)) {
    const entries = Object.entries(condition);
    if (entries.length !== 1) return { status: 400, code: 'InvalidPolicyDocument', message: 'Invalid Policy: Invalid Simple-Condition.' };
    const [name, expected] = entries[0]!;
    covered.add(name.toLowerCase());
    return values.get(name.toLowerCase()) === expected ? undefined : failed();
  }
  const [operator, first, second] = condition;
  if (operator === 'content-length-range') {
    const [min, max] = [Number(first), Number(second)];
    if (fileSize > max) return { status: 400, code: 'EntityTooLarge', message: 'Your proposed upload exceeds the maximum allowed size' };
    if (fileSize < min)
      return { status: 400, code: 'EntityTooSmall', message: 'Your proposed upload is smaller than the minimum allowed size' };
    return undefined;
  }
  if (
    (operator !== 'eq' && operator !== 'starts-with') ||
    typeof first !== 'string' ||
    !first.startsWith('$') ||
    typeof second !== 'string'
  ) {
    return { status: 400, code: 'InvalidPolicyDocument', message: `Invalid Policy: Invalid Condition: ${JSON.stringify(condition)}` };
  }
  const name = first.slice(1).toLowerCase();
  covered.add(name);
  const value = values.get(name) ?? '';
  return (operator === 'eq' ? value === second : value.startsWith(second)) ? undefined : failed();
}

function denied(message: string): S3Refusal {
  return { status: 403, code: 'AccessDenied', message };
}

function signatureMatches(given: string, key: Buffer, policy: string): boolean {
  const expected = createHmac('sha256', key).update(policy, 'utf8').digest();
  const actual = Buffer.from(given, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** S3's error body. */
export function s3ErrorXml(refusal: S3Refusal, resource: string): string {
  const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${refusal.code}</Code><Message>${xml(refusal.message)}</Message><Resource>${xml(resource)}</Resource></Error>`;
}

import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { MAX_ATTACHMENT_BYTES } from '../src/protocol/attachments.ts';
import { closeNow, listenOnLoopback } from './ports.ts';
import { checkPostPolicy, type PostForm, type S3Refusal, s3ErrorXml } from './s3-post-policy.ts';
import { checkSignature } from './s3-signature.ts';

// As in stack.ts: the SDK's notice about its future Node 22 requirement is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** The local bucket's name (production's comes from the CDK stack). */
export const LOCAL_BUCKET = 'support-chat-attachments';
/** The key pair the handlers sign with locally (any works: this one is registered with s3rver). */
export const LOCAL_S3_KEY = { accessKeyId: 'local', secretAccessKey: 'local' };

/** A form's files and fields beyond the largest attachment are not buffered: S3 would refuse them anyway. */
const MAX_POST_BYTES = MAX_ATTACHMENT_BYTES + 64 * 1024;

export interface LocalS3 {
  /** http://127.0.0.1:PORT: path-style, `/{bucket}/{key}`. */
  endpoint: string;
  bucket: string;
  stop(): Promise<void>;
}

interface S3rverInstance {
  run(): Promise<{ port: number }>;
  close(): Promise<void>;
}

/**
 * Amazon S3 from the npm emulator s3rver, its objects under `directory` (they survive a
 * restart), with one private bucket whose CORS lets `origins` upload and download, as the
 * CDK stack's bucket lets the site's origins.
 *
 * s3rver does not check a browser POST's policy, serves anonymous requests, and its check
 * of signatures refuses good ones (s3-signature.ts says which). So it listens on a private
 * port, taking any signature of a known key, behind a front on `port` that does what S3
 * would: checks each POST's policy (s3-post-policy.ts) and each signed request's signature
 * and expiry (s3-signature.ts), refuses unsigned requests (the bucket is private), and
 * passes what holds through.
 */
export async function startS3(port: number, directory: string, origins: string[]): Promise<LocalS3> {
  const require = createRequire(import.meta.url);
  const S3rver = require('@20minutes/s3rver') as new (options: object) => S3rverInstance;
  const { DUMMY_ACCOUNT } = require('@20minutes/s3rver/lib/models/account.js') as {
    DUMMY_ACCOUNT: { createKeyPair(id: string, secret: string): void };
  };
  DUMMY_ACCOUNT.createKeyPair(LOCAL_S3_KEY.accessKeyId, LOCAL_S3_KEY.secretAccessKey);

  const emulator = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    vhostBuckets: false,
    // The front has checked every signature: s3rver's own check refuses valid download links.
    allowMismatchedSignatures: true,
    configureBuckets: [{ name: LOCAL_BUCKET, configs: [corsConfiguration(origins)] }],
  });
  const { port: emulatorPort } = await emulator.run();
  const front: Server = createServer((req, res) => {
    serve(req, res, emulatorPort, origins).catch(() => {
      if (!res.headersSent) reply(res, req, origins, { status: 500, code: 'InternalError', message: 'The local S3 front failed.' });
      else res.destroy();
    });
  });
  let actual: number;
  try {
    actual = await listenOnLoopback(front, port);
  } catch (error) {
    await emulator.close();
    throw error;
  }
  return {
    endpoint: `http://127.0.0.1:${actual}`,
    bucket: LOCAL_BUCKET,
    stop: async () => {
      await closeNow(front);
      await emulator.close().catch(() => {});
    },
  };
}

async function serve(req: IncomingMessage, res: ServerResponse, emulatorPort: number, origins: string[]): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const signed = 'authorization' in req.headers || url.searchParams.has('X-Amz-Algorithm') || url.searchParams.has('Signature');
  const isBrowserPost =
    req.method === 'POST' &&
    /^\/[^/]+\/?$/.test(url.pathname) &&
    url.search === '' &&
    /^multipart\/form-data/i.test(req.headers['content-type'] ?? '');
  if (isBrowserPost) {
    const body = await readBody(req);
    if (body === 'too large')
      return reply(res, req, origins, {
        status: 400,
        code: 'EntityTooLarge',
        message: 'Your proposed upload exceeds the maximum allowed size',
      });
    const bucket = decodeURIComponent(url.pathname.split('/')[1] ?? '');
    const checked = checkPostPolicy(await parseForm(body, req.headers['content-type']!), bucket, secretOf, new Date());
    if ('code' in checked) return reply(res, req, origins, checked);
    return pass(req, res, emulatorPort, origins, body);
  }
  // The bucket is private: only a CORS preflight goes without a signature.
  if (req.method === 'OPTIONS') return pass(req, res, emulatorPort, origins);
  if (!signed) return reply(res, req, origins, { status: 403, code: 'AccessDenied', message: 'Access Denied' });
  const refusal = checkSignature({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers }, secretOf, new Date());
  if (refusal) return reply(res, req, origins, refusal);
  return pass(req, res, emulatorPort, origins);
}

/** Hands a request to s3rver as it came (its Host included: signatures cover it), and its answer back. */
function pass(req: IncomingMessage, res: ServerResponse, emulatorPort: number, origins: string[], body?: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const upstream = request(
      { host: '127.0.0.1', port: emulatorPort, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, { ...answer.headers, ...corsHeaders(req, origins) });
        answer.pipe(res);
        answer.on('end', () => resolve());
        answer.on('error', reject);
      },
    );
    upstream.on('error', reject);
    if (body) upstream.end(body);
    else req.pipe(upstream);
  });
}

function reply(res: ServerResponse, req: IncomingMessage, origins: string[], refusal: S3Refusal): void {
  res.writeHead(refusal.status, { 'content-type': 'application/xml', ...corsHeaders(req, origins) });
  res.end(s3ErrorXml(refusal, new URL(req.url ?? '/', 'http://localhost').pathname));
}

/**
 * What the bucket's CORS rule answers an allowed origin, on every answer (s3rver applies
 * its rules to object paths only, not to a POST to the bucket, and not to our refusals):
 * a page must be able to read why its upload failed.
 */
function corsHeaders(req: IncomingMessage, origins: string[]): Record<string, string> {
  const origin = req.headers.origin;
  if (!origin || !origins.some((allowed) => originPattern(allowed).test(origin))) return {};
  return { 'access-control-allow-origin': origin, 'access-control-expose-headers': 'ETag', vary: 'Origin' };
}

function originPattern(allowed: string): RegExp {
  return new RegExp(
    `^${allowed
      .split('*')
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
}

/** The bucket's CORS rule, as the CDK stack sets production's. */
function corsConfiguration(origins: string[]): string {
  return `<CORSConfiguration><CORSRule>${origins.map((o) => `<AllowedOrigin>${o}</AllowedOrigin>`).join('')}<AllowedMethod>GET</AllowedMethod><AllowedMethod>HEAD</AllowedMethod><AllowedMethod>POST</AllowedMethod><AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule></CORSConfiguration>`;
}

const secretOf = (accessKeyId: string) => (accessKeyId === LOCAL_S3_KEY.accessKeyId ? LOCAL_S3_KEY.secretAccessKey : undefined);

async function readBody(req: IncomingMessage): Promise<Buffer | 'too large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_POST_BYTES) {
      req.resume();
      return 'too large';
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The form's fields up to the file (S3 ignores what follows it) and the file's name and length. */
async function parseForm(body: Buffer, contentType: string): Promise<PostForm> {
  const form: PostForm = { fields: [] };
  let entries: FormData;
  try {
    entries = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
  } catch {
    return form;
  }
  for (const [name, value] of entries) {
    if (name === 'file') {
      form.file = typeof value === 'string' ? { name: '', size: Buffer.byteLength(value) } : { name: value.name, size: value.size };
      break;
    }
    if (typeof value === 'string') form.fields.push([name, value]);
  }
  return form;
}

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { closeNow, listenOnLoopback } from './ports.ts';
import type { LocalSecrets } from './secrets.ts';
import { type LocalSns, type Reply, snsError } from './sns.ts';
import { type LocalQueue, sqsError } from './sqs.ts';

export interface AwsStandIns {
  /** http://127.0.0.1:PORT: the SNS, SQS and Secrets Manager endpoint. */
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * One endpoint for the small AWS services the handlers use, each in the protocol its SDK
 * client speaks: SNS's Query protocol (form-encoded `Action=Publish`), SQS's and Secrets
 * Manager's JSON protocols (an `X-Amz-Target` header names the operation). GET /alerts
 * answers the SNS endpoint's recent alerts as JSON.
 */
export async function startAwsStandIns(
  port: number,
  services: { sns: LocalSns; queue: () => LocalQueue; secrets: LocalSecrets },
): Promise<AwsStandIns> {
  const server: Server = createServer((req, res) => {
    route(req, services)
      .then((reply) => send(res, reply))
      .catch(() => send(res, { status: 500, type: 'text/plain', body: 'The local AWS stand-in failed.' }));
  });
  const actual = await listenOnLoopback(server, port);
  return { endpoint: `http://127.0.0.1:${actual}`, stop: () => closeNow(server) };
}

async function route(req: IncomingMessage, services: { sns: LocalSns; queue: () => LocalQueue; secrets: LocalSecrets }): Promise<Reply> {
  if (req.method === 'GET' && req.url?.split('?')[0] === '/alerts') {
    return { status: 200, type: 'application/json', body: JSON.stringify(services.sns.recent()) };
  }
  if (req.method !== 'POST') return snsError(404, 'NotFound', 'POST an AWS action, or GET /alerts.');
  const body = await readBody(req);
  const target = String(req.headers['x-amz-target'] ?? '');
  if (target.startsWith('AmazonSQS.')) {
    if (target !== 'AmazonSQS.SendMessage') return sqsError(400, 'InvalidAction', `The local SQS only knows SendMessage, not ${target}.`);
    return services.queue().sendMessage(parseJson(body));
  }
  if (target.startsWith('secretsmanager.')) return services.secrets.handle(target.slice('secretsmanager.'.length), parseJson(body));
  return services.sns.publish(new URLSearchParams(body));
}

function parseJson(body: string): Record<string, never> {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null ? (value as Record<string, never>) : {};
  } catch {
    return {};
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // SNS's and SQS's own limits are 256 KB; anything bigger is refused, not buffered.
      if (size > 512 * 1024) req.destroy(new Error('request too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, reply: Reply) {
  res.writeHead(reply.status, { 'content-type': reply.type });
  res.end(reply.body);
}

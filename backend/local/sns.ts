import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { closeNow, listenOnLoopback } from './ports.ts';

/** One alert as the local SNS endpoint received it: what each kind of subscriber would get. */
export interface ReceivedAlert {
  messageId: string;
  receivedAt: string;
  topicArn: string;
  subject?: string;
  /** The variants of a MessageStructure=json publish; `default` alone for a plain one. */
  default: string;
  email?: string;
  sms?: string;
}

export interface LocalSns {
  endpoint: string;
  topicArn: string;
  /** Newest first. */
  recent(): ReceivedAlert[];
  stop(): Promise<void>;
}

const KEEP = 50;
export const LOCAL_TOPIC_ARN = 'arn:aws:sns:local:000000000000:support-chat-alerts';
const XMLNS = 'http://sns.amazonaws.com/doc/2010-03-31/';

/**
 * An SNS-compatible Publish endpoint: the AWS Query protocol (form-encoded request, XML
 * reply) that @aws-sdk/client-sns speaks. It prints each alert and keeps the recent ones,
 * served as JSON at GET /alerts for the demo site.
 */
export async function startSns(port: number, print: (alert: ReceivedAlert) => void): Promise<LocalSns> {
  const alerts: ReceivedAlert[] = [];
  const server: Server = createServer((req, res) => {
    handle(req, res, alerts, print).catch(() => reply(res, 500, errorXml('InternalError', 'The local SNS endpoint failed.')));
  });
  const actual = await listenOnLoopback(server, port);
  return {
    endpoint: `http://127.0.0.1:${actual}`,
    topicArn: LOCAL_TOPIC_ARN,
    recent: () => [...alerts],
    stop: () => closeNow(server),
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, alerts: ReceivedAlert[], print: (a: ReceivedAlert) => void) {
  if (req.method === 'GET' && req.url?.split('?')[0] === '/alerts') {
    res.setHeader('access-control-allow-origin', '*');
    return reply(res, 200, JSON.stringify(alerts), 'application/json');
  }
  if (req.method !== 'POST') return reply(res, 404, errorXml('NotFound', 'POST an SNS action, or GET /alerts.'));
  const form = new URLSearchParams(await readBody(req));
  const action = form.get('Action');
  if (action !== 'Publish') return reply(res, 400, errorXml('InvalidAction', `The local SNS endpoint only knows Publish, not ${action}.`));

  const topicArn = form.get('TopicArn');
  const message = form.get('Message');
  if (topicArn !== LOCAL_TOPIC_ARN) return reply(res, 404, errorXml('NotFound', 'Topic does not exist'));
  if (!message) return reply(res, 400, errorXml('InvalidParameter', 'Invalid parameter: Empty message'));
  let variants: Record<string, unknown> = { default: message };
  if (form.get('MessageStructure') === 'json') {
    try {
      variants = JSON.parse(message);
    } catch {
      return reply(res, 400, errorXml('InvalidParameter', 'Invalid parameter: Message Structure - JSON message body failed to parse'));
    }
    if (typeof variants.default !== 'string') {
      return reply(res, 400, errorXml('InvalidParameter', 'Invalid parameter: Message Structure - No default entry in JSON message body'));
    }
  }
  const alert: ReceivedAlert = {
    messageId: randomUUID(),
    receivedAt: new Date().toISOString(),
    topicArn,
    default: variants.default as string,
    ...(form.get('Subject') && { subject: form.get('Subject')! }),
    ...(typeof variants.email === 'string' && { email: variants.email }),
    ...(typeof variants.sms === 'string' && { sms: variants.sms }),
  };
  alerts.unshift(alert);
  alerts.length = Math.min(alerts.length, KEEP);
  print(alert);
  reply(
    res,
    200,
    `<PublishResponse xmlns="${XMLNS}"><PublishResult><MessageId>${alert.messageId}</MessageId></PublishResult>` +
      `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></PublishResponse>`,
  );
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // SNS's own limit is 256 KB; anything bigger is refused, not buffered.
      if (size > 512 * 1024) req.destroy(new Error('request too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function errorXml(code: string, message: string): string {
  return (
    `<ErrorResponse xmlns="${XMLNS}"><Error><Type>Sender</Type><Code>${code}</Code>` +
    `<Message>${message.replace(/[<&]/g, (c) => (c === '<' ? '&lt;' : '&amp;'))}</Message></Error>` +
    `<RequestId>${randomUUID()}</RequestId></ErrorResponse>`
  );
}

function reply(res: ServerResponse, status: number, body: string, type = 'text/xml') {
  res.writeHead(status, { 'content-type': type });
  res.end(body);
}

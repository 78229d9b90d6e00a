import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Plugin } from 'vite';
import { answerDemoTokenRequest, demoCustomersListing } from './demo-identity.ts';
import type { LocalStack } from './stack.ts';

/**
 * Serves what the demo site needs from the local stack on the site's own origin:
 * - `/config.json`, the shape the CDK stack writes in production;
 * - `/api/...`, the public HTTP API (team.json, unsubscribe), which production serves
 *   from API Gateway behind the same CloudFront distribution, run by the same handler;
 * - `/local/alerts` and `/local/mail.json`, the alerts the SNS stand-in and the emails the
 *   local SES received, for the demo's "Alerts and emails" page and for scripts and tests
 *   (mail.json: oldest first, `{ to, subject, text, html, sentAt }`);
 * - `POST /local/identity-token` (`{"customer": "demo-customer-1"}`), a demo customer's signed
 *   identity token as text/plain: the company's backend, played locally (demo-identity.ts), for
 *   the demo page's "signed-in customer"; `GET /local/demo-customers`, whom it can sign in as.
 *
 * The stack may still be starting (a promise): the site listens first, so that the stack
 * is started with the site's address; requests wait for it.
 */
export function localStackSite(stackOrStarting: LocalStack | Promise<LocalStack>): Plugin {
  const ready = Promise.resolve(stackOrStarting);
  return {
    name: 'support-chat-local-stack',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = new URL(req.url ?? '/', 'http://localhost');
        if (url.pathname.startsWith('/api/')) return void ready.then((stack) => serveApi(stack, req, res, url)).catch(next);
        if (url.pathname === '/local/identity-token') return void ready.then((stack) => serveIdentityToken(stack, req, res)).catch(next);
        if (req.method !== 'GET') return next();
        const local: Record<string, () => Promise<unknown>> = {
          '/config.json': async () => (await ready).siteConfig,
          '/local/alerts': async () => (await ready).sns.recent(),
          '/local/mail.json': async () => (await ready).ses.mails(),
          '/local/demo-customers': async () => demoCustomersListing((await ready).identity),
        };
        const answer = local[url.pathname];
        if (!answer) return next();
        answer().then(
          (body) => {
            res.setHeader('content-type', 'application/json');
            res.setHeader('cache-control', 'no-store');
            res.end(JSON.stringify(body));
          },
          (error: unknown) => next(error),
        );
      });
    },
  };
}

/** The most a token request's body may be: `{"customer": "..."}` is a few dozen bytes. */
const MAX_TOKEN_REQUEST_BYTES = 1024;

/**
 * A demo customer's identity token, for the demo page on this origin only: a browser's Origin,
 * when sent, must be this site's (Vite's CORS, which runs first, lets other localhost pages
 * through), and the body JSON, which no HTML form can send.
 */
async function serveIdentityToken(stack: LocalStack, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const answer = (status: number, text: string) => {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    res.end(text);
  };
  if (req.method !== 'POST') {
    res.setHeader('allow', 'POST');
    return answer(405, 'POST {"customer": "demo-customer-1"} for a demo customer\'s identity token.');
  }
  if (!fromThisSite(req.headers.origin, req.headers.host)) return answer(403, 'Only the demo site itself may ask.');
  if (!req.headers['content-type']?.startsWith('application/json')) return answer(415, 'Send the body as application/json.');
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of req) {
    length += (chunk as Buffer).length;
    if (length > MAX_TOKEN_REQUEST_BYTES) return answer(413, 'The request is too long.');
    chunks.push(chunk as Buffer);
  }
  const { status, text } = answerDemoTokenRequest(stack.identity, Buffer.concat(chunks).toString('utf8'));
  answer(status, text);
}

/** No Origin: curl or a script, not another site's page. An opaque one (`null`) is refused. */
function fromThisSite(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** One request to the public HTTP API, handed to its handler as API Gateway (HTTP API, payload 2.0) would. */
async function serveApi(stack: LocalStack, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks).toString('utf8');
  const event = {
    version: '2.0',
    routeKey: '$default',
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    queryStringParameters: url.search ? Object.fromEntries(url.searchParams) : undefined,
    headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : (v ?? '')])),
    requestContext: {
      http: {
        method: req.method ?? 'GET',
        path: url.pathname,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: req.headers['user-agent'] ?? '',
      },
    },
    body,
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2;
  const result = await stack.http(event);
  res.writeHead(result.statusCode ?? 200, result.headers as Record<string, string>);
  res.end(result.body ?? '');
}

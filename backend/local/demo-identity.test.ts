import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ViteDevServer } from 'vite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { secretReaderFromEnv } from '../src/aws/secrets.ts';
import { IdentityVerifier, identityVerifierFromEnv } from '../src/identity/identity-verifier.ts';
import { DEMO_CUSTOMERS, DEMO_TOKEN_LIFETIME_SECONDS, type LocalIdentity, mintDemoToken } from './demo-identity.ts';
import { localStackSite } from './site-plugin.ts';
import { type LocalStack, startLocalStack } from './stack.ts';

const audience = 'support-chat-local';
const secret = () => randomBytes(32).toString('base64url');
const now = Date.UTC(2026, 10, 30, 9, 0, 0);

function verifierFor(secretValue: string): IdentityVerifier {
  return new IdentityVerifier({ mode: 'optional', audience, readSecret: async () => secretValue });
}

function headerOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('the demo customers’ identity tokens', () => {
  const secretValue = JSON.stringify({ kid: 'local-1', secret: secret() });

  it.each(DEMO_CUSTOMERS.map((customer) => [customer.name, customer] as const))('verify for %s, with who they are', async (_, customer) => {
    const token = mintDemoToken(customer, { audience, secretValue, now });
    expect(headerOf(token)).toEqual({ alg: 'HS256', typ: 'JWT', kid: 'local-1' });
    expect(await verifierFor(secretValue).check(token, now)).toEqual({
      ok: true,
      identity: {
        sub: customer.sub,
        name: customer.name,
        email: customer.email,
        attributes: customer.attributes,
        expiresAt: (Math.floor(now / 1000) + DEMO_TOKEN_LIFETIME_SECONDS) * 1000,
      },
    });
  });

  it('expire after ten minutes, and are for this audience only', async () => {
    const token = mintDemoToken(DEMO_CUSTOMERS[0]!, { audience, secretValue, now });
    const later = now + (DEMO_TOKEN_LIFETIME_SECONDS + 61) * 1000;
    expect(await verifierFor(secretValue).check(token, later)).toMatchObject({ ok: false, code: 'expired' });
    const other = new IdentityVerifier({ mode: 'optional', audience: 'another-site', readSecret: async () => secretValue });
    expect(await other.check(token, now)).toMatchObject({ ok: false, code: 'audience' });
  });

  it('are signed with the newest key after a rotation, wherever it is listed', async () => {
    const old = { kid: 'local-1', secret: secret(), createdAt: '2026-01-10T08:00:00.000Z' };
    const rotated = { kid: 'local-2', secret: secret(), createdAt: '2026-11-29T08:00:00.000Z' };
    for (const keys of [
      [old, rotated],
      [rotated, old],
    ]) {
      const both = JSON.stringify({ keys });
      const token = mintDemoToken(DEMO_CUSTOMERS[0]!, { audience, secretValue: both, now });
      expect(headerOf(token).kid).toBe('local-2');
      expect(await verifierFor(both).check(token, now)).toMatchObject({ ok: true, identity: { sub: 'demo-customer-1' } });
      // Signed with the new key itself: still good once the old one is retired.
      const newOnly = JSON.stringify({ keys: [rotated] });
      expect(await verifierFor(newOnly).check(token, now)).toMatchObject({ ok: true });
    }
  });

  it('without dates, are signed with the last key listed; with a plain secret, without a kid', async () => {
    const keys = [
      { kid: 'a', secret: secret() },
      { kid: 'b', secret: secret() },
    ];
    expect(headerOf(mintDemoToken(DEMO_CUSTOMERS[1]!, { audience, secretValue: JSON.stringify({ keys }), now })).kid).toBe('b');
    const plain = secret();
    const token = mintDemoToken(DEMO_CUSTOMERS[1]!, { audience, secretValue: plain, now });
    expect(headerOf(token)).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(await verifierFor(plain).check(token, now)).toMatchObject({ ok: true, identity: { sub: 'demo-customer-2' } });
  });
});

/** The site plugin's routes on a plain HTTP server, in front of a stack that is only its identity. */
async function serveSitePlugin(stack: LocalStack | Promise<LocalStack>): Promise<{ url: string; server: Server }> {
  type Middleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;
  let middleware!: Middleware;
  const plugin = localStackSite(stack);
  const fakeVite = {
    middlewares: {
      use: (handler: Middleware) => {
        middleware = handler;
      },
    },
  };
  (plugin.configureServer as (server: ViteDevServer) => void)(fakeVite as unknown as ViteDevServer);
  const server = createServer((req, res) =>
    middleware(req, res, (error) => {
      res.statusCode = error ? 500 : 404;
      res.end();
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

function askToken(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${url}/local/identity-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('the demo site’s token endpoint', () => {
  let server: Server | undefined;
  afterEach(() => {
    server?.close();
    server = undefined;
  });

  async function siteWith(identity: LocalIdentity): Promise<string> {
    const served = await serveSitePlugin({ identity } as unknown as LocalStack);
    server = served.server;
    return served.url;
  }

  it('answers a demo customer’s token as text, uncached, signed with the secret’s value at the time', async () => {
    let secretValue = JSON.stringify({ kid: 'local-1', secret: secret() });
    const url = await siteWith({ mode: 'optional', audience, secretValue: () => secretValue });

    const response = await askToken(url, { customer: 'demo-customer-2' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const token = await response.text();
    expect(await verifierFor(secretValue).check(token)).toMatchObject({
      ok: true,
      identity: { sub: 'demo-customer-2', name: 'Priya Shah' },
    });

    // `npm run identity-secret -- rotate` writes the new value: the next token has the new key.
    const { secret: current } = JSON.parse(secretValue) as { secret: string };
    secretValue = JSON.stringify({
      keys: [
        { kid: 'local-1', secret: current, createdAt: '2026-01-01T00:00:00.000Z' },
        { kid: 'local-2', secret: secret(), createdAt: '2026-11-30T00:00:00.000Z' },
      ],
    });
    const rotated = await (await askToken(url, { customer: 'demo-customer-1' })).text();
    expect(headerOf(rotated).kid).toBe('local-2');
    expect(await verifierFor(secretValue).check(rotated)).toMatchObject({ ok: true, identity: { sub: 'demo-customer-1' } });
  });

  it('refuses an unknown customer, another origin, another method, and lists the customers without secrets', async () => {
    const secretValue = JSON.stringify({ kid: 'local-1', secret: secret() });
    const url = await siteWith({ mode: 'optional', audience, secretValue: () => secretValue });

    const unknown = await askToken(url, { customer: 'someone-else' });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('demo-customer-1, demo-customer-2');
    expect((await askToken(url, 'not json')).status).toBe(400);
    expect((await askToken(url, { customer: 'demo-customer-1' }, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await askToken(url, { customer: 'demo-customer-1' }, { origin: url })).status).toBe(200);
    expect((await askToken(url, { customer: 'demo-customer-1' }, { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await askToken(url, { customer: 'x'.repeat(2000) })).status).toBe(413);
    expect((await fetch(`${url}/local/identity-token`)).status).toBe(405);

    const listing = await fetch(`${url}/local/demo-customers`);
    expect(listing.headers.get('cache-control')).toBe('no-store');
    const text = await listing.text();
    expect(JSON.parse(text)).toEqual({
      identity: 'optional',
      customers: [
        { id: 'demo-customer-1', name: 'Alex Martin', email: 'alex@example.com' },
        { id: 'demo-customer-2', name: 'Priya Shah', email: 'priya@example.com' },
      ],
    });
    expect(text).not.toContain(JSON.parse(secretValue).secret);
  });

  it('says so when the stack’s identity mode is off', async () => {
    const url = await siteWith({ mode: 'off', audience, secretValue: () => JSON.stringify({ kid: 'local-1', secret: secret() }) });
    const off = await askToken(url, { customer: 'demo-customer-1' });
    expect(off.status).toBe(409);
    expect(await off.text()).toMatch(/IDENTITY_MODE=off.*IDENTITY_MODE=optional/);
    expect(await (await fetch(`${url}/local/demo-customers`)).json()).toMatchObject({ identity: 'off' });
  });
});

describe('the token endpoint on a started local stack', () => {
  let dataDir: string;
  let stack: LocalStack;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'support-chat-demo-identity-'));
    stack = await startLocalStack({
      dataDir,
      ports: { gateway: 0, dynamodb: 0, cognito: 0, aws: 0, ses: 0, s3: 0 },
      identityMode: 'optional',
    });
  });
  afterAll(async () => {
    await stack?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('signs with the key the stack’s handlers verify with', async () => {
    const { url, server } = await serveSitePlugin(stack);
    try {
      const token = await (await askToken(url, { customer: 'demo-customer-1' })).text();
      expect(headerOf(token).kid).toBe('local-1');
      // As the handlers build theirs: the secret read from the Secrets stand-in through the SDK.
      const verifier = identityVerifierFromEnv(secretReaderFromEnv, stack.handlerEnv);
      expect(await verifier.check(token)).toMatchObject({ ok: true, identity: { sub: 'demo-customer-1', name: 'Alex Martin' } });
    } finally {
      server.close();
    }
  });
});

import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fetchJwks, JwksCache, JwksUnavailableError } from './jwks.ts';

const jwk = { ...generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' }), kid: 'ec-1' };
const JWKS_BODY = JSON.stringify({ keys: [jwk] });
// Generous: a test process's first fetch loads undici, which can take a few hundred ms on a busy machine.
const LIMITS = { timeoutMs: 5000, maxBytes: 4096 };
const IMPATIENT = { ...LIMITS, timeoutMs: 300 };

/** The company's JWKS endpoint: each test says how it answers, and counts what it was asked. */
let answer: (request: IncomingMessage, response: ServerResponse) => void;
let requests: string[];
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    requests.push(request.url ?? '');
    answer(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

beforeEach(() => {
  requests = [];
  answer = (_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(JWKS_BODY);
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function expectUnavailable(promise: Promise<unknown>, message: RegExp) {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(JwksUnavailableError);
  expect((error as Error).message).toMatch(message);
}

describe('fetchJwks', () => {
  it('fetches the keys, keeping only the entries that are objects', async () => {
    answer = (_request, response) => response.end(JSON.stringify({ keys: [jwk, null, 'key', [1]] }));
    expect(await fetchJwks(`${base}/.well-known/jwks.json`, LIMITS)).toEqual({ keys: [jwk] });
    expect(requests).toEqual(['/.well-known/jwks.json']);
  });

  it('refuses a URL that is not https, unless it is a loopback address, without asking anyone', async () => {
    for (const url of [
      'http://example.com/jwks.json',
      'http://10.0.0.7/jwks.json',
      'http://127.0.0.1.example.com/jwks.json',
      'file:///etc/passwd',
      'jwks.json',
    ]) {
      await expect(fetchJwks(url, LIMITS)).rejects.toThrow(/JWKS URL/);
      expect(() => new JwksCache(url)).toThrow(/JWKS URL/);
    }
    for (const url of [
      'https://example.com/.well-known/jwks.json',
      'http://localhost:8787/jwks',
      'http://127.0.0.2/jwks',
      'http://[::1]:8787/jwks',
    ]) {
      expect(() => new JwksCache(url)).not.toThrow();
    }
  });

  it('says when the endpoint answers with an error', async () => {
    answer = (_request, response) => response.writeHead(503).end('down for maintenance');
    await expectUnavailable(fetchJwks(`${base}/jwks`, LIMITS), /answered HTTP 503/);
  });

  it('refuses a redirect rather than follow it', async () => {
    answer = (request, response) =>
      request.url === '/jwks' ? response.writeHead(302, { location: `${base}/elsewhere` }).end() : response.end(JWKS_BODY);
    await expectUnavailable(fetchJwks(`${base}/jwks`, LIMITS), /could not be fetched/);
    expect(requests).toEqual(['/jwks']);
  });

  it('gives up on an endpoint that does not answer in time', async () => {
    answer = () => {};
    const started = Date.now();
    await expectUnavailable(fetchJwks(`${base}/jwks`, IMPATIENT), /took longer than 300 ms/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('gives up on a body that stops half way', async () => {
    answer = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"keys":[');
    };
    await expectUnavailable(fetchJwks(`${base}/jwks`, IMPATIENT), /took longer than 300 ms/);
  });

  it('refuses a body larger than the limit, declared or not', async () => {
    const large = JSON.stringify({ keys: Array.from({ length: 40 }, (_, i) => ({ ...jwk, kid: `key-${i}` })) });
    expect(large.length).toBeGreaterThan(LIMITS.maxBytes);
    answer = (_request, response) => response.end(large);
    await expectUnavailable(fetchJwks(`${base}/jwks`, LIMITS), /larger than 4096 bytes/);
    answer = (_request, response) => {
      // Chunked, no content-length: only counting the bytes catches it.
      response.writeHead(200, { 'content-type': 'application/json' });
      for (let i = 0; i < large.length; i += 1000) response.write(large.slice(i, i + 1000));
      response.end();
    };
    await expectUnavailable(fetchJwks(`${base}/jwks`, LIMITS), /larger than 4096 bytes/);
  });

  it('refuses a body that is not a JWKS', async () => {
    for (const [body, message] of [
      ['<html>login</html>', /not JSON/],
      ['{"keys":{}}', /no "keys" array/],
      ['[]', /no "keys" array/],
      ['null', /no "keys" array/],
    ] as const) {
      answer = (_request, response) => response.end(body);
      await expectUnavailable(fetchJwks(`${base}/jwks`, LIMITS), message);
    }
  });
});

describe('JwksCache', () => {
  const T0 = Date.UTC(2026, 0, 15, 12, 0, 0);
  const cache = () => new JwksCache(`${base}/jwks`, { ...LIMITS, maxAgeMs: 600_000, minIntervalMs: 30_000 });

  it('keeps the keys for their maximum age, then fetches them again', async () => {
    const jwks = cache();
    expect(await jwks.keys(T0)).toEqual({ keys: [jwk] });
    await jwks.keys(T0 + 599_000);
    expect(requests).toHaveLength(1);
    await jwks.keys(T0 + 600_000);
    expect(requests).toHaveLength(2);
  });

  it('shares one fetch between concurrent callers', async () => {
    const jwks = cache();
    const all = await Promise.all([jwks.keys(T0), jwks.keys(T0), jwks.refresh(T0), jwks.keys(T0)]);
    expect(all.every((keys) => keys === all[0])).toBe(true);
    expect(requests).toHaveLength(1);
  });

  it('fetches again on refresh (a key just rotated in), at most once per interval', async () => {
    const jwks = cache();
    await jwks.keys(T0);
    const rotated = { ...jwk, kid: 'ec-2' };
    answer = (_request, response) => response.end(JSON.stringify({ keys: [jwk, rotated] }));
    expect(await jwks.refresh(T0 + 10_000)).toEqual({ keys: [jwk] });
    expect(requests).toHaveLength(1);
    expect(await jwks.refresh(T0 + 30_000)).toEqual({ keys: [jwk, rotated] });
    expect(await jwks.keys(T0 + 31_000)).toEqual({ keys: [jwk, rotated] });
    expect(requests).toHaveLength(2);
  });

  it('serves the keys it holds while the endpoint fails', async () => {
    const jwks = cache();
    await jwks.keys(T0);
    answer = (_request, response) => response.writeHead(500).end();
    expect(await jwks.keys(T0 + 700_000)).toEqual({ keys: [jwk] });
    expect(await jwks.keys(T0 + 710_000)).toEqual({ keys: [jwk] });
    expect(requests).toHaveLength(2);
    answer = (_request, response) => response.end(JSON.stringify({ keys: [] }));
    expect(await jwks.keys(T0 + 731_000)).toEqual({ keys: [] });
  });

  it('with no keys held, repeats a failure without asking again until the interval has passed', async () => {
    const jwks = cache();
    answer = (_request, response) => response.writeHead(500).end();
    await expectUnavailable(jwks.keys(T0), /answered HTTP 500/);
    await expectUnavailable(jwks.keys(T0 + 29_000), /answered HTTP 500/);
    expect(requests).toHaveLength(1);
    answer = (_request, response) => response.end(JWKS_BODY);
    expect(await jwks.keys(T0 + 30_000)).toEqual({ keys: [jwk] });
    expect(requests).toHaveLength(2);
  });
});

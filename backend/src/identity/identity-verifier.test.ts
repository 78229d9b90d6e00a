import { createHmac, generateKeyPairSync, type JsonWebKey, type KeyObject, randomBytes, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type IdentityMode,
  IdentityVerifier,
  type IdentityVerifierOptions,
  identityModeFromEnv,
  identityVerifierFromEnv,
} from './identity-verifier.ts';
import { JwksCache } from './jwks.ts';

const AUDIENCE = 'https://chat.practical-cloud.example';
const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const HOUR_S = 3600;
const MAX_AGE = 300_000;
const MIN_INTERVAL = 30_000;

const SECRET = randomBytes(32).toString('base64url');
const ROTATED = randomBytes(32).toString('base64url');
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const rsaJwk: JsonWebKey = { ...rsa.publicKey.export({ format: 'jwk' }), kid: 'rsa-1', use: 'sig', alg: 'RS256' };

const OFF_REASON = 'This site does not accept identity tokens (its identity mode is off).';
const UNAVAILABLE = { ok: false, code: 'unavailable', reason: 'The identity keys could not be loaded; try again shortly.' };

const b64 = (value: string) => Buffer.from(value).toString('base64url');

/** Signs a compact JWS as the company's backend would: HS256 with a shared secret, RS256 with its private key. */
function signJwt(header: { alg: 'HS256' | 'RS256'; kid?: string }, payload: Record<string, unknown>, key: string | KeyObject): string {
  const input = `${b64(JSON.stringify({ typ: 'JWT', ...header }))}.${b64(JSON.stringify(payload))}`;
  const signature =
    header.alg === 'HS256'
      ? createHmac('sha256', key as string)
          .update(input)
          .digest()
      : sign('sha256', Buffer.from(input), key as KeyObject);
  return `${input}.${signature.toString('base64url')}`;
}

/** A customer's claims, issued at `now` and good for an hour. */
const claims = (now = NOW, sub = 'customer-4711') => ({
  sub,
  aud: AUDIENCE,
  iat: now / 1000,
  exp: now / 1000 + HOUR_S,
  email: 'ada@example.com',
});

const hs256 = (secret: string, kid?: string, sub?: string) =>
  signJwt({ alg: 'HS256', ...(kid !== undefined && { kid }) }, claims(NOW, sub), secret);
const rs256 = (kid = 'rsa-1') => signJwt({ alg: 'RS256', kid }, claims(), rsa.privateKey);

const named = (kid: string, secret: string) => JSON.stringify({ kid, secret });
const several = (...keys: [string, string][]) => JSON.stringify({ keys: keys.map(([kid, secret]) => ({ kid, secret })) });

/**
 * The deployment's identity secret in Secrets Manager: a test changes its value as the rotation
 * command would, or makes it unreachable, and counts how often it was read.
 */
class SecretsManagerStandIn {
  reads = 0;
  failing = false;
  constructor(public value: string) {}

  readonly read = async (): Promise<string> => {
    this.reads += 1;
    // A network call: concurrent checks overlap while it is under way.
    await sleep(5);
    if (this.failing) throw new Error(`Secrets Manager is unreachable (the secret was ${this.value})`);
    return this.value;
  };
}

function verifier(store: SecretsManagerStandIn, options: Partial<IdentityVerifierOptions> = {}): IdentityVerifier {
  return new IdentityVerifier({
    mode: 'required',
    audience: AUDIENCE,
    readSecret: store.read,
    secretMaxAgeMs: MAX_AGE,
    secretMinIntervalMs: MIN_INTERVAL,
    ...options,
  });
}

/** The company's JWKS endpoint, on the loopback address, counting what it was asked. */
let jwksServer: Server;
let jwksUrl: string;
let jwksBody: { keys: JsonWebKey[] };
let jwksRequests: number;
/** A loopback address where nothing listens: a JWKS endpoint that is down. */
let downUrl: string;

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

beforeAll(async () => {
  jwksServer = createServer((_request, response) => {
    jwksRequests += 1;
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwksBody));
  });
  jwksUrl = await listen(jwksServer);
  const gone = createServer();
  downUrl = await listen(gone);
  await close(gone);
});

beforeEach(() => {
  jwksBody = { keys: [rsaJwk] };
  jwksRequests = 0;
});

afterAll(() => close(jwksServer));

describe('identityModeFromEnv', () => {
  it('is off when IDENTITY_MODE is unset or empty', () => {
    expect(identityModeFromEnv({})).toBe('off');
    expect(identityModeFromEnv({ IDENTITY_MODE: '' })).toBe('off');
  });

  it.each(['off', 'optional', 'required'] as const)('takes %s', (mode) => {
    expect(identityModeFromEnv({ IDENTITY_MODE: mode })).toBe(mode);
  });

  it.each(['on', 'true', 'OFF', 'Required', ' optional', 'required '])('refuses %j, naming it', (mode) => {
    expect(() => identityModeFromEnv({ IDENTITY_MODE: mode })).toThrow(`IDENTITY_MODE=${mode}: say off, optional or required.`);
  });
});

describe('IdentityVerifier', () => {
  describe('its options', () => {
    it.each(['optional', 'required'] as const)('refuses mode %s without an audience', (mode) => {
      const store = new SecretsManagerStandIn(SECRET);
      for (const audience of [undefined, '']) {
        expect(() => new IdentityVerifier({ mode, readSecret: store.read, ...(audience !== undefined && { audience }) })).toThrow(
          'IDENTITY_AUDIENCE must be set when identity tokens are accepted.',
        );
      }
    });

    it.each(['optional', 'required'] as const)('refuses mode %s without any key', (mode) => {
      expect(() => new IdentityVerifier({ mode, audience: AUDIENCE })).toThrow(
        'Identity tokens need a key: IDENTITY_SECRET_ARN or IDENTITY_JWKS_URL.',
      );
    });

    it.each(['optional', 'required'] as const)('takes mode %s with an audience and either key', (mode) => {
      const store = new SecretsManagerStandIn(SECRET);
      expect(new IdentityVerifier({ mode, audience: AUDIENCE, readSecret: store.read }).mode).toBe(mode);
      expect(new IdentityVerifier({ mode, audience: AUDIENCE, jwks: new JwksCache(jwksUrl) }).mode).toBe(mode);
      expect(store.reads).toBe(0);
    });

    it('needs neither an audience nor a key in mode off', () => {
      expect(new IdentityVerifier({ mode: 'off' }).mode).toBe('off');
    });
  });

  describe('mode off', () => {
    it('answers off for any token, reading no key', async () => {
      const store = new SecretsManagerStandIn(SECRET);
      const off = new IdentityVerifier({ mode: 'off', audience: AUDIENCE, readSecret: store.read, jwks: new JwksCache(jwksUrl) });
      for (const token of [hs256(SECRET), rs256(), 'not a token', '']) {
        expect(await off.check(token, NOW)).toEqual({ ok: false, code: 'off', reason: OFF_REASON });
      }
      expect(store.reads).toBe(0);
      expect(jwksRequests).toBe(0);
    });
  });

  describe.each(['optional', 'required'] satisfies IdentityMode[])('mode %s, with the shared secret', (mode) => {
    it('verifies an HS256 token signed with the secret, in each of its forms', async () => {
      for (const [value, kid] of [
        [SECRET, undefined],
        [named('k-1', SECRET), 'k-1'],
        [several(['k-0', ROTATED], ['k-1', SECRET]), 'k-1'],
      ] as const) {
        const check = await verifier(new SecretsManagerStandIn(value), { mode }).check(hs256(SECRET, kid), NOW);
        expect(check).toEqual({
          ok: true,
          identity: { sub: 'customer-4711', email: 'ada@example.com', expiresAt: (NOW / 1000 + HOUR_S) * 1000 },
        });
      }
    });

    it('refuses a token signed with another secret, for another site, or not a token at all', async () => {
      const identity = verifier(new SecretsManagerStandIn(named('k-1', SECRET)), { mode });
      expect(await identity.check(hs256(ROTATED, 'k-1'), NOW)).toMatchObject({ ok: false, code: 'signature' });
      expect(await identity.check(hs256(ROTATED), NOW)).toMatchObject({ ok: false, code: 'signature' });
      const elsewhere = signJwt({ alg: 'HS256', kid: 'k-1' }, { ...claims(), aud: 'https://chat.other.example' }, SECRET);
      expect(await identity.check(elsewhere, NOW)).toMatchObject({ ok: false, code: 'audience' });
      expect(await identity.check('not a token', NOW)).toMatchObject({ ok: false, code: 'malformed' });
    });
  });

  describe('reading the secret', () => {
    it('reads it once and uses it until it is secretMaxAgeMs old, then reads it again', async () => {
      const store = new SecretsManagerStandIn(SECRET);
      const identity = verifier(store);
      for (const at of [NOW, NOW + 1, NOW + 60_000, NOW + MAX_AGE - 1]) {
        expect(await identity.check(hs256(SECRET), at)).toMatchObject({ ok: true });
      }
      expect(store.reads).toBe(1);

      // A new value without a kid: tokens naming no kid give no reason to read again before it is due.
      store.value = ROTATED;
      expect(await identity.check(hs256(ROTATED), NOW + MAX_AGE - 1)).toMatchObject({ ok: false, code: 'signature' });
      expect(store.reads).toBe(1);
      expect(await identity.check(hs256(ROTATED), NOW + MAX_AGE)).toMatchObject({ ok: true });
      expect(await identity.check(hs256(SECRET), NOW + MAX_AGE)).toMatchObject({ ok: false, code: 'signature' });
      expect(store.reads).toBe(2);
    });

    it('by default, reads it again every 5 minutes, and for an unknown kid at most every 30 s', async () => {
      const store = new SecretsManagerStandIn(named('k-1', SECRET));
      const identity = new IdentityVerifier({ mode: 'optional', audience: AUDIENCE, readSecret: store.read });
      expect(await identity.check(hs256(SECRET, 'k-1'), NOW)).toMatchObject({ ok: true });
      expect(await identity.check(hs256(SECRET, 'k-1'), NOW + 299_999)).toMatchObject({ ok: true });
      expect(store.reads).toBe(1);
      expect(await identity.check(hs256(SECRET, 'k-1'), NOW + 300_000)).toMatchObject({ ok: true });
      expect(store.reads).toBe(2);
      expect(await identity.check(hs256(SECRET, 'forged'), NOW + 329_999)).toMatchObject({ ok: false, code: 'unknown_key' });
      expect(store.reads).toBe(2);
      expect(await identity.check(hs256(SECRET, 'forged'), NOW + 330_000)).toMatchObject({ ok: false, code: 'unknown_key' });
      expect(store.reads).toBe(3);
    });

    it('reads it once for checks that arrive together', async () => {
      const store = new SecretsManagerStandIn(named('k-1', SECRET));
      const identity = verifier(store);
      const checks = await Promise.all(Array.from({ length: 20 }, (_, i) => identity.check(hs256(SECRET, 'k-1', `customer-${i}`), NOW)));
      expect(checks.map((check) => check.ok && check.identity.sub)).toEqual(Array.from({ length: 20 }, (_, i) => `customer-${i}`));
      expect(store.reads).toBe(1);
    });

    it('takes a key rotated in without a restart: a token naming a kid not held reads the secret again', async () => {
      const store = new SecretsManagerStandIn(named('k-1', SECRET));
      const identity = verifier(store);
      expect(await identity.check(hs256(SECRET, 'k-1'), NOW)).toMatchObject({ ok: true });
      expect(store.reads).toBe(1);

      // npm run identity-secret -- rotate: both keys valid while the company's backend switches.
      store.value = several(['k-1', SECRET], ['k-2', ROTATED]);
      const later = NOW + MIN_INTERVAL;
      expect(await identity.check(hs256(ROTATED, 'k-2'), later)).toMatchObject({ ok: true, identity: { sub: 'customer-4711' } });
      expect(store.reads).toBe(2);
      // Both are now held: neither kind of token reads again.
      expect(await identity.check(hs256(SECRET, 'k-1'), later + 1)).toMatchObject({ ok: true });
      expect(await identity.check(hs256(ROTATED, 'k-2'), later + 2)).toMatchObject({ ok: true });
      expect(store.reads).toBe(2);

      // npm run identity-secret -- retire k-1: its tokens stop working once the secret is read again.
      store.value = several(['k-2', ROTATED]);
      expect(await identity.check(hs256(SECRET, 'k-1'), later + MAX_AGE)).toMatchObject({ ok: false, code: 'unknown_key' });
      expect(await identity.check(hs256(ROTATED, 'k-2'), later + MAX_AGE)).toMatchObject({ ok: true });
      expect(store.reads).toBe(3);
    });

    it('reads it again at most once per secretMinIntervalMs for a flood of tokens naming unknown kids', async () => {
      const store = new SecretsManagerStandIn(named('k-1', SECRET));
      const identity = verifier(store);
      expect(await identity.check(hs256(SECRET, 'k-1'), NOW)).toMatchObject({ ok: true });
      expect(store.reads).toBe(1);

      // Just read: no kid is worth another read yet.
      for (let i = 0; i < 50; i++) {
        expect(await identity.check(hs256(SECRET, `forged-${i}`), NOW + i * 100)).toMatchObject({ ok: false, code: 'unknown_key' });
      }
      expect(store.reads).toBe(1);

      // One read per interval, however many tokens, one after another or together.
      const start = NOW + MIN_INTERVAL;
      for (let i = 0; i < 100; i++) {
        expect(await identity.check(hs256(SECRET, `forged-${i}`), start + i * 250)).toMatchObject({ ok: false, code: 'unknown_key' });
      }
      expect(store.reads).toBe(2);
      const together = await Promise.all(
        Array.from({ length: 50 }, (_, i) => identity.check(hs256(SECRET, `forged-${i}`), start + 2 * MIN_INTERVAL)),
      );
      expect(together.every((check) => !check.ok && check.code === 'unknown_key')).toBe(true);
      expect(store.reads).toBe(3);

      // A key rotated in during the flood still works once the interval has passed.
      store.value = several(['k-1', SECRET], ['k-2', ROTATED]);
      expect(await identity.check(hs256(ROTATED, 'k-2'), start + 3 * MIN_INTERVAL - 1)).toMatchObject({ ok: false, code: 'unknown_key' });
      expect(store.reads).toBe(3);
      expect(await identity.check(hs256(ROTATED, 'k-2'), start + 3 * MIN_INTERVAL)).toMatchObject({ ok: true });
      expect(store.reads).toBe(4);
    });

    it('keeps using the keys it holds while the secret cannot be read', async () => {
      const store = new SecretsManagerStandIn(named('k-1', SECRET));
      const identity = verifier(store);
      expect(await identity.check(hs256(SECRET, 'k-1'), NOW)).toMatchObject({ ok: true });

      store.failing = true;
      expect(await identity.check(hs256(SECRET, 'k-1'), NOW + MAX_AGE)).toMatchObject({ ok: true });
      expect(await identity.check(hs256(ROTATED, 'k-2'), NOW + MAX_AGE + MIN_INTERVAL)).toMatchObject({ ok: false, code: 'unknown_key' });
      expect(store.reads).toBe(3);

      // Back again: its new value is taken.
      store.failing = false;
      store.value = several(['k-1', SECRET], ['k-2', ROTATED]);
      expect(await identity.check(hs256(ROTATED, 'k-2'), NOW + 2 * MAX_AGE)).toMatchObject({ ok: true });
    });

    it('while the secret cannot be read, tries again at most once per secretMinIntervalMs, not for every token', async () => {
      const store = new SecretsManagerStandIn(named('k-1', SECRET));
      const identity = verifier(store);
      expect(await identity.check(hs256(SECRET, 'k-1'), NOW)).toMatchObject({ ok: true });

      store.failing = true;
      const outage = NOW + MAX_AGE;
      for (let i = 0; i < 30; i++) {
        const token = i % 2 === 0 ? hs256(SECRET, 'k-1', `customer-${i}`) : hs256(SECRET, `forged-${i}`);
        expect(await identity.check(token, outage + i * 500)).toMatchObject(
          i % 2 === 0 ? { ok: true } : { ok: false, code: 'unknown_key' },
        );
      }
      expect(store.reads).toBe(2);
      expect(await identity.check(hs256(SECRET, 'k-1'), outage + MIN_INTERVAL)).toMatchObject({ ok: true });
      expect(store.reads).toBe(3);
    });

    it('answers unavailable when the secret cannot be read and no key is held, telling nothing of why', async () => {
      const store = new SecretsManagerStandIn(named('k-1', SECRET));
      store.failing = true;
      const identity = verifier(store, { mode: 'optional' });
      expect(await identity.check(hs256(SECRET, 'k-1'), NOW)).toEqual(UNAVAILABLE);
      expect(await identity.check(hs256(SECRET), NOW + 1)).toEqual(UNAVAILABLE);

      // The failure is not kept: once Secrets Manager answers, tokens verify.
      store.failing = false;
      expect(await identity.check(hs256(SECRET, 'k-1'), NOW + 2)).toMatchObject({ ok: true });
    });
  });

  describe('a secret edited into something that is no key', () => {
    it('keeps the keys held, and answers unavailable when none are, rather than throwing', async () => {
      const store = new SecretsManagerStandIn(named('k-1', SECRET));
      const identity = verifier(store);
      expect(await identity.check(hs256(SECRET, 'k-1'), NOW)).toMatchObject({ ok: true });
      store.value = '{"kid": "k-1", "secret": "too short"}';
      expect(await identity.check(hs256(SECRET, 'k-1'), NOW + MAX_AGE)).toMatchObject({ ok: true });

      const cold = verifier(new SecretsManagerStandIn('{ not json'));
      expect(await cold.check(hs256(SECRET, 'k-1'), NOW)).toEqual(UNAVAILABLE);
    });
  });

  describe('with the company JWKS', () => {
    it('verifies an RS256 token signed with a key the JWKS publishes', async () => {
      const identity = new IdentityVerifier({ mode: 'required', audience: AUDIENCE, jwks: new JwksCache(jwksUrl) });
      expect(await identity.check(rs256(), NOW)).toMatchObject({ ok: true, identity: { sub: 'customer-4711', email: 'ada@example.com' } });
      expect(await identity.check(rs256(), NOW + 1000)).toMatchObject({ ok: true });
      expect(jwksRequests).toBe(1);

      // Signed by anyone else, or HS256 with no shared secret here: refused.
      const impostor = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const forged = signJwt({ alg: 'RS256', kid: 'rsa-1' }, claims(), impostor.privateKey);
      expect(await identity.check(forged, NOW)).toMatchObject({ ok: false, code: 'signature' });
      expect(await identity.check(hs256(SECRET), NOW)).toMatchObject({ ok: false, code: 'algorithm' });
    });

    it('takes a key the company adds to its JWKS, fetching it again for an unknown kid', async () => {
      const identity = new IdentityVerifier({ mode: 'required', audience: AUDIENCE, jwks: new JwksCache(jwksUrl) });
      expect(await identity.check(rs256(), NOW)).toMatchObject({ ok: true });
      jwksBody = { keys: [rsaJwk, { ...rsaJwk, kid: 'rsa-2' }] };
      expect(await identity.check(rs256('rsa-2'), NOW + MIN_INTERVAL)).toMatchObject({ ok: true });
      expect(jwksRequests).toBe(2);
    });

    it('verifies both HS256 and RS256 tokens with both a secret and a JWKS', async () => {
      const store = new SecretsManagerStandIn(named('k-1', SECRET));
      const identity = verifier(store, { jwks: new JwksCache(jwksUrl) });
      expect(await identity.check(hs256(SECRET, 'k-1'), NOW)).toMatchObject({ ok: true });
      expect(await identity.check(rs256(), NOW)).toMatchObject({ ok: true });
      expect(store.reads).toBe(1);
      expect(jwksRequests).toBe(1);
    });

    it('still verifies HS256 tokens with a secret when the JWKS is down', async () => {
      const store = new SecretsManagerStandIn(named('k-1', SECRET));
      const identity = verifier(store, { jwks: new JwksCache(downUrl, { timeoutMs: 2000 }) });
      expect(await identity.check(hs256(SECRET, 'k-1'), NOW)).toMatchObject({ ok: true });
      expect(await identity.check(hs256(SECRET), NOW + MIN_INTERVAL)).toMatchObject({ ok: true });
      expect(await identity.check(hs256(ROTATED, 'k-1'), NOW + 2 * MIN_INTERVAL)).toMatchObject({ ok: false, code: 'signature' });
    });

    it('answers unavailable, not "unknown key", for an RS256 token while the JWKS is down beside a secret', async () => {
      const store = new SecretsManagerStandIn(named('k-1', SECRET));
      const identity = verifier(store, { jwks: new JwksCache(downUrl, { timeoutMs: 2000 }) });
      expect(await identity.check(rs256(), NOW)).toEqual(UNAVAILABLE);
      expect(await identity.check(signJwt({ alg: 'RS256' }, claims(), rsa.privateKey), NOW)).toEqual(UNAVAILABLE);
      // A kid held by neither cannot be told from one of the JWKS's meanwhile; a token for a held key is judged on its own.
      expect(await identity.check(hs256(SECRET, 'k-2'), NOW)).toEqual(UNAVAILABLE);
      expect(await identity.check(hs256(ROTATED, 'k-1'), NOW)).toMatchObject({ ok: false, code: 'signature' });
    });

    it('answers unavailable with only a JWKS, when it is down', async () => {
      const identity = new IdentityVerifier({ mode: 'required', audience: AUDIENCE, jwks: new JwksCache(downUrl, { timeoutMs: 2000 }) });
      expect(await identity.check(rs256(), NOW)).toEqual(UNAVAILABLE);
    });
  });
});

describe('identityVerifierFromEnv', () => {
  /** aws/secrets.ts's secretReaderFromEnv, reading the stand-in instead, and what it was asked for. */
  function readers(store: SecretsManagerStandIn) {
    const asked: [string, NodeJS.ProcessEnv][] = [];
    const readSecret = (variable: string, env: NodeJS.ProcessEnv) => {
      asked.push([variable, env]);
      return store.read;
    };
    return { asked, readSecret };
  }

  it('is off without IDENTITY_MODE, needing nothing else and making no secret reader', async () => {
    const store = new SecretsManagerStandIn(SECRET);
    const { asked, readSecret } = readers(store);
    const identity = identityVerifierFromEnv(readSecret, { IDENTITY_SECRET_ARN: 'arn:secret', IDENTITY_AUDIENCE: AUDIENCE });
    expect(identity.mode).toBe('off');
    expect(await identity.check(hs256(SECRET), NOW)).toMatchObject({ ok: false, code: 'off' });
    expect(asked).toEqual([]);
    expect(store.reads).toBe(0);
  });

  it('reads the secret named by IDENTITY_SECRET_ARN, for the audience IDENTITY_AUDIENCE', async () => {
    const store = new SecretsManagerStandIn(named('k-1', SECRET));
    const { asked, readSecret } = readers(store);
    const env = {
      IDENTITY_MODE: 'optional',
      IDENTITY_AUDIENCE: AUDIENCE,
      IDENTITY_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:1:secret:identity',
    };
    const identity = identityVerifierFromEnv(readSecret, env);
    expect(identity.mode).toBe('optional');
    expect(asked).toEqual([['IDENTITY_SECRET_ARN', env]]);
    expect(store.reads).toBe(0);
    expect(await identity.check(hs256(SECRET, 'k-1'), NOW)).toMatchObject({ ok: true });
    expect(store.reads).toBe(1);
  });

  it('fetches the JWKS at IDENTITY_JWKS_URL', async () => {
    const { asked, readSecret } = readers(new SecretsManagerStandIn(SECRET));
    const identity = identityVerifierFromEnv(readSecret, {
      IDENTITY_MODE: 'required',
      IDENTITY_AUDIENCE: AUDIENCE,
      IDENTITY_JWKS_URL: jwksUrl,
    });
    expect(await identity.check(rs256(), NOW)).toMatchObject({ ok: true });
    expect(asked).toEqual([]);
    expect(jwksRequests).toBe(1);
  });

  it('refuses a mode that accepts tokens without an audience or without a key, and a wrong mode', () => {
    const { readSecret } = readers(new SecretsManagerStandIn(SECRET));
    expect(() => identityVerifierFromEnv(readSecret, { IDENTITY_MODE: 'required', IDENTITY_SECRET_ARN: 'arn:secret' })).toThrow(
      'Missing environment variable IDENTITY_AUDIENCE',
    );
    expect(() =>
      identityVerifierFromEnv(readSecret, { IDENTITY_MODE: 'optional', IDENTITY_AUDIENCE: AUDIENCE, IDENTITY_SECRET_ARN: '' }),
    ).toThrow('Identity tokens need a key');
    expect(() =>
      identityVerifierFromEnv(readSecret, { IDENTITY_MODE: 'on', IDENTITY_AUDIENCE: AUDIENCE, IDENTITY_SECRET_ARN: 'arn:secret' }),
    ).toThrow('IDENTITY_MODE=on');
  });
});

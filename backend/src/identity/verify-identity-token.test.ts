import { constants, createHmac, generateKeyPairSync, type JsonWebKey, type KeyObject, randomBytes, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type IdentityCheck, type IdentityKeys, verifyIdentityToken } from './verify-identity-token.ts';

const AUDIENCE = 'https://chat.practical-cloud.example';
const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const NOW_S = NOW / 1000;
const HOUR_S = 3600;

const SECRET = randomBytes(32).toString('base64url');
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const rsaJwk: JsonWebKey = { ...rsa.publicKey.export({ format: 'jwk' }), kid: 'rsa-1', use: 'sig', alg: 'RS256' };
const ecJwk: JsonWebKey = { ...ec.publicKey.export({ format: 'jwk' }), kid: 'ec-1' };
const KEYS: IdentityKeys = { secrets: [{ secret: SECRET }], jwks: { keys: [rsaJwk, ecJwk] } };

type Header = Record<string, unknown>;
type Claims = Record<string, unknown>;

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const b64 = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** Signs a compact JWS as a company's backend would, for any algorithm the tests need, accepted or not. */
function signJwt(header: Header, payload: Claims, key: string | Buffer | KeyObject | undefined): string {
  const input = `${b64(JSON.stringify(header))}.${b64(JSON.stringify(payload))}`;
  const data = Buffer.from(input);
  const signature = (() => {
    switch (header.alg) {
      case 'HS256':
        return createHmac('sha256', key as string | Buffer)
          .update(data)
          .digest();
      case 'HS512':
        return createHmac('sha512', key as string | Buffer)
          .update(data)
          .digest();
      case 'RS256':
        return sign('sha256', data, key as KeyObject);
      case 'PS256':
        return sign('sha256', data, { key: key as KeyObject, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 });
      case 'ES256':
        return sign('sha256', data, { key: key as KeyObject, dsaEncoding: 'ieee-p1363' });
      default:
        return Buffer.alloc(0);
    }
  })();
  return `${input}.${signature.toString('base64url')}`;
}

const claims = (extra: Claims = {}): Claims => ({
  sub: 'customer-4711',
  aud: AUDIENCE,
  iat: NOW_S,
  exp: NOW_S + HOUR_S,
  email: 'ada@example.com',
  name: 'Ada Lovelace',
  ...extra,
});

const check = (token: string, keys: IdentityKeys = KEYS, now = NOW) => verifyIdentityToken(token, { keys, audience: AUDIENCE, now });

const hs256 = (extra?: Claims, header: Header = {}) => signJwt({ alg: 'HS256', typ: 'JWT', ...header }, claims(extra), SECRET);
const rs256 = (extra?: Claims, header: Header = { kid: 'rsa-1' }) => signJwt({ alg: 'RS256', ...header }, claims(extra), rsa.privateKey);
const es256 = (extra?: Claims, header: Header = { kid: 'ec-1' }) => signJwt({ alg: 'ES256', ...header }, claims(extra), ec.privateKey);

function expectRefused(result: IdentityCheck, reason: string) {
  expect(result).toMatchObject({ ok: false, reason });
}

/** The token with one part swapped for another, every other byte as signed. */
function withPart(token: string, index: number, part: string): string {
  const parts = token.split('.');
  parts[index] = part;
  return parts.join('.');
}

describe('verifyIdentityToken', () => {
  describe('accepts a valid token', () => {
    it.each([
      ['HS256', hs256],
      ['RS256', rs256],
      ['ES256', es256],
    ])('%s, giving the identity and when it expires', (_alg, make) => {
      expect(check(make())).toEqual({
        ok: true,
        identity: { sub: 'customer-4711', email: 'ada@example.com', name: 'Ada Lovelace', expiresAt: (NOW_S + HOUR_S) * 1000 },
      });
    });

    it('RS256 and ES256 without a kid, trying each key of their type', () => {
      expect(check(rs256({}, {})).ok).toBe(true);
      expect(check(es256({}, {})).ok).toBe(true);
    });

    it('with the audience in an aud array', () => {
      expect(check(hs256({ aud: ['https://other.example', AUDIENCE] })).ok).toBe(true);
    });

    it('up to 60 s past its expiry and up to 24 hours (and 60 s) ahead, for clocks that drift', () => {
      expect(check(hs256({ exp: NOW_S - 59 })).ok).toBe(true);
      expect(check(hs256({ exp: NOW_S + 24 * HOUR_S + 59 })).ok).toBe(true);
      expect(check(hs256({ nbf: NOW_S + 59, iat: NOW_S + 59 })).ok).toBe(true);
    });
  });

  describe('refuses by time', () => {
    it('an expired token', () => {
      expectRefused(check(hs256({ exp: NOW_S - 61 })), 'The identity token has expired.');
      expectRefused(check(rs256({ exp: NOW_S - 24 * HOUR_S })), 'The identity token has expired.');
    });

    it('a token that expires more than 24 hours ahead', () => {
      expectRefused(check(hs256({ exp: NOW_S + 24 * HOUR_S + 61 })), 'The identity token must expire within 24 hours.');
      expectRefused(check(es256({ exp: NOW_S + 365 * 24 * HOUR_S })), 'The identity token must expire within 24 hours.');
    });

    it('a token without an exp, or with one that is not a number', () => {
      expectRefused(check(hs256({ exp: undefined })), 'The identity token needs an expiry time (exp).');
      expectRefused(check(hs256({ exp: String(NOW_S + HOUR_S) })), 'The identity token needs an expiry time (exp).');
    });

    it('a token whose nbf or iat is in the future', () => {
      expectRefused(check(hs256({ nbf: NOW_S + 120 })), 'The identity token is not valid yet (nbf).');
      expectRefused(check(hs256({ iat: NOW_S + 120 })), 'The identity token was issued in the future (iat).');
      expectRefused(check(hs256({ nbf: 'soon' })), 'The identity token is malformed.');
    });
  });

  describe('refuses by audience and subject', () => {
    it('a token for another site', () => {
      expectRefused(check(hs256({ aud: 'https://other.example' })), 'The identity token is for another site (aud).');
      expectRefused(check(hs256({ aud: ['https://other.example'] })), 'The identity token is for another site (aud).');
      expectRefused(check(hs256({ aud: `${AUDIENCE}/` })), 'The identity token is for another site (aud).');
    });

    it('a token without an audience', () => {
      expectRefused(check(hs256({ aud: undefined })), 'The identity token needs an audience (aud).');
    });

    it('a subject that is missing, empty, too long or not a string', () => {
      for (const sub of [undefined, '', 'x'.repeat(257), 4711, ['customer-4711']]) {
        expectRefused(check(hs256({ sub })), 'The identity token needs a subject (sub) of 1 to 256 characters.');
      }
      expect(check(hs256({ sub: 'x'.repeat(256) })).ok).toBe(true);
    });
  });

  describe('refuses a forged token', () => {
    it.each([
      ['HS256', hs256],
      ['RS256', rs256],
      ['ES256', es256],
    ])('%s with a tampered payload', (_alg, make) => {
      const tampered = withPart(make(), 1, b64(JSON.stringify(claims({ sub: 'customer-1' }))));
      expectRefused(check(tampered), "The identity token's signature does not match.");
    });

    it.each([
      ['HS256', hs256],
      ['RS256', rs256],
      ['ES256', es256],
    ])('%s with a tampered signature', (_alg, make) => {
      const token = make();
      const signature = Buffer.from(token.split('.')[2]!, 'base64url');
      signature[5]! ^= 0x01;
      expectRefused(check(withPart(token, 2, signature.toString('base64url'))), "The identity token's signature does not match.");
      expectRefused(check(withPart(token, 2, '')), "The identity token's signature does not match.");
    });

    it('an ES256 signature in DER rather than r || s', () => {
      const header = b64(JSON.stringify({ alg: 'ES256', kid: 'ec-1' }));
      const payload = b64(JSON.stringify(claims()));
      const der = sign('sha256', Buffer.from(`${header}.${payload}`), ec.privateKey);
      expectRefused(check(`${header}.${payload}.${der.toString('base64url')}`), "The identity token's signature does not match.");
    });

    it('a token signed with another key of the right type', () => {
      const other = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      expectRefused(
        check(signJwt({ alg: 'ES256', kid: 'ec-1' }, claims(), other.privateKey)),
        "The identity token's signature does not match.",
      );
      expectRefused(check(signJwt({ alg: 'HS256' }, claims(), randomBytes(32))), "The identity token's signature does not match.");
    });
  });

  describe('refuses an algorithm it does not accept', () => {
    const unsigned = (header: Header) => `${b64(JSON.stringify(header))}.${b64(JSON.stringify(claims()))}.`;

    it('alg none, with and without a signature part, in any spelling', () => {
      for (const alg of ['none', 'None', 'NONE']) {
        expectRefused(check(unsigned({ alg })), "The identity token's algorithm is not accepted.");
        const withSignature = withPart(hs256(), 0, b64(JSON.stringify({ alg, typ: 'JWT' })));
        expectRefused(check(withSignature), "The identity token's algorithm is not accepted.");
      }
    });

    it('a missing or non-string alg', () => {
      expectRefused(check(unsigned({ typ: 'JWT' })), "The identity token's algorithm is not accepted.");
      expectRefused(
        check(withPart(hs256(), 0, b64(JSON.stringify({ alg: ['HS256'] })))),
        "The identity token's algorithm is not accepted.",
      );
    });

    it('HS512 and PS256, though signed with the right keys', () => {
      expectRefused(check(signJwt({ alg: 'HS512' }, claims(), SECRET)), "The identity token's algorithm is not accepted.");
      expectRefused(
        check(signJwt({ alg: 'PS256', kid: 'rsa-1' }, claims(), rsa.privateKey)),
        "The identity token's algorithm is not accepted.",
      );
      expectRefused(check(signJwt({ alg: 'hs256' }, claims(), SECRET)), "The identity token's algorithm is not accepted.");
    });
  });

  describe('keeps each algorithm to its own keys', () => {
    const pem = rsa.publicKey.export({ type: 'spki', format: 'pem' });
    const jwkJson = JSON.stringify(rsaJwk);

    it('refuses HS256 signed with the RSA public key, as PEM or as JWK JSON', () => {
      for (const publicBytes of [pem, jwkJson, JSON.stringify(rsa.publicKey.export({ format: 'jwk' }))]) {
        const forged = signJwt({ alg: 'HS256' }, claims(), publicBytes);
        expectRefused(check(forged, { jwks: KEYS.jwks! }), "The identity token's algorithm is not accepted.");
        expectRefused(check(forged), "The identity token's signature does not match.");
        expectRefused(
          check(signJwt({ alg: 'HS256', kid: 'rsa-1' }, claims(), publicBytes)),
          "The identity token's algorithm does not match its key (kid).",
        );
      }
    });

    it('refuses RS256 when the deployment has only shared secrets', () => {
      expectRefused(check(rs256({}, {}), { secrets: [{ secret: SECRET }] }), "The identity token's algorithm is not accepted.");
    });

    it('refuses ES256 naming an RSA key, and RS256 naming an EC key', () => {
      expectRefused(check(es256({}, { kid: 'rsa-1' })), "The identity token's algorithm does not match its key (kid).");
      expectRefused(check(rs256({}, { kid: 'ec-1' })), "The identity token's algorithm does not match its key (kid).");
    });

    it('never uses a symmetric key published in the JWKS', () => {
      const oct = { kty: 'oct', k: b64(SECRET), kid: 'oct-1' };
      const keys = { jwks: { keys: [oct] } };
      expectRefused(
        check(signJwt({ alg: 'HS256', kid: 'oct-1' }, claims(), SECRET), keys),
        'The identity token names an unknown key (kid).',
      );
      expectRefused(check(signJwt({ alg: 'HS256' }, claims(), SECRET), keys), "The identity token's algorithm is not accepted.");
    });

    it('skips JWKs for encryption, for another algorithm, too weak or broken, without throwing', () => {
      const weak = generateKeyPairSync('rsa', { modulusLength: 1024 });
      const keys = {
        jwks: {
          keys: [
            { ...rsaJwk, use: 'enc' },
            { ...rsaJwk, alg: 'RS512' },
            { ...weak.publicKey.export({ format: 'jwk' }), kid: 'rsa-1' },
            { ...ecJwk, crv: 'P-384', kid: 'rsa-1' },
            { kty: 'RSA', n: 'not-a-modulus', e: 'AQAB', kid: 'rsa-1' },
            null,
            'rsa-1',
          ] as JsonWebKey[],
        },
      };
      expectRefused(check(rs256(), keys), "The identity token's signature does not match.");
      expectRefused(check(signJwt({ alg: 'RS256' }, claims(), weak.privateKey), keys), "The identity token's signature does not match.");
    });

    it('never uses a shared secret shorter than 32 bytes', () => {
      const short = 'too-short-a-secret';
      expectRefused(
        check(signJwt({ alg: 'HS256' }, claims(), short), { secrets: [{ secret: short }] }),
        "The identity token's algorithm is not accepted.",
      );
    });

    it('tries at most 5 keys for a token without a kid', () => {
      const pairs = Array.from({ length: 6 }, () => generateKeyPairSync('ec', { namedCurve: 'P-256' }));
      const keys = { jwks: { keys: pairs.map(({ publicKey }) => publicKey.export({ format: 'jwk' })) } };
      expect(check(signJwt({ alg: 'ES256' }, claims(), pairs[4]!.privateKey), keys).ok).toBe(true);
      expectRefused(
        check(signJwt({ alg: 'ES256' }, claims(), pairs[5]!.privateKey), keys),
        "The identity token's signature does not match.",
      );
    });
  });

  describe('keys named by kid', () => {
    const OLD = randomBytes(32).toString('base64url');
    const NEW = randomBytes(32).toString('base64url');
    const during = {
      secrets: [
        { kid: '2025-12', secret: OLD },
        { kid: '2026-01', secret: NEW },
      ],
    };
    const after = { secrets: [{ kid: '2026-01', secret: NEW }] };
    const withOld = signJwt({ alg: 'HS256', kid: '2025-12' }, claims(), OLD);
    const withNew = signJwt({ alg: 'HS256', kid: '2026-01' }, claims(), NEW);

    it('accepts tokens of both secrets during a rotation, and refuses the removed one after', () => {
      expect(check(withOld, during).ok).toBe(true);
      expect(check(withNew, during).ok).toBe(true);
      expectRefused(check(withOld, after), 'The identity token names an unknown key (kid).');
      expect(check(withNew, after).ok).toBe(true);
    });

    it('checks a kid against its own key only', () => {
      const crossed = signJwt({ alg: 'HS256', kid: '2026-01' }, claims(), OLD);
      expectRefused(check(crossed, during), "The identity token's signature does not match.");
    });

    it('tries every secret for a token without a kid', () => {
      expect(check(signJwt({ alg: 'HS256' }, claims(), OLD), during).ok).toBe(true);
      expect(check(signJwt({ alg: 'HS256' }, claims(), NEW), during).ok).toBe(true);
    });

    it('refuses a kid no key has', () => {
      expectRefused(check(rs256({}, { kid: 'rsa-2' })), 'The identity token names an unknown key (kid).');
      expectRefused(check(hs256({}, { kid: 'main' })), 'The identity token names an unknown key (kid).');
    });
  });

  describe('refuses a malformed token', () => {
    const token = hs256();
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const jsonHeader = b64(JSON.stringify({ alg: 'HS256' }));
    const malformed = 'The identity token is malformed.';
    // A 32-byte MAC leaves 2 unused bits in its last character; a lenient decoder ignores them.
    const lastValue = BASE64URL.indexOf(signature.at(-1)!);
    const strayBits = `${signature.slice(0, -1)}${BASE64URL[lastValue | 1]}`;

    it.each([
      ['empty', ''],
      ['two parts', `${header}.${payload}`],
      ['four parts', `${token}.${signature}`],
      ['base64 padding', signParts(header, `${payload}==`)],
      ['a character outside base64url', signParts(header, `${payload}+/`)],
      ['a lone trailing character', signParts(`${jsonHeader}A`, payload)],
      ['stray bits after the last byte', withPart(token, 2, strayBits)],
      ['a header that is not JSON', signParts(b64('{"alg":"HS256"'), payload)],
      ['a payload that is not JSON', signParts(header, b64('sub=customer-4711'))],
      ['a payload that is not UTF-8', signParts(header, b64(Buffer.from([0x7b, 0xff, 0x7d])))],
      ['an array payload', signParts(header, b64(JSON.stringify([claims()])))],
      ['a null payload', signParts(header, b64('null'))],
      ['a string header', signParts(b64('"HS256"'), payload)],
      ['an empty payload', signParts(header, '')],
      ['a kid that is not a string', signJwt({ alg: 'HS256', kid: 7 }, claims(), SECRET)],
      ['critical header extensions', signJwt({ alg: 'HS256', crit: ['b64'], b64: false }, claims(), SECRET)],
    ])('%s', (_case, bad) => {
      expectRefused(check(bad), malformed);
    });

    it('anything but a string, without throwing', () => {
      for (const bad of [undefined, null, 42, {}]) expectRefused(check(bad as unknown as string), malformed);
    });

    it('a token over 8 KB, however well signed', () => {
      const oversized = hs256({ attributes: { note: 'x'.repeat(6200) } });
      expect(oversized.length).toBeGreaterThan(8192);
      expectRefused(check(oversized), 'The identity token is longer than 8 KB.');
    });
  });

  describe('the optional claims', () => {
    it('keeps flat short attributes and drops, without refusing, everything else', () => {
      const attributes: Claims = {
        plan: 'Business',
        seats: 12,
        trial: false,
        nested: { a: 1 },
        list: ['a'],
        nothing: null,
        long: 'x'.repeat(201),
        ['k'.repeat(41)]: 'long key',
        '': 'empty key',
        limit: 200,
      };
      // JSON.parse makes 1e400 Infinity, which JSON.stringify cannot write: it goes into the payload by hand.
      const payload = JSON.stringify(claims({ attributes })).replace('"limit":200', '"huge":1e400,"limit":"x"');
      const result = check(signParts(b64(JSON.stringify({ alg: 'HS256' })), b64(payload)));
      if (!result.ok) throw new Error(result.reason);
      expect(result.identity.attributes).toStrictEqual({ plan: 'Business', seats: 12, trial: false, limit: 'x' });
    });

    it('keeps at most 20 attributes, and none named __proto__', () => {
      const many = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`a${i}`, i]));
      const payload = JSON.stringify(claims({ attributes: many })).replace('"a0":0', '"__proto__":"x","a0":0');
      const result = check(signParts(b64(JSON.stringify({ alg: 'HS256' })), b64(payload)));
      if (!result.ok) throw new Error(result.reason);
      const kept = result.identity.attributes!;
      expect(Object.keys(kept)).toEqual(Array.from({ length: 20 }, (_, i) => `a${i}`));
      expect(Object.getPrototypeOf(kept)).toBe(Object.prototype);
    });

    it('leaves attributes out when none is kept or they are not an object', () => {
      for (const attributes of [{ nested: {} }, ['plan'], 'Business', null]) {
        const result = check(hs256({ attributes }));
        expect(result.ok && 'attributes' in result.identity).toBe(false);
      }
    });

    it('trims the name and drops an implausible email, a long name or one with control characters', () => {
      expect(check(hs256({ name: '  Ada  ' }))).toMatchObject({ ok: true, identity: { name: 'Ada' } });
      for (const extra of [
        { email: 'not-an-email', name: 'n'.repeat(81) },
        { email: 'ada @example.com', name: '   ' },
        { email: `${'a'.repeat(250)}@example.com`, name: 'Ada\u0000Lovelace' },
        { email: 'ada@localhost', name: 42 },
        { email: ['ada@example.com'], name: 'Ada\nLovelace' },
      ]) {
        expect(check(hs256(extra))).toEqual({ ok: true, identity: { sub: 'customer-4711', expiresAt: (NOW_S + HOUR_S) * 1000 } });
      }
    });
  });

  it('never echoes the token or its claims in a refusal', () => {
    const sub = 'customer-secret-sub-8842';
    const email = 'private.person@example.com';
    const refused = [
      hs256({ sub, email, exp: NOW_S - 3600 }),
      hs256({ sub, email, aud: 'https://other.example' }),
      hs256({ sub, email, exp: NOW_S + 48 * HOUR_S }),
      hs256({ sub: `${sub}${'x'.repeat(300)}`, email }),
      hs256({ sub, email }, { kid: sub }),
      withPart(hs256({ sub, email }), 2, 'AAAA'),
      withPart(hs256({ sub, email }), 0, b64(JSON.stringify({ alg: sub }))),
      `${hs256({ sub, email })}.${sub}`,
      hs256({ sub, email, filler: 'x'.repeat(9000) }),
    ];
    for (const token of refused) {
      const result = check(token);
      if (result.ok) throw new Error('expected a refusal');
      for (const secret of [token, sub, email, ...token.split('.').filter(Boolean)]) expect(result.reason).not.toContain(secret);
      expect(result.reason).toMatch(/^The identity token[^.]*\.$/);
    }
  });

  it('throws, rather than accept anything, when the deployment has no audience', () => {
    expect(() => verifyIdentityToken(hs256(), { keys: KEYS, audience: '', now: NOW })).toThrow(/audience/);
  });
});

/** Signs parts already encoded, however malformed, with the shared secret: only what a test names is wrong. */
function signParts(header: string, payload: string): string {
  const signature = createHmac('sha256', SECRET).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

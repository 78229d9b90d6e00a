import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { MIN_SECRET_BYTES, parseIdentitySecret } from './identity-secret.ts';

const SECRET = randomBytes(32).toString('base64url');
const OTHER = randomBytes(32).toString('base64url');

/** What parseIdentitySecret threw for a value, for its message and everything it carries (stack, cause). */
function refusal(value: string): Error {
  try {
    parseIdentitySecret(value);
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    return error as Error;
  }
  throw new Error('parseIdentitySecret took the value');
}

describe('parseIdentitySecret', () => {
  describe('takes each of the three forms', () => {
    it('a plain string: one key without a kid, trimmed', () => {
      expect(parseIdentitySecret(SECRET)).toEqual([{ secret: SECRET }]);
      expect(parseIdentitySecret(`  ${SECRET}\n`)).toEqual([{ secret: SECRET }]);
    });

    it('a plain string is taken as it is, even when it looks like other JSON', () => {
      const quoted = JSON.stringify(SECRET);
      expect(parseIdentitySecret(quoted)).toEqual([{ secret: quoted }]);
    });

    it('{"kid", "secret"}: one named key', () => {
      expect(parseIdentitySecret(JSON.stringify({ kid: 'key-2026.01_a', secret: SECRET }))).toEqual([
        { kid: 'key-2026.01_a', secret: SECRET },
      ]);
    });

    it('{"secret"} alone: one key without a kid', () => {
      const keys = parseIdentitySecret(JSON.stringify({ secret: SECRET }));
      expect(keys).toEqual([{ secret: SECRET }]);
      expect(keys[0]).not.toHaveProperty('kid');
    });

    it('{"keys": [...]}: several named keys, in order, createdAt left out', () => {
      const value = JSON.stringify({
        keys: [
          { kid: 'legacy', secret: OTHER, createdAt: '2025-06-01T00:00:00.000Z' },
          { kid: 'k-2', secret: SECRET, createdAt: '2026-01-15T12:00:00.000Z' },
        ],
      });
      expect(parseIdentitySecret(value)).toEqual([
        { kid: 'legacy', secret: OTHER },
        { kid: 'k-2', secret: SECRET },
      ]);
    });

    it('{"keys": [...]} of one key without a kid', () => {
      expect(parseIdentitySecret(JSON.stringify({ keys: [{ secret: SECRET }] }))).toEqual([{ secret: SECRET }]);
    });

    it('a kid of 1 and of 64 characters', () => {
      const long = 'a'.repeat(64);
      expect(
        parseIdentitySecret(
          JSON.stringify({
            keys: [
              { kid: 'x', secret: SECRET },
              { kid: long, secret: OTHER },
            ],
          }),
        ),
      ).toEqual([
        { kid: 'x', secret: SECRET },
        { kid: long, secret: OTHER },
      ]);
    });
  });

  describe('counts a secret in UTF-8 bytes, at least 32', () => {
    it('takes exactly 32 bytes, in any form', () => {
      const exact = 'x'.repeat(MIN_SECRET_BYTES);
      expect(MIN_SECRET_BYTES).toBe(32);
      expect(parseIdentitySecret(exact)).toEqual([{ secret: exact }]);
      expect(parseIdentitySecret(JSON.stringify({ kid: 'a', secret: exact }))).toEqual([{ kid: 'a', secret: exact }]);
    });

    it('takes 16 two-byte characters: 32 bytes though 16 characters', () => {
      const accented = 'é'.repeat(16);
      expect(parseIdentitySecret(accented)).toEqual([{ secret: accented }]);
    });

    it.each([
      ['a plain string of 31 bytes', 'x'.repeat(31)],
      ['a plain string that is 32 bytes only with its spaces', `  ${'x'.repeat(30)}  `],
      ['an empty value', ''],
      ['{"kid", "secret"} of 31 bytes', JSON.stringify({ kid: 'a', secret: 'x'.repeat(31) })],
      [
        '{"keys"} with one key of 31 bytes',
        JSON.stringify({
          keys: [
            { kid: 'a', secret: SECRET },
            { kid: 'b', secret: 'x'.repeat(31) },
          ],
        }),
      ],
      ['a secret that is not a string', '{"kid": "a", "secret": 12345678901234567890123456789012345}'],
      ['a secret that is an array of bytes', JSON.stringify({ kid: 'a', secret: [...Buffer.from(SECRET)] })],
      ['no secret at all', JSON.stringify({ kid: 'a' })],
      ['an empty object', '{}'],
    ])('refuses %s', (_name, value) => {
      expect(refusal(value).message).toBe('An identity key is shorter than 32 bytes (or not a string).');
    });
  });

  describe('refuses a bad kid', () => {
    it.each([
      ['empty', ''],
      ['65 characters', 'a'.repeat(65)],
      ['with a space', 'key 1'],
      ['with a slash', 'keys/1'],
      ['not ASCII', 'clé'],
      ['a number', 7],
      ['null', null],
    ])('%s', (_name, kid) => {
      const expected = 'An identity key has a kid that is not 1 to 64 letters, digits, dots, dashes or underscores.';
      expect(refusal(JSON.stringify({ kid, secret: SECRET })).message).toBe(expected);
      expect(
        refusal(
          JSON.stringify({
            keys: [
              { kid: 'good', secret: OTHER },
              { kid, secret: SECRET },
            ],
          }),
        ).message,
      ).toBe(expected);
    });
  });

  it('refuses two keys with the same kid', () => {
    const value = JSON.stringify({
      keys: [
        { kid: 'k-1', secret: SECRET },
        { kid: 'k-2', secret: OTHER },
        { kid: 'k-1', secret: OTHER },
      ],
    });
    expect(refusal(value).message).toBe('Two identity keys have the same kid.');
  });

  it.each([
    ['none has a kid', [{ secret: SECRET }, { secret: OTHER }]],
    ['one has none', [{ kid: 'k-1', secret: SECRET }, { secret: OTHER }]],
  ])('refuses several keys where %s', (_name, keys) => {
    expect(refusal(JSON.stringify({ keys })).message).toBe('Each of several identity keys needs a kid.');
  });

  it('refuses an empty list of keys', () => {
    expect(refusal('{"keys": []}').message).toBe('The identity secret holds no keys.');
  });

  it.each([
    ['cut short', `{"kid": "k-1", "secret": "${SECRET}`],
    ['with a trailing comma', `{"kid": "k-1", "secret": "${SECRET}",}`],
    ['unquoted', `{kid: k-1, secret: ${SECRET}}`],
    ['a plain string that happens to start with "{"', `{${SECRET}`],
  ])('refuses a value that starts with "{" but is not JSON: %s', (_name, value) => {
    expect(refusal(value).message).toBe('The identity secret starts with "{" but is not JSON.');
  });

  describe('never tells the secret in what it throws', () => {
    const short = 'Sh0rt-but-secret';
    // Starting with a letter: a leading digit would make JSON.parse read a number and quote nothing.
    const lettered = `Z${SECRET}`;
    it.each([
      ['too short, plain', short],
      ['too short, named', JSON.stringify({ kid: 'k-1', secret: short })],
      [
        'too short, among keys',
        JSON.stringify({
          keys: [
            { kid: 'k-1', secret: SECRET },
            { kid: 'k-2', secret: short },
          ],
        }),
      ],
      ['a bad kid', JSON.stringify({ kid: 'bad kid', secret: SECRET })],
      [
        'a duplicate kid',
        JSON.stringify({
          keys: [
            { kid: 'k', secret: SECRET },
            { kid: 'k', secret: OTHER },
          ],
        }),
      ],
      ['several keys without kid', JSON.stringify({ keys: [{ secret: SECRET }, { secret: OTHER }] })],
      // JSON.parse's own message quotes the text it could not parse: it must not get through.
      ['not JSON', `{"kid": "k-1", "secret": "${SECRET}"`],
      ['not JSON, a short secret', `{"secret": "${short}"`],
      ['not JSON: the secret without its quotes', `{"kid": "k-1", "secret": ${lettered}}`],
    ])('%s', (_name, value) => {
      const error = refusal(value);
      const told = `${error.message}\n${inspect(error, { depth: 5 })}`;
      for (const secret of [SECRET, OTHER, short, lettered]) {
        // Not even a piece of it: JSON.parse quotes ten characters around where it stopped.
        for (let i = 0; i + 8 <= secret.length; i++) expect(told).not.toContain(secret.slice(i, i + 8));
      }
    });
  });
});

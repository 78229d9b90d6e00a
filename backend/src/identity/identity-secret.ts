import type { SharedSecret } from './verify-identity-token.ts';

/** The fewest bytes an HS256 secret may have (RFC 7518 §3.2); the verifier ignores shorter ones too. */
export const MIN_SECRET_BYTES = 32;
const KID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * The value of the deployment's identity secret in Secrets Manager, in any of its three forms:
 * - a plain string: one key without a `kid`;
 * - `{"kid": "...", "secret": "..."}`: one named key (what the CDK stack generates);
 * - `{"keys": [{"kid": "...", "secret": "...", "createdAt": "..."}, ...]}`: several, written
 *   by `npm run identity-secret -- rotate`, so that the old and the new key are both valid
 *   while the company's backend switches to the new one.
 * Throws, naming what is wrong but never a secret, when the value is none of these.
 */
export function parseIdentitySecret(value: string): SharedSecret[] {
  const trimmed = value.trim();
  if (!trimmed.startsWith('{')) return [checked({ secret: trimmed })];
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    throw new Error('The identity secret starts with "{" but is not JSON.');
  }
  const record = parsed as { keys?: unknown; kid?: unknown; secret?: unknown };
  if (Array.isArray(record.keys)) {
    if (record.keys.length === 0) throw new Error('The identity secret holds no keys.');
    const keys = record.keys.map((key) => checked(key as { kid?: unknown; secret?: unknown }));
    const kids = keys.map((key) => key.kid);
    if (keys.length > 1 && kids.some((kid) => kid === undefined)) throw new Error('Each of several identity keys needs a kid.');
    if (new Set(kids).size !== kids.length) throw new Error('Two identity keys have the same kid.');
    return keys;
  }
  return [checked(record)];
}

/** The `{"keys": [...]}` form, as the rotation command writes it. */
export interface StoredIdentityKey {
  kid: string;
  secret: string;
  /** ISO date: when the key was made, so the rotation command can say which is older. */
  createdAt?: string;
}

function checked({ kid, secret }: { kid?: unknown; secret?: unknown }): SharedSecret {
  if (typeof secret !== 'string' || Buffer.byteLength(secret, 'utf8') < MIN_SECRET_BYTES) {
    throw new Error(`An identity key is shorter than ${MIN_SECRET_BYTES} bytes (or not a string).`);
  }
  if (kid !== undefined && (typeof kid !== 'string' || !KID.test(kid))) {
    throw new Error('An identity key has a kid that is not 1 to 64 letters, digits, dots, dashes or underscores.');
  }
  return kid === undefined ? { secret } : { kid, secret };
}

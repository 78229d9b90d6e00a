import { createHmac, createPublicKey, type JsonWebKey, type KeyObject, timingSafeEqual, verify } from 'node:crypto';
import { type IdentityProfile, isPlainObject, profileFromClaims } from './identity-profile.ts';

/** An HS256 secret the deployment shares with the company's backend. */
export interface SharedSecret {
  /** Used as its UTF-8 bytes, as the company's JWT library does; fewer than 32 bytes is never used (RFC 7518 §3.2). */
  readonly secret: string;
  /** Names it, so two can be valid while one replaces the other. */
  readonly kid?: string;
}

/** A JSON Web Key Set as the company publishes it (already fetched: jwks.ts). Its keys are untrusted JSON. */
export interface Jwks {
  readonly keys: readonly JsonWebKey[];
}

/** What a deployment verifies identity tokens with: its shared secrets, the company's JWKS, or both. */
export interface IdentityKeys {
  readonly secrets?: readonly SharedSecret[];
  readonly jwks?: Jwks;
}

export interface VerifiedIdentity extends IdentityProfile {
  /** The customer's id at the company: one conversation thread per `sub`. */
  sub: string;
  /** When the token stops being accepted, in ms since the epoch: the widget asks for a new one before. */
  expiresAt: number;
}

/**
 * Why a token was refused. Each sentence may be shown to the visitor and the site's developer:
 * none holds the token or any of its claims.
 */
const REFUSALS = {
  malformed: 'The identity token is malformed.',
  too_long: 'The identity token is longer than 8 KB.',
  algorithm: "The identity token's algorithm is not accepted.",
  unknown_key: 'The identity token names an unknown key (kid).',
  key_mismatch: "The identity token's algorithm does not match its key (kid).",
  signature: "The identity token's signature does not match.",
  no_audience: 'The identity token needs an audience (aud).',
  audience: 'The identity token is for another site (aud).',
  no_expiry: 'The identity token needs an expiry time (exp).',
  expired: 'The identity token has expired.',
  too_long_lived: 'The identity token must expire within 24 hours.',
  not_yet_valid: 'The identity token is not valid yet (nbf).',
  issued_in_future: 'The identity token was issued in the future (iat).',
  subject: 'The identity token needs a subject (sub) of 1 to 256 characters.',
} as const;

export type IdentityRefusalCode = keyof typeof REFUSALS;

export type IdentityCheck =
  | { ok: true; identity: VerifiedIdentity }
  /** `code` for the caller to act on (`unknown_key`: fetch the JWKS again); `reason` to show. */
  | { ok: false; code: IdentityRefusalCode; reason: (typeof REFUSALS)[IdentityRefusalCode] };

export interface IdentityExpectations {
  keys: IdentityKeys;
  /** This deployment's audience: the token's `aud` must be it or an array holding it. */
  audience: string;
  /** Now, in ms since the epoch. */
  now: number;
}

const MAX_TOKEN_LENGTH = 8192;
const MAX_SUB_LENGTH = 256;
const CLOCK_SKEW_MS = 60_000;
const MAX_LIFETIME_MS = 24 * 60 * 60_000;
/** Keys tried for a token without a `kid`: a JWKS of many keys must not make one token cost many verifications. */
const MAX_KEYS_TRIED = 5;
const MIN_SECRET_BYTES = 32;
const MIN_RSA_BITS = 2048;

type Algorithm = 'HS256' | 'RS256' | 'ES256';
const ALGORITHMS: ReadonlySet<unknown> = new Set<Algorithm>(['HS256', 'RS256', 'ES256']);

/** A key with the one algorithm it may verify: HS256 only with a shared secret, RS256 only with RSA, ES256 only with P-256. */
type VerificationKey = { alg: 'HS256'; kid?: string; secret: Buffer } | { alg: 'RS256' | 'ES256'; kid?: string; jwk: JsonWebKey };

/**
 * Verifies a customer's identity token: a compact JWS, HS256, RS256 or ES256, signed by the
 * company's backend. Never throws for a bad token: the result says why it was refused. The
 * signature is checked before any claim, so a forged token learns nothing about the claims'
 * rules. Header parameters that point at keys (`jku`, `jwk`, `x5u`, `x5c`) are ignored: the
 * keys are the deployment's alone.
 */
export function verifyIdentityToken(token: string, { keys, audience, now }: IdentityExpectations): IdentityCheck {
  if (!audience) throw new Error('verifyIdentityToken needs the deployment audience: without it any token would do.');
  if (typeof token !== 'string') return refuse('malformed');
  if (token.length > MAX_TOKEN_LENGTH) return refuse('too_long');

  const parts = token.split('.');
  if (parts.length !== 3) return refuse('malformed');
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = decodeJsonObject(headerPart);
  const payload = decodeJsonObject(payloadPart);
  const signature = decodeBase64url(signaturePart);
  if (!header || !payload || !signature) return refuse('malformed');
  // Extensions the token says must be understood (RFC 7515 §4.1.11): none are.
  if (header.crit !== undefined) return refuse('malformed');
  if (header.kid !== undefined && typeof header.kid !== 'string') return refuse('malformed');
  if (!ALGORITHMS.has(header.alg)) return refuse('algorithm');
  const alg = header.alg as Algorithm;
  const kid = header.kid as string | undefined;

  const usable = usableKeys(keys);
  const named = kid === undefined ? usable : usable.filter((key) => key.kid === kid);
  if (named.length === 0 && kid !== undefined) return refuse('unknown_key');
  const candidates = named.filter((key) => key.alg === alg).slice(0, MAX_KEYS_TRIED);
  if (candidates.length === 0) return refuse(kid === undefined ? 'algorithm' : 'key_mismatch');
  const signingInput = Buffer.from(`${headerPart}.${payloadPart}`, 'ascii');
  if (!candidates.some((key) => signatureMatches(key, signingInput, signature))) return refuse('signature');

  return checkClaims(payload, audience, now);
}

function checkClaims(claims: Record<string, unknown>, audience: string, now: number): IdentityCheck {
  const { aud, exp, nbf, iat, sub } = claims;
  if (aud === undefined) return refuse('no_audience');
  if (!(aud === audience || (Array.isArray(aud) && aud.includes(audience)))) return refuse('audience');
  if (!isNumber(exp)) return refuse('no_expiry');
  if ((nbf !== undefined && !isNumber(nbf)) || (iat !== undefined && !isNumber(iat))) return refuse('malformed');
  const expiresAt = exp * 1000;
  if (expiresAt + CLOCK_SKEW_MS <= now) return refuse('expired');
  if (expiresAt > now + MAX_LIFETIME_MS + CLOCK_SKEW_MS) return refuse('too_long_lived');
  if (isNumber(nbf) && nbf * 1000 > now + CLOCK_SKEW_MS) return refuse('not_yet_valid');
  if (isNumber(iat) && iat * 1000 > now + CLOCK_SKEW_MS) return refuse('issued_in_future');
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > MAX_SUB_LENGTH) return refuse('subject');
  return { ok: true, identity: { sub, ...profileFromClaims(claims), expiresAt } };
}

function refuse(code: IdentityRefusalCode): IdentityCheck {
  return { ok: false, code, reason: REFUSALS[code] };
}

/**
 * The deployment's keys that may verify anything, each tied to its one algorithm. A JWKS's
 * symmetric (`oct`) keys are never used: an HS256 token is checked against the deployment's
 * own secrets only, so a public key can never serve as an HMAC secret.
 */
function usableKeys({ secrets = [], jwks }: IdentityKeys): VerificationKey[] {
  const keys: VerificationKey[] = [];
  for (const { secret, kid } of secrets) {
    const bytes = Buffer.from(secret, 'utf8');
    if (bytes.length >= MIN_SECRET_BYTES) keys.push({ alg: 'HS256', secret: bytes, ...(kid !== undefined && { kid }) });
  }
  for (const jwk of jwks?.keys ?? []) {
    if (typeof jwk !== 'object' || jwk === null) continue;
    const alg = jwk.kty === 'RSA' ? 'RS256' : jwk.kty === 'EC' && jwk.crv === 'P-256' ? 'ES256' : undefined;
    // A key published for another algorithm or for encryption signs nothing here.
    if (!alg || (jwk.alg !== undefined && jwk.alg !== alg) || (jwk.use !== undefined && jwk.use !== 'sig')) continue;
    keys.push({ alg, jwk, ...(typeof jwk.kid === 'string' && { kid: jwk.kid }) });
  }
  return keys;
}

function signatureMatches(key: VerificationKey, signingInput: Buffer, signature: Buffer): boolean {
  if (key.alg === 'HS256') {
    const expected = createHmac('sha256', key.secret).update(signingInput).digest();
    return signature.length === expected.length && timingSafeEqual(signature, expected);
  }
  const publicKey = importPublicKey(key.jwk, key.alg);
  if (!publicKey) return false;
  try {
    if (key.alg === 'RS256') return verify('sha256', signingInput, publicKey, signature);
    // JWS carries ES256 signatures as r || s, 32 bytes each, not DER.
    return signature.length === 64 && verify('sha256', signingInput, { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature);
  } catch {
    // OpenSSL may throw on a signature it cannot even parse: that is a mismatch, not a failure.
    return false;
  }
}

/** The JWK's public part only, or nothing when it is not a valid key of enough strength. */
function importPublicKey(jwk: JsonWebKey, alg: 'RS256' | 'ES256'): KeyObject | undefined {
  const { kty, n, e, crv, x, y } = jwk;
  try {
    const key = createPublicKey({ key: alg === 'RS256' ? { kty, n, e } : { kty, crv, x, y }, format: 'jwk' });
    if (alg === 'RS256' && (key.asymmetricKeyDetails?.modulusLength ?? 0) < MIN_RSA_BITS) return undefined;
    return key;
  } catch {
    return undefined;
  }
}

/**
 * Strict base64url. Node decodes leniently (padding, `+` and `/`, whitespace, stray trailing
 * bits, a lone last character all pass): only text that is the canonical encoding of what it
 * decodes to is taken.
 */
function decodeBase64url(text: string): Buffer | undefined {
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : undefined;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeJsonObject(text: string): Record<string, unknown> | undefined {
  const bytes = decodeBase64url(text);
  if (!bytes || bytes.length === 0) return undefined;
  try {
    const value: unknown = JSON.parse(utf8.decode(bytes));
    return isPlainObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** A JSON number, finite: JSON.parse makes 1e400 Infinity. */
function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

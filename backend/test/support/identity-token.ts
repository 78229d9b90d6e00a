import { createHmac } from 'node:crypto';
import { parseIdentitySecret } from '../../src/identity/identity-secret.ts';

export interface CustomerClaims {
  sub: string;
  name?: string;
  email?: string;
  attributes?: Record<string, unknown>;
  /** Epoch seconds; default 10 minutes from now. */
  exp?: number;
  aud?: string | string[];
  [claim: string]: unknown;
}

const b64 = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/**
 * Signs a customer's identity token as the company's backend would, with the stack's HS256
 * key (`secretValue`: the identity secret's value in Secrets Manager). `header` changes the
 * header (another kid, alg none) without changing how it is signed.
 */
export function signIdentityToken(
  claims: CustomerClaims,
  { secretValue, audience, header = {} }: { secretValue: string; audience: string; header?: Record<string, unknown> },
): string {
  const key = parseIdentitySecret(secretValue).at(-1)!;
  const payload = { aud: audience, exp: Math.floor(Date.now() / 1000) + 600, iat: Math.floor(Date.now() / 1000), ...claims };
  const input = `${b64(JSON.stringify({ alg: 'HS256', typ: 'JWT', ...(key.kid && { kid: key.kid }), ...header }))}.${b64(JSON.stringify(payload))}`;
  if (header.alg === 'none') return `${input}.`;
  return `${input}.${createHmac('sha256', key.secret).update(input).digest('base64url')}`;
}

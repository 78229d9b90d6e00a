import { createSign } from 'node:crypto';
import { createRequire } from 'node:module';

/**
 * Re-signs a real cognito-local ID token with changed claims, using cognito-local's own
 * signing key (shipped in its package), so the result is a token the issuer could have
 * made: an expired one, or one for another app client.
 */
export function resignToken(token: string, changes: Record<string, unknown>): string {
  const [header, payload] = token.split('.');
  const claims = { ...JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')), ...changes };
  const body = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  const { pem } = createRequire(import.meta.url)('cognito-local/lib/keys/cognitoLocal.private.json') as { pem: string };
  const signature = createSign('RSA-SHA256').update(body).sign(pem).toString('base64url');
  return `${body}.${signature}`;
}

/** Changes the claims without re-signing: the signature no longer matches. */
export function tamperToken(token: string, changes: Record<string, unknown>): string {
  const [header, payload, signature] = token.split('.');
  const claims = { ...JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')), ...changes };
  return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
}

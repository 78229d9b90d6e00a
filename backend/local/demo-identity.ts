import { createHmac } from 'node:crypto';
import type { IdentityAttributes } from '../src/identity/identity-profile.ts';
import { parseIdentitySecret, type StoredIdentityKey } from '../src/identity/identity-secret.ts';
import type { IdentityMode } from '../src/identity/identity-verifier.ts';
import type { SharedSecret } from '../src/identity/verify-identity-token.ts';

/**
 * The company's backend, played locally: the demo site's "signed-in customers" and the
 * identity tokens their site would sign for them (HS256, with the deployment's shared
 * secret), as docs/identity.md shows a company's backend doing it. Served to the demo
 * page by site-plugin.ts at `POST /local/identity-token`, on the local dev server only.
 */

/** A customer of the made-up company, as its backend knows them. Nothing here is secret. */
export interface DemoCustomer {
  /** The customer's id at the company: the token's `sub`. */
  sub: string;
  name: string;
  email: string;
  /** Shown to agents beside the verified name. */
  attributes: IdentityAttributes;
}

/** Two, so that a shared browser (one signs out, the other signs in) can be tried too. */
export const DEMO_CUSTOMERS: readonly DemoCustomer[] = [
  {
    sub: 'demo-customer-1',
    name: 'Alex Martin',
    email: 'alex@example.com',
    attributes: { plan: 'Pro', accountId: 'ACME-1042', customerSince: '2023' },
  },
  {
    sub: 'demo-customer-2',
    name: 'Priya Shah',
    email: 'priya@example.com',
    attributes: { plan: 'Teams', accountId: 'LUMEN-0007', company: 'Lumen Bank', seats: 40 },
  },
];

/** How long a demo token is good for: short, as a real site's should be; the widget asks for a new one before. */
export const DEMO_TOKEN_LIFETIME_SECONDS = 10 * 60;

export interface MintOptions {
  /** The deployment's audience (the local stack's `identity.audience`). */
  audience: string;
  /** The identity secret's current value, in any of its forms (parseIdentitySecret). */
  secretValue: string;
  /** Now, in ms since the epoch. @default Date.now() */
  now?: number;
}

/**
 * A signed identity token for the customer: HS256 over the JWT's header and claims, with the
 * newest key of the secret (its `kid` in the header, so the verifier picks it out of several).
 */
export function mintDemoToken(customer: DemoCustomer, { audience, secretValue, now = Date.now() }: MintOptions): string {
  const key = newestKey(secretValue);
  const iat = Math.floor(now / 1000);
  const header = { alg: 'HS256', typ: 'JWT', ...(key.kid !== undefined && { kid: key.kid }) };
  const claims = {
    sub: customer.sub,
    aud: audience,
    iat,
    exp: iat + DEMO_TOKEN_LIFETIME_SECONDS,
    name: customer.name,
    email: customer.email,
    attributes: customer.attributes,
  };
  const signingInput = `${base64url(header)}.${base64url(claims)}`;
  const signature = createHmac('sha256', Buffer.from(key.secret, 'utf8')).update(signingInput).digest('base64url');
  return `${signingInput}.${signature}`;
}

/**
 * The key a company's backend signs with: the only one, or, after `npm run identity-secret --
 * rotate` (both keys valid while the backend switches), the newest by `createdAt`, else the
 * last listed. The old key keeps verifying until it is retired; new tokens should not need it.
 */
function newestKey(secretValue: string): SharedSecret {
  const keys = parseIdentitySecret(secretValue);
  if (keys.length === 1) return keys[0]!;
  const stored = (JSON.parse(secretValue) as { keys: StoredIdentityKey[] }).keys;
  const createdAt = (key: SharedSecret) => Date.parse(stored.find((s) => s.kid === key.kid)?.createdAt ?? '') || 0;
  return keys.reduce((newest, key) => (createdAt(key) >= createdAt(newest) ? key : newest));
}

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/** What the local stack says of identity (its `identity`): enough to mint. */
export interface LocalIdentity {
  mode: IdentityMode;
  audience: string;
  secretValue(): string;
}

/** An answer of the demo's token endpoint: the token, or why not, as plain text. */
export interface DemoTokenAnswer {
  status: 200 | 400 | 409;
  text: string;
}

/**
 * `POST /local/identity-token` with `{"customer": "demo-customer-1"}`: what the company's
 * backend answers its signed-in page. The secret is read on each request, so a rotation
 * takes effect at once.
 */
export function answerDemoTokenRequest(identity: LocalIdentity, body: string, now = Date.now()): DemoTokenAnswer {
  if (identity.mode === 'off') {
    return {
      status: 409,
      text: 'Verified identity is off on this local stack (IDENTITY_MODE=off): start it with IDENTITY_MODE=optional to sign in as a demo customer.',
    };
  }
  let requested: unknown;
  try {
    requested = (JSON.parse(body) as { customer?: unknown } | null)?.customer;
  } catch {
    // Answered below, as any unknown customer.
  }
  const customer = DEMO_CUSTOMERS.find((c) => c.sub === requested);
  if (!customer) {
    const known = DEMO_CUSTOMERS.map((c) => c.sub).join(', ');
    return { status: 400, text: `Send {"customer": "<id>"} with one of the demo customers: ${known}.` };
  }
  return { status: 200, text: mintDemoToken(customer, { audience: identity.audience, secretValue: identity.secretValue(), now }) };
}

/** `GET /local/demo-customers`: whether the demo can sign in, and as whom (no secrets). */
export function demoCustomersListing(identity: LocalIdentity): {
  identity: IdentityMode;
  customers: { id: string; name: string; email: string }[];
} {
  return { identity: identity.mode, customers: DEMO_CUSTOMERS.map(({ sub, name, email }) => ({ id: sub, name, email })) };
}

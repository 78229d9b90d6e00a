import type { Links } from '../chat/ports.ts';
import type { IdentityMode, IdentityOutcome } from '../identity/identity-verifier.ts';
import type { VerifiedIdentity } from '../identity/verify-identity-token.ts';
import type { AgentIdentity, AgentTokenVerifier } from './agent-token.ts';
import { isVisitorKey, roomIdForVisitorKey } from './visitor-key.ts';

/** Who a WebSocket upgrade request is, decided from its query string alone. */
export type Decision =
  /** `resumed`: through a signed link from an email, rather than the browser's own key. */
  | { outcome: 'visitor'; roomId: string; resumed: boolean }
  | { outcome: 'agent'; agent: AgentIdentity }
  /**
   * A signed-in customer (a good identity token). `handoverRoomId`: the anonymous room of the
   * browser's visitor key sent with it, whose conversation carries on under the customer.
   */
  | { outcome: 'customer'; identity: VerifiedIdentity; handoverRoomId?: string }
  /** HTTP 401: no credentials, malformed ones, or an invalid or expired token or link. */
  | { outcome: 'unauthorized'; reason: string }
  /** HTTP 403: a valid token of someone who is not in the agents group. */
  | { outcome: 'forbidden' };

export interface Credentials {
  agents: AgentTokenVerifier;
  links: Pick<Links, 'check'>;
  identity: { readonly mode: IdentityMode; check(token: string, now: number): Promise<IdentityOutcome> };
}

const CREDENTIALS = ['visitorKey', 'resume', 'token', 'identity'] as const;

/**
 * One credential, exactly: a visitor's key (`visitorKey`), a visitor's signed link
 * (`resume`), an agent's Cognito ID token (`token`) or a customer's identity token
 * (`identity`), which may come with the browser's visitor key (the hand-over). Where
 * identity is required, a visitor key alone is refused.
 */
export async function authorize(
  query: Record<string, string | undefined> | null | undefined,
  credentials: Credentials,
  now = Date.now(),
): Promise<Decision> {
  const given = CREDENTIALS.filter((name) => query?.[name] !== undefined);
  const handover = given.length === 2 && given.includes('identity') && given.includes('visitorKey');
  if (given.length !== 1 && !handover)
    return { outcome: 'unauthorized', reason: given.length ? 'more than one credential' : 'no credential' };
  if (handover || given[0] === 'identity') return customer(query!.identity!, query!.visitorKey, credentials.identity, now);
  const value = query![given[0]!]!;
  switch (given[0]) {
    case 'visitorKey':
      if (credentials.identity.mode === 'required') return { outcome: 'unauthorized', reason: 'identity required' };
      return isVisitorKey(value)
        ? { outcome: 'visitor', roomId: roomIdForVisitorKey(value), resumed: false }
        : { outcome: 'unauthorized', reason: 'malformed visitor key' };
    case 'resume': {
      const link = await credentials.links.check(value, 'resume', now);
      return link.ok
        ? { outcome: 'visitor', roomId: link.roomId, resumed: true }
        : { outcome: 'unauthorized', reason: `conversation link ${link.reason}` };
    }
    case 'token': {
      if (value.length === 0 || value.length >= 8192) return { outcome: 'unauthorized', reason: 'malformed token' };
      const result = await credentials.agents.check(value);
      if (result.ok) return { outcome: 'agent', agent: result.agent };
      return result.reason === 'not_agent' ? { outcome: 'forbidden' } : { outcome: 'unauthorized', reason: 'invalid token' };
    }
  }
  return { outcome: 'unauthorized', reason: 'no credential' };
}

async function customer(token: string, visitorKey: string | undefined, identity: Credentials['identity'], now: number): Promise<Decision> {
  if (visitorKey !== undefined && !isVisitorKey(visitorKey)) return { outcome: 'unauthorized', reason: 'malformed visitor key' };
  const checked = await identity.check(token, now);
  // The code only (expired, signature, off...): never the token or its claims.
  if (!checked.ok) return { outcome: 'unauthorized', reason: `identity token refused (${checked.code})` };
  return {
    outcome: 'customer',
    identity: checked.identity,
    ...(visitorKey !== undefined && { handoverRoomId: roomIdForVisitorKey(visitorKey) }),
  };
}

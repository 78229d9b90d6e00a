import type { Links } from '../chat/ports.ts';
import type { AgentIdentity, AgentTokenVerifier } from './agent-token.ts';
import { isVisitorKey, roomIdForVisitorKey } from './visitor-key.ts';

/** Who a WebSocket upgrade request is, decided from its query string alone. */
export type Decision =
  /** `resumed`: through a signed link from an email, rather than the browser's own key. */
  | { outcome: 'visitor'; roomId: string; resumed: boolean }
  | { outcome: 'agent'; agent: AgentIdentity }
  /** HTTP 401: no credentials, malformed ones, or an invalid or expired token or link. */
  | { outcome: 'unauthorized'; reason: string }
  /** HTTP 403: a valid token of someone who is not in the agents group. */
  | { outcome: 'forbidden' };

export interface Credentials {
  agents: AgentTokenVerifier;
  links: Pick<Links, 'check'>;
}

/**
 * One credential, exactly: a visitor's key (`visitorKey`), a visitor's signed link
 * (`resume`) or an agent's Cognito ID token (`token`).
 */
export async function authorize(
  query: Record<string, string | undefined> | null | undefined,
  credentials: Credentials,
  now = Date.now(),
): Promise<Decision> {
  const given = (['visitorKey', 'resume', 'token'] as const).filter((name) => query?.[name] !== undefined);
  if (given.length !== 1) return { outcome: 'unauthorized', reason: given.length ? 'more than one credential' : 'no credential' };
  const value = query![given[0]!]!;
  switch (given[0]) {
    case 'visitorKey':
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

import type { AgentIdentity, AgentTokenVerifier } from './agent-token.ts';
import { isVisitorKey, roomIdForVisitorKey } from './visitor-key.ts';

/** Who a WebSocket upgrade request is, decided from its query string alone. */
export type Decision =
  | { outcome: 'visitor'; roomId: string }
  | { outcome: 'agent'; agent: AgentIdentity }
  /** HTTP 401: no credentials, malformed ones, or an invalid or expired token. */
  | { outcome: 'unauthorized' }
  /** HTTP 403: a valid token of someone who is not in the agents group. */
  | { outcome: 'forbidden' };

export async function authorize(
  query: Record<string, string | undefined> | null | undefined,
  verifier: AgentTokenVerifier,
): Promise<Decision> {
  const visitorKey = query?.visitorKey;
  const token = query?.token;
  if (visitorKey !== undefined && token !== undefined) return { outcome: 'unauthorized' };
  if (visitorKey !== undefined) {
    return isVisitorKey(visitorKey) ? { outcome: 'visitor', roomId: roomIdForVisitorKey(visitorKey) } : { outcome: 'unauthorized' };
  }
  if (token !== undefined && token.length > 0 && token.length < 8192) {
    const result = await verifier.check(token);
    if (result.ok) return { outcome: 'agent', agent: result.agent };
    return { outcome: result.reason === 'not_agent' ? 'forbidden' : 'unauthorized' };
  }
  return { outcome: 'unauthorized' };
}

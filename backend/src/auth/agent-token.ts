import { CognitoJwtVerifier, JwtRsaVerifier } from 'aws-jwt-verify';
import type { JwtPayload } from 'aws-jwt-verify/jwt-model';
import { optionalEnv, requireEnv } from '../config.ts';
import { ADMINS_GROUP, AGENTS_GROUP, agentDisplayName } from '../protocol/agents.ts';

export interface AgentIdentity {
  agentId: string;
  name: string;
  email?: string;
  /** In the admins group: may change the team's settings. */
  admin: boolean;
}

export type TokenCheck = { ok: true; agent: AgentIdentity } | { ok: false; reason: 'invalid' | 'not_agent' };

export interface AgentTokenVerifierOptions {
  userPoolId: string;
  clientId: string;
  /**
   * For a Cognito stand-in (cognito-local): its issuer and JWKS URL. aws-jwt-verify only
   * fetches JWKS over https, so the keys are fetched here and handed to the verifier.
   * Unset in production, where the real Cognito issuer and JWKS are used.
   */
  local?: { issuer: string; jwksUrl: string };
}

/** Verifies a Cognito ID token and says whether it belongs to an agent. */
export class AgentTokenVerifier {
  private readonly verify: (token: string) => Promise<JwtPayload>;
  private localKeysLoaded: Promise<void> | undefined;

  constructor(readonly options: AgentTokenVerifierOptions) {
    if (options.local) {
      const verifier = JwtRsaVerifier.create({
        issuer: options.local.issuer,
        audience: options.clientId,
        jwksUri: options.local.jwksUrl,
        customJwtCheck: ({ payload }) => {
          if (payload.token_use !== 'id') throw new Error('not an ID token');
        },
      });
      const local = options.local;
      this.verify = async (token) => {
        this.localKeysLoaded ??= fetch(local.jwksUrl)
          .then((response) => {
            if (!response.ok) throw new Error(`JWKS answered ${response.status}`);
            return response.json();
          })
          .then((jwks) => verifier.cacheJwks(jwks))
          .catch((error: unknown) => {
            this.localKeysLoaded = undefined;
            throw error;
          });
        await this.localKeysLoaded;
        return verifier.verify(token);
      };
    } else {
      const verifier = CognitoJwtVerifier.create({
        userPoolId: options.userPoolId,
        clientId: options.clientId,
        tokenUse: 'id',
      });
      this.verify = (token) => verifier.verify(token);
    }
  }

  async check(token: string): Promise<TokenCheck> {
    let payload: JwtPayload;
    try {
      payload = await this.verify(token);
    } catch {
      // Expired, forged, for another pool or client: all the same to the caller.
      return { ok: false, reason: 'invalid' };
    }
    const groups = payload['cognito:groups'];
    if (!Array.isArray(groups) || !groups.includes(AGENTS_GROUP)) return { ok: false, reason: 'not_agent' };
    const email = typeof payload.email === 'string' ? payload.email : undefined;
    const name = agentDisplayName(payload);
    return { ok: true, agent: { agentId: String(payload.sub), name, admin: groups.includes(ADMINS_GROUP), ...(email && { email }) } };
  }
}

/**
 * The verifier for the authorizer's environment. Here rather than beside chatDepsFromEnv:
 * the authorizer bundles what it imports, and it needs none of the chat's clients.
 */
export function agentVerifierFromEnv(env: NodeJS.ProcessEnv = process.env): AgentTokenVerifier {
  const issuer = optionalEnv('COGNITO_LOCAL_ISSUER', env);
  return new AgentTokenVerifier({
    userPoolId: requireEnv('COGNITO_USER_POOL_ID', env),
    clientId: requireEnv('COGNITO_CLIENT_ID', env),
    ...(issuer && { local: { issuer, jwksUrl: `${issuer}/.well-known/jwks.json` } }),
  });
}

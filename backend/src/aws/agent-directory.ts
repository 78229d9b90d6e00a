import type { AgentDirectory } from '../chat/ports.ts';
import { optionalEnv, requireEnv } from '../config.ts';
import { once } from '../once.ts';

/**
 * The directory of the stack's user pool (`COGNITO_USER_POOL_ID`); `COGNITO_ENDPOINT`
 * points at cognito-local, which cannot email. The directory and its SDK client are
 * imported on first use (a module of their own, so a bundle splits them off): only
 * admins' actions and an agent's first connection need them.
 */
export function directoryFromEnv(env: NodeJS.ProcessEnv = process.env): AgentDirectory {
  const userPoolId = requireEnv('COGNITO_USER_POOL_ID', env);
  const endpoint = optionalEnv('COGNITO_ENDPOINT', env);
  const region = optionalEnv('AWS_REGION', env);
  const open = once(async () => {
    const [{ CognitoIdentityProviderClient }, { CognitoDirectory }] = await Promise.all([
      import('@aws-sdk/client-cognito-identity-provider'),
      import('./cognito-directory.ts'),
    ]);
    const client = new CognitoIdentityProviderClient({
      ...(region && { region }),
      ...(endpoint && { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
    });
    return new CognitoDirectory(client, userPoolId, endpoint === undefined);
  });
  return {
    list: async () => (await open()).list(),
    get: async (agentId) => (await open()).get(agentId),
    invite: async (agent) => (await open()).invite(agent),
    remove: async (agentId) => (await open()).remove(agentId),
    setAdmin: async (agentId, admin) => (await open()).setAdmin(agentId, admin),
  };
}

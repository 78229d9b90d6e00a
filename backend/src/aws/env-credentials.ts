import { fromEnv } from '@aws-sdk/credential-provider-env';

/**
 * Stands in for `@aws-sdk/credential-provider-node` in the Lambda bundles (an esbuild
 * alias, infra/bundling.ts): every SDK client's default credentials are the environment's.
 * Lambda always sets AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN to its
 * role's; the full chain (SSO, ini and process files, IMDS, web identity through STS)
 * would add 100 kB that no function of ours ever uses. Unbundled code (the local stack,
 * the tests, the scripts) keeps the SDK's own chain.
 */
export function defaultProvider(init: Parameters<typeof fromEnv>[0] = {}): ReturnType<typeof fromEnv> {
  return fromEnv(init);
}

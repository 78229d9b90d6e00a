import { optionalEnv, requireEnv } from '../config.ts';

/**
 * A secret's current value from Secrets Manager, fetched once per Lambda container (the
 * link secret does not rotate under a running container; a new one starts with the new
 * value). `SECRETS_ENDPOINT` points at the local stand-in.
 *
 * The SDK client is imported on first use: the authorizer needs the secret only for a
 * link's token, and a visitor key or an agent's token should not wait for its start-up.
 */
export function secretFromEnv(variable: string, env: NodeJS.ProcessEnv = process.env): () => Promise<string> {
  const fetchSecret = secretReaderFromEnv(variable, env);
  let value: Promise<string> | undefined;
  return () =>
    (value ??= fetchSecret().catch((error: unknown) => {
      value = undefined;
      throw error;
    }));
}

/**
 * Reads a secret's current value on each call, uncached: for a secret that rotates under a
 * running container (the identity keys), whose caller decides when to read it again.
 */
export function secretReaderFromEnv(variable: string, env: NodeJS.ProcessEnv = process.env): () => Promise<string> {
  const secretId = requireEnv(variable, env);
  const endpoint = optionalEnv('SECRETS_ENDPOINT', env);
  const region = optionalEnv('AWS_REGION', env);
  return async () => {
    const { GetSecretValueCommand, SecretsManagerClient } = await import('@aws-sdk/client-secrets-manager');
    const client = new SecretsManagerClient({
      ...(region && { region }),
      ...(endpoint && { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
    });
    try {
      const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
      if (!SecretString) throw new Error(`the secret ${secretId} has no string value`);
      return SecretString;
    } finally {
      client.destroy();
    }
  };
}

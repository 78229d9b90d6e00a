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
  const secretId = requireEnv(variable, env);
  const endpoint = optionalEnv('SECRETS_ENDPOINT', env);
  const region = optionalEnv('AWS_REGION', env);
  const fetchSecret = async () => {
    const { GetSecretValueCommand, SecretsManagerClient } = await import('@aws-sdk/client-secrets-manager');
    const client = new SecretsManagerClient({
      ...(region && { region }),
      ...(endpoint && { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
    });
    try {
      return await client.send(new GetSecretValueCommand({ SecretId: secretId }));
    } finally {
      client.destroy();
    }
  };
  let value: Promise<string> | undefined;
  return () =>
    (value ??= fetchSecret().then(
      ({ SecretString }) => {
        if (!SecretString) throw new Error(`the secret ${secretId} has no string value`);
        return SecretString;
      },
      (error: unknown) => {
        value = undefined;
        throw error;
      },
    ));
}

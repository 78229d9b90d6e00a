import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { optionalEnv, requireEnv } from '../config.ts';

/**
 * A secret's current value from Secrets Manager, fetched once per Lambda container (the
 * link secret does not rotate under a running container; a new one starts with the new
 * value). `SECRETS_ENDPOINT` points at the local stand-in.
 */
export function secretFromEnv(variable: string, env: NodeJS.ProcessEnv = process.env): () => Promise<string> {
  const secretId = requireEnv(variable, env);
  const endpoint = optionalEnv('SECRETS_ENDPOINT', env);
  const client = new SecretsManagerClient({
    ...(optionalEnv('AWS_REGION', env) && { region: optionalEnv('AWS_REGION', env) }),
    ...(endpoint && { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
  });
  let value: Promise<string> | undefined;
  return () =>
    (value ??= client.send(new GetSecretValueCommand({ SecretId: secretId })).then(
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

/** Reads a required setting, naming it when it is missing so a misdeployment is obvious. */
export function requireEnv(name: string, env: NodeJS.ProcessEnv = process.env): string {
  const value = env[name];
  if (value === undefined || value === '') {
    throw new Error(`Missing environment variable ${name}: the deployment must set it.`);
  }
  return value;
}

export function optionalEnv(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}

/**
 * Whether the deployment emails visitors: it has a sending identity (`MAIL_FROM`). Here, not
 * beside the SES client: handlers that only report it need not bundle the client.
 */
export function emailRepliesFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  return optionalEnv('MAIL_FROM', env) !== undefined;
}

import { SignedLinks } from '../auth/signed-links.ts';
import { secretFromEnv } from '../aws/secrets.ts';
import { DEFAULT_FOLLOW_UP, type FollowUpConfig } from '../chat/follow-up.ts';
import type { Links } from '../chat/ports.ts';
import { optionalEnv, requireEnv } from '../config.ts';

// What several handlers read alike from their environment, apart from chat-deps.ts: a
// handler that imports these does not bundle the SDK clients $default's deps bring.

/** `FOLLOW_UP_DELAY_SECONDS` moves the delay (the local stack sets 30 s, so a demo's email comes soon). */
export function followUpFromEnv(env: NodeJS.ProcessEnv = process.env): FollowUpConfig {
  const seconds = optionalEnv('FOLLOW_UP_DELAY_SECONDS', env);
  return seconds === undefined ? DEFAULT_FOLLOW_UP : { ...DEFAULT_FOLLOW_UP, delayMs: Number(seconds) * 1000 };
}

/** Signed links: the secret from Secrets Manager, the chat page (`CONVERSATION_URL`) and the public API's base (`PUBLIC_API_URL`). */
export function linksFromEnv(env: NodeJS.ProcessEnv = process.env): Links {
  return new SignedLinks(secretFromEnv('LINK_SECRET_ARN', env), {
    conversationPage: requireEnv('CONVERSATION_URL', env),
    publicApi: requireEnv('PUBLIC_API_URL', env),
  });
}

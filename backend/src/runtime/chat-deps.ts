import { SignedLinks } from '../auth/signed-links.ts';
import { directoryFromEnv } from '../aws/cognito-directory.ts';
import { connectionsApiFromEnv } from '../aws/connections-api.ts';
import { filesFromEnv } from '../aws/s3-files.ts';
import { secretFromEnv } from '../aws/secrets.ts';
import { mailFromEnv } from '../aws/ses-mail.ts';
import { alertsFromEnv } from '../aws/sns-alerts.ts';
import { checksFromEnv } from '../aws/sqs-checks.ts';
import { MailAgentNotifier } from '../chat/agent-notifier.ts';
import type { ChatDeps } from '../chat/deps.ts';
import { DEFAULT_FOLLOW_UP, type FollowUpConfig } from '../chat/follow-up.ts';
import type { Links, Log } from '../chat/ports.ts';
import { attachmentMaxBytesFromEnv, emailRepliesFromEnv, malwareScanFromEnv, optionalEnv, requireEnv } from '../config.ts';
import { storesFromEnv } from '../store/from-env.ts';
import { createLogger } from './logger.ts';

/** Everything `$default` talks to, from its environment (the local stack builds the same). */
export function chatDepsFromEnv(env: NodeJS.ProcessEnv = process.env, log: Log = createLogger()): ChatDeps {
  const stores = storesFromEnv(env);
  const emailReplies = emailRepliesFromEnv(env);
  const mail = emailReplies ? mailFromEnv(env) : undefined;
  const files = filesFromEnv(env);
  return {
    connections: stores.connections(),
    messages: stores.messages(),
    rooms: stores.rooms(),
    claims: stores.claims(),
    customers: stores.customers(),
    team: stores.team(),
    gateway: connectionsApiFromEnv(env),
    alerts: alertsFromEnv(env),
    emailReplies,
    attachmentMaxBytes: attachmentMaxBytesFromEnv(env),
    ...(files && { files, malwareScan: malwareScanFromEnv(env) }),
    ...(mail && { mail, notifier: new MailAgentNotifier(mail, requireEnv('AGENT_CONSOLE_URL', env)) }),
    checks: checksFromEnv(env),
    followUp: followUpFromEnv(env),
    directory: directoryFromEnv(env),
    links: linksFromEnv(env),
    log,
    now: Date.now,
  };
}

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

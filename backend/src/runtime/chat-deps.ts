import { directoryFromEnv } from '../aws/agent-directory.ts';
import { connectionsApiFromEnv } from '../aws/connections-api.ts';
import { filesFromEnv } from '../aws/s3-files.ts';
import { mailFromEnv } from '../aws/ses-mail.ts';
import { alertsFromEnv } from '../aws/sns-alerts.ts';
import { checksFromEnv } from '../aws/sqs-checks.ts';
import { MailAgentNotifier } from '../chat/agent-notifier.ts';
import type { ChatDeps } from '../chat/deps.ts';
import type { Log } from '../chat/ports.ts';
import { attachmentMaxBytesFromEnv, emailRepliesFromEnv, malwareScanFromEnv, requireEnv } from '../config.ts';
import { privacyStoresFromEnv } from '../privacy/stores.ts';
import { allStoresFromEnv } from '../store/from-env.ts';
import { followUpFromEnv, linksFromEnv } from './from-env.ts';
import { createLogger } from './logger.ts';

/** Everything `$default` talks to, from its environment (the local stack builds the same). */
export function chatDepsFromEnv(env: NodeJS.ProcessEnv = process.env, log: Log = createLogger()): ChatDeps {
  const emailReplies = emailRepliesFromEnv(env);
  const mail = emailReplies ? mailFromEnv(env) : undefined;
  const files = filesFromEnv(env);
  // The stores read the clock through the deps, so that whoever sets `now` (a test) moves what has expired.
  const deps: ChatDeps = {
    ...allStoresFromEnv(env, undefined, () => deps.now()),
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
    privacy: privacyStoresFromEnv(env),
    log,
    now: Date.now,
  };
  return deps;
}

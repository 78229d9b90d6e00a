import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { connectionsApiFromEnv } from '../aws/connections-api.ts';
import { mailFromEnv } from '../aws/ses-mail.ts';
import { alertsFromEnv } from '../aws/sns-alerts.ts';
import { checksFromEnv, parseQueuedCheck } from '../aws/sqs-checks.ts';
import { type ChecksDeps, runCheck } from '../chat/checks.ts';
import { asError, Delivery } from '../chat/delivery.ts';
import type { ChatDeps } from '../chat/deps.ts';
import { pruneGone } from '../chat/lifecycle.ts';
import { attachmentMaxBytesFromEnv, emailRepliesFromEnv } from '../config.ts';
import { once } from '../once.ts';
import { followUpFromEnv, linksFromEnv } from '../runtime/from-env.ts';
import { createLogger } from '../runtime/logger.ts';
import { storesFromEnv } from '../store/from-env.ts';

/** The checks handler's collaborators: a check may tell rooms and inboxes (the `@connections` API). */
export type ChecksHandlerDeps = ChecksDeps & Pick<ChatDeps, 'gateway'>;

/**
 * The checks, as the queue delivers them once due (chat/checks.ts): email follow-ups,
 * escalations, absent assignees. A check that fails (SES refused, DynamoDB throttled) is
 * handed back to the queue alone, which retries it and, after its last try, moves it to
 * the dead-letter queue, which raises an alarm.
 */
export function makeChecksHandler(deps: () => ChecksHandlerDeps) {
  return async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records) {
      const ctx = { ...deps(), out: new Delivery(deps().gateway, deps().log) };
      try {
        await runCheck(ctx, parseQueuedCheck(record.body));
      } catch (error) {
        ctx.log.error('a scheduled check failed', { messageId: record.messageId, error: asError(error) });
        batchItemFailures.push({ itemIdentifier: record.messageId });
      } finally {
        await pruneGone(ctx).catch(() => {});
      }
    }
    return { batchItemFailures };
  };
}

export const handler = makeChecksHandler(
  once(() => {
    const stores = storesFromEnv();
    const emailReplies = emailRepliesFromEnv();
    return {
      connections: stores.connections(),
      rooms: stores.rooms(),
      messages: stores.messages(),
      team: stores.team(),
      gateway: connectionsApiFromEnv(),
      alerts: alertsFromEnv(),
      checks: checksFromEnv(),
      emailReplies,
      ...(emailReplies && { mail: mailFromEnv() }),
      attachmentMaxBytes: attachmentMaxBytesFromEnv(),
      links: linksFromEnv(),
      followUp: followUpFromEnv(),
      log: createLogger(),
      now: Date.now,
    };
  }),
);

import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { mailFromEnv } from '../aws/ses-mail.ts';
import { type FollowUpMessage, followUpsFromEnv } from '../aws/sqs-follow-ups.ts';
import { asError } from '../chat/delivery.ts';
import { type FollowUpDeps, runFollowUp } from '../chat/follow-up.ts';
import { once } from '../once.ts';
import { followUpFromEnv, linksFromEnv } from '../runtime/chat-deps.ts';
import { createLogger } from '../runtime/logger.ts';
import { storesFromEnv } from '../store/from-env.ts';

/**
 * The email follow-up checks, as the queue delivers them once due. A check that fails
 * (SES refused, DynamoDB throttled) is handed back to the queue alone, which retries it
 * and, after its last try, moves it to the dead-letter queue, which raises an alarm.
 */
export function makeFollowUpHandler(deps: () => FollowUpDeps) {
  return async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records) {
      try {
        const { roomId, dueAt } = JSON.parse(record.body) as FollowUpMessage;
        await runFollowUp(deps(), roomId, dueAt);
      } catch (error) {
        deps().log.error('email follow-up failed', { messageId: record.messageId, error: asError(error) });
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures };
  };
}

export const handler = makeFollowUpHandler(
  once(() => {
    const stores = storesFromEnv();
    return {
      rooms: stores.rooms(),
      messages: stores.messages(),
      team: stores.team(),
      followUps: followUpsFromEnv(),
      mail: mailFromEnv(),
      links: linksFromEnv(),
      followUp: followUpFromEnv(),
      log: createLogger(),
      now: Date.now,
    };
  }),
);

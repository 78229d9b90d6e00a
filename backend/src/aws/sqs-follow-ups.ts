import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { FollowUpQueue } from '../chat/ports.ts';
import { optionalEnv, requireEnv } from '../config.ts';

/** What a follow-up check carries through the queue. */
export interface FollowUpMessage {
  roomId: string;
  dueAt: number;
}

/**
 * Follow-up checks as SQS messages delayed until they are due (SQS holds a message back
 * for up to 15 minutes, the longest a check waits). The follow-up handler consumes them.
 */
export class SqsFollowUpQueue implements FollowUpQueue {
  private readonly client: SQSClient;

  constructor(
    private readonly queueUrl: string,
    options: { endpoint?: string; region?: string } = {},
  ) {
    this.client = new SQSClient({
      ...(options.region && { region: options.region }),
      ...(options.endpoint && { endpoint: options.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
    });
  }

  async schedule(roomId: string, dueAt: number): Promise<void> {
    const message: FollowUpMessage = { roomId, dueAt };
    await this.client.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: JSON.stringify(message),
        DelaySeconds: Math.min(900, Math.max(0, Math.ceil((dueAt - Date.now()) / 1000))),
      }),
    );
  }
}

/** The queue from `FOLLOW_UP_QUEUE_URL`; `SQS_ENDPOINT` points at the local stand-in. */
export function followUpsFromEnv(env: NodeJS.ProcessEnv = process.env): SqsFollowUpQueue {
  return new SqsFollowUpQueue(requireEnv('FOLLOW_UP_QUEUE_URL', env), {
    endpoint: optionalEnv('SQS_ENDPOINT', env),
    region: optionalEnv('AWS_REGION', env),
  });
}

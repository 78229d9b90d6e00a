import type { CheckQueue, ScheduledCheck } from '../chat/ports.ts';
import { optionalEnv, requireEnv } from '../config.ts';

/** What a check carries through the queue: the check, and when it was due (epoch ms). */
export type QueuedCheck = ScheduledCheck & { dueAt: number };

/**
 * Checks as SQS messages delayed until they are due (SQS holds a message back for up to
 * 15 minutes, the longest a check waits). The checks handler consumes them. The SDK client
 * is imported on first use: most frames schedule nothing.
 */
export class SqsCheckQueue implements CheckQueue {
  private client: Promise<{ send(message: { QueueUrl: string; MessageBody: string; DelaySeconds: number }): Promise<unknown> }> | undefined;

  constructor(
    private readonly queueUrl: string,
    private readonly options: { endpoint?: string; region?: string } = {},
  ) {}

  async schedule(check: ScheduledCheck, dueAt: number): Promise<void> {
    const message: QueuedCheck = { ...check, dueAt };
    await (await this.sender()).send({
      QueueUrl: this.queueUrl,
      MessageBody: JSON.stringify(message),
      DelaySeconds: Math.min(900, Math.max(0, Math.ceil((dueAt - Date.now()) / 1000))),
    });
  }

  private sender() {
    this.client ??= import('@aws-sdk/client-sqs').then(({ SQSClient, SendMessageCommand }) => {
      const { endpoint, region } = this.options;
      const client = new SQSClient({
        ...(region && { region }),
        ...(endpoint && { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
      });
      return { send: (input: ConstructorParameters<typeof SendMessageCommand>[0]) => client.send(new SendMessageCommand(input)) };
    });
    return this.client;
  }
}

/** A queued check from its body; a body from before checks had kinds is an email follow-up. */
export function parseQueuedCheck(body: string): QueuedCheck {
  const parsed = JSON.parse(body) as Partial<QueuedCheck> & { roomId?: string; dueAt: number };
  return parsed.kind ? (parsed as QueuedCheck) : { kind: 'followUp', roomId: parsed.roomId!, dueAt: parsed.dueAt };
}

/** The queue from `CHECK_QUEUE_URL`; `SQS_ENDPOINT` points at the local stand-in. */
export function checksFromEnv(env: NodeJS.ProcessEnv = process.env): SqsCheckQueue {
  return new SqsCheckQueue(requireEnv('CHECK_QUEUE_URL', env), {
    endpoint: optionalEnv('SQS_ENDPOINT', env),
    region: optionalEnv('AWS_REGION', env),
  });
}

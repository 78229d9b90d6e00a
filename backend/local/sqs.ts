import { createHash, randomUUID } from 'node:crypto';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { Reply } from './sns.ts';

export const LOCAL_QUEUE_NAME = 'support-chat-checks';

export interface LocalQueueOptions {
  /** The consumer, as Lambda's SQS event source calls it: a batch in, the failed items out. */
  consume(event: SQSEvent): Promise<SQSBatchResponse>;
  /** A failed message is tried again this much later (the queue's visibility timeout). @default 2 s */
  retryAfterMs?: number;
  /** Tries before a message is set aside as dead (the redrive policy's maxReceiveCount). @default 5 */
  maxReceives?: number;
  log(line: string): void;
}

interface Waiting {
  id: string;
  body: string;
  receives: number;
  timer: NodeJS.Timeout;
}

/**
 * SQS's SendMessage, in the JSON protocol @aws-sdk/client-sqs speaks, for one queue whose
 * messages go to one consumer when their delay is over, as Lambda's SQS trigger delivers
 * them: failed ones again after a while, dead after the last try. Kept in memory: a
 * restart of the local stack forgets the checks it had scheduled.
 */
export class LocalQueue {
  readonly deadLetters: { id: string; body: string }[] = [];
  private readonly waiting = new Map<string, Waiting>();
  private readonly running = new Set<Promise<void>>();

  constructor(
    readonly url: string,
    private readonly options: LocalQueueOptions,
  ) {}

  get arn(): string {
    return `arn:aws:sqs:local:000000000000:${LOCAL_QUEUE_NAME}`;
  }

  sendMessage(input: { QueueUrl?: string; MessageBody?: string; DelaySeconds?: number }): Reply {
    if (input.QueueUrl !== this.url) return sqsError(400, 'AWS.SimpleQueueService.NonExistentQueue', 'The specified queue does not exist.');
    if (typeof input.MessageBody !== 'string' || input.MessageBody === '')
      return sqsError(400, 'MissingParameter', 'The request must contain the parameter MessageBody.');
    const delay = input.DelaySeconds ?? 0;
    if (!Number.isInteger(delay) || delay < 0 || delay > 900)
      return sqsError(400, 'InvalidParameterValue', 'DelaySeconds must be 0 to 900.');
    const id = randomUUID();
    this.wait({ id, body: input.MessageBody, receives: 0 }, delay * 1000);
    const md5 = createHash('md5').update(input.MessageBody).digest('hex');
    return { status: 200, type: 'application/x-amz-json-1.0', body: JSON.stringify({ MessageId: id, MD5OfMessageBody: md5 }) };
  }

  /** The bodies of the messages whose delay is not over yet. */
  waitingBodies(): string[] {
    return [...this.waiting.values()].map((message) => message.body);
  }

  /**
   * Ends the delay of the waiting messages that `which` picks, as if their time had come,
   * and resolves once they are handled: tests use it for checks due minutes from now.
   */
  async deliverNow(which: (body: string) => boolean = () => true): Promise<void> {
    const due = [...this.waiting.values()].filter((message) => which(message.body));
    for (const message of due) {
      clearTimeout(message.timer);
      this.waiting.delete(message.id);
    }
    await Promise.all(due.map((message) => this.deliver(message)));
  }

  /** Stops delivering; waits for deliveries under way. */
  async stop(): Promise<void> {
    for (const message of this.waiting.values()) clearTimeout(message.timer);
    this.waiting.clear();
    await Promise.allSettled([...this.running]);
  }

  private wait(message: Omit<Waiting, 'timer'>, ms: number): void {
    const timer = setTimeout(() => {
      this.waiting.delete(message.id);
      const run = this.deliver(message).finally(() => this.running.delete(run));
      this.running.add(run);
    }, ms);
    this.waiting.set(message.id, { ...message, timer });
  }

  private async deliver(message: Omit<Waiting, 'timer'>): Promise<void> {
    const receives = message.receives + 1;
    let failed: boolean;
    try {
      const result = await this.options.consume({
        Records: [
          {
            messageId: message.id,
            receiptHandle: `${message.id}#${receives}`,
            body: message.body,
            attributes: {
              ApproximateReceiveCount: String(receives),
              SentTimestamp: String(Date.now()),
              SenderId: 'local',
              ApproximateFirstReceiveTimestamp: String(Date.now()),
            },
            messageAttributes: {},
            md5OfBody: createHash('md5').update(message.body).digest('hex'),
            eventSource: 'aws:sqs',
            eventSourceARN: this.arn,
            awsRegion: 'local',
          },
        ],
      });
      failed = result.batchItemFailures.some((failure) => failure.itemIdentifier === message.id);
    } catch {
      failed = true;
    }
    if (!failed) return;
    if (receives >= (this.options.maxReceives ?? 5)) {
      this.deadLetters.push({ id: message.id, body: message.body });
      this.options.log(`check queue: message ${message.id} failed ${receives} times; set aside as dead`);
      return;
    }
    this.wait({ ...message, receives }, this.options.retryAfterMs ?? 2000);
  }
}

export function sqsError(status: number, code: string, message: string): Reply {
  return { status, type: 'application/x-amz-json-1.0', body: JSON.stringify({ __type: code, message }) };
}

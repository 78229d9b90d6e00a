import { type AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';

/**
 * A document client. `endpoint` is set only against a local DynamoDB-compatible server;
 * in Lambda the SDK finds the regional endpoint and credentials itself.
 */
export function createDocumentClient(options: { endpoint?: string; region?: string } = {}): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    ...(options.region && { region: options.region }),
    ...(options.endpoint && {
      endpoint: options.endpoint,
      // A local server accepts any credentials; fixed ones keep it off the AWS chain.
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  });
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
}

export function isConditionFailure(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

/**
 * The item as it was when a write's condition failed, for writes sent with
 * `ReturnValuesOnConditionCheckFailure: 'ALL_OLD'`: what a read would have said, without
 * the read. Undefined when there was no item.
 */
export function itemOfFailedCondition(error: unknown): Record<string, unknown> | undefined {
  const item = (error as { Item?: Record<string, AttributeValue> }).Item;
  return item ? unmarshall(item) : undefined;
}

/** What a conditional write returned, or, when its condition failed, the item as it was (see itemOfFailedCondition). */
export type Conditional<T> = { applied: true; output: T } | { applied: false; item: Record<string, unknown> | undefined };

/** Sends a conditional write: a failed condition means "not applied", and is an answer rather than an error. */
export async function conditionally<T>(write: Promise<T>): Promise<Conditional<T>> {
  try {
    return { applied: true, output: await write };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    return { applied: false, item: itemOfFailedCondition(error) };
  }
}

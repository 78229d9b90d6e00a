import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ExistingClaim } from '../chat/model.ts';
import type { SendClaims } from '../chat/ports.ts';
import { defaultRetention, expiresAtOf, type Retention } from '../retention.ts';
import { isConditionFailure, itemOfFailedCondition } from './dynamo.ts';

/**
 * Idempotency claims: one item per (room, client message id), in the Rooms table under
 * sk `client#{clientMsgId}`. The attempt whose conditional put creates the claim is the
 * one that stores and broadcasts the message; once stored, the claim records its number,
 * so every later retry gets the original back. A claim expires with its message, the
 * retention period after it was made.
 */
export class DynamoSendClaims implements SendClaims {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly retention: Pick<Retention, 'days'> = defaultRetention,
  ) {}

  /** Claims the id for an attempt starting now; undefined when this call made the claim, else the claim that stands. */
  async claim(roomId: string, clientMsgId: string, now: number): Promise<ExistingClaim | undefined> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { roomId, sk: key(clientMsgId), claimedAt: now, expiresAt: expiresAtOf(now, this.retention) },
          ConditionExpression: 'attribute_not_exists(roomId)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return undefined;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const item = itemOfFailedCondition(error);
      return { claimedAt: Number(item?.claimedAt ?? 0), ...(typeof item?.seq === 'number' && { seq: item.seq }) };
    }
  }

  /** Takes over a claim whose attempt can no longer be running; false if another attempt did first, or it completed. */
  async takeOver(roomId: string, clientMsgId: string, stale: ExistingClaim, now: number): Promise<boolean> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { roomId, sk: key(clientMsgId) },
          UpdateExpression: 'SET claimedAt = :now',
          ConditionExpression: 'claimedAt = :stale AND attribute_not_exists(seq)',
          ExpressionAttributeValues: { ':now': now, ':stale': stale.claimedAt },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** Records the number the message was stored at: from now on a retry gets it back. */
  async complete(roomId: string, clientMsgId: string, seq: number): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { roomId, sk: key(clientMsgId) },
        UpdateExpression: 'SET seq = :seq',
        ExpressionAttributeValues: { ':seq': seq },
      }),
    );
  }

  /** The number a completed claim's message was stored at (the way from a file to its message). */
  async seqOf(roomId: string, clientMsgId: string): Promise<number | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: { roomId, sk: key(clientMsgId) }, ConsistentRead: true }),
    );
    return typeof Item?.seq === 'number' ? Item.seq : undefined;
  }

  /** Gives up a claim whose attempt failed before storing anything, so that a retry can claim it at once. */
  async release(roomId: string, clientMsgId: string, claimedAt: number): Promise<void> {
    try {
      await this.doc.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { roomId, sk: key(clientMsgId) },
          ConditionExpression: 'claimedAt = :mine AND attribute_not_exists(seq)',
          ExpressionAttributeValues: { ':mine': claimedAt },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
}

const key = (clientMsgId: string) => `client#${clientMsgId}`;

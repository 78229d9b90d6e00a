import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CustomerRooms } from '../chat/ports.ts';
import { defaultRetention, expiresAtOf, type Retention } from '../retention.ts';
import { isConditionFailure } from './dynamo.ts';

/**
 * Verified customers' rooms, in the rooms table: pk `customer#{sub}`, sk `customer`, holding
 * `boundRoomId`. Written once, conditionally, so two devices signing in at the same moment
 * end up in the same room. A binding expires the retention period after the customer's
 * latest connection (`renew`), with their room; an expired one is treated as none.
 */
export class DynamoCustomerRooms implements CustomerRooms {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly retention: Retention = defaultRetention,
  ) {}

  async roomOf(customerId: string): Promise<string | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keyOf(customerId), ConsistentRead: true }));
    if (!Item || (typeof Item.expiresAt === 'number' && Item.expiresAt * 1000 <= this.retention.now())) return undefined;
    return Item.boundRoomId as string;
  }

  async bind(customerId: string, roomId: string): Promise<string> {
    const now = this.retention.now();
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keyOf(customerId),
            boundRoomId: roomId,
            boundAt: new Date(now).toISOString(),
            expiresAt: expiresAtOf(now, this.retention),
          },
          ConditionExpression: 'attribute_not_exists(roomId) OR expiresAt <= :now',
          ExpressionAttributeValues: { ':now': Math.floor(now / 1000) },
        }),
      );
      return roomId;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const bound = await this.roomOf(customerId);
      if (!bound) throw new Error('A customer binding was refused as existing, then not found.');
      return bound;
    }
  }

  async renew(customerId: string): Promise<void> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keyOf(customerId),
          UpdateExpression: 'SET expiresAt = :expiresAt',
          ConditionExpression: 'attribute_exists(roomId)',
          ExpressionAttributeValues: { ':expiresAt': expiresAtOf(this.retention.now(), this.retention) },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
}

function keyOf(customerId: string) {
  return { roomId: `customer#${customerId}`, sk: 'customer' };
}

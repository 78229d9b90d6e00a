import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { CustomerRooms } from '../chat/ports.ts';
import { isConditionFailure } from './dynamo.ts';

/**
 * Verified customers' rooms, in the rooms table: pk `customer#{sub}`, sk `customer`, holding
 * `boundRoomId`. Written once, conditionally, so two devices signing in at the same moment
 * end up in the same room.
 */
export class DynamoCustomerRooms implements CustomerRooms {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async roomOf(customerId: string): Promise<string | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keyOf(customerId), ConsistentRead: true }));
    return Item?.boundRoomId as string | undefined;
  }

  async bind(customerId: string, roomId: string): Promise<string> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keyOf(customerId), boundRoomId: roomId, boundAt: new Date().toISOString() },
          ConditionExpression: 'attribute_not_exists(roomId)',
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
}

function keyOf(customerId: string) {
  return { roomId: `customer#${customerId}`, sk: 'customer' };
}

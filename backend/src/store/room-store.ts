import { type DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { roomsTable } from '../tables.ts';
import type { RecordedMessage, RoomRecord } from '../chat/model.ts';
import type { RoomStore } from '../chat/ports.ts';
import type { RoomStatus } from '../protocol/index.ts';
import { isConditionFailure, itemOfFailedCondition } from './dynamo.ts';

const ROOM = 'room';

/** Room records: status, visitor profile, latest activity, alert slot. */
export class DynamoRoomStore implements RoomStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(roomId: string): Promise<RoomRecord | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: { roomId, sk: ROOM }, ConsistentRead: true }),
    );
    return Item ? toRoom(Item) : undefined;
  }

  /**
   * Records a stored message on its room (creating the room on a visitor's first
   * message): its number, time and preview, unless a later message is already recorded
   * (concurrent sends finish in any order; the room shows the latest). A visitor's
   * message (re)opens the room; an agent's leaves the status alone.
   */
  async recordMessage(
    roomId: string,
    update: { seq: number; at: string; preview: string; reopen: boolean },
  ): Promise<RecordedMessage> {
    const status = update.reopen ? ':open' : 'if_not_exists(#status, :open)';
    let before: RoomRecord | undefined;
    try {
      const { Attributes } = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { roomId, sk: ROOM },
          UpdateExpression: `SET lastSeq = :seq, lastMessageAt = :at, lastMessagePreview = :preview, createdAt = if_not_exists(createdAt, :at), #status = ${status}`,
          ConditionExpression: 'attribute_not_exists(lastSeq) OR lastSeq < :seq',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':seq': update.seq, ':at': update.at, ':preview': update.preview, ':open': 'open' },
          ReturnValues: 'ALL_OLD',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      before = Attributes ? toRoom(Attributes) : undefined;
      return {
        before,
        after: {
          ...(before ?? { roomId, createdAt: update.at }),
          status: update.reopen ? 'open' : (before?.status ?? 'open'),
          lastSeq: update.seq,
          lastMessageAt: update.at,
          lastMessagePreview: update.preview,
        },
      };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      before = toRoom(itemOfFailedCondition(error)!);
    }
    // A later message is recorded already. Only a visitor's message into a room closed
    // since still has something to change.
    if (!update.reopen || before.status === 'open') return { before, after: before };
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { roomId, sk: ROOM },
        UpdateExpression: 'SET #status = :open',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':open': 'open' },
      }),
    );
    return { before, after: { ...before, status: 'open' } };
  }

  /** Sets the visitor's name and/or email, creating the room record if need be. */
  async setProfile(roomId: string, profile: { name?: string; email?: string }, now: string): Promise<RoomRecord> {
    const sets = ['createdAt = if_not_exists(createdAt, :now)', '#status = if_not_exists(#status, :open)'];
    const values: Record<string, string> = { ':now': now, ':open': 'open' };
    if (profile.name !== undefined) {
      sets.push('visitorName = :name');
      values[':name'] = profile.name;
    }
    if (profile.email !== undefined) {
      sets.push('visitorEmail = :email');
      values[':email'] = profile.email;
    }
    const { Attributes } = await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { roomId, sk: ROOM },
        UpdateExpression: `SET ${sets.join(', ')}`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
      }),
    );
    return toRoom(Attributes!);
  }

  /** Closes a room; undefined when there is no such room. */
  async close(roomId: string): Promise<RoomRecord | undefined> {
    try {
      const { Attributes } = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { roomId, sk: ROOM },
          UpdateExpression: 'SET #status = :closed',
          ConditionExpression: 'attribute_exists(roomId)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':closed': 'closed' },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return toRoom(Attributes!);
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  }

  /**
   * Takes the room's alert slot if no alert went out since `quietSince`. The condition
   * makes concurrent messages race for one slot, so agents get one alert, not several.
   */
  async claimAlert(roomId: string, now: string, quietSince: string): Promise<boolean> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { roomId, sk: ROOM },
          UpdateExpression: 'SET lastAlertAt = :now',
          ConditionExpression: 'attribute_exists(roomId) AND (attribute_not_exists(lastAlertAt) OR lastAlertAt < :quietSince)',
          ExpressionAttributeValues: { ':now': now, ':quietSince': quietSince },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** Rooms with at least one message, newest activity first. */
  async list(status: RoomStatus, limit: number): Promise<RoomRecord[]> {
    const { Items = [] } = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: roomsTable.globalIndexes[0].indexName,
        KeyConditionExpression: '#status = :status',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':status': status },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return Items.map(toRoom);
  }
}

function toRoom(item: Record<string, unknown>): RoomRecord {
  const { sk: _sk, ...room } = item;
  return room as unknown as RoomRecord;
}

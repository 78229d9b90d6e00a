import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { RoomRecord } from '../chat/model.ts';
import type { RoomStore } from '../chat/ports.ts';
import type { RoomStatus } from '../protocol/index.ts';
import { roomsTable } from '../tables.ts';
import type { RoomRecords } from './room-records.ts';

const [activityIndex, visitorIndex] = roomsTable.globalIndexes;

/** Reading room records: one by its id, and lists of them from the indexes (an expired record is left out). */
export function roomReads(records: RoomRecords): Pick<RoomStore, 'get' | 'list' | 'byVisitor' | 'assignedTo'> {
  const { doc, tableName } = records;
  return {
    get: (roomId) => records.get(roomId),

    /** Rooms with at least one message, newest activity first. */
    async list(status: RoomStatus, limit: number): Promise<RoomRecord[]> {
      const { Items = [] } = await doc.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: activityIndex.indexName,
          KeyConditionExpression: '#status = :status',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':status': status },
          ScanIndexForward: false,
          Limit: limit,
        }),
      );
      // The oldest activity comes last: an expired room only shortens the page's tail.
      return records.retainedRooms(Items);
    },

    /** The rooms of a visitor, by their email (index `byVisitor`), newest first. */
    async byVisitor(visitorRef: string, limit: number): Promise<RoomRecord[]> {
      const { Items = [] } = await doc.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: visitorIndex.indexName,
          KeyConditionExpression: 'visitorRef = :ref',
          ExpressionAttributeValues: { ':ref': visitorRef },
          ScanIndexForward: false,
          Limit: limit,
        }),
      );
      return records.retainedRooms(Items);
    },

    /** Open rooms assigned to an agent: the open rooms (one partition of the activity index), filtered. */
    async assignedTo(agentId: string): Promise<RoomRecord[]> {
      const rooms: RoomRecord[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await doc.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: activityIndex.indexName,
            KeyConditionExpression: '#status = :open',
            FilterExpression: 'assignee.agentId = :agent',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':open': 'open', ':agent': agentId },
            ExclusiveStartKey: start,
          }),
        );
        rooms.push(...records.retainedRooms(page.Items ?? []));
        start = page.LastEvaluatedKey;
      } while (start);
      // The index is eventually consistent: the records themselves say who holds each room now.
      const current = await Promise.all(rooms.map((room) => records.get(room.roomId)));
      return current.filter((room): room is RoomRecord => room?.status === 'open' && room.assignee?.agentId === agentId);
    },
  };
}

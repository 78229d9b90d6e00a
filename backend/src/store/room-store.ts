import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RoomStore } from '../chat/ports.ts';
import { defaultRetention, type Retention } from '../retention.ts';
import { roomConversation } from './room-conversation.ts';
import { roomCustomer } from './room-customer.ts';
import { roomMessages } from './room-messages.ts';
import { roomNotifications } from './room-notifications.ts';
import { roomReads } from './room-reads.ts';
import { RoomRecords } from './room-records.ts';
import { roomVisitor } from './room-visitor.ts';

/**
 * The room store: the room records (sk `room`) of the Rooms table, where each room keeps its
 * status, visitor, latest activity, assignee, rating, and what it sent out. Each concern
 * is a module of its own, all on one `RoomRecords` (room-records.ts: the read, the
 * conditional update every write is, and the records' retention).
 */
export function createRoomStore(doc: DynamoDBDocumentClient, tableName: string, retention: Retention = defaultRetention): RoomStore {
  const records = new RoomRecords(doc, tableName, retention);
  return {
    ...roomReads(records),
    ...roomMessages(records),
    ...roomVisitor(records),
    ...roomConversation(records),
    ...roomNotifications(records),
    ...roomCustomer(records),
  };
}

import { GetCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { ROOM_ID_PATTERN } from '../protocol/limits.ts';
import { roomsTable } from '../tables.ts';
import type { PrivacyStores } from './stores.ts';

/** How an admin names a person: one of their rooms, the email they typed or were verified with, or a signed-in customer's id. */
export type PersonSelector = { kind: 'room'; value: string } | { kind: 'email'; value: string } | { kind: 'customer'; value: string };

/** Everything that names a person: their rooms and their customer bindings (`customer#{id}` items). */
export interface Person {
  selector: PersonSelector;
  roomIds: string[];
  customerIds: string[];
}

export class PersonSelectorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PersonSelectorError';
  }
}

/** A selector checked: a room id of the right shape, an email with an @, a customer id that is not empty. */
export function checkedSelector(kind: string, value: string): PersonSelector {
  const trimmed = value.trim();
  if (kind === 'room' && ROOM_ID_PATTERN.test(trimmed)) return { kind, value: trimmed };
  if (kind === 'email' && /^[^\s@]+@[^\s@]+$/.test(trimmed)) return { kind, value: trimmed };
  if (kind === 'customer' && trimmed.length > 0 && trimmed.length <= 256) return { kind, value: trimmed };
  throw new PersonSelectorError(`"${value}" is not a ${kind === 'room' ? 'room id' : kind === 'email' ? 'email address' : 'customer id'}.`);
}

/**
 * Finds a person, expired items included (an erasure must reach what TTL has not deleted yet):
 * - by room: that room, and the binding of its customer if it names this room;
 * - by email: every room whose visitor typed it (index `byVisitor`) or whose verified
 *   customer has it, and those customers' bindings that name one of these rooms;
 * - by customer id: their bound room, every room carried over into it or verified as
 *   theirs (`customerId`), and their binding.
 * Email and customer read the Rooms table through (a Scan): a rare admin's request, which no
 * index serves, as no conversation path needs one.
 */
export async function findPerson(stores: PrivacyStores, selector: PersonSelector): Promise<Person> {
  const rooms = new Map<string, Record<string, unknown>>();
  const add = (item: Record<string, unknown>) => rooms.set(item.roomId as string, item);
  if (selector.kind === 'room') {
    const { Item } = await stores.doc.send(
      new GetCommand({ TableName: stores.tables.rooms, Key: { roomId: selector.value, sk: 'room' }, ConsistentRead: true }),
    );
    add(Item ?? { roomId: selector.value });
  } else if (selector.kind === 'email') {
    const ref = selector.value.toLowerCase();
    for await (const item of pages(stores, { IndexName: roomsTable.globalIndexes[1].indexName, ref })) add(item);
    for await (const item of scan(stores, 'sk = :room AND (customer.email = :email OR customer.email = :ref)', {
      ':email': selector.value,
      ':ref': ref,
    }))
      add(item);
  } else {
    for await (const item of scan(stores, 'sk = :room AND customerId = :id', { ':id': selector.value })) add(item);
  }
  const customerIds = new Set<string>(selector.kind === 'customer' ? [selector.value] : []);
  for (const room of rooms.values()) if (typeof room.customerId === 'string') customerIds.add(room.customerId);
  const bindings: string[] = [];
  for (const customerId of customerIds) {
    const { Item } = await stores.doc.send(
      new GetCommand({ TableName: stores.tables.rooms, Key: { roomId: `customer#${customerId}`, sk: 'customer' }, ConsistentRead: true }),
    );
    if (!Item) continue;
    const boundRoomId = Item.boundRoomId as string;
    // A customer named outright is theirs whole; otherwise their binding goes only with the room it names.
    if (selector.kind === 'customer' || rooms.has(boundRoomId)) {
      bindings.push(customerId);
      rooms.set(boundRoomId, rooms.get(boundRoomId) ?? { roomId: boundRoomId });
    }
  }
  return { selector, roomIds: [...rooms.keys()].sort(), customerIds: bindings.sort() };
}

async function* pages(stores: PrivacyStores, { IndexName, ref }: { IndexName: string; ref: string }) {
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await stores.doc.send(
      new QueryCommand({
        TableName: stores.tables.rooms,
        IndexName,
        KeyConditionExpression: 'visitorRef = :ref',
        ExpressionAttributeValues: { ':ref': ref },
        ExclusiveStartKey,
      }),
    );
    yield* page.Items ?? [];
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
}

async function* scan(stores: PrivacyStores, filter: string, values: Record<string, unknown>) {
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await stores.doc.send(
      new ScanCommand({
        TableName: stores.tables.rooms,
        FilterExpression: filter,
        ExpressionAttributeValues: { ':room': 'room', ...values },
        ConsistentRead: true,
        ExclusiveStartKey,
      }),
    );
    yield* page.Items ?? [];
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
}

import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Person } from './person.ts';
import type { PrivacyStores, PrivacyTable } from './stores.ts';

/**
 * What belongs to a person, in one list: export writes each of these, erasure deletes each
 * of these, and the audit counts each. A feature that keeps something more about a person
 * adds it here. Items under a room's partition (its record, its send claims, anything a
 * later feature keeps there, a rating say) come with `roomItems` without a change.
 */
export interface ItemKind {
  /** Its name in the export and the audit's counts. */
  readonly name: string;
  readonly table: PrivacyTable;
  /** Every item of this kind that is the person's, as stored. */
  items(stores: PrivacyStores, person: Pick<Person, 'roomIds' | 'customerIds'>): AsyncIterable<Record<string, unknown>>;
}

export const itemKinds: readonly ItemKind[] = [
  {
    // The room records, their send claims (`client#…`), and anything else kept under a room.
    name: 'roomItems',
    table: 'rooms',
    items: (stores, person) => eachPartition(stores, 'rooms', 'roomId', person.roomIds),
  },
  {
    name: 'customerBindings',
    table: 'rooms',
    items: (stores, person) =>
      eachPartition(
        stores,
        'rooms',
        'roomId',
        person.customerIds.map((id) => `customer#${id}`),
      ),
  },
  { name: 'messages', table: 'messages', items: (stores, person) => eachPartition(stores, 'messages', 'roomId', person.roomIds) },
  {
    // Their connections now: each visitor connection's membership of their room, and its record.
    // (An agent's membership is the agent's: erasure takes the agent out of the room.)
    name: 'connections',
    table: 'connections',
    async *items(stores, person) {
      for await (const membership of eachPartition(stores, 'connections', 'pk', person.roomIds)) {
        if (membership.role !== 'visitor') continue;
        yield membership;
        yield* eachPartition(stores, 'connections', 'pk', [`conn#${membership.sk as string}`]);
      }
    },
  },
];

/** The S3 prefixes of a room: its files, and its uploads not yet checked (or refused, until S3 deletes them). */
export function filePrefixes(roomId: string): string[] {
  return [`files/${roomId}/`, `uploads/${roomId}/`];
}

export async function* eachPartition(stores: PrivacyStores, table: PrivacyTable, keyName: string, partitions: string[]) {
  for (const partition of partitions) {
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await stores.doc.send(
        new QueryCommand({
          TableName: stores.tables[table],
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': keyName },
          ExpressionAttributeValues: { ':pk': partition },
          ConsistentRead: true,
          ExclusiveStartKey,
        }),
      );
      yield* page.Items ?? [];
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
  }
}

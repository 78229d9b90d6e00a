/**
 * The DynamoDB tables, defined once. The CDK stack (backend/infra) and the local stack
 * (backend/local) both build their tables from these definitions, so the key schema a
 * test runs against is the one production gets.
 */
export type AttributeType = 'S' | 'N';

export interface KeyAttribute {
  readonly name: string;
  readonly type: AttributeType;
}

export interface GlobalIndexDefinition {
  readonly indexName: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
}

export interface TableDefinition {
  /** The construct id in CDK and the table name's suffix locally. */
  readonly id: string;
  /** The environment variable through which handlers learn the table's name. */
  readonly envVar: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  readonly globalIndexes: readonly GlobalIndexDefinition[];
  /** Epoch-seconds attribute after which DynamoDB deletes the item. */
  readonly timeToLiveAttribute?: string;
  /** Data worth restoring (conversations), as opposed to data that rebuilds itself. */
  readonly holdsCustomerData: boolean;
}

/**
 * Live connections. Two kinds of item:
 * - a connection's own record, pk `conn#{connectionId}`, sk `meta`: who it is, its
 *   rate-limit state and the rooms it is in, so $disconnect finds everything by key;
 * - a membership, pk = a chatRoomId or the agents' inbox key, sk = connectionId:
 *   fan-out to a room (or to every agent) is one Query of one partition.
 */
export const connectionsTable = {
  id: 'Connections',
  envVar: 'CONNECTIONS_TABLE',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  globalIndexes: [],
  timeToLiveAttribute: 'expiresAt',
  holdsCustomerData: false,
} as const satisfies TableDefinition;

/**
 * Conversation history: one partition per room, messages sorted by their number (`id`:
 * seq, zero-padded). Each message expires (`expiresAt`) the retention period after it was
 * written (backend/src/retention.ts).
 */
export const messagesTable = {
  id: 'Messages',
  envVar: 'MESSAGES_TABLE',
  partitionKey: { name: 'roomId', type: 'S' },
  sortKey: { name: 'id', type: 'S' },
  globalIndexes: [],
  timeToLiveAttribute: 'expiresAt',
  holdsCustomerData: true,
} as const satisfies TableDefinition;

/**
 * Rooms. sk `room` is the room's record; sk `client#{clientMsgId}` marks a client message
 * id as used (the idempotency claim); pk `customer#{sub}`, sk `customer` names a signed-in
 * customer's one room (`boundRoomId`). The sparse index `byActivity` holds room records
 * that have a message, so the inbox is one Query, newest activity first; the sparse index
 * `byVisitor` holds those whose visitor gave an email (`visitorRef`, lower-cased), so a
 * visitor's other conversations are one Query. (An update of a deployed stack may add one
 * index to a table at a time: a new index goes in a release of its own.) Every item expires
 * (`expiresAt`) the retention period after its latest write: a room record after its latest
 * activity, a claim after its message, a binding after its customer's latest connection.
 */
export const roomsTable = {
  id: 'Rooms',
  envVar: 'ROOMS_TABLE',
  partitionKey: { name: 'roomId', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  globalIndexes: [
    {
      indexName: 'byActivity',
      partitionKey: { name: 'status', type: 'S' },
      sortKey: { name: 'lastMessageAt', type: 'S' },
    },
    {
      indexName: 'byVisitor',
      partitionKey: { name: 'visitorRef', type: 'S' },
      sortKey: { name: 'createdAt', type: 'S' },
    },
  ],
  timeToLiveAttribute: 'expiresAt',
  holdsCustomerData: true,
} as const satisfies TableDefinition;

/**
 * The team, as a whole: its settings (pk `team`, sk `settings`), each agent's own switch
 * and profile (pk `agent`, sk the agent's id), the saved replies (pk `reply`, sk its id)
 * and the daily first-response figures the reply-time promise is measured from (pk
 * `stats`, sk `firstResponse#{YYYY-MM-DD}`), and the privacy audit (pk `audit`, sk
 * `{ISO time}#{id}`: who exported or erased whose data, never the data itself).
 */
export const teamTable = {
  id: 'Team',
  envVar: 'TEAM_TABLE',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  globalIndexes: [],
  holdsCustomerData: true,
} as const satisfies TableDefinition;

export const tables: readonly TableDefinition[] = [connectionsTable, messagesTable, roomsTable, teamTable];

/** The CreateTable request for a definition, for DynamoDB-compatible local servers. */
export function createTableInput(table: TableDefinition, tableName: string) {
  const keys = [table.partitionKey, table.sortKey, ...table.globalIndexes.flatMap((i) => [i.partitionKey, i.sortKey])];
  const attributes = new Map<string, AttributeType>();
  for (const key of keys) if (key) attributes.set(key.name, key.type);
  const keySchema = (pk: KeyAttribute, sk?: KeyAttribute) => [
    { AttributeName: pk.name, KeyType: 'HASH' as const },
    ...(sk ? [{ AttributeName: sk.name, KeyType: 'RANGE' as const }] : []),
  ];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: [...attributes].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType })),
    KeySchema: keySchema(table.partitionKey, table.sortKey),
    ...(table.globalIndexes.length > 0 && {
      GlobalSecondaryIndexes: table.globalIndexes.map((index) => ({
        IndexName: index.indexName,
        KeySchema: keySchema(index.partitionKey, index.sortKey),
        Projection: { ProjectionType: 'ALL' as const },
      })),
    }),
  };
}

import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type S3, s3OnFirstUse } from '../aws/s3-bucket.ts';
import { optionalEnv, requireEnv } from '../config.ts';
import { createDocumentClient } from '../store/dynamo.ts';
import { connectionsTable, messagesTable, roomsTable, type TableDefinition, teamTable } from '../tables.ts';

/** The tables by what they are; every table the chat keeps (see `tables.ts`). */
export const privacyTables = { connections: connectionsTable, messages: messagesTable, rooms: roomsTable, team: teamTable } as const;
export type PrivacyTable = keyof typeof privacyTables;

/**
 * What export and erasure read and delete: the tables as they are stored, item by item,
 * rather than through the chat's stores, whose reads leave expired items out. An erasure
 * must reach those too.
 */
export interface PrivacyStores {
  doc: DynamoDBDocumentClient;
  tables: Record<PrivacyTable, string>;
  /** The attachments' bucket; absent where the deployment takes no files. */
  bucket?: { s3: S3; name: string };
}

/** The tables and bucket the handlers' environment names (the local stack's, or a deployment's). */
export function privacyStoresFromEnv(env: NodeJS.ProcessEnv = process.env): PrivacyStores {
  const bucket = optionalEnv('ATTACHMENTS_BUCKET', env);
  const where = { endpoint: optionalEnv('DYNAMODB_ENDPOINT', env), region: optionalEnv('AWS_REGION', env) };
  return {
    doc: createDocumentClient(where),
    tables: Object.fromEntries(
      Object.entries(privacyTables).map(([name, definition]) => [name, requireEnv(definition.envVar, env)]),
    ) as Record<PrivacyTable, string>,
    ...(bucket && {
      bucket: { name: bucket, s3: s3OnFirstUse({ endpoint: optionalEnv('S3_ENDPOINT', env), region: optionalEnv('AWS_REGION', env) }) },
    }),
  };
}

/** An item's key in its table. */
export function keyOf(definition: TableDefinition, item: Record<string, unknown>): Record<string, unknown> {
  return {
    [definition.partitionKey.name]: item[definition.partitionKey.name],
    ...(definition.sortKey && { [definition.sortKey.name]: item[definition.sortKey.name] }),
  };
}

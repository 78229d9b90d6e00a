import { CreateTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import dynalite from 'dynalite';
import type { Server } from 'node:http';
import { mkdir } from 'node:fs/promises';
import { closeNow, listenOnLoopback } from './ports.ts';
import { createTableInput, type TableDefinition, tables } from '../src/tables.ts';

export interface LocalDynamo {
  endpoint: string;
  stop(): Promise<void>;
}

/** dynalite (a DynamoDB-compatible server on LevelDB), persisted under `dataDir`. */
export async function startDynalite(port: number, dataDir: string): Promise<LocalDynamo> {
  await mkdir(dataDir, { recursive: true });
  const server: Server = dynalite({ path: dataDir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const actual = await listenOnLoopback(server, port);
  return { endpoint: `http://127.0.0.1:${actual}`, stop: () => closeNow(server) };
}

/** The local name of a table: a prefix keeps several stacks apart in one server if need be. */
export function localTableName(table: TableDefinition): string {
  return `support-chat-${table.id.toLowerCase()}`;
}

/** Creates every table from the shared definitions, unless it already exists. */
export async function ensureTables(endpoint: string): Promise<void> {
  const client = new DynamoDBClient({ endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    const { TableNames = [] } = await client.send(new ListTablesCommand({}));
    for (const table of tables) {
      const name = localTableName(table);
      if (TableNames.includes(name)) continue;
      // TTL is left out: dynalite neither supports UpdateTimeToLive nor expires items, and
      // the local stack clears the connections table at start instead (clearConnections).
      await client.send(new CreateTableCommand(createTableInput(table, name)));
    }
  } finally {
    client.destroy();
  }
}

/**
 * Forgets the connections of a previous run. No socket survives a restart of the local
 * gateway, so these records are dead; leaving them would count agents who are gone.
 * (A Scan is fine here: it runs once at start, on a laptop's table.)
 */
export async function clearConnections(doc: DynamoDBDocumentClient, tableName: string): Promise<void> {
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new ScanCommand({ TableName: tableName, ProjectionExpression: 'pk, sk', ExclusiveStartKey: startKey }),
    );
    await Promise.all(
      (page.Items ?? []).map((Key) => doc.send(new DeleteCommand({ TableName: tableName, Key }))),
    );
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

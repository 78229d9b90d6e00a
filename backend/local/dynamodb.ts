import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ListTablesCommand, UpdateTableCommand } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { createTableInput, type TableDefinition, tables } from '../src/tables.ts';

export interface LocalDynamo {
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * dynalite runs in a worker thread: it is CPU-hungry (request validation, its expression
 * parser, LevelDB), and on the handlers' thread it halved what the local stack could serve.
 * In a thread of its own it uses a second core, and it still ends with this process.
 * (An eval'd CommonJS script: a worker does not inherit the loader that runs this file.)
 */
const DYNALITE_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { dirname, join } = require('node:path');
const dynalite = require(workerData.dynalitePath);
// DynamoDB hands back the item a failed condition was checked against when asked to
// (ReturnValuesOnConditionCheckFailure: ALL_OLD); dynalite predates that. Every write
// checks its condition through this one function, under the item's lock, so the item
// added here is exactly the one DynamoDB would return.
const dynaliteDir = dirname(workerData.dynalitePath);
for (const action of ['putItem', 'updateItem', 'deleteItem']) {
  require(join(dynaliteDir, 'validations', action)).types.ReturnValuesOnConditionCheckFailure = { type: 'String', enum: ['ALL_OLD', 'NONE'] };
}
const db = require(join(dynaliteDir, 'db'));
const checkConditional = db.checkConditional;
db.checkConditional = (data, existingItem) => {
  const error = checkConditional(data, existingItem);
  if (error && existingItem && data.ReturnValuesOnConditionCheckFailure === 'ALL_OLD') error.body.Item = existingItem;
  return error;
};
const server = dynalite({ path: workerData.dataDir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
server.once('error', (error) => parentPort.postMessage({ error: error.message }));
server.listen(workerData.port, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
parentPort.on('message', () => {
  // Keep-alive sockets (the SDK's) would hold close() open; closing the server closes LevelDB.
  server.closeAllConnections();
  server.close(() => parentPort.close());
});
`;

/** dynalite (a DynamoDB-compatible server on LevelDB), persisted under `dataDir`. */
export async function startDynalite(port: number, dataDir: string): Promise<LocalDynamo> {
  await mkdir(dataDir, { recursive: true });
  const dynalitePath = createRequire(import.meta.url).resolve('dynalite');
  const worker = new Worker(DYNALITE_WORKER, { eval: true, workerData: { dynalitePath, dataDir, port } });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const listening = await new Promise<{ port?: number; error?: string }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  if (listening.port === undefined) {
    await worker.terminate();
    throw new Error(`dynalite could not listen on port ${port}: ${listening.error}`);
  }
  return {
    endpoint: `http://127.0.0.1:${listening.port}`,
    async stop() {
      worker.postMessage('stop');
      // A stuck close must not hang the stack's shutdown.
      const timer = setTimeout(() => void worker.terminate(), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
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
      const input = createTableInput(table, name);
      if (TableNames.includes(name)) {
        await addMissingIndexes(client, input);
        continue;
      }
      // TTL is left out: dynalite neither supports UpdateTimeToLive nor expires items, and
      // the local stack clears the connections table at start instead (clearConnections).
      await client.send(new CreateTableCommand(input));
    }
  } finally {
    client.destroy();
  }
}

/**
 * A table kept in .data/ from an earlier version lacks the indexes added since: add them,
 * one at a time (as DynamoDB allows), and wait until each can be queried.
 */
async function addMissingIndexes(client: DynamoDBClient, input: ReturnType<typeof createTableInput>): Promise<void> {
  const describe = async () => (await client.send(new DescribeTableCommand({ TableName: input.TableName }))).Table;
  const existing = new Set((await describe())?.GlobalSecondaryIndexes?.map((index) => index.IndexName));
  for (const index of input.GlobalSecondaryIndexes ?? []) {
    if (existing.has(index.IndexName)) continue;
    await client.send(
      new UpdateTableCommand({
        TableName: input.TableName,
        AttributeDefinitions: input.AttributeDefinitions,
        GlobalSecondaryIndexUpdates: [{ Create: index }],
      }),
    );
    for (let attempt = 0; ; attempt++) {
      const status = (await describe())?.GlobalSecondaryIndexes?.find((i) => i.IndexName === index.IndexName)?.IndexStatus;
      if (status === 'ACTIVE') break;
      if (attempt === 100) throw new Error(`the local index ${index.IndexName} of ${input.TableName} did not become active`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
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
    const page = await doc.send(new ScanCommand({ TableName: tableName, ProjectionExpression: 'pk, sk', ExclusiveStartKey: startKey }));
    await Promise.all((page.Items ?? []).map((Key) => doc.send(new DeleteCommand({ TableName: tableName, Key }))));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

/**
 * The local stack's handler collaborators with every store on a document client that a
 * DynamoMeter counts, and the gateway watched by it (for the round trips before the first
 * post). Everything else (alerts, the clock, the check queue) is the stack's own.
 */
import type { LocalStack } from '../../local/stack.ts';
import type { ChatDeps } from '../../src/chat/deps.ts';
import { createDocumentClient } from '../../src/store/dynamo.ts';
import { allStoresFromEnv } from '../../src/store/from-env.ts';
import { connectionsTable, messagesTable, roomsTable, type TableDefinition, teamTable } from '../../src/tables.ts';
import { DynamoMeter } from './dynamo-meter.ts';

export interface MeteredStack {
  meter: DynamoMeter;
  /** The stack's collaborators, their DynamoDB calls and posts counted. */
  deps: ChatDeps;
  /** Another document client on the same meter. */
  meteredDoc(): ReturnType<typeof createDocumentClient>;
}

/** `moreTables`: tables beyond the stack's own that metered clients use (local name, definition). */
export function meterStack(stack: LocalStack, moreTables: [string, TableDefinition][] = []): MeteredStack {
  const meter = new DynamoMeter(
    [
      [stack.tableNames.connections, connectionsTable],
      [stack.tableNames.messages, messagesTable],
      [stack.tableNames.rooms, roomsTable],
      [stack.tableNames.team, teamTable],
      ...moreTables,
    ],
    stack.doc,
  );
  const meteredDoc = () => {
    const doc = createDocumentClient({ endpoint: stack.dynamodbEndpoint, region: stack.handlerEnv.AWS_REGION });
    meter.attach(doc);
    return doc;
  };
  const deps: ChatDeps = {
    ...stack.deps,
    ...allStoresFromEnv(stack.handlerEnv, meteredDoc()),
    gateway: meter.watch(stack.deps.gateway),
  };
  return { meter, deps, meteredDoc };
}

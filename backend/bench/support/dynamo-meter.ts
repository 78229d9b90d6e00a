/**
 * Counts what a handler's DynamoDB calls cost, the way DynamoDB bills them, by a
 * middleware on the handler's own document client (nothing is stubbed: the calls go to
 * dynalite as before). Each call asks for ReturnConsumedCapacity, which dynalite
 * computes from item sizes as DynamoDB does: reads in 4 KB units (halved when eventually
 * consistent), writes in 1 KB units. Two costs dynalite leaves out are added here:
 * - a failed conditional write still costs a write (1 unit: every item here is under 1 KB);
 * - a write to a table with a global secondary index also writes the index, by
 *   DynamoDB's rules (an entry put, deleted, or both when its key changes, or rewritten
 *   when projected attributes change), worked out from the item before and after.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { ConnectionGateway } from '../../src/chat/ports.ts';
import type { GlobalIndexDefinition, TableDefinition } from '../../src/tables.ts';

export interface DynamoCounts {
  /** Calls made. */
  requests: number;
  /** Items read: a Query's or Scan's ScannedCount, a GetItem's item. */
  itemsRead: number;
  readUnits: number;
  writeUnits: number;
}

type Item = Record<string, unknown>;
const READS = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem']);
const SINGLE_ITEM_WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem']);

export function zeroCounts(): DynamoCounts {
  return { requests: 0, itemsRead: 0, readUnits: 0, writeUnits: 0 };
}

export function difference(after: DynamoCounts, before: DynamoCounts): DynamoCounts {
  return {
    requests: after.requests - before.requests,
    itemsRead: after.itemsRead - before.itemsRead,
    readUnits: after.readUnits - before.readUnits,
    writeUnits: after.writeUnits - before.writeUnits,
  };
}

/** A call's start and end on the meter's clock, which ticks at every start, end and post. */
interface Span {
  startedAt: number;
  endedAt: number;
}

export class DynamoMeter {
  private readonly counts = zeroCounts();
  private readonly tables = new Map<string, TableDefinition>();
  private clock = 0;
  private readonly spans: Span[] = [];
  private readonly posts: number[] = [];

  /**
   * `tables`: local table name to definition, for key schemas and indexes.
   * `inspector`: an uncounted client, to read items before and after indexed writes.
   */
  constructor(
    tables: Iterable<[string, TableDefinition]>,
    private readonly inspector: DynamoDBDocumentClient,
  ) {
    for (const [name, definition] of tables) this.tables.set(name, definition);
  }

  /** What has been counted so far (a copy). */
  snapshot(): DynamoCounts {
    return { ...this.counts };
  }

  /** A point on the meter's clock, to count round trips from (see roundTripsToFirstPost). */
  mark(): number {
    return ++this.clock;
  }

  /** `gateway`, noting on the meter's clock when each post is made. */
  watch(gateway: ConnectionGateway): ConnectionGateway {
    return {
      send: (connectionId, event) => {
        this.posts.push(this.mark());
        return gateway.send(connectionId, event);
      },
      disconnect: (connectionId) => gateway.disconnect(connectionId),
    };
  }

  /**
   * The DynamoDB round trips made one after another, from `since` (a mark) until the first
   * post after it through a watched gateway: the longest chain of calls in which each
   * starts after the one before it ended. Calls made side by side count once. Undefined
   * when nothing was posted since.
   */
  roundTripsToFirstPost(since: number): number | undefined {
    const firstPost = this.posts.find((at) => at > since);
    if (firstPost === undefined) return undefined;
    const spans = this.spans.filter((span) => span.startedAt > since && span.endedAt < firstPost).sort((a, b) => a.endedAt - b.endedAt);
    const chain: number[] = [];
    spans.forEach((span, i) => {
      chain[i] = 1 + Math.max(0, ...spans.slice(0, i).flatMap((before, j) => (before.endedAt < span.startedAt ? [chain[j]!] : [])));
    });
    return Math.max(0, ...chain);
  }

  /** Counts every call made through `doc` from now on. */
  attach(doc: DynamoDBDocumentClient): void {
    doc.middlewareStack.add(
      (next, context) => async (args) => {
        const span: Span = { startedAt: this.mark(), endedAt: Number.POSITIVE_INFINITY };
        this.spans.push(span);
        try {
          return await this.count(context.commandName, args.input as Item & { TableName?: string }, () => next(args));
        } finally {
          span.endedAt = this.mark();
        }
      },
      { step: 'initialize', name: 'benchDynamoMeter', override: true },
    );
  }

  /** One call, counted as DynamoDB bills it. */
  private async count<R extends { output: unknown }>(
    commandName: string | undefined,
    input: Item & { TableName?: string },
    send: () => Promise<R>,
  ): Promise<R> {
    const operation = String(commandName ?? '').replace(/Command$/, '');
    input.ReturnConsumedCapacity = 'TOTAL';
    const indexed = SINGLE_ITEM_WRITES.has(operation) ? this.indexedItemKey(operation, input) : undefined;
    const before = indexed && (await this.read(indexed.tableName, indexed.key));
    this.counts.requests++;
    try {
      const result = await send();
      const output = result.output as Item & { ConsumedCapacity?: unknown; Item?: unknown; ScannedCount?: number };
      const units = [output.ConsumedCapacity ?? []]
        .flat()
        .reduce<number>((sum, consumed) => sum + ((consumed as { CapacityUnits?: number }).CapacityUnits ?? 0), 0);
      if (READS.has(operation)) {
        this.counts.readUnits += units;
        this.counts.itemsRead += operation === 'GetItem' ? (output.Item ? 1 : 0) : (output.ScannedCount ?? 0);
      } else {
        this.counts.writeUnits += units;
      }
      if (indexed) {
        const after = await this.read(indexed.tableName, indexed.key);
        for (const index of indexed.indexes) this.counts.writeUnits += indexWriteUnits(index, before, after);
      }
      return result;
    } catch (error) {
      if (error instanceof Error && error.name === 'ConditionalCheckFailedException') this.counts.writeUnits += 1;
      throw error;
    }
  }

  private indexedItemKey(operation: string, input: Item & { TableName?: string }) {
    const definition = input.TableName ? this.tables.get(input.TableName) : undefined;
    if (!definition || definition.globalIndexes.length === 0) return undefined;
    const source = (operation === 'PutItem' ? input.Item : input.Key) as Item;
    const key: Item = { [definition.partitionKey.name]: source[definition.partitionKey.name] };
    if (definition.sortKey) key[definition.sortKey.name] = source[definition.sortKey.name];
    return { tableName: input.TableName!, key, indexes: definition.globalIndexes };
  }

  private async read(tableName: string, key: Item): Promise<Item | undefined> {
    const { Item } = await this.inspector.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
    return Item;
  }
}

/** What writing an item from `before` to `after` costs one index (projection ALL). */
function indexWriteUnits(index: GlobalIndexDefinition, before: Item | undefined, after: Item | undefined): number {
  const entryKey = (item: Item | undefined) => {
    if (!item || item[index.partitionKey.name] === undefined) return undefined;
    if (index.sortKey && item[index.sortKey.name] === undefined) return undefined;
    return JSON.stringify([item[index.partitionKey.name], index.sortKey && item[index.sortKey.name]]);
  };
  const was = entryKey(before);
  const is = entryKey(after);
  if (was === undefined && is === undefined) return 0;
  if (is === undefined) return writeUnits(before!);
  if (was === undefined) return writeUnits(after!);
  if (was !== is) return writeUnits(before!) + writeUnits(after!);
  return JSON.stringify(before, setsAsArrays) === JSON.stringify(after, setsAsArrays) ? 0 : writeUnits(after!);
}

function writeUnits(item: Item): number {
  return Math.max(1, Math.ceil(itemBytes(item) / 1024));
}

/** An item's size as DynamoDB counts it: attribute names plus values. */
function itemBytes(item: Item): number {
  let bytes = 0;
  for (const [name, value] of Object.entries(item)) bytes += Buffer.byteLength(name) + valueBytes(value);
  return bytes;
}

function valueBytes(value: unknown): number {
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (typeof value === 'number') return Math.ceil(String(Math.abs(value)).replace(/[.-]/g, '').length / 2) + 1;
  if (typeof value === 'boolean' || value === null) return 1;
  if (value instanceof Set) return [...value].reduce<number>((sum, member) => sum + valueBytes(member), 0);
  if (Array.isArray(value)) return 3 + value.reduce<number>((sum, member) => sum + 1 + valueBytes(member), 0);
  if (typeof value === 'object') return 3 + itemBytes(value as Item);
  return 0;
}

function setsAsArrays(_key: string, value: unknown): unknown {
  return value instanceof Set ? [...value].sort() : value;
}

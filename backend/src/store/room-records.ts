import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { RoomRecord } from '../chat/model.ts';
import { expiresAtOf, type Retention, retainedSince } from '../retention.ts';
import { type Conditional, conditionally } from './dynamo.ts';

/** One conditional update of a room record, as `RoomRecords.update` takes it. */
interface RoomUpdate {
  /** The record as it was (ALL_OLD: {} for one that did not exist), rather than as it is after the update. */
  returnOld?: boolean;
  /** Activity at this time (ISO): the record's retention starts again from it (see `touched`). */
  activeAt?: string;
  set: string[];
  remove?: string[];
  condition?: string;
  values?: Record<string, unknown>;
  names?: Record<string, string>;
}

/** One UpdateItem of a room record, as `RoomRecords.revise` sends it (with the revision added). */
interface RoomRevision {
  /** SET and/or REMOVE clauses. */
  expression: string;
  condition?: string;
  names?: Record<string, string>;
  values?: Record<string, unknown>;
  returnValues: 'ALL_OLD' | 'ALL_NEW';
  /** Whether a failed condition returns the record as it was (ReturnValuesOnConditionCheckFailure). */
  failedItem?: boolean;
}

/** A room record's key: the room's partition, sort key `room`. */
const keyOf = (roomId: string) => ({ roomId, sk: 'room' });

/** Every write of a room record adds one to its revision (RoomRecord.revision). */
const REVISED = { expression: ' ADD #revision :one', names: { '#revision': 'revision' }, values: { ':one': 1 } };

/**
 * The room records (sk `room`) of the Rooms table, as each part of the room store reads and
 * writes them (room-store.ts): one read, one conditional update, the record's retention.
 *
 * A record is kept for the retention period after its latest activity (`activeAt`: a
 * message, the visitor's profile or context, a customer's connection), when
 * DynamoDB's TTL (`expiresAt`) deletes it. Until then, reads leave an expired record out,
 * and activity on it first deletes it: what comes next starts a new record, rather than
 * bring the expired one's name, email and state back.
 */
export class RoomRecords {
  constructor(
    readonly doc: DynamoDBDocumentClient,
    readonly tableName: string,
    private readonly retention: Retention,
  ) {}

  async get(roomId: string): Promise<RoomRecord | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keyOf(roomId), ConsistentRead: true }));
    return Item && this.retained(Item) ? toRoom(Item) : undefined;
  }

  /** The retained records of a query's items. */
  retainedRooms(items: Record<string, unknown>[]): RoomRecord[] {
    return items.filter((item) => this.retained(item)).map(toRoom);
  }

  /**
   * What a write at `at` adds: the new activity time and expiry, on the condition that the
   * record is not expired; `retry` after `purgeExpired` when that condition failed.
   */
  touched(at: string) {
    return {
      set: ['activeAt = :activeAt', 'expiresAt = :expiresAt'],
      condition: '(attribute_not_exists(activeAt) OR activeAt >= :retainedSince)',
      values: { ':activeAt': at, ':expiresAt': expiresAtOf(at, this.retention), ':retainedSince': retainedSince(this.retention) },
    };
  }

  /** Deletes an expired record that a write found (unless it was written since): true when `item` was one. */
  async purgeExpired(roomId: string, item: Record<string, unknown> | undefined): Promise<boolean> {
    if (!item || this.retained(item)) return false;
    await conditionally(
      this.doc.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: keyOf(roomId),
          ...(item.revision === undefined
            ? { ConditionExpression: 'attribute_not_exists(#revision)' }
            : { ConditionExpression: '#revision = :revision', ExpressionAttributeValues: { ':revision': item.revision } }),
          ExpressionAttributeNames: { '#revision': 'revision' },
        }),
      ),
    );
    return true;
  }

  /** Sends one UpdateItem of the record, adding one to its revision: its attributes, or the failure of its condition. */
  async revise(roomId: string, revision: RoomRevision): Promise<Conditional<Record<string, unknown> | undefined>> {
    const outcome = await conditionally(
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keyOf(roomId),
          UpdateExpression: revision.expression + REVISED.expression,
          ConditionExpression: revision.condition,
          ExpressionAttributeNames: { ...revision.names, ...REVISED.names },
          ExpressionAttributeValues: { ...revision.values, ...REVISED.values },
          ReturnValues: revision.returnValues,
          ...(revision.failedItem && { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const }),
        }),
      ),
    );
    return outcome.applied ? { applied: true, output: outcome.output.Attributes } : outcome;
  }

  /**
   * One conditional update of the room record: the record after it, or undefined when the
   * condition failed. With `activeAt`, the record's retention starts again, and an expired
   * record is deleted first.
   */
  async update(roomId: string, update: RoomUpdate): Promise<RoomRecord | undefined> {
    const touch = update.activeAt === undefined ? undefined : this.touched(update.activeAt);
    const { remove = [], names, returnOld } = update;
    const set = [...update.set, ...(touch?.set ?? [])];
    const outcome = await this.revise(roomId, {
      expression: [set.length ? `SET ${set.join(', ')}` : '', remove.length ? `REMOVE ${remove.join(', ')}` : ''].join(' ').trim(),
      condition: [update.condition && `(${update.condition})`, touch?.condition].filter(Boolean).join(' AND ') || undefined,
      names,
      values: { ...update.values, ...touch?.values },
      returnValues: returnOld ? 'ALL_OLD' : 'ALL_NEW',
      failedItem: touch !== undefined,
    });
    if (!outcome.applied) {
      if (touch && (await this.purgeExpired(roomId, outcome.item))) return this.update(roomId, update);
      return undefined;
    }
    if (returnOld) return toRoom(outcome.output ?? {});
    return outcome.output ? toRoom(outcome.output) : undefined;
  }

  /** Sets one attribute to `value` if `condition` holds (`:since` bound to `since`): a slot only one writer gets. */
  async claim(roomId: string, attribute: string, value: unknown, condition: string, since: unknown): Promise<boolean> {
    const updated = await this.update(roomId, { set: [`${attribute} = :value`], condition, values: { ':value': value, ':since': since } });
    return updated !== undefined;
  }

  /** Whether a record's latest activity is within the retention period (before `activeAt` was kept: its latest message, or its creation). */
  private retained(item: Record<string, unknown>): boolean {
    const at = (item.activeAt ?? item.lastMessageAt ?? item.createdAt) as string | undefined;
    return at === undefined || at >= retainedSince(this.retention);
  }
}

/** A Rooms item as the room record it holds (without the store's own retention attributes). */
export function toRoom(item: Record<string, unknown>): RoomRecord {
  const { sk: _sk, activeAt: _activeAt, expiresAt: _expiresAt, ...room } = item;
  return room as unknown as RoomRecord;
}

import { DeleteCommand, GetCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { TeamSettings } from '../protocol/team.ts';
import { expiresAtOf, type Retention, retainedSince, retentionInForce } from '../retention.ts';
import { TEAM_SETTINGS_KEY } from '../store/team-store.ts';
import { audit, type Counts, deletePersonData, type Requester } from './privacy.ts';
import { keyOf, type PrivacyStores, type PrivacyTable, privacyTables } from './stores.ts';

/** Expired rooms deleted together: what the sweep holds in memory at most. */
const ROOMS_PER_BATCH = 100;

/**
 * Deletes now what the reads already hide: every conversation whose latest activity, and
 * every message, send claim and customer binding whose time, is older than the retention
 * period. DynamoDB's TTL does the same in its own time; this is for items it will not reach
 * soon: after the period was shortened (their `expiresAt` still says the old one), and
 * items written before retention was built (they have no `expiresAt`), which it stamps with
 * one if they are still retained. Reads both tables through, a page at a time: once a day on
 * its schedule, and for an operator now and then. Running it again deletes nothing more.
 */
export async function sweepExpired(stores: PrivacyStores, retention: Retention, by: Requester): Promise<Counts> {
  const since = retainedSince(retention);
  const sinceMs = Date.parse(since);
  const now = retention.now();
  const counts: Counts = { expiredConversations: 0, messages: 0, claims: 0, customerBindings: 0, stamped: 0, files: 0 };
  // Expired rooms are deleted whole a batch at a time, so that memory stays bounded however many there are.
  let expiredRooms: string[] = [];
  const deleteExpiredRooms = async () => {
    // A room expired as a whole: everything under it, its files too (S3's lifecycle counts from each file's own creation).
    const whole = await deletePersonData(stores, { roomIds: expiredRooms, customerIds: [] });
    counts.expiredConversations! += expiredRooms.length;
    counts.files! += whole.files ?? 0;
    counts.messages! += whole.messages ?? 0;
    expiredRooms = [];
  };

  for await (const item of everyItem(stores, 'rooms')) {
    const roomId = item.roomId as string;
    if (item.sk === 'room') {
      const at = (item.activeAt ?? item.lastMessageAt ?? item.createdAt) as string | undefined;
      if (at !== undefined && at < since) {
        expiredRooms.push(roomId);
        if (expiredRooms.length === ROOMS_PER_BATCH) await deleteExpiredRooms();
      } else if (at !== undefined) counts.stamped! += await stamp(stores, 'rooms', item, expiresAtOf(at, retention));
    } else if (typeof item.claimedAt === 'number') {
      if (item.claimedAt < sinceMs) counts.claims! += await remove(stores, 'rooms', item);
      else counts.stamped! += await stamp(stores, 'rooms', item, expiresAtOf(item.claimedAt, retention));
    } else if (roomId.startsWith('customer#')) {
      const expired = typeof item.expiresAt === 'number' ? item.expiresAt * 1000 <= now : String(item.boundAt) < since;
      if (expired) counts.customerBindings! += await remove(stores, 'rooms', item);
      else counts.stamped! += await stamp(stores, 'rooms', item, expiresAtOf(String(item.boundAt), retention));
    }
  }
  await deleteExpiredRooms();

  for await (const message of everyItem(stores, 'messages')) {
    const at = message.createdAt as string;
    if (at < since) counts.messages! += await remove(stores, 'messages', message);
    else counts.stamped! += await stamp(stores, 'messages', message, expiresAtOf(at, retention));
  }
  await audit(stores, { action: 'sweep', by, now, counts });
  return counts;
}

/**
 * The sweep with the retention in force: the team's setting where it shortens the
 * deployment's period. What the scheduled sweep (handlers/sweep.ts) and `npm run privacy --
 * sweep` run.
 */
export async function sweepInForce(
  stores: PrivacyStores,
  deploymentDays: number,
  now: () => number,
  by: Requester,
): Promise<{ days: number; counts: Counts }> {
  const { Item } = await stores.doc.send(new GetCommand({ TableName: stores.tables.team, Key: TEAM_SETTINGS_KEY, ConsistentRead: true }));
  const teamDays = (Item?.settings as TeamSettings | undefined)?.retentionDays;
  const days = retentionInForce(deploymentDays, teamDays);
  return { days, counts: await sweepExpired(stores, { days, now }, by) };
}

/** Gives an item written before retention was built its `expiresAt`: 1 when it had none. */
async function stamp(stores: PrivacyStores, table: PrivacyTable, item: Record<string, unknown>, expiresAt: number): Promise<number> {
  if (item.expiresAt !== undefined) return 0;
  try {
    await stores.doc.send(
      new UpdateCommand({
        TableName: stores.tables[table],
        Key: keyOf(privacyTables[table], item),
        UpdateExpression: 'SET expiresAt = :expiresAt',
        ConditionExpression: 'attribute_exists(#pk) AND attribute_not_exists(expiresAt)',
        ExpressionAttributeNames: { '#pk': privacyTables[table].partitionKey.name },
        ExpressionAttributeValues: { ':expiresAt': expiresAt },
      }),
    );
    return 1;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return 0;
    throw error;
  }
}

async function remove(stores: PrivacyStores, table: PrivacyTable, item: Record<string, unknown>): Promise<number> {
  await stores.doc.send(new DeleteCommand({ TableName: stores.tables[table], Key: keyOf(privacyTables[table], item) }));
  return 1;
}

async function* everyItem(stores: PrivacyStores, table: PrivacyTable) {
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await stores.doc.send(new ScanCommand({ TableName: stores.tables[table], ConsistentRead: true, ExclusiveStartKey }));
    yield* page.Items ?? [];
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
}

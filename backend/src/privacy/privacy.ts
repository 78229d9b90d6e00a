import { createHash, randomUUID } from 'node:crypto';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { eachPartition, filePrefixes, itemKinds } from './conversation-items.ts';
import { closeAndTellAgents, type ErasureGateway, liveConnections, tellVisitors } from './erasure-notice.ts';
import { findPerson, type Person, type PersonSelector } from './person.ts';
import { keyOf, type PrivacyStores, privacyTables } from './stores.ts';

/** One object of the person's in the bucket: a checked file (`files/`) or an upload (`uploads/`). */
export interface StoredObject {
  key: string;
  size: number;
}

/** What is stored about one person, item by item, and which objects of the bucket are theirs. */
export interface PersonData {
  person: Person;
  items: Record<string, Record<string, unknown>[]>;
  objects: StoredObject[];
}

/** One file of the person's, as the bucket holds it. */
export interface ExportedFile {
  key: string;
  /** The file's name as its sender's device gave it (object metadata), when it has one. */
  name?: string;
  type?: string;
  size: number;
  bytes: Uint8Array;
}

/** Everything stored about one person: each item as stored, by kind, and their files. */
export interface PersonExport {
  exportedAt: string;
  selector: PersonSelector;
  roomIds: string[];
  items: Record<string, Record<string, unknown>[]>;
  files: ExportedFile[];
}

/** Who asked: an agent (their id) from the console, or `cli:{user}` from `npm run privacy`. */
export type Requester = string;

/** Counts per kind of what an export held or an erasure deleted (the audit keeps only these). */
export type Counts = Record<string, number>;

/** Everything stored about the person a selector names, as stored (nothing is recorded: see `exportPerson`). */
export async function personData(stores: PrivacyStores, selector: PersonSelector): Promise<PersonData> {
  const person = await findPerson(stores, selector);
  const items: PersonData['items'] = {};
  for (const kind of itemKinds) {
    items[kind.name] = [];
    for await (const item of kind.items(stores, person)) items[kind.name]!.push(item);
  }
  const objects: StoredObject[] = [];
  for await (const object of filesOf(stores, person)) objects.push(object);
  return { person, items, objects };
}

/** How many items of each kind, and objects (`files`), the data holds. */
export function countsOf(data: Pick<PersonData, 'items' | 'objects'>): Counts {
  return { ...Object.fromEntries(Object.entries(data.items).map(([kind, items]) => [kind, items.length])), files: data.objects.length };
}

/** Everything stored about one person, their files' bytes included; the audit records who asked. */
export async function exportPerson(stores: PrivacyStores, selector: PersonSelector, by: Requester, now: number): Promise<PersonExport> {
  const data = await personData(stores, selector);
  const files: ExportedFile[] = [];
  for (const object of data.objects) files.push(await readFile(stores, object.key));
  await recordExport(stores, data, by, now);
  return { exportedAt: new Date(now).toISOString(), selector, roomIds: data.person.roomIds, items: data.items, files };
}

/** The audit's record of an export. */
export function recordExport(stores: PrivacyStores, data: PersonData, by: Requester, now: number): Promise<void> {
  return audit(stores, { action: 'export', by, now, selector: data.person.selector, counts: countsOf(data) });
}

/**
 * Deletes every item and file of the person's (the list in conversation-items.ts), takes
 * agents out of their rooms, and records who erased how much, and when: not what. With a
 * `gateway`, the person's open widgets hear `roomErased` first (they forget the
 * conversation in every tab and start afresh), their connections are closed once it is
 * deleted, and every agent's console drops the rooms. Without one (or for a widget that
 * was not reached), a visitor still connected has lost their connection's record: their
 * next frame is refused, and their widget is empty once reloaded.
 */
export async function erasePerson(
  stores: PrivacyStores,
  person: Person,
  by: Requester,
  now: number,
  gateway?: ErasureGateway,
): Promise<Counts> {
  const live = gateway && person.roomIds.length > 0 && (await liveConnections(stores, person));
  if (live) await tellVisitors(gateway, live);
  const counts = await deletePersonData(stores, person);
  if (live) await closeAndTellAgents(gateway, live, person.roomIds);
  await audit(stores, { action: 'erase', by, now, selector: person.selector, counts });
  return counts;
}

/** Deletes every item and file of the rooms and bindings `person` names, and takes agents out of the rooms: how many of each kind. */
export async function deletePersonData(stores: PrivacyStores, person: Pick<Person, 'roomIds' | 'customerIds'>): Promise<Counts> {
  const counts: Counts = {};
  for (const kind of itemKinds) {
    const definition = privacyTables[kind.table];
    const found: Record<string, unknown>[] = [];
    for await (const item of kind.items(stores, person)) found.push(item);
    for (const item of found) {
      await stores.doc.send(new DeleteCommand({ TableName: stores.tables[kind.table], Key: keyOf(definition, item) }));
    }
    counts[kind.name] = found.length;
  }
  counts.agentMemberships = await agentsLeave(stores, person);
  counts.files = 0;
  for await (const file of filesOf(stores, person)) {
    const { sdk, client } = await stores.bucket!.s3();
    await client.send(new sdk.DeleteObjectCommand({ Bucket: stores.bucket!.name, Key: file.key }));
    counts.files++;
  }
  return counts;
}

/** Agents in the person's rooms leave them: their memberships go, and the rooms from their connections' records. */
async function agentsLeave(stores: PrivacyStores, person: Pick<Person, 'roomIds'>): Promise<number> {
  let count = 0;
  for await (const membership of eachPartition(stores, 'connections', 'pk', person.roomIds)) {
    await stores.doc
      .send(
        new UpdateCommand({
          TableName: stores.tables.connections,
          Key: { pk: `conn#${membership.sk as string}`, sk: 'meta' },
          UpdateExpression: 'DELETE rooms :room',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':room': new Set([membership.pk as string]) },
        }),
      )
      .catch((error: unknown) => {
        if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
      });
    await stores.doc.send(new DeleteCommand({ TableName: stores.tables.connections, Key: { pk: membership.pk, sk: membership.sk } }));
    count++;
  }
  return count;
}

async function* filesOf(stores: PrivacyStores, person: Pick<Person, 'roomIds'>) {
  if (!stores.bucket) return;
  const { sdk, client } = await stores.bucket.s3();
  for (const roomId of person.roomIds) {
    for (const Prefix of filePrefixes(roomId)) {
      let ContinuationToken: string | undefined;
      do {
        const page = await client.send(new sdk.ListObjectsV2Command({ Bucket: stores.bucket.name, Prefix, ContinuationToken }));
        for (const object of page.Contents ?? []) yield { key: object.Key!, size: object.Size ?? 0 };
        ContinuationToken = page.NextContinuationToken;
      } while (ContinuationToken);
    }
  }
}

async function readFile(stores: PrivacyStores, key: string): Promise<ExportedFile> {
  const { sdk, client } = await stores.bucket!.s3();
  const object = await client.send(new sdk.GetObjectCommand({ Bucket: stores.bucket!.name, Key: key }));
  const bytes = await object.Body!.transformToByteArray();
  const name = object.Metadata?.name;
  return {
    key,
    ...(name !== undefined && { name: safeDecode(name) }),
    ...(object.ContentType && { type: object.ContentType }),
    size: bytes.byteLength,
    bytes,
  };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * The audit record (Team table, pk `audit`, sk `{ISO time}#{id}`): who, when, which kind of
 * selector, and how many items of each kind, kept as long as the table. The selector's value
 * is kept as a SHA-256 hash: enough to tell that two records name the same person, without
 * naming them. A sweep of expired items names nobody.
 */
export async function audit(
  stores: PrivacyStores,
  record: { action: 'export' | 'erase' | 'sweep'; by: Requester; now: number; selector?: PersonSelector; counts: Counts },
): Promise<void> {
  const at = new Date(record.now).toISOString();
  await stores.doc.send(
    new PutCommand({
      TableName: stores.tables.team,
      Item: {
        pk: 'audit',
        sk: `${at}#${randomUUID()}`,
        action: record.action,
        by: record.by,
        at,
        ...(record.selector && { selector: record.selector.kind, selectorHash: selectorHash(record.selector) }),
        counts: record.counts,
      },
    }),
  );
}

function selectorHash({ kind, value }: PersonSelector): string {
  return createHash('sha256')
    .update(`${kind}\n${kind === 'email' ? value.toLowerCase() : value}`)
    .digest('hex');
}

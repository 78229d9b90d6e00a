import {
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { MAX_CONNECTION_MS, RATE_BURST, RATE_PER_SECOND } from '../protocol/limits.ts';
import { isConditionFailure } from './dynamo.ts';

/** The agents' inbox: every agent connection is a member, so "tell all agents" is one Query. */
export const AGENT_INBOX_KEY = '#agents';
const META = 'meta';
/** A record outlives the 2 h connection limit by 10 min, so a lost $disconnect cleans itself up. */
const RECORD_LIFETIME_S = MAX_CONNECTION_MS / 1000 + 10 * 60;
/** GCRA rate limit: one frame per interval on average, up to RATE_BURST back to back. */
const EMISSION_INTERVAL_MS = 1000 / RATE_PER_SECOND;
const BURST_TOLERANCE_MS = (RATE_BURST - 1) * EMISSION_INTERVAL_MS;

export type Connection =
  | { connectionId: string; role: 'visitor'; roomId: string }
  | { connectionId: string; role: 'agent'; agentId: string; name: string; email?: string; rooms: string[] };

export interface Member {
  connectionId: string;
  role: 'visitor' | 'agent';
  name?: string;
}

const metaKey = (connectionId: string) => ({ pk: `conn#${connectionId}`, sk: META });

export class ConnectionStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Records a new connection and its membership (the visitor's room or the agents' inbox). */
  async add(connection: Connection, now: number): Promise<void> {
    const expiresAt = Math.floor(now / 1000) + RECORD_LIFETIME_S;
    // An agent's rooms start empty and grow as a string set (ADD/DELETE); an empty list
    // stored here would make those updates fail, so it is left out.
    const { connectionId, ...identity } = connection.role === 'agent' ? { ...connection, rooms: undefined } : connection;
    const membership: Record<string, unknown> = {
      pk: connection.role === 'visitor' ? connection.roomId : AGENT_INBOX_KEY,
      sk: connectionId,
      role: connection.role,
      expiresAt,
    };
    if (connection.role === 'agent') membership.name = connection.name;
    // One batch, not a transaction: DynamoDB-compatible local servers lack transactions,
    // and a half-written pair is harmless because both items expire and $disconnect
    // deletes both by key.
    await this.batch([
      { PutRequest: { Item: { ...metaKey(connectionId), connectionId, ...identity, expiresAt } } },
      { PutRequest: { Item: membership } },
    ]);
  }

  async get(connectionId: string): Promise<Connection | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: metaKey(connectionId), ConsistentRead: true }),
    );
    return Item ? toConnection(Item) : undefined;
  }

  /**
   * Admits one frame under the connection's rate limit and returns the connection, in one
   * conditional write when the connection is idle and two when it is busy.
   * 'rate_limited' when over the limit; undefined when the connection is unknown.
   */
  async admitFrame(connectionId: string, now: number): Promise<Connection | 'rate_limited' | undefined> {
    const update = (expression: string, condition: string, values: Record<string, number>) =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: metaKey(connectionId),
          UpdateExpression: expression,
          ConditionExpression: `attribute_exists(pk) AND (${condition})`,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      );
    try {
      // Idle: the theoretical arrival time is in the past, so it restarts from now.
      const { Attributes } = await update('SET tat = :next', 'attribute_not_exists(tat) OR tat < :now', {
        ':now': now,
        ':next': now + EMISSION_INTERVAL_MS,
      });
      return toConnection(Attributes!);
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    try {
      // Busy: admit while the schedule runs at most the burst tolerance ahead of now.
      const { Attributes } = await update('SET tat = tat + :interval', 'tat >= :now AND tat <= :latest', {
        ':now': now,
        ':interval': EMISSION_INTERVAL_MS,
        ':latest': now + BURST_TOLERANCE_MS,
      });
      return toConnection(Attributes!);
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    return (await this.get(connectionId)) ? 'rate_limited' : undefined;
  }

  /** An agent's connection joins a room: a membership there, and the room in its record. */
  async join(connectionId: string, roomId: string, name: string, now: number): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: metaKey(connectionId),
        UpdateExpression: 'ADD rooms :room',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':room': new Set([roomId]) },
      }),
    );
    const expiresAt = Math.floor(now / 1000) + RECORD_LIFETIME_S;
    await this.batch([{ PutRequest: { Item: { pk: roomId, sk: connectionId, role: 'agent', name, expiresAt } } }]);
  }

  async leave(connectionId: string, roomId: string): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: metaKey(connectionId),
        UpdateExpression: 'DELETE rooms :room',
        ExpressionAttributeValues: { ':room': new Set([roomId]) },
        ConditionExpression: 'attribute_exists(pk)',
      }),
    ).catch((error: unknown) => {
      if (!isConditionFailure(error)) throw error;
    });
    await this.batch([{ DeleteRequest: { Key: { pk: roomId, sk: connectionId } } }]);
  }

  /** Everyone in a room (or, with AGENT_INBOX_KEY, every agent): one Query of one partition. */
  async members(partition: string): Promise<Member[]> {
    const members: Member[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': partition },
          ProjectionExpression: 'sk, #role, #name',
          ExpressionAttributeNames: { '#role': 'role', '#name': 'name' },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        const member: Member = { connectionId: item.sk as string, role: item.role as Member['role'] };
        if (typeof item.name === 'string') member.name = item.name;
        members.push(member);
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return members;
  }

  /** Deletes a connection and every membership it holds; returns what it was. */
  async remove(connectionId: string): Promise<Connection | undefined> {
    const connection = await this.get(connectionId);
    if (!connection) return undefined;
    const partitions = connection.role === 'visitor' ? [connection.roomId] : [AGENT_INBOX_KEY, ...connection.rooms];
    const keys = [metaKey(connectionId), ...partitions.map((pk) => ({ pk, sk: connectionId }))];
    await this.batch(keys.map((Key) => ({ DeleteRequest: { Key } })));
    return connection;
  }

  private async batch(requests: WriteRequest[]): Promise<void> {
    for (let i = 0; i < requests.length; i += 25) {
      let pending: WriteRequest[] | undefined = requests.slice(i, i + 25);
      // BatchWrite may hand back unprocessed items under throttling; retry them briefly.
      for (let attempt = 0; pending && pending.length > 0; attempt++) {
        if (attempt === 5) throw new Error('DynamoDB left connection writes unprocessed after 5 attempts');
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
        const result = await this.doc.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: pending } }));
        pending = result.UnprocessedItems?.[this.tableName] as WriteRequest[] | undefined;
      }
    }
  }
}

type WriteRequest =
  | { PutRequest: { Item: Record<string, unknown> } }
  | { DeleteRequest: { Key: Record<string, unknown> } };

function toConnection(item: Record<string, unknown>): Connection {
  if (item.role === 'agent') {
    const connection: Connection = {
      connectionId: item.connectionId as string,
      role: 'agent',
      agentId: item.agentId as string,
      name: item.name as string,
      rooms: item.rooms instanceof Set ? [...(item.rooms as Set<string>)] : [],
    };
    if (typeof item.email === 'string') connection.email = item.email;
    return connection;
  }
  return { connectionId: item.connectionId as string, role: 'visitor', roomId: item.roomId as string };
}

import {
  BatchWriteCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { type Connection, consolesOf, type Member, partitionsOf } from '../chat/model.ts';
import type { ConnectionStore } from '../chat/ports.ts';
import { MAX_CONNECTION_MS, RATE_BURST, RATE_PER_SECOND } from '../protocol/limits.ts';
import { isConditionFailure, itemOfFailedCondition } from './dynamo.ts';

const META = 'meta';
/** A record outlives the 2 h connection limit by 10 min, so a lost $disconnect cleans itself up. */
const RECORD_LIFETIME_S = MAX_CONNECTION_MS / 1000 + 10 * 60;
/** GCRA rate limit: one frame per interval on average, up to RATE_BURST back to back. */
const EMISSION_INTERVAL_MS = 1000 / RATE_PER_SECOND;
const BURST_TOLERANCE_MS = (RATE_BURST - 1) * EMISSION_INTERVAL_MS;

const metaKey = (connectionId: string) => ({ pk: `conn#${connectionId}`, sk: META });

export class DynamoConnectionStore implements ConnectionStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Records a new connection and its memberships: a visitor's room and VISITORS, or the agents' inbox and the agent's consoles. */
  async add(connection: Connection, now: number): Promise<void> {
    const expiresAt = Math.floor(now / 1000) + RECORD_LIFETIME_S;
    // An agent's rooms start empty and grow as a string set (ADD/DELETE); an empty list
    // stored here would make those updates fail, so it is left out.
    const { connectionId, ...identity } = connection.role === 'agent' ? { ...connection, rooms: undefined } : connection;
    const membership = (pk: string): Record<string, unknown> => ({
      pk,
      sk: connectionId,
      role: connection.role,
      connectedAt: now,
      expiresAt,
      ...(connection.role === 'agent' && { name: connection.name, agentId: connection.agentId }),
    });
    // One batch, not a transaction: DynamoDB-compatible local servers lack transactions,
    // and a half-written set is harmless because every item expires and $disconnect
    // deletes them all by key.
    await this.batch([
      { PutRequest: { Item: { ...metaKey(connectionId), connectionId, ...identity, connectedAt: now, expiresAt } } },
      ...partitionsOf(connection).map((pk) => ({ PutRequest: { Item: membership(pk) } })),
    ]);
  }

  async get(connectionId: string): Promise<Connection | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: metaKey(connectionId), ConsistentRead: true }));
    return Item ? toConnection(Item) : undefined;
  }

  /**
   * Admits one frame under the connection's rate limit and returns the connection: one
   * conditional write when the connection is idle, two when it is busy, and one failed
   * write when it is over the limit (the failed condition returns the record, so a
   * flood costs no more per frame than normal traffic does).
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
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
    let record: Record<string, unknown> | undefined;
    try {
      // Idle: the theoretical arrival time is in the past, so it restarts from now.
      const { Attributes } = await update('SET tat = :next', 'attribute_not_exists(tat) OR tat < :now', {
        ':now': now,
        ':next': now + EMISSION_INTERVAL_MS,
      });
      return toConnection(Attributes!);
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      record = itemOfFailedCondition(error);
    }
    if (!record) return undefined;
    if ((record.tat as number) > now + BURST_TOLERANCE_MS) return 'rate_limited';
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
      // Another frame of this connection moved the schedule in between.
      return itemOfFailedCondition(error) ? 'rate_limited' : undefined;
    }
  }

  /**
   * An agent's connection joins a room: the room in its record, then a membership there.
   * False when the connection is gone (or has left the room again) by the time the
   * membership is written; the membership is then taken back, so none outlives its
   * connection whatever order a concurrent $disconnect or leave runs in (see remove).
   */
  async join(connectionId: string, roomId: string, agent: { name: string; agentId: string }, now: number): Promise<boolean> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: metaKey(connectionId),
          UpdateExpression: 'ADD rooms :room',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':room': new Set([roomId]) },
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
    const expiresAt = Math.floor(now / 1000) + RECORD_LIFETIME_S;
    // The agent's id too: one agent in two tabs or on two devices is one agent in the room.
    const { name, agentId } = agent;
    await this.batch([
      { PutRequest: { Item: { pk: roomId, sk: connectionId, role: 'agent', name, agentId, connectedAt: now, expiresAt } } },
    ]);
    // Read after the write: a $disconnect or leave that ran before this read has taken
    // the room out of the record, and may have missed the membership written above.
    const connection = await this.get(connectionId);
    if (connection?.role === 'agent' && connection.rooms.includes(roomId)) return true;
    await this.batch([{ DeleteRequest: { Key: { pk: roomId, sk: connectionId } } }]);
    return false;
  }

  /** An agent's connection leaves a room: out of its record first, then the membership (see join). */
  async leave(connectionId: string, roomId: string): Promise<void> {
    await this.doc
      .send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: metaKey(connectionId),
          UpdateExpression: 'DELETE rooms :room',
          ExpressionAttributeValues: { ':room': new Set([roomId]) },
          ConditionExpression: 'attribute_exists(pk)',
        }),
      )
      .catch((error: unknown) => {
        if (!isConditionFailure(error)) throw error;
      });
    await this.batch([{ DeleteRequest: { Key: { pk: roomId, sk: connectionId } } }]);
  }

  /** Everyone in a room (or, with AGENT_INBOX, every agent; with consolesOf, one agent's consoles): one Query of one partition. */
  async members(partition: string): Promise<Member[]> {
    const members: Member[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': partition },
          ProjectionExpression: 'sk, #role, #name, agentId',
          ExpressionAttributeNames: { '#role': 'role', '#name': 'name' },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        const member: Member = { connectionId: item.sk as string, role: item.role as Member['role'], partition };
        if (typeof item.name === 'string') member.name = item.name;
        if (typeof item.agentId === 'string') member.agentId = item.agentId;
        members.push(member);
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return members;
  }

  async hasConsole(agentId: string, openedBefore?: { connectionId: string; connectedBefore: number }): Promise<boolean> {
    /** The agent's first console by id, past or before `id` when given. */
    const first = async (side?: '<' | '>', id?: string) => {
      const { Items } = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: side ? `pk = :pk AND sk ${side} :id` : 'pk = :pk',
          ExpressionAttributeValues: { ':pk': consolesOf(agentId), ...(side && { ':id': id }) },
          ProjectionExpression: 'connectedAt',
          Limit: 1,
        }),
      );
      return Items?.[0];
    };
    if (!openedBefore) return (await first()) !== undefined;
    if (await first('<', openedBefore.connectionId)) return true;
    const next = await first('>', openedBefore.connectionId);
    return typeof next?.connectedAt === 'number' && next.connectedAt < openedBefore.connectedBefore;
  }

  /**
   * Deletes a connection and every membership it holds; returns what it was, or
   * undefined when it was gone already (or, with `connectedBefore`, connected since). The record goes first and in one step with
   * reading it, so a join either ran before (its room is in what was read, and its
   * membership is deleted here or by the join itself) or fails for want of a record.
   */
  async remove(connectionId: string, connectedBefore?: number): Promise<Connection | undefined> {
    let Attributes: Record<string, unknown> | undefined;
    try {
      ({ Attributes } = await this.doc.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: metaKey(connectionId),
          ...(connectedBefore !== undefined && {
            ConditionExpression: 'attribute_not_exists(connectedAt) OR connectedAt < :before',
            ExpressionAttributeValues: { ':before': connectedBefore },
          }),
          ReturnValues: 'ALL_OLD',
        }),
      ));
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
    if (!Attributes) return undefined;
    const connection = toConnection(Attributes);
    await this.batch(partitionsOf(connection).map((pk) => ({ DeleteRequest: { Key: { pk, sk: connectionId } } })));
    return connection;
  }

  /** An agent connection's new display name, on its record and its memberships (those that still exist). */
  async rename(connectionId: string, name: string, partitions: string[]): Promise<void> {
    await Promise.all(
      [metaKey(connectionId), ...partitions.map((pk) => ({ pk, sk: connectionId }))].map((Key) =>
        this.doc
          .send(
            new UpdateCommand({
              TableName: this.tableName,
              Key,
              UpdateExpression: 'SET #name = :name',
              ConditionExpression: 'attribute_exists(pk)',
              ExpressionAttributeNames: { '#name': 'name' },
              ExpressionAttributeValues: { ':name': name },
            }),
          )
          .catch((error: unknown) => {
            if (!isConditionFailure(error)) throw error;
          }),
      ),
    );
  }

  /** Deletes one membership row by its key, if made before `connectedBefore`: a connection found gone where no record says it was. */
  async forgetMembership(partition: string, connectionId: string, connectedBefore: number): Promise<void> {
    await this.doc
      .send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { pk: partition, sk: connectionId },
          ConditionExpression: 'attribute_not_exists(connectedAt) OR connectedAt < :before',
          ExpressionAttributeValues: { ':before': connectedBefore },
        }),
      )
      .catch((error: unknown) => {
        if (!isConditionFailure(error)) throw error;
      });
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

type WriteRequest = { PutRequest: { Item: Record<string, unknown> } } | { DeleteRequest: { Key: Record<string, unknown> } };

function toConnection(item: Record<string, unknown>): Connection {
  if (item.role === 'agent') {
    const connection: Connection = {
      connectionId: item.connectionId as string,
      role: 'agent',
      agentId: item.agentId as string,
      name: item.name as string,
      admin: item.admin === true,
      rooms: item.rooms instanceof Set ? [...(item.rooms as Set<string>)] : [],
    };
    if (typeof item.email === 'string') connection.email = item.email;
    return connection;
  }
  return {
    connectionId: item.connectionId as string,
    role: 'visitor',
    roomId: item.roomId as string,
    ...(item.resumed === true && { resumed: true }),
    ...(typeof item.lang === 'string' && { lang: item.lang }),
  };
}

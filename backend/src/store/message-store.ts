import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type MessageDraft, type Page, type PageRequest, StoreOutcomeUnknownError } from '../chat/model.ts';
import type { MessageStore } from '../chat/ports.ts';
import type { Attachment, Message } from '../protocol/index.ts';
import { defaultRetention, expiresAtOf, isRetained, type Retention, retainedSince } from '../retention.ts';
import { isConditionFailure, itemOfFailedCondition } from './dynamo.ts';

/**
 * Conflicts one append may meet before it gives up: each means another message of the
 * same room took the number in between, so even six writers at once need a few at most.
 */
const MAX_APPEND_ATTEMPTS = 25;

/**
 * The sort key of a message: its sequence number, zero-padded so that the string order
 * DynamoDB sorts by is the number order (ten digits: ten billion messages a room).
 */
export function messageKey(seq: number): string {
  return String(seq).padStart(10, '0');
}

/**
 * Conversation history: one partition per room, sorted by sequence number.
 *
 * Gapless by construction: a message is put at number n only after its writer has seen
 * n - 1 stored (the room's recorded last number, or the newest stored message), and
 * only if n is still free (a conditional put). So the stored numbers are always 1..N
 * with no hole, whatever order concurrent writers finish in, and whatever their clocks
 * say: a client holding everything up to n misses nothing by asking for what follows n.
 *
 * Each message expires the retention period after its `createdAt` (`expiresAt`, DynamoDB's
 * TTL); until DynamoDB deletes it, reads leave it out.
 */
export class DynamoMessageStore implements MessageStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly retention: Retention = defaultRetention,
  ) {}

  /**
   * Stores a message at the room's next number and returns it. `lastSeqSeen` is the
   * room's last number as the caller knows it (0 for none); when another writer got
   * there first, the newest stored number is read and the next one tried.
   */
  async append(draft: MessageDraft, lastSeqSeen: number): Promise<Message> {
    let seq = lastSeqSeen + 1;
    for (let attempt = 1; ; attempt++) {
      const message: Message = { seq, ...draft };
      try {
        await this.doc.send(
          new PutCommand({
            TableName: this.tableName,
            Item: { ...message, id: messageKey(seq), expiresAt: expiresAtOf(message.createdAt, this.retention) },
            ConditionExpression: 'attribute_not_exists(id)',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return message;
      } catch (error) {
        if (!isConditionFailure(error)) return await this.landedDespite(error, message);
        // The SDK retries a put whose answer was lost: the number may hold this very message.
        const holder = itemOfFailedCondition(error);
        if (holder?.clientMsgId === draft.clientMsgId) return toMessage(holder);
        if (attempt === MAX_APPEND_ATTEMPTS) {
          throw new Error(`no free sequence number in room after ${MAX_APPEND_ATTEMPTS} attempts`, { cause: error });
        }
      }
      seq = Math.max(seq, await this.lastSeq(draft.roomId)) + 1;
    }
  }

  /**
   * A put failed: but it may have landed before its answer was lost. Returns the message
   * if it did; rethrows if it did not; throws StoreOutcomeUnknownError if that cannot be
   * told, so that the caller keeps its claim rather than risk storing the message twice.
   */
  private async landedDespite(error: unknown, message: Message): Promise<Message> {
    let stored: Message | undefined;
    try {
      stored = await this.get(message.roomId, message.seq);
    } catch {
      throw new StoreOutcomeUnknownError(error);
    }
    if (stored?.clientMsgId === message.clientMsgId) return stored;
    throw error;
  }

  async get(roomId: string, seq: number): Promise<Message | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: { roomId, id: messageKey(seq) }, ConsistentRead: true }),
    );
    return Item && isRetained(Item.createdAt as string, this.retention) ? toMessage(Item) : undefined;
  }

  /** The newest stored number of a room, 0 when it has none. */
  async lastSeq(roomId: string): Promise<number> {
    const { Items = [] } = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'roomId = :room',
        ExpressionAttributeValues: { ':room': roomId },
        ProjectionExpression: 'seq',
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    return (Items[0]?.seq as number | undefined) ?? 0;
  }

  /**
   * The message a client message id was stored as, if any. It reads the whole room, so
   * it serves only the rare path of a send whose first attempt died mid-way.
   */
  async findByClientMsgId(roomId: string, clientMsgId: string): Promise<Message | undefined> {
    return this.findFirst(roomId, 'clientMsgId = :value', clientMsgId);
  }

  /** The message that carries a file. It reads the whole room, so it serves only a malware scan's result. */
  async findByAttachment(roomId: string, attachmentId: string): Promise<Message | undefined> {
    return this.findFirst(roomId, 'attachment.id = :value', attachmentId);
  }

  /** The newest message of a room that `filter` holds for, reading the room page by page. */
  private async findFirst(roomId: string, filter: string, value: string): Promise<Message | undefined> {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'roomId = :room',
          FilterExpression: filter,
          ExpressionAttributeValues: { ':room': roomId, ':value': value },
          ScanIndexForward: false,
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      const found = page.Items?.[0];
      if (found) return toMessage(found);
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return undefined;
  }

  /**
   * One page of a room's history, oldest first. Without a cursor: the latest page.
   * `before`: the page just older than that number (scrolling up). `after`: everything
   * newer than that number, oldest first (catch-up; ask again while hasMore).
   * Without `internal`, agents' notes and marks are left out (a visitor's history); a
   * message past the retention period is always left out. DynamoDB applies Limit before
   * the filter, so the page is read on until it is full or the room has no more.
   */
  async page(roomId: string, { before, after, limit, internal = false }: PageRequest): Promise<Page> {
    const forward = after !== undefined;
    const cursor = after ?? before;
    const since = retainedSince(this.retention);
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const result = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: cursor === undefined ? 'roomId = :room' : `roomId = :room AND id ${forward ? '>' : '<'} :cursor`,
          FilterExpression: `createdAt >= :since${internal ? '' : ' AND attribute_not_exists(internal)'}`,
          ExpressionAttributeValues: {
            ':room': roomId,
            ':since': since,
            ...(cursor !== undefined && { ':cursor': messageKey(cursor) }),
          },
          ScanIndexForward: forward,
          Limit: limit + 1 - items.length,
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      items.push(...(result.Items ?? []));
      start = result.LastEvaluatedKey;
    } while (start && items.length <= limit);
    const hasMore = items.length > limit;
    const messages = items.slice(0, limit).map(toMessage);
    if (!forward) messages.reverse();
    return { messages, hasMore };
  }

  /** Replaces a stored message's attachment, only if it is the same file (its malware scan ended). */
  async updateAttachment(roomId: string, seq: number, attachment: Attachment): Promise<Message | undefined> {
    try {
      const { Attributes } = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { roomId, id: messageKey(seq) },
          UpdateExpression: 'SET attachment = :attachment',
          ConditionExpression: 'attachment.id = :id',
          ExpressionAttributeValues: { ':attachment': attachment, ':id': attachment.id },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes ? toMessage(Attributes) : undefined;
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  }
}

/** A stored item as the message it holds: without its key and its TTL attribute. */
export function toMessage(item: Record<string, unknown>): Message {
  const { id: _key, expiresAt: _expiresAt, ...message } = item;
  return message as unknown as Message;
}

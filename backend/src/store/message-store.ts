import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Message } from '../protocol/index.ts';

export interface PageRequest {
  before?: string;
  after?: string;
  limit: number;
}

export interface Page {
  /** Oldest first. */
  messages: Message[];
  hasMore: boolean;
}

/** Conversation history: one partition per room, sorted by message id (a ULID). */
export class MessageStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async put(message: Message): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: message }));
  }

  async get(roomId: string, id: string): Promise<Message | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: { roomId, id }, ConsistentRead: true }),
    );
    return Item as Message | undefined;
  }

  /**
   * One page of a room's history, oldest first. Without a cursor: the latest page.
   * `before`: the page just older than that id (scrolling up). `after`: everything newer
   * than that id, oldest first (catch-up after a reconnect; ask again while hasMore).
   */
  async page(roomId: string, { before, after, limit }: PageRequest): Promise<Page> {
    const forward = after !== undefined;
    const cursor = after ?? before;
    const { Items = [] } = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: cursor === undefined ? 'roomId = :room' : `roomId = :room AND id ${forward ? '>' : '<'} :cursor`,
        ExpressionAttributeValues: { ':room': roomId, ...(cursor !== undefined && { ':cursor': cursor }) },
        ScanIndexForward: forward,
        Limit: limit + 1,
        ConsistentRead: true,
      }),
    );
    const hasMore = Items.length > limit;
    const messages = Items.slice(0, limit) as Message[];
    if (!forward) messages.reverse();
    return { messages, hasMore };
  }
}

/**
 * The baseline of the fan-out measure: the design this product replaces, from AWS's
 * WebSocket chat tutorial (simple-websockets-chat-app), in SDK v3. One table of
 * connection ids; $connect puts one; sendmessage Scans the whole table and posts the
 * message to every connection in it, deleting those that are gone (410). It lives in
 * the bench only, and runs against the same dynalite and local gateway as the product.
 */
import { ApiGatewayManagementApiClient, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, type DynamoDBDocumentClient, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { createTableInput, type TableDefinition } from '../../src/tables.ts';

/** The tutorial's table, as our definitions describe tables (for the meter's key schema). */
export const tutorialConnectionsTable = {
  id: 'TutorialConnections',
  envVar: 'TUTORIAL_TABLE',
  partitionKey: { name: 'connectionId', type: 'S' },
  globalIndexes: [],
  holdsCustomerData: false,
} as const satisfies TableDefinition;

export const TUTORIAL_TABLE_NAME = 'bench-tutorial-connections';

/** Creates the tutorial's table (its CloudFormation template does, at deploy). */
export async function createTutorialTable(dynamodbEndpoint: string): Promise<void> {
  const client = new DynamoDBClient({
    endpoint: dynamodbEndpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    await client.send(new CreateTableCommand(createTableInput(tutorialConnectionsTable, TUTORIAL_TABLE_NAME)));
  } finally {
    client.destroy();
  }
}

export class TutorialChat {
  private readonly posts: ApiGatewayManagementApiClient;

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    connectionsEndpoint: string,
  ) {
    this.posts = new ApiGatewayManagementApiClient({
      endpoint: connectionsEndpoint,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  }

  /** onconnect. */
  async connect(connectionId: string): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: TUTORIAL_TABLE_NAME, Item: { connectionId } }));
  }

  /** sendmessage: the body's `data` to every connection in the table. */
  async sendMessage(body: string): Promise<void> {
    const { data } = JSON.parse(body) as { data: string };
    const connectionIds: string[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new ScanCommand({ TableName: TUTORIAL_TABLE_NAME, ProjectionExpression: 'connectionId', ExclusiveStartKey: startKey }),
      );
      for (const item of page.Items ?? []) connectionIds.push(item.connectionId as string);
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    await Promise.all(
      connectionIds.map(async (connectionId) => {
        try {
          await this.posts.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: data }));
        } catch (error) {
          if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode !== 410) throw error;
          await this.doc.send(new DeleteCommand({ TableName: TUTORIAL_TABLE_NAME, Key: { connectionId } }));
        }
      }),
    );
  }
}

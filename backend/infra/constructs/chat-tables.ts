import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { DEFAULT_RETENTION_DAYS } from '../../src/retention.ts';
import {
  connectionsTable,
  type KeyAttribute,
  messagesTable,
  roomsTable,
  type TableDefinition,
  tables,
  teamTable,
} from '../../src/tables.ts';

export interface ChatTablesProps {
  /**
   * What happens to the tables that hold conversations (`holdsCustomerData`) when they
   * leave the stack. Tables that rebuild themselves (connections) are always destroyed.
   * @default RemovalPolicy.RETAIN
   */
  readonly customerDataRemovalPolicy?: RemovalPolicy;
  /**
   * How long conversation items are kept after their latest write, in days: their TTL
   * (`expiresAt`), which the handlers stamp and check (`RETENTION_DAYS`).
   * @default 365
   */
  readonly retentionDays?: number;
}

/**
 * The chat's DynamoDB tables, built from the definitions in `backend/src/tables.ts`, the
 * same ones the local stack creates its tables from.
 */
export class ChatTables extends Construct {
  /** Live connections and room memberships; items expire through TTL. */
  public readonly connections: dynamodb.TableV2;
  /** Conversation history, one partition per room. */
  public readonly messages: dynamodb.TableV2;
  /** Room records, idempotency claims and the inbox index. */
  public readonly rooms: dynamodb.TableV2;
  /** The team's settings, agents' switches and reply-time counts. */
  public readonly team: dynamodb.TableV2;
  /** Every table by its definition, so a table added to `tables.ts` reaches the handlers' environment. */
  public readonly byDefinition: ReadonlyMap<TableDefinition, dynamodb.TableV2>;
  /** How long conversation items are kept, in days. */
  public readonly retentionDays: number;
  /** What every function that writes or reads conversation items is told of their retention. */
  public readonly retentionVariables: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: ChatTablesProps = {}) {
    super(scope, id);
    const customerDataRemovalPolicy = props.customerDataRemovalPolicy ?? RemovalPolicy.RETAIN;
    this.retentionDays = props.retentionDays ?? DEFAULT_RETENTION_DAYS;
    this.retentionVariables = { RETENTION_DAYS: String(this.retentionDays) };
    const build = (definition: TableDefinition) =>
      new dynamodb.TableV2(this, definition.id, {
        partitionKey: attribute(definition.partitionKey),
        ...(definition.sortKey && { sortKey: attribute(definition.sortKey) }),
        globalSecondaryIndexes: definition.globalIndexes.map((index) => ({
          indexName: index.indexName,
          partitionKey: attribute(index.partitionKey),
          ...(index.sortKey && { sortKey: attribute(index.sortKey) }),
        })),
        ...(definition.timeToLiveAttribute && { timeToLiveAttribute: definition.timeToLiveAttribute }),
        // Traffic comes in bursts around conversations and is idle most of the day.
        billing: dynamodb.Billing.onDemand(),
        // The AWS managed key (aws/dynamodb) rather than DynamoDB's owned key, so every use of
        // the key is in CloudTrail; rather than a customer managed key, because nothing here
        // needs a key policy of our own and it costs no key to run.
        encryption: dynamodb.TableEncryptionV2.awsManagedKey(),
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: definition.holdsCustomerData },
        deletionProtection: definition.holdsCustomerData,
        removalPolicy: definition.holdsCustomerData ? customerDataRemovalPolicy : RemovalPolicy.DESTROY,
      });
    const byDefinition = new Map(tables.map((definition) => [definition, build(definition)] as const));
    const get = (definition: TableDefinition) => {
      const table = byDefinition.get(definition);
      if (!table) throw new Error(`tables.ts does not list the ${definition.id} table`);
      return table;
    };
    this.byDefinition = byDefinition;
    this.connections = get(connectionsTable);
    this.messages = get(messagesTable);
    this.rooms = get(roomsTable);
    this.team = get(teamTable);
  }
}

function attribute(key: KeyAttribute): dynamodb.Attribute {
  return { name: key.name, type: key.type === 'S' ? dynamodb.AttributeType.STRING : dynamodb.AttributeType.NUMBER };
}

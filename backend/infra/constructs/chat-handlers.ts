import { Duration, Validations } from 'aws-cdk-lib';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { connectionsTable, messagesTable, roomsTable, type TableDefinition, tables, teamTable } from '../../src/tables.ts';
import { wildcardResourceFinding } from '../nag-findings.ts';
import type { AttachmentBucket } from './attachment-bucket.ts';
import type { ChatTables } from './chat-tables.ts';
import type { EmailSender } from './email-sender.ts';
import { handlerFunction } from './handler-function.ts';
import type { IdentityKeys } from './identity-keys.ts';
import type { ScheduledChecks } from './scheduled-checks.ts';
import type { WebSocketApi } from './websocket-api.ts';

export interface ChatHandlersProps {
  /** The tables the handlers read and write. */
  readonly tables: ChatTables;
  /** The API whose `@connections` the handlers post to. */
  readonly api: WebSocketApi;
  /** The topic agents' alerts are published to. */
  readonly alertTopic: sns.ITopic;
  /** The agent console's URL, linked from alerts. */
  readonly agentConsoleUrl: string;
  /** The pool whose ID tokens identify agents, and whose agents the admins manage through `$default`. */
  readonly userPool: cognito.IUserPool;
  /** The app client those ID tokens are issued for. */
  readonly userPoolClient: cognito.IUserPoolClient;
  /** The key visitors' links (back to a conversation, unsubscribe) are signed with. */
  readonly linkSecret: secretsmanager.ISecret;
  /** The site page with the widget that an email's link opens (the conversation carries on there). */
  readonly conversationUrl: string;
  /** The public HTTP API's base URL (`{url}/unsubscribe` in emails). */
  readonly publicApiUrl: string;
  /** The team's settings until an admin changes them (TeamSettings as JSON). */
  readonly teamDefaults: string;
  /** How customers' identity tokens are checked: the authorizer checks them at `$connect`. */
  readonly identity: IdentityKeys;
  /** The check queue: `$default` schedules follow-ups and escalations, `$disconnect` the absent-agent check. */
  readonly checks: ScheduledChecks;
  /**
   * The sender of emails (to visitors, and an assignee's alert).
   * @default - no email: visitors are not offered replies by email
   */
  readonly email?: EmailSender;
  /** The bucket for files: `$default` hands out upload slots and links, and checks and copies uploads. */
  readonly attachments: AttachmentBucket;
  /**
   * Whether GuardDuty scans files (MalwareScan): `$default` then stores a file's message as
   * "checking" until the scan's result.
   * @default false
   */
  readonly malwareScan?: boolean;
  /**
   * Memory of each function; Lambda's CPU share grows with it, which shortens cold starts.
   * @default 512
   */
  readonly memorySize?: number;
  /**
   * How long the functions' logs are kept.
   * @default logs.RetentionDays.ONE_MONTH
   */
  readonly logRetention?: logs.RetentionDays;
}

/** What `$default` calls on the agents' user pool, for the admins' directory of agents. */
export const AGENT_DIRECTORY_ACTIONS = [
  'cognito-idp:ListUsersInGroup',
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminAddUserToGroup',
  'cognito-idp:AdminRemoveUserFromGroup',
  'cognito-idp:AdminDeleteUser',
] as const;

/**
 * The four Lambda functions behind the WebSocket API, bundled from `backend/src/handlers`.
 *
 * What each one touches (and so is granted) follows the code: the authorizer checks keys,
 * links, customers' identity tokens and agents' ID tokens; `$connect` writes the connection,
 * for an agent publishes who is available and, for a signed-in customer, finds their room
 * (carrying this browser's anonymous conversation over into it); `$disconnect` removes it, tells the rooms an agent was in, publishes who is
 * available and, after an agent's last console closed, schedules the check that unassigns
 * them if they stay away; `$default` runs every protocol action, alerts, emails, scheduled
 * checks, files (S3) and the admins' management of agents (Cognito) included. Each gets the variables
 * of what it uses and nothing else, as each handler builds only what it uses.
 */
export class ChatHandlers extends Construct {
  /** `$connect`'s REQUEST authorizer: checks the visitor key, a visitor's link, a customer's identity token or an agent's ID token. */
  public readonly authorizer: lambda.Function;
  public readonly connect: lambda.Function;
  public readonly disconnect: lambda.Function;
  /** `$default`: every client frame. */
  public readonly defaultRoute: lambda.Function;
  /** All four, for alarms and reports. */
  public readonly all: readonly lambda.Function[];

  constructor(scope: Construct, id: string, props: ChatHandlersProps) {
    super(scope, id);
    const options = { memorySize: props.memorySize, logRetention: props.logRetention };
    const tableVariables = (...definitions: TableDefinition[]) =>
      Object.fromEntries(definitions.map((definition) => [definition.envVar, props.tables.byDefinition.get(definition)!.tableName]));
    // Whether visitors may be offered replies by email follows from MAIL_FROM being set.
    const mailFrom: Record<string, string> = props.email?.variables ?? {};
    // Each of these publishes the team's status, which tells clients the largest file (or
    // that there are no files): they know the bucket, without any access to it.
    const presence: Record<string, string> = {
      ...tableVariables(connectionsTable, roomsTable, teamTable),
      ...props.tables.retentionVariables,
      CONNECTIONS_ENDPOINT: props.api.connectionsEndpoint,
      TEAM_DEFAULTS: props.teamDefaults,
      ...mailFrom,
      ...props.attachments.variables,
    };

    this.authorizer = handlerFunction(this, 'Authorizer', {
      ...options,
      file: 'authorizer.ts',
      timeout: Duration.seconds(10),
      environment: {
        COGNITO_USER_POOL_ID: props.userPool.userPoolId,
        COGNITO_CLIENT_ID: props.userPoolClient.userPoolClientId,
        LINK_SECRET_ARN: props.linkSecret.secretArn,
        ...props.identity.variables,
      },
    });
    this.connect = handlerFunction(this, 'Connect', {
      ...options,
      file: 'connect.ts',
      timeout: Duration.seconds(10),
      // The messages too: a signed-in customer's conversation may be carried over (customers.ts).
      environment: { ...presence, ...tableVariables(messagesTable) },
    });
    this.disconnect = handlerFunction(this, 'Disconnect', {
      ...options,
      file: 'disconnect.ts',
      timeout: Duration.seconds(10),
      environment: { ...presence, ...props.checks.queueVariables },
    });
    // API Gateway gives up on an integration after 29 s.
    this.defaultRoute = handlerFunction(this, 'DefaultRoute', {
      ...options,
      file: 'default.ts',
      timeout: Duration.seconds(29),
      environment: {
        ...presence,
        ...tableVariables(...tables),
        ALERT_TOPIC_ARN: props.alertTopic.topicArn,
        AGENT_CONSOLE_URL: props.agentConsoleUrl,
        LINK_SECRET_ARN: props.linkSecret.secretArn,
        CONVERSATION_URL: props.conversationUrl,
        PUBLIC_API_URL: props.publicApiUrl,
        ...props.checks.queueVariables,
        ...props.checks.followUpVariables,
        COGNITO_USER_POOL_ID: props.userPool.userPoolId,
        ...(props.malwareScan && { MALWARE_SCAN: 'on' }),
      },
    });

    const { connections, rooms, team } = props.tables;
    props.linkSecret.grantRead(this.authorizer);
    props.identity.grantRead(this.authorizer);
    for (const fn of [this.connect, this.disconnect]) {
      connections.grantReadWriteData(fn);
      rooms.grantReadData(fn);
      team.grantReadWriteData(fn);
      props.api.grantManageConnections(fn);
    }
    // A signed-in customer's $connect finds or makes their room, and may carry this browser's
    // anonymous conversation over into it: its messages, their send claims (in the rooms
    // table) and their files copied (backend/src/chat/customers.ts). With identity off no
    // connection is a customer's, and $connect only reads rooms.
    if (props.identity.mode !== 'off') {
      rooms.grantReadWriteData(this.connect);
      props.tables.messages.grantReadWriteData(this.connect);
      props.attachments.grantFileCopies(this.connect);
    }
    for (const table of props.tables.byDefinition.values()) table.grantReadWriteData(this.defaultRoute);
    props.alertTopic.grantPublish(this.defaultRoute);
    props.api.grantManageConnections(this.defaultRoute);
    props.linkSecret.grantRead(this.defaultRoute);
    props.checks.grantSchedule(this.defaultRoute);
    props.checks.grantSchedule(this.disconnect);
    props.email?.grantSend(this.defaultRoute);
    // The admins' directory (backend/src/aws/cognito-directory.ts): these calls, on this
    // pool only.
    props.userPool.grant(this.defaultRoute, ...AGENT_DIRECTORY_ACTIONS);
    props.attachments.grantFileHandling(this.defaultRoute);

    // The two wildcards those grants write, accepted on the roles they are granted to.
    for (const fn of [this.connect, this.disconnect, this.defaultRoute]) {
      // Never undefined: each function runs as the role made for it.
      const role = fn.role!;
      Validations.of(role).acknowledge({
        id: wildcardResourceFinding(this, props.api.connectionsArn),
        reason:
          "execute-api:ManageConnections on this API's own stage only; the wildcards stand for the HTTP verb (POST, GET, DELETE on @connections) and the connection id, which API Gateway assigns at runtime.",
      });
      Validations.of(role).acknowledge({
        // A table's grants cover its indexes as `{table ARN}/index/*`.
        id: wildcardResourceFinding(this, `${rooms.tableArn}/index/*`),
        reason: `The Rooms table's indexes (${roomsTable.globalIndexes.map((index) => index.indexName).join(', ')}: the agents' inbox, a visitor's other conversations), named under this table's own ARN; index names are part of the table definition in backend/src/tables.ts.`,
      });
    }

    this.all = [this.authorizer, this.connect, this.disconnect, this.defaultRoute];
  }
}

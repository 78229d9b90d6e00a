import { Duration, Validations } from 'aws-cdk-lib';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { wildcardResourceFinding } from '../nag-findings.ts';
import type { ChatTables } from './chat-tables.ts';
import type { WebSocketApi } from './websocket-api.ts';
import { connectionsTable, roomsTable, type TableDefinition, tables } from '../../src/tables.ts';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const handlersDir = join(repoRoot, 'backend', 'src', 'handlers');

export interface ChatHandlersProps {
  /** The tables the handlers read and write. */
  readonly tables: ChatTables;
  /** The API whose `@connections` the handlers post to. */
  readonly api: WebSocketApi;
  /** The topic agents' alerts are published to. */
  readonly alertTopic: sns.ITopic;
  /** The agent console's URL, linked from alerts. */
  readonly agentConsoleUrl: string;
  /** The pool whose ID tokens identify agents. */
  readonly userPool: cognito.IUserPool;
  /** The app client those ID tokens are issued for. */
  readonly userPoolClient: cognito.IUserPoolClient;
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

/**
 * The four Lambda functions behind the WebSocket API, bundled from `backend/src/handlers`.
 *
 * What each one touches (and so is granted) follows the code: `$connect` writes the
 * connection; `$disconnect` removes it and tells the rooms an agent was in (reading the
 * room record); `$default` runs every protocol action, alerts included. Each gets the
 * variables of what it uses and nothing else, as each handler builds only what it uses.
 */
export class ChatHandlers extends Construct {
  /** `$connect`'s REQUEST authorizer: checks the visitor key or the agent's ID token. */
  public readonly authorizer: nodejs.NodejsFunction;
  public readonly connect: nodejs.NodejsFunction;
  public readonly disconnect: nodejs.NodejsFunction;
  /** `$default`: every client frame. */
  public readonly defaultRoute: nodejs.NodejsFunction;
  /** All four, for alarms and reports. */
  public readonly all: readonly nodejs.NodejsFunction[];

  constructor(scope: Construct, id: string, props: ChatHandlersProps) {
    super(scope, id);
    const logRetention = props.logRetention ?? logs.RetentionDays.ONE_MONTH;

    const handler = (name: string, file: string, timeout: Duration, environment: Record<string, string>) => {
      const logGroup = new logs.LogGroup(this, `${name}Logs`, { retention: logRetention });
      // A role of its own rather than AWSLambdaBasicExecutionRole, which may write to any log group.
      const role = new iam.Role(this, `${name}Role`, {
        assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
        description: `Support chat ${name} function`,
      });
      logGroup.grantWrite(role);
      const fn = new nodejs.NodejsFunction(this, name, {
        entry: join(handlersDir, file),
        handler: 'handler',
        // esbuild runs at the repository root, where the workspaces' one lock file is.
        projectRoot: repoRoot,
        depsLockFilePath: join(repoRoot, 'package-lock.json'),
        runtime: lambda.Runtime.NODEJS_22_X,
        architecture: lambda.Architecture.ARM_64,
        memorySize: props.memorySize ?? 512,
        timeout,
        role,
        logGroup,
        environment: { ...environment, NODE_OPTIONS: '--enable-source-maps' },
        bundling: {
          format: nodejs.OutputFormat.ESM,
          // Prefer dependencies' ES module builds, which esbuild tree-shakes best.
          mainFields: ['module', 'main'],
          // CommonJS code inside an ES module bundle still calls require() for built-ins.
          banner: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
          minify: true,
          sourceMap: true,
          // Bundle the AWS SDK too: the version tested is the version deployed, and a
          // bundled, tree-shaken SDK loads faster than the runtime's full copy.
          externalModules: [],
          bundleAwsSDK: true,
        },
      });
      Validations.of(fn).acknowledge({
        id: 'AwsSolutions-L1',
        reason:
          'Node.js 22 on arm64 is the runtime the project targets and tests its handlers against; moving to a newer runtime is a deliberate upgrade, not a drift to follow silently.',
      });
      return fn;
    };

    this.authorizer = handler('Authorizer', 'authorizer.ts', Duration.seconds(10), {
      COGNITO_USER_POOL_ID: props.userPool.userPoolId,
      COGNITO_CLIENT_ID: props.userPoolClient.userPoolClientId,
    });

    const tableVariables = (...tables: TableDefinition[]) =>
      Object.fromEntries(tables.map((definition) => [definition.envVar, props.tables.byDefinition.get(definition)!.tableName]));
    this.connect = handler('Connect', 'connect.ts', Duration.seconds(10), tableVariables(connectionsTable));
    this.disconnect = handler('Disconnect', 'disconnect.ts', Duration.seconds(10), {
      ...tableVariables(connectionsTable, roomsTable),
      CONNECTIONS_ENDPOINT: props.api.connectionsEndpoint,
    });
    // API Gateway gives up on an integration after 29 s.
    this.defaultRoute = handler('DefaultRoute', 'default.ts', Duration.seconds(29), {
      ...tableVariables(...tables),
      CONNECTIONS_ENDPOINT: props.api.connectionsEndpoint,
      ALERT_TOPIC_ARN: props.alertTopic.topicArn,
      AGENT_CONSOLE_URL: props.agentConsoleUrl,
    });

    const { connections, rooms } = props.tables;
    connections.grantReadWriteData(this.connect);

    connections.grantReadWriteData(this.disconnect);
    rooms.grantReadData(this.disconnect);
    props.api.grantManageConnections(this.disconnect);

    for (const table of props.tables.byDefinition.values()) table.grantReadWriteData(this.defaultRoute);
    props.alertTopic.grantPublish(this.defaultRoute);
    props.api.grantManageConnections(this.defaultRoute);

    // The two wildcards those grants write, accepted on the roles they are granted to.
    for (const fn of [this.disconnect, this.defaultRoute]) {
      // Never undefined: each function runs as the role made for it above.
      const role = fn.role!;
      Validations.of(role).acknowledge({
        id: wildcardResourceFinding(this, props.api.connectionsArn),
        reason:
          'execute-api:ManageConnections on this API\'s own stage only; the wildcards stand for the HTTP verb (POST, GET, DELETE on @connections) and the connection id, which API Gateway assigns at runtime.',
      });
      Validations.of(role).acknowledge({
        // A table's grants cover its indexes as `{table ARN}/index/*`.
        id: wildcardResourceFinding(this, `${rooms.tableArn}/index/*`),
        reason:
          'The Rooms table\'s indexes (byActivity, the agents\' inbox), named under this table\'s own ARN; index names are part of the table definition in backend/src/tables.ts.',
      });
    }

    this.all = [this.authorizer, this.connect, this.disconnect, this.defaultRoute];
  }
}

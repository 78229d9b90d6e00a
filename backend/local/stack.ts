import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChatDeps } from '../src/chat/deps.ts';
import type { Log, LogValue } from '../src/chat/ports.ts';
import { makeAuthorizerHandler } from '../src/handlers/authorizer.ts';
import { makeConnectHandler } from '../src/handlers/connect.ts';
import { makeDefaultHandler } from '../src/handlers/default.ts';
import { makeDisconnectHandler } from '../src/handlers/disconnect.ts';
import type { SiteConfig } from '../src/protocol/index.ts';
import { agentVerifierFromEnv } from '../src/auth/agent-token.ts';
import { chatDepsFromEnv } from '../src/runtime/chat-deps.ts';
import { createDocumentClient } from '../src/store/dynamo.ts';
import { connectionsTable, messagesTable, roomsTable } from '../src/tables.ts';
import { type LocalCognito, startCognito } from './cognito.ts';
import { clearConnections, ensureTables, localTableName, type LocalDynamo, startDynalite } from './dynamodb.ts';
import { type GatewayHandlers, type LocalGateway, startGateway } from './gateway.ts';
import { assertPortFree, findFreePort } from './ports.ts';
import { type LocalSns, type ReceivedAlert, startSns } from './sns.ts';

export const LOCAL_REGION = 'local';

// The local stack runs on the developer's Node (20 here); production Lambdas run Node 22.
// The SDK's notice about its future Node 22 requirement is noise in this terminal.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export interface LocalPorts {
  gateway: number;
  dynamodb: number;
  cognito: number;
  sns: number;
}

/** Each port, its default, and the variable that moves it (also named when a port is taken). */
export const PORT_SETTINGS: Record<keyof LocalPorts, { envVar: string; default: number; service: string }> = {
  gateway: { envVar: 'GATEWAY_PORT', default: 8787, service: 'WebSocket gateway and @connections API' },
  dynamodb: { envVar: 'DYNAMODB_PORT', default: 8000, service: 'DynamoDB (dynalite)' },
  cognito: { envVar: 'COGNITO_PORT', default: 9229, service: 'Cognito (cognito-local)' },
  sns: { envVar: 'SNS_PORT', default: 8788, service: 'SNS alerts endpoint' },
};

/** Where `npm start` (and `npm run agents` without it) keeps its state: `DATA_DIR`, else the repository's `.data/`. */
export function localDataDir(): string {
  return process.env.DATA_DIR || fileURLToPath(new URL('../../.data', import.meta.url));
}

export interface LocalStackOptions {
  /** dynalite's and cognito-local's files live here; they survive a restart. */
  dataDir: string;
  /** 0 picks a free port (tests). @default each service's default port */
  ports?: Partial<LocalPorts>;
  /** Where the agent console is served: alerts link to it. @default http://localhost:5173/agent.html */
  agentConsoleUrl?: string;
  /** Shorter limits for tests. @default API Gateway's 10 min idle, 2 h maximum */
  gatewayLimits?: { idleTimeoutMs?: number; maxConnectionMs?: number };
  /** Connection events and warnings. @default silent */
  log?: (line: string) => void;
  /** Called for each alert the SNS endpoint receives. */
  onAlert?: (alert: ReceivedAlert) => void;
  /**
   * Where the gateway's handlers run, given the environment a Lambda function gets. The
   * bench spreads them over worker threads, as production spreads them over Lambdas.
   * @default the handlers, in this thread
   */
  handlers?: (env: Record<string, string>) => GatewayHandlers & { stop?(): Promise<void> };
}

export interface LocalStack {
  websocketUrl: string;
  dynamodbEndpoint: string;
  tableNames: { connections: string; messages: string; rooms: string };
  cognito: LocalCognito;
  sns: LocalSns;
  gateway: LocalGateway;
  /** The environment the handlers run with, as a Lambda function would have it. */
  handlerEnv: Record<string, string>;
  /** The handlers' collaborators, for tests that look at what was stored. */
  deps: ChatDeps;
  doc: DynamoDBDocumentClient;
  /** `config.json` for pages served next to this stack. */
  siteConfig: SiteConfig;
  stop(): Promise<void>;
}

/**
 * The whole backend on one machine: dynalite, cognito-local, the SNS endpoint and the
 * WebSocket gateway running the real Lambda handlers, wired through the same
 * environment variables the CDK stack sets in production.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const ports: LocalPorts = {
    gateway: options.ports?.gateway ?? PORT_SETTINGS.gateway.default,
    dynamodb: options.ports?.dynamodb ?? PORT_SETTINGS.dynamodb.default,
    cognito: options.ports?.cognito ?? PORT_SETTINGS.cognito.default,
    sns: options.ports?.sns ?? PORT_SETTINGS.sns.default,
  };
  for (const [name, port] of Object.entries(ports) as [keyof LocalPorts, number][]) {
    if (port !== 0) await assertPortFree(port, PORT_SETTINGS[name].service, PORT_SETTINGS[name].envVar);
  }
  const log = options.log ?? (() => {});
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => {});
  };

  try {
    const [dynamo, cognito, sns] = await Promise.all([
      startDynalite(ports.dynamodb, join(options.dataDir, 'dynamodb')).then(track),
      (ports.cognito === 0 ? findFreePort() : Promise.resolve(ports.cognito))
        .then((port) => startCognito(port, join(options.dataDir, 'cognito')))
        .then(track),
      startSns(ports.sns, (alert) => options.onAlert?.(alert)).then(track),
    ]);
    await ensureTables(dynamo.endpoint);

    const tableNames = {
      connections: localTableName(connectionsTable),
      messages: localTableName(messagesTable),
      rooms: localTableName(roomsTable),
    };
    const agentConsoleUrl = options.agentConsoleUrl ?? 'http://localhost:5173/agent.html';
    // The gateway's port must be known before the handlers' environment is: bind first.
    const gatewayPort = ports.gateway === 0 ? await findFreePort() : ports.gateway;
    const handlerEnv: Record<string, string> = {
      AWS_REGION: LOCAL_REGION,
      [connectionsTable.envVar]: tableNames.connections,
      [messagesTable.envVar]: tableNames.messages,
      [roomsTable.envVar]: tableNames.rooms,
      CONNECTIONS_ENDPOINT: `http://127.0.0.1:${gatewayPort}`,
      ALERT_TOPIC_ARN: sns.topicArn,
      AGENT_CONSOLE_URL: agentConsoleUrl,
      COGNITO_USER_POOL_ID: cognito.userPoolId,
      COGNITO_CLIENT_ID: cognito.clientId,
      COGNITO_LOCAL_ISSUER: cognito.issuer,
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      SNS_ENDPOINT: sns.endpoint,
    };
    const deps = chatDepsFromEnv(handlerEnv, localLog(log));
    await clearConnections(createDocumentClient({ endpoint: dynamo.endpoint, region: LOCAL_REGION }), tableNames.connections);

    const verifier = agentVerifierFromEnv(handlerEnv);
    const handlers = options.handlers?.(handlerEnv) ?? {
      authorizer: makeAuthorizerHandler(() => verifier),
      connect: makeConnectHandler(() => deps),
      disconnect: makeDisconnectHandler(() => deps),
      default: makeDefaultHandler(() => deps),
    };
    if (handlers.stop) stops.push(handlers.stop.bind(handlers));
    const gateway = track(
      await startGateway({
        port: gatewayPort,
        handlers,
        log,
        ...options.gatewayLimits,
      }),
    );

    return {
      websocketUrl: gateway.websocketUrl,
      dynamodbEndpoint: dynamo.endpoint,
      tableNames,
      cognito,
      sns,
      gateway,
      handlerEnv,
      deps,
      doc: createDocumentClient({ endpoint: dynamo.endpoint, region: LOCAL_REGION }),
      siteConfig: {
        websocketUrl: gateway.websocketUrl.replace('127.0.0.1', 'localhost'),
        region: LOCAL_REGION,
        userPoolId: cognito.userPoolId,
        userPoolClientId: cognito.clientId,
        cognitoEndpoint: cognito.endpoint.replace('127.0.0.1', 'localhost'),
        agentConsoleUrl,
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }

  function track<T extends { stop(): Promise<void> } | LocalDynamo>(part: T): T {
    stops.push(() => part.stop());
    return part;
  }
}

/**
 * Handler logs, locally: warnings and errors as one line each, then the stack of any
 * error they carry; routine info stays quiet.
 */
function localLog(print: (line: string) => void): Log {
  const line = (level: string, message: string, extra: Record<string, LogValue>[]) => {
    const fields = Object.assign({}, ...extra) as Record<string, LogValue>;
    const errors = Object.values(fields).filter((value): value is Error => value instanceof Error);
    const shown = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v instanceof Error ? `${v.name}: ${v.message}` : v]));
    print(`${level} ${message}${extra.length ? ` ${JSON.stringify(shown)}` : ''}`);
    for (const error of errors) if (error.stack) print(error.stack);
  };
  return {
    info: () => {},
    warn: (message, ...extra) => line('warn', message, extra),
    error: (message, ...extra) => line('error', message, extra),
  };
}

import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ChatDeps } from '../src/chat/deps.ts';
import type { Log, LogValue } from '../src/chat/ports.ts';
import { credentialsFromEnv, makeAuthorizerHandler } from '../src/handlers/authorizer.ts';
import { makeChecksHandler } from '../src/handlers/checks.ts';
import { makeConnectHandler } from '../src/handlers/connect.ts';
import { makeDefaultHandler } from '../src/handlers/default.ts';
import { makeDisconnectHandler } from '../src/handlers/disconnect.ts';
import { makeHttpHandler } from '../src/handlers/http.ts';
import { makeScanResultHandler } from '../src/handlers/scan-result.ts';
import { type IdentityMode, identityModeFromEnv } from '../src/identity/identity-verifier.ts';
import { type SiteConfig, type TeamSettings, WEEKDAYS } from '../src/protocol/index.ts';
import { chatDepsFromEnv } from '../src/runtime/chat-deps.ts';
import { withoutEmailAddresses } from '../src/runtime/logger.ts';
import { createDocumentClient } from '../src/store/dynamo.ts';
import { connectionsTable, messagesTable, roomsTable, teamTable } from '../src/tables.ts';
import { defaultTeamSettings } from '../src/team-defaults.ts';
import { type AwsStandIns, startAwsStandIns } from './aws-stand-ins.ts';
import { type LocalCognito, startCognito } from './cognito.ts';
import { clearConnections, ensureTables, type LocalDynamo, localTableName, startDynalite } from './dynamodb.ts';
import { type GatewayHandlers, type LocalGateway, startGateway } from './gateway.ts';
import { assertPortFree } from './ports.ts';
import { type LocalS3, startS3 } from './s3.ts';
import { LocalSecrets } from './secrets.ts';
import { type LocalSes, startSes } from './ses.ts';
import { LocalSns, type ReceivedAlert } from './sns.ts';
import { LOCAL_QUEUE_NAME, LocalQueue } from './sqs.ts';

export const LOCAL_REGION = 'local';

/**
 * The demo's team, "Practical Cloud": open around the clock in this machine's time zone, so
 * that whether it is available depends on the demo agent alone (signed in and not Away),
 * whatever the hour someone tries it, and the tests do not depend on the time they run at.
 */
export function localTeamDefaults(): TeamSettings {
  const settings = defaultTeamSettings({ name: 'Practical Cloud', timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone });
  const allDay = [{ from: '00:00', to: '24:00' }];
  return { ...settings, hours: { ...settings.hours, weekly: Object.fromEntries(WEEKDAYS.map((day) => [day, allDay])) } };
}

// The local stack runs on the developer's Node (20 here); production Lambdas run Node 22.
// The SDK's notice about its future Node 22 requirement is noise in this terminal.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export interface LocalPorts {
  gateway: number;
  dynamodb: number;
  cognito: number;
  aws: number;
  ses: number;
  s3: number;
}

/** Each port, its default, and the variable that moves it (also named when a port is taken). */
export const PORT_SETTINGS: Record<keyof LocalPorts, { envVar: string; default: number; service: string }> = {
  gateway: { envVar: 'GATEWAY_PORT', default: 8787, service: 'WebSocket gateway and @connections API' },
  dynamodb: { envVar: 'DYNAMODB_PORT', default: 8000, service: 'DynamoDB (dynalite)' },
  cognito: { envVar: 'COGNITO_PORT', default: 9229, service: 'Cognito (cognito-local)' },
  aws: { envVar: 'AWS_PORT', default: 8788, service: 'SNS, SQS and Secrets Manager stand-ins' },
  ses: { envVar: 'SES_PORT', default: 8005, service: 'SES (aws-ses-v2-local)' },
  s3: { envVar: 'S3_PORT', default: 8789, service: 'S3 (s3rver, behind a check of upload policies)' },
};

/** Where `npm start` (and `npm run agents` without it) keeps its state: `DATA_DIR`, else the repository's `.data/`. */
export function localDataDir(): string {
  return process.env.DATA_DIR || fileURLToPath(new URL('../../.data', import.meta.url));
}

/** The sender of the local stack's emails (any address will do: the local SES sends nothing out). */
export const LOCAL_MAIL_FROM = 'Practical Cloud Support <support@practical-cloud.example>';

export interface LocalStackOptions {
  /** dynalite's, cognito-local's and the secrets' files live here; they survive a restart. */
  dataDir: string;
  /** 0 picks a free port (tests). @default each service's default port */
  ports?: Partial<LocalPorts>;
  /**
   * The demo site the stack serves (alerts link to its /agent.html, emails to its /, and
   * its /api/ is the public HTTP API). @default http://localhost:5173
   */
  siteUrl?: string;
  /** Shorter limits for tests. @default API Gateway's 10 min idle, 2 h maximum */
  gatewayLimits?: { idleTimeoutMs?: number; maxConnectionMs?: number };
  /**
   * How long an agent's reply may stay unread before it is emailed.
   * @default FOLLOW_UP_DELAY_SECONDS, else 30 s (production: 3 minutes)
   */
  followUpDelaySeconds?: number;
  /** The team's settings until an admin changes them. @default localTeamDefaults() */
  teamDefaults?: TeamSettings;
  /** Connection events and warnings. @default silent */
  log?: (line: string) => void;
  /**
   * Files wait for a malware scan's verdict (`MALWARE_SCAN=on`). Nothing scans locally:
   * a test gives the verdict, invoking `scanResult` with an event of GuardDuty's shape.
   * @default false
   */
  malwareScan?: boolean;
  /**
   * How the stack treats visitors' identity tokens (`IDENTITY_MODE`).
   * @default the IDENTITY_MODE environment variable, else 'optional'
   */
  identityMode?: IdentityMode;
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
  tableNames: { connections: string; messages: string; rooms: string; team: string };
  cognito: LocalCognito;
  sns: LocalSns;
  ses: LocalSes;
  /** The check queue (SQS), delivering to the checks handler: email follow-ups, escalations, absent assignees. */
  checkQueue: LocalQueue;
  /** SNS, SQS and Secrets Manager. */
  aws: AwsStandIns;
  /** The attachments' bucket. */
  s3: LocalS3;
  gateway: LocalGateway;
  /** The scan-result handler (GuardDuty's results, through EventBridge, in production), for tests to call. */
  scanResult: ReturnType<typeof makeScanResultHandler>;
  /** The public HTTP API's handler (/team.json, /unsubscribe), mounted by the demo site under /api/. */
  http: ReturnType<typeof makeHttpHandler>;
  /**
   * Verified identity, locally: the audience tokens must name and the current value of the
   * identity secret (Secrets Manager's), with which the demo's token endpoint and the tests
   * sign tokens as a company's backend would.
   */
  identity: { mode: IdentityMode; audience: string; secretValue(): string };
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
 * The whole backend on one machine: dynalite, cognito-local, the local SES, the SNS, SQS
 * and Secrets Manager stand-ins, and the WebSocket gateway running the real Lambda
 * handlers, wired through the same environment variables the CDK stack sets in production.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const ports = Object.fromEntries(
    (Object.keys(PORT_SETTINGS) as (keyof LocalPorts)[]).map((name) => [name, options.ports?.[name] ?? PORT_SETTINGS[name].default]),
  ) as unknown as LocalPorts;
  for (const [name, port] of Object.entries(ports) as [keyof LocalPorts, number][]) {
    if (port !== 0) await assertPortFree(port, PORT_SETTINGS[name].service, PORT_SETTINGS[name].envVar);
  }
  const log = options.log ?? (() => {});
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => {});
  };

  try {
    await mkdir(options.dataDir, { recursive: true });
    const sns = new LocalSns((alert) => options.onAlert?.(alert));
    const secrets = await LocalSecrets.open(join(options.dataDir, 'secrets.json'));
    let queue: LocalQueue | undefined;
    const siteUrl = (options.siteUrl ?? 'http://localhost:5173').replace(/\/$/, '');
    const [dynamo, cognito, ses, aws, s3] = await Promise.all([
      startDynalite(ports.dynamodb, join(options.dataDir, 'dynamodb')).then(track),
      startCognito(ports.cognito, join(options.dataDir, 'cognito')).then(track),
      startSes(ports.ses).then(track),
      startAwsStandIns(ports.aws, { sns, secrets, queue: () => queue! }).then(track),
      // Pages on any loopback origin may upload: the test runners serve theirs on ports of their own.
      startS3(ports.s3, join(options.dataDir, 's3'), [new URL(siteUrl).origin, 'http://localhost:*', 'http://127.0.0.1:*']).then(track),
    ]);
    await ensureTables(dynamo.endpoint);

    const tableNames = {
      connections: localTableName(connectionsTable),
      messages: localTableName(messagesTable),
      rooms: localTableName(roomsTable),
      team: localTableName(teamTable),
    };
    const agentConsoleUrl = `${siteUrl}/agent.html`;
    const identityMode = options.identityMode ?? identityModeFromEnv({ IDENTITY_MODE: process.env.IDENTITY_MODE || 'optional' });
    const publicApiUrl = `${siteUrl}/api`;
    const queueUrl = `${aws.endpoint}/000000000000/${LOCAL_QUEUE_NAME}`;
    // The handlers' environment names the gateway's address, so the gateway listens first (a
    // port picked now and bound later could be taken meanwhile); upgrades wait for the handlers.
    let serve!: (handlers: GatewayHandlers) => void;
    const gateway = track(
      await startGateway({
        port: ports.gateway,
        handlers: new Promise<GatewayHandlers>((resolve) => (serve = resolve)),
        log,
        ...options.gatewayLimits,
      }),
    );
    const handlerEnv: Record<string, string> = {
      AWS_REGION: LOCAL_REGION,
      [connectionsTable.envVar]: tableNames.connections,
      [messagesTable.envVar]: tableNames.messages,
      [roomsTable.envVar]: tableNames.rooms,
      [teamTable.envVar]: tableNames.team,
      TEAM_DEFAULTS: JSON.stringify(options.teamDefaults ?? localTeamDefaults()),
      CONNECTIONS_ENDPOINT: gateway.connectionsEndpoint,
      ALERT_TOPIC_ARN: sns.topicArn,
      AGENT_CONSOLE_URL: agentConsoleUrl,
      CONVERSATION_URL: `${siteUrl}/`,
      PUBLIC_API_URL: publicApiUrl,
      MAIL_FROM: LOCAL_MAIL_FROM,
      CHECK_QUEUE_URL: queueUrl,
      FOLLOW_UP_DELAY_SECONDS: String(options.followUpDelaySeconds ?? followUpDelayFromEnv()),
      LINK_SECRET_ARN: await secrets.ensure('support-chat/link-secret'),
      IDENTITY_MODE: identityMode,
      IDENTITY_AUDIENCE: LOCAL_IDENTITY_AUDIENCE,
      IDENTITY_SECRET_ARN: await secrets.ensure(LOCAL_IDENTITY_SECRET, () =>
        JSON.stringify({ kid: 'local-1', secret: randomBytes(32).toString('base64url') }),
      ),
      COGNITO_USER_POOL_ID: cognito.userPoolId,
      COGNITO_CLIENT_ID: cognito.clientId,
      COGNITO_LOCAL_ISSUER: cognito.issuer,
      COGNITO_ENDPOINT: cognito.endpoint,
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      SNS_ENDPOINT: aws.endpoint,
      SQS_ENDPOINT: aws.endpoint,
      SECRETS_ENDPOINT: aws.endpoint,
      SES_ENDPOINT: ses.endpoint,
      ATTACHMENTS_BUCKET: s3.bucket,
      S3_ENDPOINT: s3.endpoint,
      ...(options.malwareScan && { MALWARE_SCAN: 'on' }),
    };
    const deps = chatDepsFromEnv(handlerEnv, withoutEmailAddresses(localLog(log)));
    await clearConnections(createDocumentClient({ endpoint: dynamo.endpoint, region: LOCAL_REGION }), tableNames.connections);

    const credentials = credentialsFromEnv(handlerEnv, deps.links);
    const handlers = options.handlers?.(handlerEnv) ?? {
      authorizer: makeAuthorizerHandler(
        () => credentials,
        (line) => log(line),
      ),
      connect: makeConnectHandler(() => deps),
      disconnect: makeDisconnectHandler(() => deps),
      default: makeDefaultHandler(() => deps),
    };
    if (handlers.stop) stops.push(handlers.stop.bind(handlers));
    const checks = makeChecksHandler(() => deps);
    const checkQueue = new LocalQueue(queueUrl, { consume: checks, log });
    queue = checkQueue;
    stops.push(() => checkQueue.stop());
    serve(handlers);

    return {
      websocketUrl: gateway.websocketUrl,
      dynamodbEndpoint: dynamo.endpoint,
      tableNames,
      cognito,
      sns,
      ses,
      checkQueue,
      aws,
      s3,
      gateway,
      http: makeHttpHandler(() => ({ ...deps, identity: credentials.identity })),
      scanResult: makeScanResultHandler(() => ({ ...deps, files: deps.files!, bucket: s3.bucket })),
      identity: { mode: identityMode, audience: LOCAL_IDENTITY_AUDIENCE, secretValue: () => secrets.value(LOCAL_IDENTITY_SECRET)! },
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
        publicApiUrl,
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

/** What the local stack's identity tokens must say in `aud`, and the secret that signs them. */
export const LOCAL_IDENTITY_AUDIENCE = 'support-chat-local';
const LOCAL_IDENTITY_SECRET = 'support-chat/identity-secret';

/** `FOLLOW_UP_DELAY_SECONDS` for `npm start`, else 30 s: a person trying the demo sees the email soon. */
function followUpDelayFromEnv(): number {
  const raw = process.env.FOLLOW_UP_DELAY_SECONDS;
  const seconds = raw === undefined || raw === '' ? 30 : Number(raw);
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > 900)
    throw new Error(`FOLLOW_UP_DELAY_SECONDS=${raw} is not a number of seconds from 0 to 900.`);
  return seconds;
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

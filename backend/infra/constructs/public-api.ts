import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { roomsTable, teamTable } from '../../src/tables.ts';
import { wildcardResourceFinding } from '../nag-findings.ts';
import type { ChatTables } from './chat-tables.ts';
import { handlerFunction } from './handler-function.ts';
import type { IdentityKeys } from './identity-keys.ts';

/** The path the site's CloudFront distribution serves the public API under. */
export const PUBLIC_API_PATH = '/api';

/**
 * The access log line, one JSON object per request. No query string: it holds the
 * unsubscribe links' tokens. `$context.path` is the path alone.
 */
export const PUBLIC_API_ACCESS_LOG_FORMAT: Readonly<Record<string, string>> = {
  requestId: '$context.requestId',
  time: '$context.requestTime',
  method: '$context.httpMethod',
  path: '$context.path',
  status: '$context.status',
  latency: '$context.integrationLatency',
};

export interface PublicApiProps {
  readonly tables: ChatTables;
  readonly linkSecret: secretsmanager.ISecret;
  readonly teamDefaults: string;
  /** How customers' identity tokens are checked: `POST /api/identity` says why one is refused, team.json the mode. */
  readonly identity: IdentityKeys;
  /** Whether the deployment sends email (the team status tells widgets). */
  readonly mailFrom?: string;
  /**
   * Requests a second the API takes, and bursts; CloudFront caches team.json in front of it.
   * @default 50 a second, bursts of 100
   */
  readonly throttle?: { rate: number; burst: number };
  readonly memorySize?: number;
  readonly logRetention?: logs.RetentionDays;
}

/**
 * The public HTTP API (API Gateway HTTP API): `GET /api/team.json` for widgets that have not
 * connected yet, `/api/unsubscribe` and `/api/resume` for the links in emails, and
 * `POST /api/identity`, which tells a widget why a customer's identity token was refused.
 * It is served through the site's CloudFront distribution (SiteHosting), on the site's own
 * origin.
 */
export class PublicApi extends Construct {
  public readonly api: apigwv2.HttpApi;
  public readonly stage: apigwv2.HttpStage;
  public readonly function: lambda.Function;
  /** The stage's access log. */
  public readonly accessLogGroup: logs.LogGroup;
  /** `{api id}.execute-api.{region}.{suffix}`: CloudFront's origin. */
  public readonly domainName: string;
  private linkUrlsGiven = false;

  constructor(scope: Construct, id: string, props: PublicApiProps) {
    super(scope, id);
    this.function = handlerFunction(this, 'Function', {
      file: 'http.ts',
      timeout: Duration.seconds(10),
      memorySize: props.memorySize,
      logRetention: props.logRetention,
      environment: {
        [roomsTable.envVar]: props.tables.rooms.tableName,
        ...props.tables.retentionVariables,
        [teamTable.envVar]: props.tables.team.tableName,
        TEAM_DEFAULTS: props.teamDefaults,
        LINK_SECRET_ARN: props.linkSecret.secretArn,
        ...(props.mailFrom && { MAIL_FROM: props.mailFrom }),
        ...props.identity.variables,
      },
    });
    props.tables.rooms.grantReadWriteData(this.function);
    // Reading the team's status may store the reply time it measured.
    props.tables.team.grantReadWriteData(this.function);
    props.linkSecret.grantRead(this.function);
    props.identity.grantRead(this.function);
    Validations.of(this.function.role!).acknowledge({
      id: wildcardResourceFinding(this, `${props.tables.rooms.tableArn}/index/*`),
      reason:
        "The Rooms table's indexes, named under this table's own ARN; the function uses none, but a table's read-write grant covers them.",
    });

    this.api = new apigwv2.HttpApi(this, 'Api', {
      apiName: `${Stack.of(this).stackName}-public`,
      description: 'Support chat: the team status for widgets, unsubscribe links for emails',
      createDefaultStage: false,
    });
    this.accessLogGroup = new logs.LogGroup(this, 'AccessLogs', { retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH });
    const throttle = props.throttle ?? { rate: 50, burst: 100 };
    this.stage = new apigwv2.HttpStage(this, 'Stage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: throttle.rate, burstLimit: throttle.burst },
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(this.accessLogGroup),
        format: apigateway.AccessLogFormat.custom(JSON.stringify(PUBLIC_API_ACCESS_LOG_FORMAT)),
      },
    });
    const integration = new HttpLambdaIntegration('Handler', this.function);
    this.api.addRoutes({ path: `${PUBLIC_API_PATH}/team.json`, methods: [apigwv2.HttpMethod.GET], integration });
    this.api.addRoutes({ path: `${PUBLIC_API_PATH}/unsubscribe`, methods: [apigwv2.HttpMethod.GET, apigwv2.HttpMethod.POST], integration });
    this.api.addRoutes({ path: `${PUBLIC_API_PATH}/resume`, methods: [apigwv2.HttpMethod.POST], integration });
    this.api.addRoutes({ path: `${PUBLIC_API_PATH}/identity`, methods: [apigwv2.HttpMethod.POST], integration });
    for (const route of this.api.node.findAll().filter((c): c is apigwv2.HttpRoute => c instanceof apigwv2.HttpRoute)) {
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          "Public by design: team.json holds only the team's hours and whether anyone is available (what the widget shows every visitor), and an unsubscribe, resume or identity request carries its own signed token, checked by the function (an identity token is only checked there, never stored).",
      });
    }
    this.domainName = `${this.api.apiId}.execute-api.${this.api.stack.region}.${this.api.stack.urlSuffix}`;
    this.node.addValidation({
      validate: () =>
        this.linkUrlsGiven ? [] : ["PublicApi: call useLinkUrls() with the site's URLs; the handler cannot start without them"],
    });
  }

  /**
   * The attachments bucket's variables (`ATTACHMENTS_BUCKET`, `ATTACHMENT_MAX_BYTES`): the
   * team's status tells widgets the largest file, or that there are no files. The bucket
   * is made after the site, which serves this API, hence after this construct.
   */
  useAttachments(variables: Readonly<Record<string, string>>): void {
    for (const [name, value] of Object.entries(variables)) this.function.addEnvironment(name, value);
  }

  /**
   * The URLs signed links are made of (`CONVERSATION_URL`, `PUBLIC_API_URL`). The handler
   * only checks links, but it builds its checker with the same `linksFromEnv` as the
   * functions that make them, which requires both: without them every request fails. They
   * are the site's, and the site serves this API, so they come after this construct.
   */
  useLinkUrls(urls: { conversationUrl: string; publicApiUrl: string }): void {
    this.function.addEnvironment('CONVERSATION_URL', urls.conversationUrl);
    this.function.addEnvironment('PUBLIC_API_URL', urls.publicApiUrl);
    this.linkUrlsGiven = true;
  }
}

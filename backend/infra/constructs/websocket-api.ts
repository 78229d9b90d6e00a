import { RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { managedPolicyFinding } from '../nag-findings.ts';

/**
 * The access log line, one JSON object per connect, message and disconnect. The visitor
 * key and the agent's ID token travel in the query string, so nothing that echoes the
 * request goes in here: no `$context.identity.*`, no query string, no headers, no body.
 */
export const ACCESS_LOG_FORMAT: Readonly<Record<string, string>> = {
  requestId: '$context.requestId',
  extendedRequestId: '$context.extendedRequestId',
  requestTime: '$context.requestTime',
  eventType: '$context.eventType',
  routeKey: '$context.routeKey',
  connectionId: '$context.connectionId',
  messageId: '$context.messageId',
  status: '$context.status',
  errorType: '$context.error.responseType',
  error: '$context.error.message',
  authorizeStatus: '$context.authorize.status',
  authorizeLatency: '$context.authorize.latency',
  authorizerError: '$context.authorizer.error',
  // A visitor's principal is the room id, which grants nothing (docs/architecture.md, "A room per visitor session").
  principalId: '$context.authorizer.principalId',
  integrationStatus: '$context.integration.status',
  integrationLatency: '$context.integration.latency',
  integrationError: '$context.integration.error',
};

export interface WebSocketApiProps {
  /**
   * The stage name, the last segment of the WebSocket URL.
   * @default 'prod'
   */
  readonly stageName?: string;
  /**
   * Steady-state requests (connects and frames) per second the stage accepts across all
   * connections. The protocol's own limit of 10 frames a second per connection still applies.
   * @default 500
   */
  readonly throttlingRateLimit?: number;
  /**
   * Requests the stage accepts in a burst above the steady rate.
   * @default 1000
   */
  readonly throttlingBurstLimit?: number;
  /**
   * How long access log lines are kept.
   * @default logs.RetentionDays.THREE_MONTHS
   */
  readonly accessLogRetention?: logs.RetentionDays;
  /**
   * Whether this stack sets the region's API Gateway account setting (the CloudWatch Logs
   * role), which WebSocket access logging needs. Turn it off in an account where another
   * stack already manages that setting.
   * @default true
   */
  readonly manageAccountLoggingRole?: boolean;
}

/** An API Gateway WebSocket API with its stage and access log; routes are added by {@link WebSocketRoutes}. */
export class WebSocketApi extends Construct {
  public readonly api: apigwv2.CfnApi;
  public readonly stage: apigwv2.CfnStage;
  public readonly accessLogGroup: logs.LogGroup;
  public readonly apiId: string;
  public readonly stageName: string;
  /** `wss://{apiId}.execute-api.{region}.amazonaws.com`, for a Content-Security-Policy's connect-src. */
  public readonly origin: string;
  /** The URL clients connect to: `wss://{apiId}.execute-api.{region}.amazonaws.com/{stage}`. */
  public readonly url: string;
  /** The `@connections` management API: `https://{apiId}.execute-api.{region}.amazonaws.com/{stage}`. */
  public readonly connectionsEndpoint: string;
  /** The ARN of every connection of this stage's `@connections` API: what {@link grantManageConnections} grants. */
  public readonly connectionsArn: string;
  /**
   * The role API Gateway writes the region's REST and WebSocket logs with, named in the
   * account setting; none when `manageAccountLoggingRole` is false.
   */
  public readonly cloudWatchRole?: iam.Role;

  constructor(scope: Construct, id: string, props: WebSocketApiProps = {}) {
    super(scope, id);
    const stack = Stack.of(this);
    this.stageName = props.stageName ?? 'prod';

    this.api = new apigwv2.CfnApi(this, 'Api', {
      name: `${stack.stackName}-chat`,
      description: 'Support chat WebSocket API (wire protocol v1)',
      protocolType: 'WEBSOCKET',
      routeSelectionExpression: '$request.body.action',
    });
    this.apiId = this.api.ref;

    const host = `${this.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`;
    this.origin = `wss://${host}`;
    this.url = `wss://${host}/${this.stageName}`;
    this.connectionsEndpoint = `https://${host}/${this.stageName}`;
    // The wildcards stand for the HTTP verb (POST, GET, DELETE on @connections) and the
    // connection id, which API Gateway assigns at runtime.
    this.connectionsArn = stack.formatArn({
      service: 'execute-api',
      resource: this.apiId,
      resourceName: `${this.stageName}/*/@connections/*`,
    });

    this.accessLogGroup = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.accessLogRetention ?? logs.RetentionDays.THREE_MONTHS,
    });

    this.stage = new apigwv2.CfnStage(this, 'Stage', {
      apiId: this.apiId,
      stageName: this.stageName,
      // Every route change deploys itself; a hand-made CfnDeployment would go stale.
      autoDeploy: true,
      defaultRouteSettings: {
        throttlingRateLimit: props.throttlingRateLimit ?? 500,
        throttlingBurstLimit: props.throttlingBurstLimit ?? 1000,
        // Execution logs at INFO record the incoming identity and data traces record whole
        // requests, secrets included; the access log carries the errors instead.
        loggingLevel: 'OFF',
        dataTraceEnabled: false,
      },
      accessLogSettings: {
        destinationArn: this.accessLogGroup.logGroupArn,
        format: JSON.stringify(ACCESS_LOG_FORMAT),
      },
    });

    if (props.manageAccountLoggingRole ?? true) {
      // API Gateway writes REST and WebSocket logs with the role in the account setting.
      const pushToLogs = iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AmazonAPIGatewayPushToCloudWatchLogs');
      this.cloudWatchRole = new iam.Role(this, 'CloudWatchRole', {
        assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com'),
        managedPolicies: [pushToLogs],
      });
      Validations.of(this.cloudWatchRole).acknowledge({
        id: managedPolicyFinding(this, pushToLogs),
        reason:
          "This role is the region-wide API Gateway account setting, used for every REST and WebSocket API's logs in the account (log groups named at runtime); AWS maintains this policy for exactly that purpose.",
      });
      // The account setting outlives this stack (CloudFormation does not reset it), so the
      // role it names must too, or every API in the region stops logging.
      this.cloudWatchRole.applyRemovalPolicy(RemovalPolicy.RETAIN);
      const account = new apigateway.CfnAccount(this, 'Account', { cloudWatchRoleArn: this.cloudWatchRole.roleArn });
      this.stage.node.addDependency(account);
    }
  }

  /** Lets a function send to, inspect and close this stage's connections, and nothing else. */
  grantManageConnections(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({ grantee, actions: ['execute-api:ManageConnections'], resourceArns: [this.connectionsArn] });
  }
}

export interface WebSocketRoutesProps {
  /** The API the routes belong to. */
  readonly api: WebSocketApi;
  /** The Lambda REQUEST authorizer of `$connect`. */
  readonly authorizer: lambda.IFunction;
  /** `$connect`, run after the authorizer allowed the upgrade. */
  readonly connect: lambda.IFunction;
  /** `$disconnect`. */
  readonly disconnect: lambda.IFunction;
  /** `$default`: every client frame, whatever its `action`. */
  readonly defaultRoute: lambda.IFunction;
}

/** The three routes of the chat API, each a Lambda proxy integration, and `$connect`'s authorizer. */
export class WebSocketRoutes extends Construct {
  public readonly authorizer: apigwv2.CfnAuthorizer;
  public readonly connectRoute: apigwv2.CfnRoute;
  public readonly disconnectRoute: apigwv2.CfnRoute;
  public readonly defaultRoute: apigwv2.CfnRoute;

  constructor(scope: Construct, id: string, props: WebSocketRoutesProps) {
    super(scope, id);
    const { api } = props;
    const stack = Stack.of(this);
    const executeApiArn = (resourceName: string) => stack.formatArn({ service: 'execute-api', resource: api.apiId, resourceName });

    this.authorizer = new apigwv2.CfnAuthorizer(this, 'Authorizer', {
      apiId: api.apiId,
      name: 'visitor-key-or-agent-token',
      authorizerType: 'REQUEST',
      authorizerUri: invocationUri(stack, props.authorizer),
      // No identity sources. API Gateway refuses a connect (401, without calling the
      // function) unless every listed source is present, and the protocol has two
      // alternatives: `visitorKey` for visitors, `token` for agents. Listing both would
      // refuse everyone and listing one would refuse the other kind of caller, so the
      // function itself decides from the query string. WebSocket authorizers do not cache
      // results (AuthorizerResultTtlInSeconds is HTTP-API only), so there is no cache key
      // to lose either: every connect is checked.
    });
    props.authorizer.addPermission('InvokeByApiGatewayAuthorizer', {
      principal: new iam.ServicePrincipal('apigateway.amazonaws.com'),
      sourceArn: executeApiArn(`authorizers/${this.authorizer.ref}`),
    });

    const route = (routeKey: string, id: string, fn: lambda.IFunction, authorizer?: apigwv2.CfnAuthorizer) => {
      const integration = new apigwv2.CfnIntegration(this, `${id}Integration`, {
        apiId: api.apiId,
        integrationType: 'AWS_PROXY',
        integrationUri: invocationUri(stack, fn),
      });
      const cfnRoute = new apigwv2.CfnRoute(this, `${id}Route`, {
        apiId: api.apiId,
        routeKey,
        target: `integrations/${integration.ref}`,
        authorizationType: authorizer ? 'CUSTOM' : 'NONE',
        ...(authorizer && { authorizerId: authorizer.ref }),
      });
      fn.addPermission(`InvokeByApiGateway${id}`, {
        principal: new iam.ServicePrincipal('apigateway.amazonaws.com'),
        sourceArn: executeApiArn(`${api.stageName}/${routeKey}`),
      });
      // The stage deploys itself on change; make its first deployment see every route.
      api.stage.node.addDependency(cfnRoute);
      return cfnRoute;
    };
    this.connectRoute = route('$connect', 'Connect', props.connect, this.authorizer);
    this.disconnectRoute = route('$disconnect', 'Disconnect', props.disconnect);
    this.defaultRoute = route('$default', 'Default', props.defaultRoute);
    for (const unauthorized of [this.disconnectRoute, this.defaultRoute]) {
      Validations.of(unauthorized).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          "API Gateway WebSocket APIs authorize only the $connect route; $disconnect and $default run on a connection the $connect authorizer already admitted, and the handlers look up that connection's identity by its id.",
      });
    }
  }
}

function invocationUri(stack: Stack, fn: lambda.IFunction): string {
  return `arn:${stack.partition}:apigateway:${stack.region}:lambda:path/2015-03-31/functions/${fn.functionArn}/invocations`;
}

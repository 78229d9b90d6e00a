import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { App, CfnElement, type Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import type { Asset } from 'aws-cdk-lib/aws-s3-assets';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMINS_GROUP, AGENTS_GROUP } from '../src/protocol/agents.ts';
import { connectionsTable, messagesTable, roomsTable, tables, teamTable } from '../src/tables.ts';
import { defaultTeamSettings } from '../src/team-defaults.ts';
import { PUBLIC_API_ACCESS_LOG_FORMAT } from './constructs/public-api.ts';
import { ACCESS_LOG_FORMAT } from './constructs/websocket-api.ts';
import { SupportChatStack } from './support-chat-stack.ts';
import { cdkJsonContext, makeOutdirs, makeSiteDirectory, render } from './test-support.ts';

type Resource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string; DependsOn?: string[] };

const MAIL_FROM = 'Practical Cloud <support@practical-cloud.example>';
const TEAM_NAME = 'Practical Cloud';
const TIME_ZONE = 'Europe/Berlin';

let outdir: string;
let siteDirectory: string;
let app: App;
let stack: SupportChatStack;
let template: Template;
let resources: Record<string, Resource>;
/** The folders of the other apps this file synthesizes. */
const outdirs = makeOutdirs();
afterAll(() => outdirs.remove());

const logicalId = (inStack: Stack, construct: IConstruct) =>
  inStack.getLogicalId((CfnElement.isCfnElement(construct) ? construct : construct.node.defaultChild) as CfnElement);
const id = (construct: IConstruct) => logicalId(stack, construct);
const ofType = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);
/** The resources of a type that belong to one API Gateway v2 API (its routes, stages, integrations). */
const ofApi = (type: string, api: IConstruct) => ofType(type).filter(([, resource]) => resource.Properties.ApiId?.Ref === id(api));
/** The SES sender, which the test app turns on. */
const email = () => stack.email!;
/** The check queue and its function, in every deployment. */
const checks = () => stack.checks;

/** Every Lambda function of the product, by a short name (CDK's own helper functions aside). */
const productFunctions = (s: SupportChatStack) => ({
  authorizer: s.handlers.authorizer,
  connect: s.handlers.connect,
  disconnect: s.handlers.disconnect,
  defaultRoute: s.handlers.defaultRoute,
  publicApi: s.publicApi.function,
  checks: s.checks.function,
});
const allFunctions = () => Object.values(productFunctions(stack));

/** A synthesized stack without bundling (for what the template says, not what the code does). */
function synthesizeBare(context: Record<string, unknown>, name = 'Bare'): SupportChatStack {
  const bare = new App({ outdir: outdirs.next(), context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [], ...context } });
  return new SupportChatStack(bare, name, { siteDirectory });
}

/** A function's environment as text, tokens as `${LogicalId}`. */
function environmentIn(inStack: Stack, template: Template, fn: IConstruct): Record<string, string> {
  const fnResources = template.toJSON().Resources as Record<string, Resource>;
  const variables = fnResources[logicalId(inStack, fn)]!.Properties.Environment.Variables as Record<string, unknown>;
  return Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, render(v)]));
}

/**
 * Each product function's environment as the stack should give it: the variables of what
 * its handler builds (backend/src/handlers) and nothing else. TEAM_DEFAULTS is checked on
 * its own ("team defaults").
 */
function expectedEnvironments(s: SupportChatStack) {
  const ref = (construct: IConstruct) => `\${${logicalId(s, construct)}}`;
  const siteUrl = `https://\${${logicalId(s, s.site.distribution)}.DomainName}`;
  const NODE_OPTIONS = '--enable-source-maps';
  const TEAM_DEFAULTS = expect.any(String) as unknown as string;
  const mail = s.email ? { MAIL_FROM } : {};
  const links = { LINK_SECRET_ARN: ref(s.linkSecret), CONVERSATION_URL: `${siteUrl}/`, PUBLIC_API_URL: `${siteUrl}/api` };
  const CHECK_QUEUE_URL = ref(s.checks.queue);
  // The team's status says the largest file (absent: no files), so whoever publishes it knows the bucket.
  const files = { ATTACHMENTS_BUCKET: ref(s.attachments.bucket), ATTACHMENT_MAX_BYTES: '10485760' };
  const presence = {
    CONNECTIONS_TABLE: ref(s.tables.connections),
    ROOMS_TABLE: ref(s.tables.rooms),
    TEAM_TABLE: ref(s.tables.team),
    RETENTION_DAYS: '365',
    CONNECTIONS_ENDPOINT: `https://${ref(s.webSocket.api)}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}/prod`,
    TEAM_DEFAULTS,
    ...mail,
    ...files,
    NODE_OPTIONS,
  };
  return {
    authorizer: {
      COGNITO_USER_POOL_ID: ref(s.agents.userPool),
      COGNITO_CLIENT_ID: ref(s.agents.client),
      LINK_SECRET_ARN: ref(s.linkSecret),
      // Off unless -c identityMode says otherwise (identity.test.ts).
      IDENTITY_MODE: 'off',
      NODE_OPTIONS,
    },
    // The messages too: a signed-in customer's $connect may carry a conversation over (identity.test.ts).
    connect: { ...presence, MESSAGES_TABLE: ref(s.tables.messages) },
    // An agent's last console closing schedules the check that unassigns them if they stay away.
    disconnect: { ...presence, CHECK_QUEUE_URL },
    defaultRoute: {
      ...presence,
      MESSAGES_TABLE: ref(s.tables.messages),
      ALERT_TOPIC_ARN: ref(s.alerts.topic),
      AGENT_CONSOLE_URL: `${siteUrl}/agent.html`,
      ...links,
      CHECK_QUEUE_URL,
      // The admins' directory of agents.
      COGNITO_USER_POOL_ID: ref(s.agents.userPool),
    },
    publicApi: {
      ROOMS_TABLE: ref(s.tables.rooms),
      TEAM_TABLE: ref(s.tables.team),
      RETENTION_DAYS: '365',
      TEAM_DEFAULTS,
      ...links,
      ...mail,
      ...files,
      IDENTITY_MODE: 'off',
      NODE_OPTIONS,
    },
    checks: {
      ...presence,
      MESSAGES_TABLE: ref(s.tables.messages),
      ALERT_TOPIC_ARN: ref(s.alerts.topic),
      AGENT_CONSOLE_URL: `${siteUrl}/agent.html`,
      ...links,
      CHECK_QUEUE_URL,
    },
  };
}

/** The statements of the policies attached to a role. */
function statementsIn(inStack: Stack, template: Template, role: IConstruct) {
  const policies = Object.values(template.toJSON().Resources as Record<string, Resource>).filter((r) => r.Type === 'AWS::IAM::Policy');
  return policies
    .filter((policy) => (policy.Properties.Roles as unknown[]).some((r) => render(r) === `\${${logicalId(inStack, role)}}`))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Array<Record<string, any>>);
}

/** Every statement of every policy, with the role it is attached to. */
const grantsOf = (template: Template) =>
  Object.values(template.toJSON().Resources as Record<string, Resource>)
    .filter((r) => r.Type === 'AWS::IAM::Policy')
    .flatMap((policy) =>
      (policy.Properties.PolicyDocument.Statement as Array<Record<string, any>>).map((statement) => ({
        role: render(policy.Properties.Roles[0]),
        actions: [statement.Action].flat() as string[],
        resources: [statement.Resource].flat().map(render),
        conditions: statement.Condition as unknown,
      })),
    );

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'support-chat-cdk-'));
  siteDirectory = makeSiteDirectory();
  app = new App({
    outdir,
    context: {
      ...cdkJsonContext(),
      alertEmails: 'a@x.com,b@y.com',
      alertPhones: '+15550100',
      opsEmails: 'ops@x.com',
      mailFrom: MAIL_FROM,
      teamName: TEAM_NAME,
      timeZone: TIME_ZONE,
    },
  });
  // Bundles the six handlers with esbuild, once for the whole file.
  stack = new SupportChatStack(app, 'SupportChat', { siteDirectory });
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources as Record<string, Resource>;
  // A guard against a hang, not a speed check: bundling and synthesizing take 15 to 30 s
  // alone, and past the default minute beside the suite's other files on two busy cores.
}, 180_000);

afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
  rmSync(siteDirectory, { recursive: true, force: true });
});

describe('WebSocket API', () => {
  const webSocketRoutes = () => ofApi('AWS::ApiGatewayV2::Route', stack.webSocket.api);
  const webSocketStage = () => {
    const stages = ofApi('AWS::ApiGatewayV2::Stage', stack.webSocket.api);
    expect(stages).toHaveLength(1);
    return stages[0]!;
  };

  it('routes on the action field of each frame', () => {
    // Two APIs: this one, and the public HTTP API.
    const apis = ofType('AWS::ApiGatewayV2::Api');
    expect(apis.map(([, api]) => api.Properties.ProtocolType).sort()).toEqual(['HTTP', 'WEBSOCKET']);
    const [[webSocketId, webSocket]] = apis.filter(([, api]) => api.Properties.ProtocolType === 'WEBSOCKET') as [[string, Resource]];
    expect(webSocketId).toBe(id(stack.webSocket.api));
    expect(webSocket.Properties.RouteSelectionExpression).toBe('$request.body.action');
  });

  it('has $connect behind the Lambda REQUEST authorizer, and $disconnect and $default', () => {
    const routes = webSocketRoutes().map(([, route]) => route.Properties);
    expect(routes.map((route) => route.RouteKey).sort()).toEqual(['$connect', '$default', '$disconnect']);
    // The only authorizer in the stack: the public HTTP API has none.
    const authorizers = ofType('AWS::ApiGatewayV2::Authorizer');
    expect(authorizers).toHaveLength(1);
    const [authorizerId, authorizer] = authorizers[0]!;
    for (const route of routes) {
      if (route.RouteKey === '$connect') {
        expect(route.AuthorizationType).toBe('CUSTOM');
        expect(route.AuthorizerId).toEqual({ Ref: authorizerId });
      } else {
        expect(route.AuthorizationType).toBe('NONE');
        expect(route.AuthorizerId).toBeUndefined();
      }
    }
    expect(authorizer.Properties.ApiId).toEqual({ Ref: id(stack.webSocket.api) });
    expect(authorizer.Properties.AuthorizerType).toBe('REQUEST');
    expect(render(authorizer.Properties.AuthorizerUri)).toContain(`\${${id(stack.handlers.authorizer)}.Arn}/invocations`);
  });

  it('lists no identity sources and caches nothing, so visitors (visitorKey) and agents (token) both reach the authorizer', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      IdentitySource: Match.absent(),
      AuthorizerResultTtlInSeconds: Match.absent(),
    });
  });

  it('sends each route to its own function through a Lambda proxy integration', () => {
    const expected: Record<string, IConstruct> = {
      $connect: stack.handlers.connect,
      $disconnect: stack.handlers.disconnect,
      $default: stack.handlers.defaultRoute,
    };
    for (const [, route] of webSocketRoutes()) {
      const integrationId = render(route.Properties.Target).replace(/^integrations\/\$\{(.*)\}$/, '$1');
      const integration = resources[integrationId]!;
      expect(integration.Type).toBe('AWS::ApiGatewayV2::Integration');
      expect(integration.Properties.ApiId).toEqual({ Ref: id(stack.webSocket.api) });
      expect(integration.Properties.IntegrationType).toBe('AWS_PROXY');
      expect(render(integration.Properties.IntegrationUri)).toContain(`\${${id(expected[route.Properties.RouteKey]!)}.Arn}/invocations`);
    }
  });

  it('lets API Gateway invoke each function for its route or authorizer only', () => {
    const executeApi = 'arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:';
    const webSocketId = id(stack.webSocket.api);
    const httpId = id(stack.publicApi.api);
    const permissions = ofType('AWS::Lambda::Permission')
      .map(([, permission]) => permission.Properties)
      .filter((permission) => permission.Principal === 'apigateway.amazonaws.com')
      .map((permission) => `${render(permission.FunctionName)} <- ${render(permission.SourceArn)}`)
      .sort();
    const fn = (construct: IConstruct) => `\${${id(construct)}.Arn}`;
    expect(permissions).toEqual(
      [
        `${fn(stack.handlers.authorizer)} <- ${executeApi}\${${webSocketId}}/authorizers/\${${id(stack.routes.authorizer)}}`,
        `${fn(stack.handlers.connect)} <- ${executeApi}\${${webSocketId}}/prod/$connect`,
        `${fn(stack.handlers.disconnect)} <- ${executeApi}\${${webSocketId}}/prod/$disconnect`,
        `${fn(stack.handlers.defaultRoute)} <- ${executeApi}\${${webSocketId}}/prod/$default`,
        // The public HTTP API: one per route (GET and POST /api/unsubscribe share a path).
        `${fn(stack.publicApi.function)} <- ${executeApi}\${${httpId}}/*/*/api/team.json`,
        `${fn(stack.publicApi.function)} <- ${executeApi}\${${httpId}}/*/*/api/resume`,
        `${fn(stack.publicApi.function)} <- ${executeApi}\${${httpId}}/*/*/api/identity`,
        `${fn(stack.publicApi.function)} <- ${executeApi}\${${httpId}}/*/*/api/unsubscribe`,
        `${fn(stack.publicApi.function)} <- ${executeApi}\${${httpId}}/*/*/api/unsubscribe`,
      ].sort(),
    );
  });

  it('deploys a throttled stage whose access log carries no secrets', () => {
    const [, stage] = webSocketStage();
    expect(stage.Properties).toMatchObject({
      StageName: 'prod',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 500, ThrottlingBurstLimit: 1000, LoggingLevel: 'OFF', DataTraceEnabled: false },
    });
    expect(stage.Properties.AccessLogSettings.DestinationArn).toEqual({ 'Fn::GetAtt': [id(stack.webSocket.accessLogGroup), 'Arn'] });
    const format = JSON.parse(stage.Properties.AccessLogSettings.Format as string) as Record<string, string>;
    expect(format).toEqual(ACCESS_LOG_FORMAT);
    expect(format).toMatchObject({ requestId: '$context.requestId', connectionId: '$context.connectionId', status: '$context.status' });
    for (const variable of Object.values(format)) {
      expect(variable).not.toMatch(/querystring|identity|header|body|path/i);
    }
    // Every route exists before the stage first deploys.
    expect(stage.DependsOn).toEqual(expect.arrayContaining(stack.routes.node.children.filter((c) => c.node.id.endsWith('Route')).map(id)));
  });

  it('sets the account-level CloudWatch role that WebSocket access logging needs, and keeps it', () => {
    const [[accountId, account]] = ofType('AWS::ApiGateway::Account') as [[string, Resource]];
    const roleId = account.Properties.CloudWatchRoleArn['Fn::GetAtt'][0] as string;
    expect(resources[roleId]!.DeletionPolicy).toBe('Retain');
    expect(JSON.stringify(resources[roleId]!.Properties.ManagedPolicyArns)).toContain('AmazonAPIGatewayPushToCloudWatchLogs');
    expect(webSocketStage()[1].DependsOn).toContain(accountId);
  });
});

describe('public HTTP API', () => {
  it('is an HTTP API with the routes of backend/src/handlers/http.ts, each a Lambda proxy (payload 2.0) to the public API function, without authorizers', () => {
    const api = resources[id(stack.publicApi.api)]!;
    expect(api.Type).toBe('AWS::ApiGatewayV2::Api');
    expect(api.Properties.ProtocolType).toBe('HTTP');
    // No CORS at the API: team.json answers with its own Access-Control-Allow-Origin.
    expect(api.Properties.CorsConfiguration).toBeUndefined();
    const routes = ofApi('AWS::ApiGatewayV2::Route', stack.publicApi.api).map(([, route]) => route.Properties);
    expect(routes.map((route) => route.RouteKey).sort()).toEqual([
      'GET /api/team.json',
      'GET /api/unsubscribe',
      'POST /api/identity',
      'POST /api/resume',
      'POST /api/unsubscribe',
    ]);
    for (const route of routes) {
      expect(route.AuthorizationType).toBe('NONE');
      const integration = resources[render(route.Target).replace(/^integrations\/\$\{(.*)\}$/, '$1')]!;
      expect(integration.Properties).toEqual({
        ApiId: { Ref: id(stack.publicApi.api) },
        IntegrationType: 'AWS_PROXY',
        IntegrationUri: { 'Fn::GetAtt': [id(stack.publicApi.function), 'Arn'] },
        PayloadFormatVersion: '2.0',
      });
    }
  });

  it('deploys one throttled $default stage (CloudFront adds no stage to the path) whose access log leaves out the query string', () => {
    const stages = ofApi('AWS::ApiGatewayV2::Stage', stack.publicApi.api);
    expect(stages).toHaveLength(1);
    const [[, stage]] = stages as [[string, Resource]];
    expect(stage.Properties).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
    });
    expect(stage.Properties.DefaultRouteSettings.DataTraceEnabled).toBeFalsy();
    expect(stage.Properties.AccessLogSettings.DestinationArn).toEqual({ 'Fn::GetAtt': [id(stack.publicApi.accessLogGroup), 'Arn'] });
    expect(resources[id(stack.publicApi.accessLogGroup)]!.Properties.RetentionInDays).toBe(30);
    const format = JSON.parse(stage.Properties.AccessLogSettings.Format as string) as Record<string, string>;
    expect(format).toEqual(PUBLIC_API_ACCESS_LOG_FORMAT);
    // An unsubscribe link's token is in the query string: nothing that echoes the request line or its parts.
    for (const variable of Object.values(format)) {
      expect(variable).not.toMatch(/querystring|identity|header|body|requestOverride|routeKey|resourcePath|authorizer/i);
    }
    expect(format.path).toBe('$context.path');
  });
});

describe('link secret', () => {
  it('is generated by Secrets Manager, its value never in the template', () => {
    const secrets = ofType('AWS::SecretsManager::Secret');
    expect(secrets.map(([secretId]) => secretId)).toEqual([id(stack.linkSecret)]);
    const [[, secret]] = secrets as [[string, Resource]];
    expect(secret.Properties.SecretString).toBeUndefined();
    expect(secret.Properties.GenerateSecretString).toEqual({ PasswordLength: 48, ExcludePunctuation: true });
    // Read through IAM grants only.
    template.resourceCountIs('AWS::SecretsManager::ResourcePolicy', 0);
  });

  it('may be read by exactly the authorizer, $default, the checks and the public API functions', () => {
    const secret = `\${${id(stack.linkSecret)}}`;
    const readers = grantsOf(template)
      .filter((grant) => grant.resources.some((resource) => resource.includes(secret)))
      .map((grant) => `${grant.role}: ${grant.actions.sort().join(',')}`)
      .sort();
    const role = (fn: { role?: IConstruct }) => `\${${id(fn.role!)}}`;
    expect(readers).toEqual(
      [stack.handlers.authorizer, stack.handlers.defaultRoute, checks().function, stack.publicApi.function]
        .map((fn) => `${role(fn)}: secretsmanager:DescribeSecret,secretsmanager:GetSecretValue`)
        .sort(),
    );
  });
});

describe('tables', () => {
  it('are built from backend/src/tables.ts: keys, indexes and TTL', () => {
    template.resourceCountIs('AWS::DynamoDB::GlobalTable', tables.length);
    for (const definition of tables) {
      const table = resources[id(stack.tables.byDefinition.get(definition)!)]!;
      const keySchema = (pk: { name: string }, sk?: { name: string }) => [
        { AttributeName: pk.name, KeyType: 'HASH' },
        ...(sk ? [{ AttributeName: sk.name, KeyType: 'RANGE' }] : []),
      ];
      expect(table.Properties.KeySchema).toEqual(keySchema(definition.partitionKey, definition.sortKey));
      const indexes = (table.Properties.GlobalSecondaryIndexes ?? []) as Array<Record<string, unknown>>;
      expect(indexes).toEqual(
        definition.globalIndexes.map((index) => ({
          IndexName: index.indexName,
          KeySchema: keySchema(index.partitionKey, index.sortKey),
          Projection: { ProjectionType: 'ALL' },
        })),
      );
      expect(table.Properties.TimeToLiveSpecification).toEqual(
        definition.timeToLiveAttribute ? { AttributeName: definition.timeToLiveAttribute, Enabled: true } : undefined,
      );
      expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
      expect(table.Properties.SSESpecification).toEqual({ SSEEnabled: true, SSEType: 'KMS' });
    }
    expect(tables.map((table) => table.id)).toEqual(['Connections', 'Messages', 'Rooms', 'Team']);
    expect(roomsTable.globalIndexes.map((index) => index.indexName)).toEqual(['byActivity', 'byVisitor']);
    expect(connectionsTable.timeToLiveAttribute).toBe('expiresAt');
  });

  it("give the Rooms table its two indexes, byActivity (the inbox) and byVisitor (a visitor's other conversations), keeping every attribute", () => {
    const rooms = resources[id(stack.tables.rooms)]!;
    expect(rooms.Properties.GlobalSecondaryIndexes).toEqual([
      {
        IndexName: 'byActivity',
        KeySchema: [
          { AttributeName: 'status', KeyType: 'HASH' },
          { AttributeName: 'lastMessageAt', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
      {
        IndexName: 'byVisitor',
        KeySchema: [
          { AttributeName: 'visitorRef', KeyType: 'HASH' },
          { AttributeName: 'createdAt', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ]);
    expect(
      (rooms.Properties.AttributeDefinitions as Array<{ AttributeName: string; AttributeType: string }>)
        .map((attribute) => `${attribute.AttributeName}:${attribute.AttributeType}`)
        .sort(),
    ).toEqual(['createdAt:S', 'lastMessageAt:S', 'roomId:S', 'sk:S', 'status:S', 'visitorRef:S']);
    // The other tables have none (docs/operations.md, "Upgrades": an update adds one index per table).
    for (const table of [stack.tables.connections, stack.tables.messages, stack.tables.team]) {
      expect(resources[id(table)]!.Properties.GlobalSecondaryIndexes, table.node.path).toBeUndefined();
    }
  });

  it('include the Team table: settings, switches and reply-time counts under pk/sk, kept like conversations', () => {
    const team = resources[id(stack.tables.team)]!;
    expect(stack.tables.byDefinition.get(teamTable)).toBe(stack.tables.team);
    expect(team.Properties.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(team.Properties.AttributeDefinitions).toEqual([
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'S' },
    ]);
    expect(team.Properties.GlobalSecondaryIndexes).toBeUndefined();
    expect(team.Properties.TimeToLiveSpecification).toBeUndefined();
    expect(team.DeletionPolicy).toBe('Retain');
    expect(team.Properties.Replicas[0]).toMatchObject({
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
    });
  });

  it('keep conversations and the team (point-in-time recovery, retained, deletion protected) and let connections go', () => {
    expect(tables.filter((definition) => definition.holdsCustomerData)).toEqual([messagesTable, roomsTable, teamTable]);
    for (const definition of [messagesTable, roomsTable, teamTable]) {
      const table = resources[id(stack.tables.byDefinition.get(definition)!)]!;
      expect(table.DeletionPolicy).toBe('Retain');
      expect(table.Properties.Replicas[0]).toMatchObject({
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
      });
    }
    const connections = resources[id(stack.tables.connections)]!;
    expect(connections.DeletionPolicy).toBe('Delete');
    expect(connections.Properties.Replicas[0].PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: false });
  });
});

describe('handlers', () => {
  const environmentOf = (fn: IConstruct) => environmentIn(stack, template, fn);

  it('run on Node 22, arm64, each with its own log group that expires', () => {
    const functions = allFunctions();
    expect(functions).toHaveLength(6);
    for (const fn of functions) {
      const properties = resources[id(fn)]!.Properties;
      expect(properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], Handler: 'index.handler' });
      const logGroup = resources[properties.LoggingConfig.LogGroup.Ref as string]!;
      expect(logGroup.Type).toBe('AWS::Logs::LogGroup');
      expect(logGroup.Properties.RetentionInDays).toBe(30);
    }
    expect(new Set(functions.map((fn) => render(resources[id(fn)]!.Properties.LoggingConfig.LogGroup))).size).toBe(6);
  });

  it('give the authorizer the Cognito pool and client, and the link secret (visitors come back through signed links)', () => {
    expect(environmentOf(stack.handlers.authorizer)).toEqual(expectedEnvironments(stack).authorizer);
  });

  it('give each chat function the variables of what it uses: $default all, $connect and $disconnect presence and the team, $disconnect the check queue', () => {
    const expected = expectedEnvironments(stack);
    expect(environmentOf(stack.handlers.defaultRoute)).toEqual(expected.defaultRoute);
    expect(environmentOf(stack.handlers.disconnect)).toEqual(expected.disconnect);
    expect(environmentOf(stack.handlers.connect)).toEqual(expected.connect);
    // With email on, $default mails transcripts and an assignee's alert; it schedules
    // follow-ups and escalations, and manages agents in the user pool.
    expect(environmentOf(stack.handlers.defaultRoute)).toMatchObject({
      MAIL_FROM,
      CHECK_QUEUE_URL: `\${${id(checks().queue)}}`,
      COGNITO_USER_POOL_ID: `\${${id(stack.agents.userPool)}}`,
    });
    expect(environmentOf(stack.handlers.disconnect).CHECK_QUEUE_URL).toBe(`\${${id(checks().queue)}}`);
    expect(environmentOf(stack.handlers.connect).CHECK_QUEUE_URL).toBeUndefined();
    // The variable names are the ones the handlers read (backend/src/tables.ts).
    expect(tables.map((table) => table.envVar).sort()).toEqual(['CONNECTIONS_TABLE', 'MESSAGES_TABLE', 'ROOMS_TABLE', 'TEAM_TABLE']);
  });

  it('give the public API function the rooms, the team, the link secret and the URLs links are made of', () => {
    expect(environmentOf(stack.publicApi.function)).toEqual(expectedEnvironments(stack).publicApi);
  });

  it('give the checks function every table, @connections, the alert topic, its queue, the sender and the links', () => {
    expect(environmentOf(checks().function)).toEqual(expectedEnvironments(stack).checks);
    expect(environmentOf(checks().function)).toMatchObject({ MAIL_FROM, CHECK_QUEUE_URL: `\${${id(checks().queue)}}` });
  });

  describe('bundles', () => {
    const bundleOf = (fn: IConstruct) => join(outdir, (fn.node.findChild('Code') as Asset).assetPath);
    /** The bundle's files, relative to its folder: index.mjs, the chunks under chunks/, and their source maps. */
    const filesOf = (fn: IConstruct) =>
      readdirSync(bundleOf(fn), { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => relative(bundleOf(fn), join(entry.parentPath, entry.name)))
        .sort();
    /** All of a bundle's code: index.mjs and every chunk, those loaded on first use too. */
    const codeOf = (fn: IConstruct) =>
      filesOf(fn)
        .filter((file) => file.endsWith('.mjs'))
        .map((file) => readFileSync(join(bundleOf(fn), file), 'utf8'))
        .join('\n');

    it('are minified ES modules with source maps and the AWS SDK inside, split into index.mjs and chunks', () => {
      for (const fn of allFunctions()) {
        const files = filesOf(fn);
        const code = files.filter((file) => file.endsWith('.mjs'));
        const text = (file: string) => readFileSync(join(bundleOf(fn), file), 'utf8');
        // Measured here, so that a failure names the function and its files, not the whole bundle.
        expect(
          {
            entry: files.includes('index.mjs'),
            // Beside index.mjs: chunks (chunks/*.mjs), and a source map for each file of code.
            strays: files.filter(
              (file) => file !== 'index.mjs' && !/^chunks\/[\w-]+\.mjs$/.test(file) && !code.includes(file.replace(/\.map$/, '')),
            ),
            withoutMap: code.filter((file) => !files.includes(`${file}.map`)),
            // Minified: the banner, a few very long lines and the source map's URL. Template
            // literals keep their own line breaks (the emails' chunk has a line for every 340
            // bytes); code as written has one every 40 or so.
            notMinified: code.filter((file) => text(file).trimEnd().split('\n').length > 3 + text(file).length / 200),
            importsTheSdk: code.filter((file) => /from\s*["']@aws-sdk\//.test(text(file))),
          },
          fn.node.path,
        ).toEqual({ entry: true, strays: [], withoutMap: [], notMinified: [], importsTheSdk: [] });
      }
    });

    it('hold only the clients their handler uses', () => {
      // Names that survive minification: the operations' and their members' wire names.
      const holds = (fn: IConstruct) => {
        const code = codeOf(fn);
        return {
          dynamodb: code.includes('DynamoDB_20120810'),
          connectionsApi: code.includes('PostToConnection'),
          sns: code.includes('MessageStructure'),
          ses: code.includes('FromEmailAddress'),
          sqs: code.includes('AmazonSQS'),
          secrets: code.includes('GetSecretValue'),
          cognito: code.includes('AWSCognitoIdentityProviderService'),
          // The S3 client's CopyObject header: files are $default's alone.
          s3: code.includes('x-amz-copy-source'),
        };
      };
      const none = {
        dynamodb: false,
        connectionsApi: false,
        sns: false,
        ses: false,
        sqs: false,
        secrets: false,
        cognito: false,
        s3: false,
      };
      const functions = productFunctions(stack);
      const held = Object.fromEntries(Object.entries(functions).map(([name, fn]) => [name, holds(fn)]));
      expect(held).toEqual({
        authorizer: { ...none, secrets: true },
        // S3: a signed-in customer's $connect copies a conversation's files into their room.
        connect: { ...none, dynamodb: true, connectionsApi: true, s3: true },
        disconnect: { ...none, dynamodb: true, connectionsApi: true, sqs: true },
        defaultRoute: { dynamodb: true, connectionsApi: true, sns: true, ses: true, sqs: true, secrets: true, cognito: true, s3: true },
        publicApi: { ...none, dynamodb: true, secrets: true },
        checks: { ...none, dynamodb: true, connectionsApi: true, sns: true, ses: true, sqs: true, secrets: true },
      });
    });

    /**
     * Runs a bundle under plain Node, as Lambda would: with the environment the template
     * gives the function (tokens replaced by sample values), Lambda's region and keys, and
     * every AWS endpoint pointed at a closed local port, so nothing leaves the machine.
     * Returns each event's outcome, or why the process failed, in a line or two, and the
     * errors the handler logged (`message: error`), which a handler that answers a failure
     * itself leaves as the only trace of it.
     */
    async function invoke(
      fn: IConstruct,
      events: unknown[],
    ): Promise<{ outcomes: Array<{ value?: any; error?: string }>; loggedErrors: string[] }> {
      const sample = (value: string) =>
        value
          .replaceAll('${AWS::Region}', 'us-east-1')
          .replaceAll('${AWS::URLSuffix}', 'amazonaws.com')
          .replaceAll('${AWS::Partition}', 'aws')
          .replaceAll('${AWS::AccountId}', '123456789012')
          .replaceAll(`\${${id(stack.agents.userPool)}}`, 'us-east-1_Example1')
          .replace(/\$\{[A-Za-z0-9]+\.DomainName\}/g, 'd111111abcdef8.cloudfront.net')
          .replace(/\$\{([A-Za-z0-9]+)(\.[A-Za-z]+)?\}/g, (_, logical: string) => logical.toLowerCase());
      const environment = Object.fromEntries(Object.entries(environmentIn(stack, template, fn)).map(([k, v]) => [k, sample(v)]));
      const closed = 'http://127.0.0.1:9';
      const env = {
        PATH: process.env.PATH,
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
        AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        ...environment,
        // Only where the template set it: a missing CONNECTIONS_ENDPOINT must stay missing.
        ...(environment.CONNECTIONS_ENDPOINT && { CONNECTIONS_ENDPOINT: `${closed}/prod` }),
        DYNAMODB_ENDPOINT: closed,
        SECRETS_ENDPOINT: closed,
        SES_ENDPOINT: closed,
        SQS_ENDPOINT: closed,
        SNS_ENDPOINT: closed,
      };
      const script = `
        const [file, events] = JSON.parse(process.argv[1]);
        const { handler } = await import(file);
        const outcomes = [];
        for (const event of events) {
          outcomes.push(await handler(event).then((value) => ({ value }), (error) => ({ error: String(error?.message ?? error).slice(0, 200) })));
        }
        console.log('OUTCOMES ' + JSON.stringify(outcomes));`;
      const file = pathToFileURL(join(bundleOf(fn), 'index.mjs')).href;
      try {
        const { stdout, stderr } = await promisify(execFile)(
          process.execPath,
          ['--input-type=module', '--no-warnings', '-e', script, JSON.stringify([file, events])],
          {
            env,
            timeout: 20_000,
          },
        );
        const line = stdout.split('\n').find((l) => l.startsWith('OUTCOMES '));
        return {
          outcomes: line ? JSON.parse(line.slice('OUTCOMES '.length)) : [{ error: `no outcome printed by ${fn.node.path}` }],
          loggedErrors: loggedErrorsIn(`${stdout}\n${stderr}`),
        };
      } catch (error) {
        // Not the command (the script) nor minified source lines: the error's own lines.
        const stderr = String((error as { stderr?: string }).stderr ?? error);
        const lines = stderr.split('\n').filter((line) => line.trim() !== '' && line.length < 300);
        return { outcomes: [{ error: `${fn.node.path} failed to run: ${lines.slice(0, 3).join(' | ')}` }], loggedErrors: [] };
      }
    }

    /** The lines a handler's logger (Powertools, JSON) wrote at ERROR, as `message: error`. */
    function loggedErrorsIn(output: string): string[] {
      return output
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .flatMap((line) => {
          try {
            return [JSON.parse(line) as { level?: string; message?: string; error?: { message?: string } }];
          } catch {
            return [];
          }
        })
        .filter((entry) => entry.level === 'ERROR')
        .map((entry) => `${entry.message}: ${entry.error?.message ?? ''}`);
    }

    it('start under plain Node with the environment the stack gives them, the authorizer admits a visitor key and refuses a bad token, the checks function runs each kind of check', async () => {
      const visitorKey = 'k'.repeat(43);
      const methodArn = 'arn:aws:execute-api:us-east-1:123456789012:api/prod/$connect';
      const events: Record<string, unknown[]> = {
        authorizer: [
          { type: 'REQUEST', methodArn, queryStringParameters: { visitorKey } },
          { type: 'REQUEST', methodArn, queryStringParameters: { token: 'not.a.jwt' } },
        ],
        connect: [{ requestContext: { connectionId: 'c1', authorizer: { role: 'visitor', roomId: 'r1' } } }],
        disconnect: [{ requestContext: { connectionId: 'c1' } }],
        defaultRoute: [{ requestContext: { connectionId: 'c1' }, body: '{"action":"ping"}', isBase64Encoded: false }],
        publicApi: [{ rawPath: '/api/team.json', requestContext: { http: { method: 'GET' } } }],
        // One batch of each kind of check (backend/src/aws/sqs-checks.ts), the first in the
        // body of a follow-up queued before checks had kinds.
        checks: [
          {
            Records: [
              { messageId: 'm1', body: JSON.stringify({ roomId: 'r1', dueAt: 1 }) },
              {
                messageId: 'm2',
                body: JSON.stringify({ kind: 'escalate', roomId: 'r1', waitingSince: '2026-01-01T00:00:00.000Z', dueAt: 1 }),
              },
              { messageId: 'm3', body: JSON.stringify({ kind: 'assigneeOffline', agentId: 'a1', offlineSince: 1, dueAt: 1 }) },
            ],
          },
        ],
      };
      const functions = productFunctions(stack) as Record<string, IConstruct>;
      expect(Object.keys(events).sort()).toEqual(Object.keys(functions).sort());
      const runs = Object.fromEntries(
        await Promise.all(Object.entries(events).map(async ([name, list]) => [name, await invoke(functions[name]!, list)] as const)),
      );
      const outcomes = Object.fromEntries(Object.entries(runs).map(([name, run]) => [name, run.outcomes]));

      // Each handler built everything it uses from its environment (a missing variable throws
      // "Missing environment variable X" on the first invocation) and then reached AWS, here
      // a closed port: the only failure expected is the connection's.
      const unexpected = Object.fromEntries(
        Object.entries(outcomes).map(([name, list]) => [
          name,
          list.flatMap((outcome, i) =>
            outcome.error && !/ECONNREFUSED/.test(outcome.error) && !(name === 'authorizer' && i === 1) ? [outcome.error] : [],
          ),
        ]),
      );
      expect(unexpected).toEqual({ authorizer: [], connect: [], disconnect: [], defaultRoute: [], publicApi: [], checks: [] });
      // $connect, $disconnect and team.json reached DynamoDB (here, the closed port) and failed there.
      for (const name of ['connect', 'disconnect', 'publicApi']) expect(outcomes[name]![0]!.error, name).toMatch(/ECONNREFUSED/);
      // $default answers a failed action with an error event; its own invocation succeeds.
      expect(outcomes.defaultRoute).toEqual([{ value: { statusCode: 200, body: '' } }]);
      // The checks function hands each failed check back to the queue rather than failing the
      // batch; each failed where it first reads DynamoDB (the closed port), not before.
      expect(outcomes.checks).toEqual([
        { value: { batchItemFailures: [{ itemIdentifier: 'm1' }, { itemIdentifier: 'm2' }, { itemIdentifier: 'm3' }] } },
      ]);
      const checkFailures = runs.checks!.loggedErrors.filter((line) => line.startsWith('a scheduled check failed: '));
      expect(checkFailures, runs.checks!.loggedErrors.join('\n')).toHaveLength(3);
      for (const line of checkFailures) expect(line).toMatch(/ECONNREFUSED/);

      const [visitor, refused] = outcomes.authorizer as [{ value: any }, { error: string }];
      const roomId = createHash('sha256').update(visitorKey).digest('base64url');
      expect(visitor.value.principalId).toBe(roomId);
      expect(visitor.value.context).toEqual({ role: 'visitor', roomId, resumed: false });
      expect(visitor.value.policyDocument.Statement[0]).toMatchObject({ Effect: 'Allow', Action: 'execute-api:Invoke' });
      expect(refused).toEqual({ error: 'Unauthorized' });
    }, 30_000);
  });
});

describe('team defaults', () => {
  it('are the built-in settings with -c teamName and -c timeZone, the same in every function that reads the Team table', () => {
    const expected = defaultTeamSettings({ name: TEAM_NAME, timeZone: TIME_ZONE });
    const readers = [
      stack.handlers.connect,
      stack.handlers.disconnect,
      stack.handlers.defaultRoute,
      stack.publicApi.function,
      checks().function,
    ];
    for (const fn of readers) {
      expect(JSON.parse(environmentIn(stack, template, fn).TEAM_DEFAULTS!), fn.node.path).toEqual(expected);
    }
    expect(expected).toMatchObject({ name: 'Practical Cloud', hours: { timeZone: 'Europe/Berlin' } });
  });

  it('fail synthesis with a clear message for a time zone that is not one', () => {
    expect(() => synthesizeBare({ timeZone: 'Mars/Olympus' })).toThrow(
      'teamName / timeZone: hours.timeZone: must be an IANA time zone such as Europe/Berlin',
    );
  });
});

describe('permissions', () => {
  const summary = (role: IConstruct) =>
    statementsIn(stack, template, role)
      .flatMap((statement) =>
        [statement.Resource].flat().map((resource) => `${[statement.Action].flat().sort().join(',')} ON ${render(resource)}`),
      )
      .sort();
  const readWrite =
    'dynamodb:BatchGetItem,dynamodb:BatchWriteItem,dynamodb:ConditionCheckItem,dynamodb:DeleteItem,dynamodb:DescribeTable,dynamodb:GetItem,dynamodb:GetRecords,dynamodb:GetShardIterator,dynamodb:PutItem,dynamodb:Query,dynamodb:Scan,dynamodb:UpdateItem';
  const read =
    'dynamodb:BatchGetItem,dynamodb:ConditionCheckItem,dynamodb:DescribeTable,dynamodb:GetItem,dynamodb:GetRecords,dynamodb:GetShardIterator,dynamodb:Query,dynamodb:Scan';
  const logs = (fn: IConstruct) =>
    `logs:CreateLogStream,logs:PutLogEvents ON \${${id(fn.node.scope!.node.findChild(`${fn.node.id}Logs`))}.Arn}`;
  const table = (t: IConstruct) => `\${${id(t)}.Arn}`;
  const manageConnections = () =>
    `execute-api:ManageConnections ON arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${${id(stack.webSocket.api)}}/prod/*/@connections/*`;
  const secretRead = () => `secretsmanager:DescribeSecret,secretsmanager:GetSecretValue ON \${${id(stack.linkSecret)}}`;
  const sesSend = () => `ses:SendEmail ON arn:\${AWS::Partition}:ses:\${AWS::Region}:\${AWS::AccountId}:identity/*`;
  const scheduleChecks = () => `sqs:GetQueueAttributes,sqs:GetQueueUrl,sqs:SendMessage ON \${${id(checks().queue)}.Arn}`;
  // The calls of backend/src/aws/cognito-directory.ts, on the agents' pool and nothing else.
  const manageAgents = () =>
    `cognito-idp:AdminAddUserToGroup,cognito-idp:AdminCreateUser,cognito-idp:AdminDeleteUser,cognito-idp:AdminRemoveUserFromGroup,cognito-idp:ListUsersInGroup ON \${${id(stack.agents.userPool)}.Arn}`;

  it('give each chat function exactly what its code uses, through grants', () => {
    const { authorizer, connect, disconnect, defaultRoute } = stack.handlers;
    const { connections, messages, rooms, team } = stack.tables;
    expect(summary(authorizer.role!)).toEqual([logs(authorizer), secretRead()].sort());
    // $connect and $disconnect publish who is available (the Team table) and, pruning
    // connections found gone, tell the rooms an agent was in (the Rooms table, read);
    // $disconnect schedules the check of an agent whose last console closed.
    for (const fn of [connect, disconnect]) {
      expect(summary(fn.role!), fn.node.path).toEqual(
        [
          logs(fn),
          `${readWrite} ON ${table(connections)}`,
          `${readWrite} ON ${table(team)}`,
          `${read} ON ${table(rooms)}`,
          `${read} ON ${table(rooms)}/index/*`,
          manageConnections(),
          ...(fn === disconnect ? [scheduleChecks()] : []),
        ].sort(),
      );
    }
    expect(summary(defaultRoute.role!)).toEqual(
      [
        logs(defaultRoute),
        `${readWrite} ON ${table(connections)}`,
        `${readWrite} ON ${table(messages)}`,
        `${readWrite} ON ${table(rooms)}`,
        `${readWrite} ON ${table(rooms)}/index/*`,
        `${readWrite} ON ${table(team)}`,
        `sns:Publish ON \${${id(stack.alerts.topic)}}`,
        manageConnections(),
        secretRead(),
        scheduleChecks(),
        sesSend(),
        manageAgents(),
        // Files: slots, copies, first bytes, deletions and links, on the two areas only;
        // listing only so that S3 answers a missing upload 404, not 403.
        `s3:DeleteObject,s3:GetObject,s3:PutObject ON \${${id(stack.attachments.bucket)}.Arn}/uploads/*`,
        `s3:DeleteObject,s3:GetObject,s3:PutObject ON \${${id(stack.attachments.bucket)}.Arn}/files/*`,
        `s3:ListBucket ON \${${id(stack.attachments.bucket)}.Arn}`,
      ].sort(),
    );
  });

  it("let exactly $default manage agents, with the five calls of the directory, on the agents' pool only", () => {
    const cognito = grantsOf(template)
      .filter((grant) => grant.actions.some((action) => action.startsWith('cognito-idp:')))
      .map(
        (grant) => `${grant.role} ${grant.actions.sort().join()} ON ${grant.resources.join(',')} IF ${JSON.stringify(grant.conditions)}`,
      );
    expect(cognito).toEqual([
      `\${${id(stack.handlers.defaultRoute.role!)}} cognito-idp:AdminAddUserToGroup,cognito-idp:AdminCreateUser,cognito-idp:AdminDeleteUser,cognito-idp:AdminRemoveUserFromGroup,cognito-idp:ListUsersInGroup ON \${${id(stack.agents.userPool)}.Arn} IF undefined`,
    ]);
  });

  it('let exactly $default, $disconnect and the checks function schedule checks, and the checks function alone consume them', () => {
    const queue = `\${${id(checks().queue)}.Arn}`;
    const onQueue = grantsOf(template)
      .filter((grant) => grant.resources.includes(queue))
      .map((grant) => `${grant.role} ${grant.actions.sort().join()}`)
      .sort();
    const role = (fn: { role?: IConstruct }) => `\${${id(fn.role!)}}`;
    expect(onQueue).toEqual(
      [
        `${role(stack.handlers.defaultRoute)} sqs:GetQueueAttributes,sqs:GetQueueUrl,sqs:SendMessage`,
        `${role(stack.handlers.disconnect)} sqs:GetQueueAttributes,sqs:GetQueueUrl,sqs:SendMessage`,
        `${role(checks().function)} sqs:ChangeMessageVisibility,sqs:DeleteMessage,sqs:GetQueueAttributes,sqs:GetQueueUrl,sqs:ReceiveMessage,sqs:SendMessage`,
      ].sort(),
    );
    // Nothing may touch the dead-letter queue: SQS moves messages there itself.
    const deadLetters = `\${${id(checks().deadLetters)}.Arn}`;
    expect(grantsOf(template).filter((grant) => grant.resources.includes(deadLetters))).toEqual([]);
  });

  it('give the public API function the rooms (unsubscribe), the team (status and its measured reply time) and the secret', () => {
    const fn = stack.publicApi.function;
    const { rooms, team } = stack.tables;
    expect(summary(fn.role!)).toEqual(
      [
        logs(fn),
        `${readWrite} ON ${table(rooms)}`,
        `${readWrite} ON ${table(rooms)}/index/*`,
        `${readWrite} ON ${table(team)}`,
        secretRead(),
      ].sort(),
    );
  });

  it('give the checks function what its checks use: every table, @connections, the alert topic, its queue, the secret, SES', () => {
    const fn = checks().function;
    const { connections, messages, rooms, team } = stack.tables;
    expect(summary(fn.role!)).toEqual(
      [
        logs(fn),
        // Pruning connections found gone and reading the inbox.
        `${readWrite} ON ${table(connections)}`,
        // An absent agent's conversations unassigned, each with a timeline mark.
        `${readWrite} ON ${table(messages)}`,
        `${readWrite} ON ${table(rooms)}`,
        `${readWrite} ON ${table(rooms)}/index/*`,
        `${readWrite} ON ${table(team)}`,
        manageConnections(),
        // Escalations.
        `sns:Publish ON \${${id(stack.alerts.topic)}}`,
        // Consuming (the event source) and scheduling the next check (send), on its own queue.
        `sqs:ChangeMessageVisibility,sqs:DeleteMessage,sqs:GetQueueAttributes,sqs:GetQueueUrl,sqs:ReceiveMessage,sqs:SendMessage ON \${${id(checks().queue)}.Arn}`,
        secretRead(),
        sesSend(),
      ].sort(),
    );
  });

  it('let exactly $default and the checks function send email, and only from -c mailFrom', () => {
    const senders = grantsOf(template)
      .filter((grant) => grant.actions.some((action) => action.startsWith('ses:')))
      .map((grant) => `${grant.role} ${grant.actions.join()} ON ${grant.resources.join(',')} IF ${JSON.stringify(grant.conditions)}`)
      .sort();
    // On any identity of the account, because the SES sandbox checks recipients' identities too.
    const anyIdentity = `arn:\${AWS::Partition}:ses:\${AWS::Region}:\${AWS::AccountId}:identity/*`;
    const fromAddress = JSON.stringify({ StringEquals: { 'ses:FromAddress': 'support@practical-cloud.example' } });
    expect(senders).toEqual(
      [stack.handlers.defaultRoute, checks().function]
        .map((fn) => `\${${id(fn.role!)}} ses:SendEmail ON ${anyIdentity} IF ${fromAddress}`)
        .sort(),
    );
  });

  it('name this stack\'s own resources, never "*" except where acknowledged here', () => {
    const deploymentRole = stack.site.deployment.handlerRole;
    // Acknowledged: CDK's BucketDeployment grants cloudfront:CreateInvalidation and
    // GetInvalidation on "*" and cannot be told the distribution; they only expire caches.
    const acknowledged = (policy: Resource, statement: Record<string, any>) =>
      render(policy.Properties.Roles[0]) === `\${${id(deploymentRole)}}` &&
      [statement.Action].flat().sort().join() === 'cloudfront:CreateInvalidation,cloudfront:GetInvalidation';
    const logicalIds = new Set(Object.keys(resources));
    // The CDK bootstrap's assets bucket, which BucketDeployment copies the site from.
    const assetsBucket = /^arn:\$\{AWS::Partition\}:s3:::cdk-hnb659fds-assets-\$\{AWS::AccountId\}-\$\{AWS::Region\}(\/\*)?$/;
    // Acknowledged: SES identities, for the sandbox's recipient check, held to one From address.
    const sesIdentities = (statement: Record<string, any>, text: string) =>
      text === 'arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:identity/*' &&
      statement.Condition?.StringEquals?.['ses:FromAddress'] === 'support@practical-cloud.example';
    let wildcards = 0;
    for (const [, policy] of ofType('AWS::IAM::Policy')) {
      for (const statement of policy.Properties.PolicyDocument.Statement as Array<Record<string, any>>) {
        expect(statement.Effect).toBe('Allow');
        for (const resource of [statement.Resource].flat()) {
          const text = render(resource);
          if (text === '*') {
            expect(acknowledged(policy, statement), JSON.stringify(statement)).toBe(true);
            wildcards++;
            continue;
          }
          if (sesIdentities(statement, text)) continue;
          const ids = [...text.matchAll(/\$\{([A-Za-z0-9]+)(\.[A-Za-z]+)?\}/g)].map((match) => match[1]!);
          const own = ids.filter((logicalId) => logicalIds.has(logicalId));
          expect(own.length > 0 || assetsBucket.test(text), `${text} names none of this stack's resources`).toBe(true);
        }
      }
    }
    expect(wildcards).toBe(1);
  });
});

describe('email sender', () => {
  it('verifies the sender\'s address with SES (the address of "Name <address>")', () => {
    const identities = ofType('AWS::SES::EmailIdentity');
    expect(identities.map(([identityId]) => identityId)).toEqual([id(email().identity)]);
    expect(identities[0]![1].Properties).toEqual({ EmailIdentity: 'support@practical-cloud.example' });
    // The identity keeps the logical id it had under the email follow-up: a new one for the
    // same address would fail the update (SES holds one identity per address).
    expect(email().identity.node.path).toBe('SupportChat/Email/Identity');
    // DKIM records are a domain's: none for an address.
    expect(Object.keys(template.toJSON().Outputs as object).filter((key) => key.includes('Dkim'))).toEqual([]);
  });

  it('with -c mailDomain, verifies the domain with Easy DKIM and outputs its three records', () => {
    const domain = synthesizeBare({ mailFrom: 'support@practical-cloud.example', mailDomain: 'practical-cloud.example' }, 'Domain');
    const domainTemplate = Template.fromStack(domain);
    domainTemplate.resourceCountIs('AWS::SES::EmailIdentity', 1);
    const identityId = logicalId(domain, domain.email!.identity);
    expect(domainTemplate.toJSON().Resources[identityId].Properties.EmailIdentity).toBe('practical-cloud.example');
    const dkim = Object.entries(domainTemplate.toJSON().Outputs as Record<string, { Value: unknown }>)
      .filter(([key]) => key.includes('Dkim'))
      .map(([, output]) => render(output.Value));
    expect(dkim).toEqual([1, 2, 3].map((n) => `\${${identityId}.DkimDNSTokenName${n}} CNAME \${${identityId}.DkimDNSTokenValue${n}}`));
    // Sending is held to the one From address, an address of the domain, for $default and the checks.
    expect(
      grantsOf(domainTemplate)
        .filter((grant) => grant.actions.includes('ses:SendEmail'))
        .map((grant) => `${grant.role} IF ${JSON.stringify(grant.conditions)}`)
        .sort(),
    ).toEqual(
      [domain.handlers.defaultRoute, domain.checks.function]
        .map(
          (fn) =>
            `\${${logicalId(domain, fn.role!)}} IF ${JSON.stringify({ StringEquals: { 'ses:FromAddress': 'support@practical-cloud.example' } })}`,
        )
        .sort(),
    );
  });

  it('refuses a mailFrom outside -c mailDomain, and a mailFrom that is no address', () => {
    expect(() => synthesizeBare({ mailFrom: 'support@elsewhere.example', mailDomain: 'practical-cloud.example' })).toThrow(
      'mailFrom: support@elsewhere.example is not an address of the mailDomain practical-cloud.example',
    );
    expect(() => synthesizeBare({ mailFrom: 'support' })).toThrow('mailFrom: "support" is not an email address');
  });
});

describe('scheduled checks', () => {
  it('queues checks encrypted and TLS-only, each tried 5 times, then kept 14 days in a dead-letter queue', () => {
    const queueId = id(checks().queue);
    const deadLettersId = id(checks().deadLetters);
    expect(
      ofType('AWS::SQS::Queue')
        .map(([queue]) => queue)
        .sort(),
    ).toEqual([queueId, deadLettersId].sort());
    const queue = resources[queueId]!.Properties;
    const deadLetters = resources[deadLettersId]!.Properties;
    expect(queue.SqsManagedSseEnabled).toBe(true);
    expect(deadLetters.SqsManagedSseEnabled).toBe(true);
    expect(queue.RedrivePolicy).toEqual({ deadLetterTargetArn: { 'Fn::GetAtt': [deadLettersId, 'Arn'] }, maxReceiveCount: 5 });
    expect(deadLetters.RedrivePolicy).toBeUndefined();
    expect(deadLetters.MessageRetentionPeriod).toBe(14 * 24 * 3600);
    for (const id of [queueId, deadLettersId]) {
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: id }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Action: 'sqs:*',
              Principal: { AWS: '*' },
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          ]),
        },
      });
    }
  });

  it("hides a delivered check for six times the checks function's timeout, as Lambda advises for SQS", () => {
    const timeout = resources[id(checks().function)]!.Properties.Timeout as number;
    expect(timeout).toBe(30);
    expect(resources[id(checks().queue)]!.Properties.VisibilityTimeout).toBe(6 * timeout);
  });

  it('runs the checks function (backend/src/handlers/checks.ts) from the queue, which hands back only the checks that failed', () => {
    const mappings = ofType('AWS::Lambda::EventSourceMapping').map(([, mapping]) => mapping.Properties);
    expect(mappings).toEqual([
      {
        EventSourceArn: { 'Fn::GetAtt': [id(checks().queue), 'Arn'] },
        FunctionName: { Ref: id(checks().function) },
        BatchSize: 10,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      },
    ]);
    expect(checks().function.node.path).toBe('SupportChat/Checks/Function');
  });

  it('move the follow-up delay with -c followUpDelaySeconds, for $default and the checks function, and refuse one SQS cannot hold', () => {
    for (const delay of ['901', '-1', 'soon', '1.5']) {
      expect(() => synthesizeBare({ mailFrom: MAIL_FROM, followUpDelaySeconds: delay }), delay).toThrow(/^followUpDelaySeconds: /);
      expect(() => synthesizeBare({ followUpDelaySeconds: delay }), delay).toThrow(/^followUpDelaySeconds: /);
    }
    const delayed = synthesizeBare({ mailFrom: MAIL_FROM, followUpDelaySeconds: '30' }, 'Delayed');
    const delayedTemplate = Template.fromStack(delayed);
    const withDelay = Object.entries(productFunctions(delayed))
      .filter(([, fn]) => environmentIn(delayed, delayedTemplate, fn).FOLLOW_UP_DELAY_SECONDS !== undefined)
      .map(([name, fn]) => `${name}=${environmentIn(delayed, delayedTemplate, fn).FOLLOW_UP_DELAY_SECONDS}`);
    expect(withDelay.sort()).toEqual(['checks=30', 'defaultRoute=30']);
    // Without email there is no follow-up to delay: the variable is left out.
    const noMail = synthesizeBare({ followUpDelaySeconds: '30' }, 'DelayedNoMail');
    const noMailTemplate = Template.fromStack(noMail);
    for (const fn of Object.values(productFunctions(noMail))) {
      expect(environmentIn(noMail, noMailTemplate, fn).FOLLOW_UP_DELAY_SECONDS, fn.node.path).toBeUndefined();
    }
    // Without -c followUpDelaySeconds, the handlers' own default (3 minutes).
    for (const fn of Object.values(productFunctions(stack))) {
      expect(environmentIn(stack, template, fn).FOLLOW_UP_DELAY_SECONDS, fn.node.path).toBeUndefined();
    }
  });

  it('keep conversations -c retentionDays (365 by default): TTL on Messages and Rooms, every function that stores them told, files expired alike', () => {
    for (const days of ['0', '3651', '-5', 'a year', '30.5']) {
      expect(() => synthesizeBare({ retentionDays: days }), days).toThrow(/^retentionDays=/);
    }
    for (const definition of [messagesTable, roomsTable]) {
      expect(resources[id(stack.tables.byDefinition.get(definition)!)]!.Properties.TimeToLiveSpecification).toEqual({
        AttributeName: 'expiresAt',
        Enabled: true,
      });
    }
    const short = synthesizeBare({ retentionDays: '30' }, 'ShortRetention');
    const shortTemplate = Template.fromStack(short);
    const told = Object.entries(productFunctions(short))
      .map(([name, fn]) => `${name}=${environmentIn(short, shortTemplate, fn).RETENTION_DAYS}`)
      .sort();
    expect(told).toEqual(['authorizer=undefined', 'checks=30', 'connect=30', 'defaultRoute=30', 'disconnect=30', 'publicApi=30']);
    const [[, bucket]] = Object.entries(shortTemplate.toJSON().Resources as Record<string, Resource>).filter(
      ([logical]) => logical === logicalId(short, short.attachments.bucket),
    ) as [[string, Resource]];
    expect(bucket.Properties.LifecycleConfiguration.Rules).toContainEqual({
      Id: 'ExpireFiles',
      Prefix: 'files/',
      ExpirationInDays: 30,
      Status: 'Enabled',
    });
  });
});

describe('without mailFrom', () => {
  let bare: SupportChatStack;
  let bareTemplate: Template;
  beforeAll(() => {
    bare = synthesizeBare({});
    bareTemplate = Template.fromStack(bare);
  });

  it('has no SES identity and no SES grant, but the check queue, its dead-letter queue and the checks function all the same', () => {
    expect(bare.email).toBeUndefined();
    expect(bare.node.tryFindChild('Email')).toBeUndefined();
    bareTemplate.resourceCountIs('AWS::SES::EmailIdentity', 0);
    const bareResources = bareTemplate.toJSON().Resources as Record<string, Resource>;
    const queues = Object.entries(bareResources)
      .filter(([, r]) => r.Type === 'AWS::SQS::Queue')
      .map(([queueId]) => queueId)
      .sort();
    expect(queues).toEqual([logicalId(bare, bare.checks.queue), logicalId(bare, bare.checks.deadLetters)].sort());
    expect(bareResources[logicalId(bare, bare.checks.queue)]!.Properties.RedrivePolicy).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': [logicalId(bare, bare.checks.deadLetters), 'Arn'] },
      maxReceiveCount: 5,
    });
    const mappings = Object.values(bareResources)
      .filter((r) => r.Type === 'AWS::Lambda::EventSourceMapping')
      .map((mapping) => mapping.Properties);
    expect(mappings).toEqual([
      {
        EventSourceArn: { 'Fn::GetAtt': [logicalId(bare, bare.checks.queue), 'Arn'] },
        FunctionName: { Ref: logicalId(bare, bare.checks.function) },
        BatchSize: 10,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      },
    ]);
    expect(Object.keys(productFunctions(bare)).sort()).toEqual([
      'authorizer',
      'checks',
      'connect',
      'defaultRoute',
      'disconnect',
      'publicApi',
    ]);
    // No IAM grant on anything email.
    expect(
      grantsOf(bareTemplate)
        .flatMap((grant) => grant.actions)
        .filter((action) => action.startsWith('ses:')),
    ).toEqual([]);
  });

  it('gives the checks function, $disconnect and $default their grants all the same, SES aside: escalating, unassigning, scheduling', () => {
    const role = (fn: { role?: IConstruct }) => `\${${logicalId(bare, fn.role!)}}`;
    const byRole = (fn: { role?: IConstruct }) =>
      grantsOf(bareTemplate)
        .filter((grant) => grant.role === role(fn))
        .flatMap((grant) => grant.resources.map((resource) => `${grant.actions.sort().join()} ON ${resource}`))
        .sort();
    const queue = `\${${logicalId(bare, bare.checks.queue)}.Arn}`;
    const send = `sqs:GetQueueAttributes,sqs:GetQueueUrl,sqs:SendMessage ON ${queue}`;
    expect(byRole(bare.handlers.disconnect)).toContain(send);
    expect(byRole(bare.handlers.defaultRoute)).toContain(send);
    expect(byRole(bare.handlers.defaultRoute)).toContain(
      `cognito-idp:AdminAddUserToGroup,cognito-idp:AdminCreateUser,cognito-idp:AdminDeleteUser,cognito-idp:AdminRemoveUserFromGroup,cognito-idp:ListUsersInGroup ON \${${logicalId(bare, bare.agents.userPool)}.Arn}`,
    );
    expect(byRole(bare.handlers.connect).filter((grant) => grant.includes('sqs:'))).toEqual([]);
    const checksGrants = byRole(bare.checks.function);
    expect(checksGrants.filter((grant) => !grant.startsWith('dynamodb:') && !grant.startsWith('logs:'))).toEqual(
      [
        `execute-api:ManageConnections ON arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${${logicalId(bare, bare.webSocket.api)}}/prod/*/@connections/*`,
        `sns:Publish ON \${${logicalId(bare, bare.alerts.topic)}}`,
        `sqs:ChangeMessageVisibility,sqs:DeleteMessage,sqs:GetQueueAttributes,sqs:GetQueueUrl,sqs:ReceiveMessage,sqs:SendMessage ON ${queue}`,
        `secretsmanager:DescribeSecret,secretsmanager:GetSecretValue ON \${${logicalId(bare, bare.linkSecret)}}`,
      ].sort(),
    );
    expect(
      checksGrants
        .filter((grant) => grant.startsWith('dynamodb:'))
        .map((grant) => grant.split(' ON ')[1])
        .sort(),
    ).toEqual(
      [
        ...[bare.tables.connections, bare.tables.messages, bare.tables.rooms, bare.tables.team].map((t) => `\${${logicalId(bare, t)}.Arn}`),
        `\${${logicalId(bare, bare.tables.rooms)}.Arn}/index/*`,
      ].sort(),
    );
  });

  it('gives no function MAIL_FROM or FOLLOW_UP_DELAY_SECONDS, so widgets offer no email replies, but the check queue to those that schedule', () => {
    const expected = expectedEnvironments(bare);
    const functions = productFunctions(bare) as Record<string, IConstruct>;
    for (const [name, fn] of Object.entries(functions)) {
      const environment = environmentIn(bare, bareTemplate, fn);
      expect(environment, name).toEqual(expected[name as keyof typeof expected]);
      expect(
        Object.keys(environment).filter((key) => key === 'MAIL_FROM' || key.startsWith('FOLLOW_UP')),
        name,
      ).toEqual([]);
    }
    const scheduling = Object.entries(functions)
      .filter(([, fn]) => environmentIn(bare, bareTemplate, fn).CHECK_QUEUE_URL === `\${${logicalId(bare, bare.checks.queue)}}`)
      .map(([name]) => name)
      .sort();
    expect(scheduling).toEqual(['checks', 'defaultRoute', 'disconnect']);
    // And the built-in team settings without -c teamName or -c timeZone.
    expect(JSON.parse(environmentIn(bare, bareTemplate, bare.handlers.defaultRoute).TEAM_DEFAULTS!)).toEqual(defaultTeamSettings());
  });

  it('raises the same alarms as with email, the checks function and its dead letters included', () => {
    const alarms = Object.values(bareTemplate.toJSON().Resources as Record<string, Resource>).filter(
      (r) => r.Type === 'AWS::CloudWatch::Alarm',
    );
    const checksFunction = { Ref: logicalId(bare, bare.checks.function) };
    const deadLetters = { 'Fn::GetAtt': [logicalId(bare, bare.checks.deadLetters), 'QueueName'] };
    expect(
      alarms
        .filter(
          (alarm) =>
            JSON.stringify(alarm.Properties.Dimensions ?? []).includes(JSON.stringify(checksFunction)) ||
            JSON.stringify(alarm.Properties.Dimensions ?? []).includes(JSON.stringify(deadLetters)) ||
            alarm.Properties.MetricName === 'ChecksLoggedErrors',
        )
        .map((alarm) => `${alarm.Properties.Namespace} ${alarm.Properties.MetricName}`)
        .sort(),
    ).toEqual([
      'AWS/Lambda Errors',
      'AWS/Lambda Throttles',
      'AWS/SQS ApproximateNumberOfMessagesVisible',
      'SupportChat ChecksLoggedErrors',
    ]);
    // Errors and throttles of seven functions (the daily sweep's too), four logged-errors alarms, the API's two and the dead letters.
    expect(alarms).toHaveLength(7 * 2 + 4 + 2 + 1);
    expect(alarms).toHaveLength(ofType('AWS::CloudWatch::Alarm').length);
  });
});

describe('agent alerts', () => {
  it('subscribe the emails and phones from the context to an encrypted, TLS-only topic', () => {
    const topic = `\${${id(stack.alerts.topic)}}`;
    const subscriptions = ofType('AWS::SNS::Subscription')
      .map(([, s]) => s.Properties)
      .filter((s) => render(s.TopicArn) === topic)
      .map((s) => `${s.Protocol}:${s.Endpoint}`)
      .sort();
    expect(subscriptions).toEqual(['email:a@x.com', 'email:b@y.com', 'sms:+15550100']);
    expect(render(resources[id(stack.alerts.topic)]!.Properties.KmsMasterKeyId)).toMatch(/:alias\/aws\/sns$/);
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: id(stack.alerts.topic) }],
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
  });

  it('subscribe nobody when the context names no one, and refuse a malformed phone number', () => {
    const bare = new App({ outdir: outdirs.next(), context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] } });
    const bareStack = new SupportChatStack(bare, 'Bare', { siteDirectory });
    Template.fromStack(bareStack).resourceCountIs('AWS::SNS::Subscription', 0);

    const bad = new App({ outdir: outdirs.next(), context: { 'aws:cdk:bundling-stacks': [], alertPhones: '555-0100' } });
    expect(() => new SupportChatStack(bad, 'Bad', { siteDirectory })).toThrow(/alertPhones: "555-0100" is not an E\.164/);
  });
});

describe('agents (Cognito)', () => {
  it('admits only administrator-created users with strong passwords, signing in by email, and keeps them', () => {
    const pool = resources[id(stack.agents.userPool)]!;
    expect(pool.DeletionPolicy).toBe('Retain');
    expect(pool.Properties).toMatchObject({
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      UsernameAttributes: ['email'],
      Policies: {
        PasswordPolicy: { MinimumLength: 12, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true },
      },
    });
  });

  it('has the agents group the authorizer requires, kept with the pool', () => {
    const group = resources[id(stack.agents.agentsGroup)]!;
    expect(group.Properties).toMatchObject({ GroupName: AGENTS_GROUP, UserPoolId: { Ref: id(stack.agents.userPool) } });
    expect(AGENTS_GROUP).toBe('agents');
    expect(group.DeletionPolicy).toBe('Retain');
  });

  it("has the admins group the team's settings require, kept with the pool", () => {
    const group = resources[id(stack.agents.adminsGroup)]!;
    expect(group.Properties).toMatchObject({ GroupName: ADMINS_GROUP, UserPoolId: { Ref: id(stack.agents.userPool) } });
    expect(ADMINS_GROUP).toBe('admins');
    expect(group.DeletionPolicy).toBe('Retain');
  });

  it('has a public app client for SRP and password sign-in with refresh tokens', () => {
    const client = resources[id(stack.agents.client)]!.Properties;
    expect(client.GenerateSecret).toBe(false);
    expect([...client.ExplicitAuthFlows].sort()).toEqual(['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH']);
  });
});

describe('hosting', () => {
  it('keeps the bucket private and TLS-only, served through CloudFront origin access control over HTTPS', () => {
    const bucket = resources[id(stack.site.bucket)]!.Properties;
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.BucketEncryption).toBeDefined();
    expect(render(bucket.LoggingConfiguration.DestinationBucketName)).toBe(`\${${id(stack.site.accessLogsBucket)}}`);
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: id(stack.site.bucket) },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Effect: 'Allow', Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject' }),
        ]),
      },
    });
    const distribution = resources[id(stack.site.distribution)]!.Properties.DistributionConfig;
    expect(distribution.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(distribution.Origins[0].OriginAccessControlId).toBeDefined();
    expect(distribution.Origins[0].S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
  });

  it('serves a Content-Security-Policy the widget satisfies, without unsafe-inline or unsafe-eval', () => {
    const policy = resources[id(stack.site.responseHeadersPolicy)]!.Properties.ResponseHeadersPolicyConfig;
    const csp = render(policy.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    const directives = new Map(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name!, values]),
    );
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('style-src')).toEqual(["'self'"]);
    // The attachments bucket's regional endpoint, which presigned POSTs go to (connect-src)
    // and thumbnails come from (img-src); attachments.test.ts checks it against the SDK's URLs.
    const attachments = `https://supportchat-attachments-\${select(2,split('/',\${AWS::StackId}))}.s3.\${AWS::Region}.\${AWS::URLSuffix}`;
    expect(directives.get('connect-src')).toEqual([
      "'self'",
      `wss://\${${id(stack.webSocket.api)}}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}`,
      'https://cognito-idp.${AWS::Region}.${AWS::URLSuffix}',
      attachments,
    ]);
    expect(directives.get('img-src')).toEqual(["'self'", 'data:', attachments]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.SecurityHeadersConfig.StrictTransportSecurity.Override).toBe(true);
    expect(policy.CorsConfig.AccessControlAllowOrigins.Items).toEqual(['*']);
  });

  it('deploys the built site and a config.json written from the stack', () => {
    const [[, deployment]] = ofType('Custom::CDKBucketDeployment') as [[string, Resource]];
    const properties = deployment.Properties;
    expect(properties.DestinationBucketName).toEqual({ Ref: id(stack.site.bucket) });
    expect(properties.DistributionPaths).toEqual(['/*']);
    expect(properties.SourceObjectKeys).toHaveLength(2);
    const assetDir = (key: string) => join(outdir, `asset.${key.replace(/\.zip$/, '')}`);
    const [siteKey, configKey] = properties.SourceObjectKeys as [string, string];

    // The site as built, minus any config.json left in it.
    expect(readdirSync(assetDir(siteKey)).sort()).toEqual(['agent.html', 'index.html', 'support-chat.js']);

    const written = readFileSync(join(assetDir(configKey), 'config.json'), 'utf8');
    const markers = properties.SourceMarkers[1] as Record<string, unknown>;
    const config = JSON.parse(written.replace(/<<marker:0xbaba:\d+>>/g, (marker) => render(markers[marker]))) as Record<string, string>;
    expect(config).toEqual({
      websocketUrl: `wss://\${${id(stack.webSocket.api)}}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}/prod`,
      region: '${AWS::Region}',
      userPoolId: `\${${id(stack.agents.userPool)}}`,
      userPoolClientId: `\${${id(stack.agents.client)}}`,
      agentConsoleUrl: `https://\${${id(stack.site.distribution)}.DomainName}/agent.html`,
      publicApiUrl: `https://\${${id(stack.site.distribution)}.DomainName}/api`,
    });
  });

  it("serves the public API under /api/: team.json cached as long as its Cache-Control says, the rest never, with the viewer's request but its own Host", () => {
    const distribution = resources[id(stack.site.distribution)]!.Properties.DistributionConfig;
    const behaviors = distribution.CacheBehaviors as Array<Record<string, any>>;
    // In this order: CloudFront takes the first pattern that matches.
    expect(behaviors.map((behavior) => behavior.PathPattern)).toEqual(['/api/team.json', '/api/*']);
    const [teamStatus, rest] = behaviors as [Record<string, any>, Record<string, any>];

    expect(rest.TargetOriginId).toBe(teamStatus.TargetOriginId);
    const origins = distribution.Origins as Array<Record<string, any>>;
    const origin = origins.find((o) => o.Id === teamStatus.TargetOriginId)!;
    expect(origins).toHaveLength(2);
    // The HTTP API's own domain, over HTTPS; its $default stage adds nothing to the path.
    expect(render(origin.DomainName)).toBe(`\${${id(stack.publicApi.api)}}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}`);
    expect(origin.OriginPath).toBeUndefined();
    expect(origin.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });

    expect(teamStatus).toMatchObject({ ViewerProtocolPolicy: 'redirect-to-https', AllowedMethods: ['GET', 'HEAD'], Compress: true });
    expect(teamStatus.OriginRequestPolicyId).toBeUndefined();
    const cachePolicy = resources[teamStatus.CachePolicyId.Ref as string]!;
    expect(cachePolicy.Type).toBe('AWS::CloudFront::CachePolicy');
    // The handler answers with max-age=30: between the minimum and maximum, so it is obeyed;
    // nothing of the request is in the cache key (nor reaches the API).
    expect(cachePolicy.Properties.CachePolicyConfig).toMatchObject({
      MinTTL: 0,
      DefaultTTL: 30,
      MaxTTL: 60,
      ParametersInCacheKeyAndForwardedToOrigin: {
        CookiesConfig: { CookieBehavior: 'none' },
        HeadersConfig: { HeaderBehavior: 'none' },
        QueryStringsConfig: { QueryStringBehavior: 'none' },
        EnableAcceptEncodingGzip: true,
        EnableAcceptEncodingBrotli: true,
      },
    });

    expect(rest.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect([...rest.AllowedMethods].sort()).toEqual(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT']);
    // AWS's managed CachingDisabled and AllViewerExceptHostHeader: the query string (an
    // unsubscribe link's token) and the form reach the API, and API Gateway sees its own Host.
    expect(rest.CachePolicyId).toBe(cloudfront.CachePolicy.CACHING_DISABLED.cachePolicyId);
    expect(rest.CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad');
    expect(rest.OriginRequestPolicyId).toBe(cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER.originRequestPolicyId);
    expect(rest.OriginRequestPolicyId).toBe('b689b0a8-53d0-40ab-baf2-68738e2966ac');
  });
});

describe('operations', () => {
  /** An alarm as one line: what it watches, how, and when it fires. */
  const describeAlarm = (alarm: Record<string, any>) => {
    const dimensions = ((alarm.Dimensions ?? []) as Array<{ Name: string; Value: unknown }>).map((d) => `${d.Name}=${render(d.Value)}`);
    return `${alarm.Namespace} ${alarm.MetricName} [${dimensions.sort().join(',')}] ${alarm.Statistic} >= ${alarm.Threshold}`;
  };

  it("alarms on each function's errors and throttles, logged errors, the WebSocket API's errors and the checks' dead letters, notifying the ops topic", () => {
    const opsTopic = { Ref: id(stack.operations.topic) };
    const alarms = ofType('AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties);
    for (const alarm of alarms) {
      expect(alarm).toMatchObject({
        AlarmActions: [opsTopic],
        OKActions: [opsTopic],
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        EvaluationPeriods: 1,
        Period: 300,
        TreatMissingData: 'notBreaching',
      });
    }
    const fn = (construct: IConstruct) => `FunctionName=\${${id(construct)}}`;
    const lambda = (construct: IConstruct, errorThreshold = 1) => [
      `AWS/Lambda Errors [${fn(construct)}] Sum >= ${errorThreshold}`,
      `AWS/Lambda Throttles [${fn(construct)}] Sum >= 1`,
    ];
    const webSocket = `ApiId=\${${id(stack.webSocket.api)}},Stage=prod`;
    expect(alarms.map(describeAlarm).sort()).toEqual(
      [
        // Every refused connect is a thrown "Unauthorized": the authorizer alarms on a surge.
        ...lambda(stack.handlers.authorizer, 25),
        ...lambda(stack.handlers.connect),
        ...lambda(stack.handlers.disconnect),
        ...lambda(stack.handlers.defaultRoute),
        ...lambda(stack.publicApi.function),
        ...lambda(checks().function),
        ...lambda(stack.sweep.function),
        // Errors the handlers answer themselves, which Lambda does not count.
        'SupportChat DisconnectLoggedErrors [] Sum >= 1',
        'SupportChat DefaultLoggedErrors [] Sum >= 1',
        'SupportChat PublicApiLoggedErrors [] Sum >= 1',
        'SupportChat ChecksLoggedErrors [] Sum >= 1',
        `AWS/ApiGateway IntegrationError [${webSocket}] Sum >= 5`,
        `AWS/ApiGateway ExecutionError [${webSocket}] Sum >= 1`,
        // A check that failed on every try: an email not sent, an escalation not published.
        `AWS/SQS ApproximateNumberOfMessagesVisible [QueueName=\${${id(checks().deadLetters)}.QueueName}] Maximum >= 1`,
      ].sort(),
    );

    const filters = ofType('AWS::Logs::MetricFilter').map(([, f]) => f.Properties);
    const watched = [
      ['Disconnect', stack.handlers.disconnect],
      ['Default', stack.handlers.defaultRoute],
      ['PublicApi', stack.publicApi.function],
      ['Checks', checks().function],
    ] as const;
    expect(filters).toHaveLength(watched.length);
    for (const [label, watchedFn] of watched) {
      const filter = filters.find((f) => f.LogGroupName.Ref === id(watchedFn.logGroup));
      expect(filter, `a metric filter on ${watchedFn.node.path}'s log`).toMatchObject({
        FilterPattern: '{ $.level = "ERROR" }',
        MetricTransformations: [{ MetricNamespace: 'SupportChat', MetricName: `${label}LoggedErrors`, MetricValue: '1', DefaultValue: 0 }],
      });
    }
    const opsSubscriptions = ofType('AWS::SNS::Subscription')
      .map(([, s]) => s.Properties)
      .filter((s) => s.TopicArn.Ref === opsTopic.Ref);
    expect(opsSubscriptions.map((s) => `${s.Protocol}:${s.Endpoint}`)).toEqual(['email:ops@x.com']);
  });

  it("lets CloudWatch use the ops topic's key, which rotates", () => {
    const key = resources[id(stack.operations.topicKey)]!.Properties;
    expect(key.EnableKeyRotation).toBe(true);
    expect(key.KeyPolicy.Statement).toContainEqual(
      expect.objectContaining({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'] }),
    );
  });
});

describe('outputs', () => {
  it('give the script tag, the URLs, the pool, the client, the topics, the attachments bucket, the tables (for npm run privacy) and the identity settings, and nothing else', () => {
    const outputs = Object.fromEntries(
      Object.entries(template.toJSON().Outputs as Record<string, { Value: unknown }>).map(([k, v]) => [k, render(v.Value)]),
    );
    const domain = `\${${id(stack.site.distribution)}.DomainName}`;
    expect(outputs).toEqual({
      ScriptTag: `<script src="https://${domain}/support-chat.js" data-config="https://${domain}/config.json" async></script>`,
      WebSocketUrl: `wss://\${${id(stack.webSocket.api)}}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}/prod`,
      AgentConsoleUrl: `https://${domain}/agent.html`,
      SiteUrl: `https://${domain}`,
      UserPoolId: `\${${id(stack.agents.userPool)}}`,
      UserPoolClientId: `\${${id(stack.agents.client)}}`,
      AlertTopicArn: `\${${id(stack.alerts.topic)}}`,
      AttachmentsBucketName: `\${${id(stack.attachments.bucket)}}`,
      ConnectionsTableName: `\${${id(stack.tables.connections)}}`,
      MessagesTableName: `\${${id(stack.tables.messages)}}`,
      RoomsTableName: `\${${id(stack.tables.rooms)}}`,
      TeamTableName: `\${${id(stack.tables.team)}}`,
      RetentionDays: '365',
      OpsTopicArn: `\${${id(stack.operations.topic)}}`,
      // Identity is off here, so no secret (identity.test.ts has the others).
      IdentityMode: 'off',
      IdentityAudience: 'SupportChat',
    });
  });
});

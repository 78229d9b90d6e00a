import { App, CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { Asset } from 'aws-cdk-lib/aws-s3-assets';
import type { IConstruct } from 'constructs';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENTS_GROUP } from '../src/protocol/agents.ts';
import { connectionsTable, messagesTable, roomsTable, tables } from '../src/tables.ts';
import { ACCESS_LOG_FORMAT } from './constructs/websocket-api.ts';
import { SupportChatStack } from './support-chat-stack.ts';
import { cdkJsonContext, makeSiteDirectory, render } from './test-support.ts';

type Resource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string; DependsOn?: string[] };

let outdir: string;
let siteDirectory: string;
let app: App;
let stack: SupportChatStack;
let template: Template;
let resources: Record<string, Resource>;

const id = (construct: IConstruct) =>
  stack.getLogicalId((CfnElement.isCfnElement(construct) ? construct : construct.node.defaultChild) as CfnElement);
const ofType = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'support-chat-cdk-'));
  siteDirectory = makeSiteDirectory();
  app = new App({
    outdir,
    context: { ...cdkJsonContext(), alertEmails: 'a@x.com,b@y.com', alertPhones: '+15550100', opsEmails: 'ops@x.com' },
  });
  // Bundles the four handlers with esbuild, once for the whole file.
  stack = new SupportChatStack(app, 'SupportChat', { siteDirectory });
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources as Record<string, Resource>;
});

afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
  rmSync(siteDirectory, { recursive: true, force: true });
});

describe('WebSocket API', () => {
  it('routes on the action field of each frame', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'WEBSOCKET',
      RouteSelectionExpression: '$request.body.action',
    });
  });

  it('has $connect behind the Lambda REQUEST authorizer, and $disconnect and $default', () => {
    const routes = ofType('AWS::ApiGatewayV2::Route').map(([, route]) => route.Properties);
    expect(routes.map((route) => route.RouteKey).sort()).toEqual(['$connect', '$default', '$disconnect']);
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
    for (const [, route] of ofType('AWS::ApiGatewayV2::Route')) {
      const integrationId = render(route.Properties.Target).replace(/^integrations\/\$\{(.*)\}$/, '$1');
      const integration = resources[integrationId]!;
      expect(integration.Type).toBe('AWS::ApiGatewayV2::Integration');
      expect(integration.Properties.IntegrationType).toBe('AWS_PROXY');
      expect(render(integration.Properties.IntegrationUri)).toContain(`\${${id(expected[route.Properties.RouteKey]!)}.Arn}/invocations`);
    }
  });

  it('lets API Gateway invoke each function for its route or authorizer only', () => {
    const apiId = id(stack.webSocket.api);
    const authorizerId = id(stack.routes.authorizer);
    const expected = new Map<string, string>([
      [id(stack.handlers.authorizer), `\${${apiId}}/authorizers/\${${authorizerId}}`],
      [id(stack.handlers.connect), `\${${apiId}}/prod/$connect`],
      [id(stack.handlers.disconnect), `\${${apiId}}/prod/$disconnect`],
      [id(stack.handlers.defaultRoute), `\${${apiId}}/prod/$default`],
    ]);
    const permissions = ofType('AWS::Lambda::Permission')
      .map(([, permission]) => permission.Properties)
      .filter((permission) => permission.Principal === 'apigateway.amazonaws.com');
    expect(permissions).toHaveLength(4);
    for (const permission of permissions) {
      const functionId = render(permission.FunctionName).replace(/^\$\{(.*)\.Arn\}$/, '$1');
      expect(render(permission.SourceArn)).toBe(
        `arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:${expected.get(functionId)}`,
      );
    }
  });

  it('deploys a throttled stage whose access log carries no secrets', () => {
    const [[, stage]] = ofType('AWS::ApiGatewayV2::Stage') as [[string, Resource]];
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
    expect(ofType('AWS::ApiGatewayV2::Stage')[0]![1].DependsOn).toContain(accountId);
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
    expect(roomsTable.globalIndexes.map((index) => index.indexName)).toEqual(['byActivity']);
    expect(connectionsTable.timeToLiveAttribute).toBe('expiresAt');
  });

  it('keep conversations (point-in-time recovery, retained, deletion protected) and let connections go', () => {
    for (const definition of [messagesTable, roomsTable]) {
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
  const chatEnvironment = () => ({
    CONNECTIONS_TABLE: `\${${id(stack.tables.connections)}}`,
    MESSAGES_TABLE: `\${${id(stack.tables.messages)}}`,
    ROOMS_TABLE: `\${${id(stack.tables.rooms)}}`,
    CONNECTIONS_ENDPOINT: `https://\${${id(stack.webSocket.api)}}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}/prod`,
    ALERT_TOPIC_ARN: `\${${id(stack.alerts.topic)}}`,
    AGENT_CONSOLE_URL: `https://\${${id(stack.site.distribution)}.DomainName}/agent.html`,
    NODE_OPTIONS: '--enable-source-maps',
  });
  const environmentOf = (fn: IConstruct) =>
    Object.fromEntries(
      Object.entries(resources[id(fn)]!.Properties.Environment.Variables as Record<string, unknown>).map(([k, v]) => [k, render(v)]),
    );

  it('run on Node 22, arm64, each with its own log group that expires', () => {
    for (const fn of stack.handlers.all) {
      const properties = resources[id(fn)]!.Properties;
      expect(properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], Handler: 'index.handler' });
      const logGroup = resources[properties.LoggingConfig.LogGroup.Ref as string]!;
      expect(logGroup.Type).toBe('AWS::Logs::LogGroup');
      expect(logGroup.Properties.RetentionInDays).toBe(30);
    }
    expect(new Set(stack.handlers.all.map((fn) => render(resources[id(fn)]!.Properties.LoggingConfig.LogGroup))).size).toBe(4);
  });

  it('give the authorizer only the Cognito pool and client', () => {
    expect(environmentOf(stack.handlers.authorizer)).toEqual({
      COGNITO_USER_POOL_ID: `\${${id(stack.agents.userPool)}}`,
      COGNITO_CLIENT_ID: `\${${id(stack.agents.client)}}`,
      NODE_OPTIONS: '--enable-source-maps',
    });
  });

  it('give each chat function the variables of what it uses: $default all, $disconnect no alerts, $connect its table', () => {
    const { CONNECTIONS_TABLE, ROOMS_TABLE, CONNECTIONS_ENDPOINT, NODE_OPTIONS } = chatEnvironment();
    expect(environmentOf(stack.handlers.defaultRoute)).toEqual(chatEnvironment());
    expect(environmentOf(stack.handlers.disconnect)).toEqual({ CONNECTIONS_TABLE, ROOMS_TABLE, CONNECTIONS_ENDPOINT, NODE_OPTIONS });
    expect(environmentOf(stack.handlers.connect)).toEqual({ CONNECTIONS_TABLE, NODE_OPTIONS });
    // The variable names are the ones the handlers read (backend/src/tables.ts).
    expect(tables.map((table) => table.envVar).sort()).toEqual(['CONNECTIONS_TABLE', 'MESSAGES_TABLE', 'ROOMS_TABLE']);
  });

  describe('bundles', () => {
    const bundleOf = (fn: IConstruct) => join(outdir, (fn.node.findChild('Code') as Asset).assetPath);

    it('are minified ES modules with source maps and the AWS SDK inside', () => {
      for (const fn of stack.handlers.all) {
        const dir = bundleOf(fn);
        expect(readdirSync(dir).sort()).toEqual(['index.mjs', 'index.mjs.map']);
        const code = readFileSync(join(dir, 'index.mjs'), 'utf8');
        // Minified: a few very long lines (template literals keep their own line breaks).
        expect(code.length / code.split('\n').length).toBeGreaterThan(2_000);
        expect(code).not.toMatch(/from\s*["']@aws-sdk\//);
      }
      expect(readFileSync(join(bundleOf(stack.handlers.defaultRoute), 'index.mjs'), 'utf8')).toContain('PostToConnection');
    });

    it('hold only the clients their handler uses: no SNS outside $default, no @connections client in $connect', () => {
      // Names that survive minification: the operations' and their members' wire names.
      const holds = (fn: IConstruct) => {
        const code = readFileSync(join(bundleOf(fn), 'index.mjs'), 'utf8');
        return { sns: code.includes('TopicArn'), connectionsApi: code.includes('PostToConnection') };
      };
      expect(holds(stack.handlers.defaultRoute)).toEqual({ sns: true, connectionsApi: true });
      expect(holds(stack.handlers.disconnect)).toEqual({ sns: false, connectionsApi: true });
      expect(holds(stack.handlers.connect)).toEqual({ sns: false, connectionsApi: false });
    });

    it('load under plain Node, and the authorizer admits a visitor key and refuses a bad token', async () => {
      const visitorKey = 'k'.repeat(43);
      const script = `
        process.env.COGNITO_USER_POOL_ID = 'us-east-1_Example1';
        process.env.COGNITO_CLIENT_ID = 'client';
        const [authorizer, ...others] = JSON.parse(process.argv[1]);
        for (const file of others) {
          if (typeof (await import(file)).handler !== 'function') throw new Error(file + ' exports no handler');
        }
        const { handler } = await import(authorizer);
        const methodArn = 'arn:aws:execute-api:us-east-1:123456789012:api/prod/$connect';
        const visitor = await handler({ type: 'REQUEST', methodArn, queryStringParameters: { visitorKey: '${visitorKey}' } });
        const refused = await handler({ type: 'REQUEST', methodArn, queryStringParameters: { token: 'not.a.jwt' } }).then(
          () => 'allowed', (error) => error.message);
        console.log(JSON.stringify({ visitor, refused }));`;
      const files = stack.handlers.all.map((fn) => pathToFileURL(join(bundleOf(fn), 'index.mjs')).href);
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--input-type=module', '--no-warnings', '-e', script, JSON.stringify(files)],
        { env: { PATH: process.env.PATH } },
      );
      const { visitor, refused } = JSON.parse(stdout) as { visitor: any; refused: string };
      const roomId = createHash('sha256').update(visitorKey).digest('base64url');
      expect(visitor.principalId).toBe(roomId);
      expect(visitor.context).toEqual({ role: 'visitor', roomId });
      expect(visitor.policyDocument.Statement[0]).toMatchObject({ Effect: 'Allow', Action: 'execute-api:Invoke' });
      expect(refused).toBe('Unauthorized');
    }, 30_000);
  });
});

describe('permissions', () => {
  /** Statements of the policies attached to a role. */
  const statementsOf = (role: IConstruct) =>
    ofType('AWS::IAM::Policy')
      .filter(([, policy]) => (policy.Properties.Roles as unknown[]).some((r) => render(r) === `\${${id(role)}}`))
      .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement as Array<Record<string, any>>);
  const summary = (role: IConstruct) =>
    statementsOf(role)
      .flatMap((statement) =>
        [statement.Resource].flat().map((resource) => `${[statement.Action].flat().sort().join(',')} ON ${render(resource)}`),
      )
      .sort();
  const readWrite =
    'dynamodb:BatchGetItem,dynamodb:BatchWriteItem,dynamodb:ConditionCheckItem,dynamodb:DeleteItem,dynamodb:DescribeTable,dynamodb:GetItem,dynamodb:GetRecords,dynamodb:GetShardIterator,dynamodb:PutItem,dynamodb:Query,dynamodb:Scan,dynamodb:UpdateItem';
  const read =
    'dynamodb:BatchGetItem,dynamodb:ConditionCheckItem,dynamodb:DescribeTable,dynamodb:GetItem,dynamodb:GetRecords,dynamodb:GetShardIterator,dynamodb:Query,dynamodb:Scan';
  const logs = (fn: IConstruct) => `logs:CreateLogStream,logs:PutLogEvents ON \${${id(fn.node.scope!.node.findChild(`${fn.node.id}Logs`))}.Arn}`;
  const table = (t: IConstruct) => `\${${id(t)}.Arn}`;
  const manageConnections = () =>
    `execute-api:ManageConnections ON arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${${id(stack.webSocket.api)}}/prod/*/@connections/*`;

  it('give each function exactly what its code uses, through grants', () => {
    const { authorizer, connect, disconnect, defaultRoute } = stack.handlers;
    const { connections, messages, rooms } = stack.tables;
    expect(summary(authorizer.role!)).toEqual([logs(authorizer)]);
    expect(summary(connect.role!)).toEqual([logs(connect), `${readWrite} ON ${table(connections)}`].sort());
    expect(summary(disconnect.role!)).toEqual(
      [
        logs(disconnect),
        `${readWrite} ON ${table(connections)}`,
        `${read} ON ${table(rooms)}`,
        `${read} ON ${table(rooms)}/index/*`,
        manageConnections(),
      ].sort(),
    );
    expect(summary(defaultRoute.role!)).toEqual(
      [
        logs(defaultRoute),
        `${readWrite} ON ${table(connections)}`,
        `${readWrite} ON ${table(messages)}`,
        `${readWrite} ON ${table(rooms)}`,
        `${readWrite} ON ${table(rooms)}/index/*`,
        `sns:Publish ON \${${id(stack.alerts.topic)}}`,
        manageConnections(),
      ].sort(),
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
          const ids = [...text.matchAll(/\$\{([A-Za-z0-9]+)(\.[A-Za-z]+)?\}/g)].map((match) => match[1]!);
          const own = ids.filter((logicalId) => logicalIds.has(logicalId));
          expect(own.length > 0 || assetsBucket.test(text), `${text} names none of this stack's resources`).toBe(true);
        }
      }
    }
    expect(wildcards).toBe(1);
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
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('subscribe nobody when the context names no one, and refuse a malformed phone number', () => {
    const bare = new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] } });
    const bareStack = new SupportChatStack(bare, 'Bare', { siteDirectory });
    Template.fromStack(bareStack).resourceCountIs('AWS::SNS::Subscription', 0);

    const bad = new App({ context: { 'aws:cdk:bundling-stacks': [], alertPhones: '555-0100' } });
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
    const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('style-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual([
      "'self'",
      `wss://\${${id(stack.webSocket.api)}}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}`,
      'https://cognito-idp.${AWS::Region}.${AWS::URLSuffix}',
    ]);
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
    });
  });
});

describe('operations', () => {
  it('alarms on each function\'s errors and throttles and on the API\'s integration and execution errors, notifying the ops topic', () => {
    const opsTopic = { Ref: id(stack.operations.topic) };
    const alarms = ofType('AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties);
    // Errors and Throttles per function, the API's two, and logged errors of the two
    // handlers that answer failures themselves.
    expect(alarms).toHaveLength(stack.handlers.all.length * 2 + 2 + 2);
    for (const alarm of alarms) expect(alarm.AlarmActions).toEqual([opsTopic]);
    for (const fn of stack.handlers.all) {
      for (const metric of ['Errors', 'Throttles']) {
        expect(alarms).toContainEqual(
          expect.objectContaining({
            Namespace: 'AWS/Lambda',
            MetricName: metric,
            Dimensions: [{ Name: 'FunctionName', Value: { Ref: id(fn) } }],
          }),
        );
      }
    }
    for (const metric of ['IntegrationError', 'ExecutionError']) {
      expect(alarms).toContainEqual(
        expect.objectContaining({
          Namespace: 'AWS/ApiGateway',
          MetricName: metric,
          Dimensions: expect.arrayContaining([
            { Name: 'ApiId', Value: { Ref: id(stack.webSocket.api) } },
            { Name: 'Stage', Value: 'prod' },
          ]),
        }),
      );
    }
    const filters = ofType('AWS::Logs::MetricFilter').map(([, f]) => f.Properties);
    for (const fn of [stack.handlers.defaultRoute, stack.handlers.disconnect]) {
      const filter = filters.find((f) => f.LogGroupName.Ref === id(fn.logGroup));
      expect(filter, `a metric filter on ${fn.node.id}'s log`).toMatchObject({
        FilterPattern: '{ $.level = "ERROR" }',
        MetricTransformations: [expect.objectContaining({ MetricNamespace: 'SupportChat', MetricValue: '1', DefaultValue: 0 })],
      });
      expect(alarms).toContainEqual(
        expect.objectContaining({ Namespace: 'SupportChat', MetricName: filter!.MetricTransformations[0].MetricName, Threshold: 1 }),
      );
    }
    const opsSubscriptions = ofType('AWS::SNS::Subscription')
      .map(([, s]) => s.Properties)
      .filter((s) => s.TopicArn.Ref === opsTopic.Ref);
    expect(opsSubscriptions.map((s) => `${s.Protocol}:${s.Endpoint}`)).toEqual(['email:ops@x.com']);
  });

  it('lets CloudWatch use the ops topic\'s key, which rotates', () => {
    const key = resources[id(stack.operations.topicKey)]!.Properties;
    expect(key.EnableKeyRotation).toBe(true);
    expect(key.KeyPolicy.Statement).toContainEqual(
      expect.objectContaining({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'] }),
    );
  });
});

describe('outputs', () => {
  it('give the script tag, the WebSocket URL, the console URL, the pool, the client and the alert topic', () => {
    const outputs = Object.fromEntries(
      Object.entries(template.toJSON().Outputs as Record<string, { Value: unknown }>).map(([k, v]) => [k, render(v.Value)]),
    );
    const domain = `\${${id(stack.site.distribution)}.DomainName}`;
    expect(outputs).toMatchObject({
      ScriptTag: `<script src="https://${domain}/support-chat.js" data-config="https://${domain}/config.json" async></script>`,
      WebSocketUrl: `wss://\${${id(stack.webSocket.api)}}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}/prod`,
      AgentConsoleUrl: `https://${domain}/agent.html`,
      UserPoolId: `\${${id(stack.agents.userPool)}}`,
      UserPoolClientId: `\${${id(stack.agents.client)}}`,
      AlertTopicArn: `\${${id(stack.alerts.topic)}}`,
    });
  });
});


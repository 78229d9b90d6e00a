import { CfnElement, DefaultStackSynthesizer, Token, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { SupportChatStack } from './support-chat-stack.ts';

/**
 * Every cdk-nag (AwsSolutions) finding this stack accepts, each with its reason, in one
 * place. cdk-nag v3 reads these acknowledgments (CDK's `Validations.of(...).acknowledge`);
 * an IAM5 finding names the exact wildcard it accepts, so a new wildcard is a new finding.
 */
export function acknowledgeNagFindings(stack: SupportChatStack): void {
  const ack = (scope: IConstruct, id: string, reason: string) => Validations.of(scope).acknowledge({ id, reason });
  const ref = (construct: IConstruct) =>
    stack.getLogicalId((CfnElement.isCfnElement(construct) ? construct : construct.node.defaultChild) as CfnElement);
  // cdk-nag names a pseudo parameter as <AWS::Region> unless the stack's environment makes it
  // literal (managed policy ARNs always keep <AWS::Partition>).
  const pseudo = (value: string, name: string) => (Token.isUnresolved(value) ? `<AWS::${name}>` : value);
  const partition = pseudo(stack.partition, 'Partition');
  const region = pseudo(stack.region, 'Region');
  const account = pseudo(stack.account, 'AccountId');
  const { handlers, webSocket, routes, site, agents } = stack;

  // Handlers
  for (const fn of handlers.all) {
    ack(
      fn,
      'AwsSolutions-L1',
      'Node.js 22 is the runtime the project targets (ARCHITECTURE.md: Lambda Node 22, arm64) and tests its handlers against; moving to a newer runtime is a deliberate upgrade, not a drift to follow silently.',
    );
  }
  const managedConnections = `AwsSolutions-IAM5[Resource::arn:${partition}:execute-api:${region}:${account}:<${ref(webSocket.api)}>/${webSocket.stageName}/*/@connections/*]`;
  const roomsIndexes = `AwsSolutions-IAM5[Resource::<${ref(stack.tables.rooms)}.Arn>/index/*]`;
  for (const fn of [handlers.disconnect, handlers.defaultRoute]) {
    const role = fn.role!;
    ack(
      role,
      managedConnections,
      'execute-api:ManageConnections on this API\'s own stage only; the wildcards stand for the HTTP verb (POST, GET, DELETE on @connections) and the connection id, which API Gateway assigns at runtime.',
    );
    ack(
      role,
      roomsIndexes,
      'The Rooms table\'s indexes (byActivity, the agents\' inbox), named under this table\'s own ARN; index names are part of the table definition in backend/src/tables.ts.',
    );
  }

  // WebSocket API
  for (const route of [routes.disconnectRoute, routes.defaultRoute]) {
    ack(
      route,
      'AwsSolutions-APIG4',
      'API Gateway WebSocket APIs authorize only the $connect route; $disconnect and $default run on a connection the $connect authorizer already admitted, and the handlers look up that connection\'s identity by its id.',
    );
  }
  const cloudWatchRole = webSocket.node.tryFindChild('CloudWatchRole');
  if (cloudWatchRole) {
    ack(
      cloudWatchRole,
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
      'This role is the region-wide API Gateway account setting, used for every REST and WebSocket API\'s logs in the account (log groups named at runtime); AWS maintains this policy for exactly that purpose.',
    );
  }

  // Agents (Cognito)
  ack(
    agents.userPool,
    'AwsSolutions-COG2',
    'The agent console signs in with amazon-cognito-identity-js and does not yet answer MFA challenges, so requiring MFA would lock every agent out. Accounts are created by an administrator only and need 12+ character complex passwords; require TOTP MFA once the console handles it.',
  );
  ack(
    agents.userPool,
    'AwsSolutions-COG8',
    'The Plus feature plan (threat protection) is billed per monthly active user; agents are a few administrator-created accounts with strong passwords on the Essentials plan. A deployment that needs compromised-credential detection can switch featurePlan to PLUS.',
  );

  // Hosting
  const distribution = site.distribution;
  ack(
    distribution,
    'AwsSolutions-CFR1',
    'The chat serves a company\'s visitors wherever they are; a geographic restriction would be a business decision per deployment, not a default.',
  );
  ack(
    distribution,
    'AwsSolutions-CFR2',
    'The distribution serves only static, public files (the widget script, two pages, config.json) from S3 through origin access control, with GET and HEAD only and Shield Standard; there is no dynamic origin for a WAF rule set to protect. The chat traffic itself goes to API Gateway, which has its own throttling.',
  );
  ack(
    distribution,
    'AwsSolutions-CFR4',
    'The distribution uses CloudFront\'s default *.cloudfront.net certificate (no custom domain is configured), whose security policy cannot be set; with a custom domain, pass a certificate and TLSv1.2_2021.',
  );

  const deploymentHandler = stack.node.children.find((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'));
  if (!deploymentHandler) throw new Error('BucketDeployment handler not found: the nag acknowledgments for it need updating');
  const deploymentRole = deploymentHandler.node.findChild('ServiceRole');
  const siteBucket = ref(site.bucket);
  const qualifier = stack.synthesizer.bootstrapQualifier ?? DefaultStackSynthesizer.DEFAULT_QUALIFIER;
  const assetsBucket = `arn:${partition}:s3:::cdk-${qualifier}-assets-${account}-${region}/*`;
  const deploymentReason =
    'The handler of CDK\'s BucketDeployment (aws-cdk-lib), which copies the built site from the CDK assets bucket into the site bucket and invalidates the distribution; CDK writes this policy and scopes it to those two buckets.';
  ack(
    deploymentHandler,
    'AwsSolutions-L1',
    'CDK\'s BucketDeployment handler, whose runtime aws-cdk-lib chooses and updates with each release.',
  );
  ack(deploymentRole, 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', deploymentReason);
  for (const finding of [
    'Action::s3:GetObject*',
    'Action::s3:GetBucket*',
    'Action::s3:List*',
    'Action::s3:DeleteObject*',
    'Action::s3:Abort*',
    `Resource::${assetsBucket}`,
    `Resource::<${siteBucket}.Arn>/*`,
  ]) {
    ack(deploymentRole.node.findChild('DefaultPolicy'), `AwsSolutions-IAM5[${finding}]`, deploymentReason);
  }
  ack(
    deploymentRole.node.findChild('DefaultPolicy'),
    'AwsSolutions-IAM5[Resource::*]',
    'cloudfront:CreateInvalidation and cloudfront:GetInvalidation for CDK\'s BucketDeployment, which grants them on "*" and offers no way to scope them to this distribution; they can only expire cached files.',
  );
}

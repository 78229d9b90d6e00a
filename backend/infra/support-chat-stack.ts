import { CfnOutput, Duration, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { IDENTITY_MODES, type IdentityMode } from '../src/identity/identity-verifier.ts';
import { MAX_ATTACHMENT_BYTES } from '../src/protocol/attachments.ts';
import { teamSettingsSchema } from '../src/protocol/team-actions.ts';
import { checkedRetentionDays, DEFAULT_RETENTION_DAYS } from '../src/retention.ts';
import { defaultTeamSettings } from '../src/team-defaults.ts';
import { AgentAlerts } from './constructs/agent-alerts.ts';
import { AgentPool } from './constructs/agent-pool.ts';
import { AttachmentBucket, attachmentBucketName } from './constructs/attachment-bucket.ts';
import { ChatHandlers } from './constructs/chat-handlers.ts';
import { ChatTables } from './constructs/chat-tables.ts';
import { EmailSender } from './constructs/email-sender.ts';
import { IdentityKeys } from './constructs/identity-keys.ts';
import { MalwareScan } from './constructs/malware-scan.ts';
import { Operations } from './constructs/operations.ts';
import { PublicApi } from './constructs/public-api.ts';
import { ScheduledChecks } from './constructs/scheduled-checks.ts';
import { ScheduledSweep } from './constructs/scheduled-sweep.ts';
import { SiteHosting } from './constructs/site-hosting.ts';
import { WebSocketApi, WebSocketRoutes } from './constructs/websocket-api.ts';

export interface SupportChatStackProps extends StackProps {
  /** The built site (`demo-site/dist`): the widget's scripts (`support-chat.js` and beside it the chat and file code), `index.html`, `agent.html`. */
  readonly siteDirectory: string;
  /**
   * Addresses alerted when a visitor is waiting.
   * @default - the `alertEmails` context value, comma separated, or none
   */
  readonly alertEmails?: readonly string[];
  /**
   * Phone numbers (E.164) alerted by SMS when a visitor is waiting.
   * @default - the `alertPhones` context value, comma separated, or none
   */
  readonly alertPhones?: readonly string[];
  /**
   * Addresses that get the operations alarms.
   * @default - the `opsEmails` context value, comma separated, or none
   */
  readonly opsEmails?: readonly string[];
  /**
   * The sender of emails to visitors (SES verifies it), e.g. `support@example.com`.
   * @default - the `mailFrom` context value, or no email to visitors
   */
  readonly mailFrom?: string;
}

/** The whole product on AWS: WebSocket API, handlers, tables, alerts, agent identities, scheduled checks, email, files, hosting, alarms. */
export class SupportChatStack extends Stack {
  public readonly tables: ChatTables;
  public readonly alerts: AgentAlerts;
  public readonly agents: AgentPool;
  public readonly webSocket: WebSocketApi;
  public readonly site: SiteHosting;
  public readonly handlers: ChatHandlers;
  public readonly routes: WebSocketRoutes;
  public readonly operations: Operations;
  public readonly linkSecret: secretsmanager.Secret;
  public readonly publicApi: PublicApi;
  /** The check queue and its function: email follow-ups, escalations, absent agents. In every deployment. */
  public readonly checks: ScheduledChecks;
  /** The daily sweep of conversations past the retention in force (the team's setting or the deployment's). */
  public readonly sweep: ScheduledSweep;
  /** The SES sender; absent without a `mailFrom`. */
  public readonly email: EmailSender | undefined;
  /** How customers' identity tokens are checked (`-c identityMode`, `identityAudience`, `identityJwksUrl`); its secret absent when off. */
  public readonly identity: IdentityKeys;
  /** The bucket for files in conversations. */
  public readonly attachments: AttachmentBucket;
  /** GuardDuty's scan of the files and the function that hears its results; absent unless `-c malwareScan=true`. */
  public readonly malwareScan: MalwareScan | undefined;

  constructor(scope: Construct, id: string, props: SupportChatStackProps) {
    super(scope, id, props);

    const retentionDays = retentionDaysFromContext(this);
    this.tables = new ChatTables(this, 'Tables', { retentionDays });
    this.alerts = new AgentAlerts(this, 'AgentAlerts', {
      emails: props.alertEmails ?? listFromContext(this, 'alertEmails'),
      phoneNumbers: props.alertPhones ?? listFromContext(this, 'alertPhones'),
    });
    this.agents = new AgentPool(this, 'Agents');
    this.webSocket = new WebSocketApi(this, 'WebSocket');
    const teamDefaults = teamDefaultsFromContext(this);
    const mailFrom = props.mailFrom ?? stringFromContext(this, 'mailFrom');

    this.linkSecret = new secretsmanager.Secret(this, 'LinkSecret', {
      description: 'Support chat: signs the links in emails to visitors (back to a conversation, unsubscribe)',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    Validations.of(this.linkSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'A new value would break every link already mailed (they stay valid for 7 days, unsubscribe links for a year); docs/operations.md gives the manual rotation, to run when the secret may have leaked.',
    });
    this.identity = new IdentityKeys(this, 'Identity', {
      mode: identityModeFromContext(this),
      audience: stringFromContext(this, 'identityAudience') ?? this.stackName,
      jwksUrl: httpsUrlFromContext(this, 'identityJwksUrl'),
    });
    this.publicApi = new PublicApi(this, 'PublicApi', {
      tables: this.tables,
      linkSecret: this.linkSecret,
      teamDefaults,
      mailFrom,
      identity: this.identity,
    });

    // Named before the bucket exists: the site's CSP names the bucket, the bucket's CORS the site.
    const attachmentsBucketName = attachmentBucketName(this);
    const attachmentsOrigin = AttachmentBucket.originOf(this, attachmentsBucketName);
    this.site = new SiteHosting(this, 'Site', {
      publicApiDomain: this.publicApi.domainName,
      siteDirectory: props.siteDirectory,
      config: {
        websocketUrl: this.webSocket.url,
        region: this.region,
        userPoolId: this.agents.userPool.userPoolId,
        userPoolClientId: this.agents.client.userPoolClientId,
      },
      connectSources: [this.webSocket.origin, `https://cognito-idp.${this.region}.${this.urlSuffix}`, attachmentsOrigin],
      imageSources: [attachmentsOrigin],
    });
    this.attachments = new AttachmentBucket(this, 'Attachments', {
      bucketName: attachmentsBucketName,
      // The stack's own pages (the demo site and the agent console) and the company's sites.
      allowedOrigins: [this.site.url, ...originsFromContext(this, 'siteOrigins')],
      accessLogsBucket: this.site.accessLogsBucket,
      maxBytes: bytesFromContext(this, 'attachmentMaxBytes'),
      retentionDays,
    });
    this.publicApi.useAttachments(this.attachments.variables);
    const malwareScan = flagFromContext(this, 'malwareScan');

    const conversationUrl = stringFromContext(this, 'conversationUrl') ?? `${this.site.url}/`;
    this.publicApi.useLinkUrls({ conversationUrl, publicApiUrl: this.site.publicApiUrl });
    const delaySeconds = stringFromContext(this, 'followUpDelaySeconds');
    if (delaySeconds !== undefined && !/^\d+$/.test(delaySeconds)) {
      throw new Error(
        `followUpDelaySeconds: "${delaySeconds}" is not a whole number of seconds from 0 to 900 (SQS delays messages by 0 to 900 seconds)`,
      );
    }
    // The id 'Email' is the SES identity's logical id in deployed stacks: renaming it would
    // create a second identity for the same address, which SES refuses.
    this.email = mailFrom ? new EmailSender(this, 'Email', { mailFrom, mailDomain: stringFromContext(this, 'mailDomain') }) : undefined;
    this.checks = new ScheduledChecks(this, 'Checks', {
      tables: this.tables,
      api: this.webSocket,
      alertTopic: this.alerts.topic,
      agentConsoleUrl: this.site.agentConsoleUrl,
      linkSecret: this.linkSecret,
      conversationUrl,
      publicApiUrl: this.site.publicApiUrl,
      teamDefaults,
      email: this.email,
      attachments: this.attachments,
      ...(delaySeconds !== undefined && { followUpDelay: Duration.seconds(Number(delaySeconds)) }),
    });

    this.handlers = new ChatHandlers(this, 'Handlers', {
      tables: this.tables,
      api: this.webSocket,
      alertTopic: this.alerts.topic,
      agentConsoleUrl: this.site.agentConsoleUrl,
      userPool: this.agents.userPool,
      userPoolClient: this.agents.client,
      linkSecret: this.linkSecret,
      identity: this.identity,
      conversationUrl,
      publicApiUrl: this.site.publicApiUrl,
      teamDefaults,
      checks: this.checks,
      email: this.email,
      attachments: this.attachments,
      malwareScan,
    });
    this.malwareScan = malwareScan
      ? new MalwareScan(this, 'MalwareScan', { attachments: this.attachments, tables: this.tables, api: this.webSocket })
      : undefined;

    this.sweep = new ScheduledSweep(this, 'Sweep', { tables: this.tables, attachments: this.attachments });

    this.routes = new WebSocketRoutes(this, 'Routes', {
      api: this.webSocket,
      authorizer: this.handlers.authorizer,
      connect: this.handlers.connect,
      disconnect: this.handlers.disconnect,
      defaultRoute: this.handlers.defaultRoute,
    });

    this.operations = new Operations(this, 'Operations', {
      functions: [
        // Every refused connect (a malformed visitor key, an expired agent token) is a
        // thrown "Unauthorized", which Lambda counts as an error: alarm on a surge only.
        { label: 'Authorizer', fn: this.handlers.authorizer, errorThreshold: 25 },
        { label: 'Connect', fn: this.handlers.connect },
        { label: 'Disconnect', fn: this.handlers.disconnect, logGroup: this.handlers.disconnect.logGroup },
        { label: 'Default', fn: this.handlers.defaultRoute, logGroup: this.handlers.defaultRoute.logGroup },
        { label: 'PublicApi', fn: this.publicApi.function, logGroup: this.publicApi.function.logGroup },
        { label: 'Checks', fn: this.checks.function, logGroup: this.checks.function.logGroup },
        // A failed sweep throws (Lambda counts it): no logged-errors alarm of its own.
        { label: 'Sweep', fn: this.sweep.function },
        ...(this.malwareScan ? [{ label: 'ScanResult', fn: this.malwareScan.function, logGroup: this.malwareScan.function.logGroup }] : []),
      ],
      deadLetterQueues: [
        { label: 'Checks', queue: this.checks.deadLetters },
        ...(this.malwareScan ? [{ label: 'ScanResults', queue: this.malwareScan.deadLetters }] : []),
      ],
      api: this.webSocket,
      notifyEmails: props.opsEmails ?? listFromContext(this, 'opsEmails'),
    });

    new CfnOutput(this, 'WebSocketUrl', { value: this.webSocket.url, description: 'The chat endpoint' });
    new CfnOutput(this, 'ScriptTag', {
      value: `<script src="${this.site.scriptUrl}" data-config="${this.site.configUrl}" async></script>`,
      description: 'Paste into any page to add the chat',
    });
    new CfnOutput(this, 'AgentConsoleUrl', { value: this.site.agentConsoleUrl, description: 'Where agents sign in and answer' });
    new CfnOutput(this, 'SiteUrl', { value: this.site.url, description: 'The demo site' });
    new CfnOutput(this, 'UserPoolId', {
      value: this.agents.userPool.userPoolId,
      description: 'Create agents here and add them to the agents group',
    });
    new CfnOutput(this, 'UserPoolClientId', { value: this.agents.client.userPoolClientId });
    new CfnOutput(this, 'AlertTopicArn', { value: this.alerts.topic.topicArn, description: 'Agents alerts (subscribe more people here)' });
    new CfnOutput(this, 'AttachmentsBucketName', {
      value: this.attachments.bucket.bucketName,
      description: 'Files sent in conversations (uploads/ for a day, files/ kept)',
    });
    // For `npm run privacy -- --aws`, which reads and deletes one person's items in each.
    for (const [definition, table] of this.tables.byDefinition) {
      new CfnOutput(this, `${definition.id}TableName`, { value: table.tableName });
    }
    new CfnOutput(this, 'RetentionDays', { value: String(this.tables.retentionDays), description: 'How long conversations are kept' });
    new CfnOutput(this, 'OpsTopicArn', { value: this.operations.topic.topicArn, description: 'Operations alarms' });
    new CfnOutput(this, 'IdentityMode', {
      value: this.identity.mode,
      description: "Customers' identity tokens: off, optional or required (-c identityMode; docs/identity.md)",
    });
    new CfnOutput(this, 'IdentityAudience', {
      value: this.identity.audience,
      description: 'The aud an identity token must carry, unless identityMode is off (-c identityAudience)',
    });
    if (this.identity.secret) {
      new CfnOutput(this, 'IdentitySecretArn', {
        value: this.identity.secret.secretArn,
        description: 'The HS256 key(s) identity tokens are signed with: npm run identity-secret -- show initial --aws',
      });
    }
  }
}

/** The team's settings until an admin changes them: the built-in ones with `teamName` and `timeZone` from context. */
function teamDefaultsFromContext(scope: Construct): string {
  const settings = defaultTeamSettings({ name: stringFromContext(scope, 'teamName'), timeZone: stringFromContext(scope, 'timeZone') });
  const checked = teamSettingsSchema.safeParse(settings);
  if (!checked.success)
    throw new Error(`teamName / timeZone: ${checked.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  return JSON.stringify(checked.data);
}

/** A string from a context value (`-c key=value`), or undefined. */
function stringFromContext(scope: Construct, key: string): string | undefined {
  const value: unknown = scope.node.tryGetContext(key);
  return value === undefined || value === null || String(value).trim() === '' ? undefined : String(value).trim();
}

/** A list from a context value: `-c key=a,b` on the command line, or an array in cdk.json. */
function listFromContext(scope: Construct, key: string): string[] {
  const value: unknown = scope.node.tryGetContext(key);
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : String(value).split(',');
  return items.map((item) => String(item).trim()).filter((item) => item.length > 0);
}

/**
 * Origins from a context value (`-c siteOrigins=https://www.example.com,https://app.example.com`),
 * each exactly as a browser sends it in `Origin`: https, a host and an optional port, no
 * path, lower case (or `https://*.example.com` for every subdomain). Anything else would
 * never match a browser's request, so it stops the synthesis.
 */
function originsFromContext(scope: Construct, key: string): string[] {
  return listFromContext(scope, key).map((origin) => {
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    // S3 takes one wildcard in an origin: allowed only as a whole first label, *.example.com.
    const wildcardMisplaced = origin.includes('*') && !/^https:\/\/\*\.[^*]+$/.test(origin);
    if (parsed?.protocol !== 'https:' || parsed.origin !== origin || wildcardMisplaced) {
      const suggestion = parsed?.protocol === 'https:' && parsed.origin !== origin ? `: write it as ${parsed.origin}` : '';
      throw new Error(
        `${key}: "${origin}" is not an https origin (https://host, https://host:port or https://*.domain, no path)${suggestion}`,
      );
    }
    return origin;
  });
}

/** A whole number of bytes from a context value, or undefined; the construct that takes it checks its range. */
function bytesFromContext(scope: Construct, key: string): number | undefined {
  const value = stringFromContext(scope, key);
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) {
    throw new Error(
      `${key}: "${value}" is not a whole number of bytes from 1 to ${MAX_ATTACHMENT_BYTES} (25 MB, the most the protocol allows)`,
    );
  }
  return Number(value);
}

/** `-c retentionDays=N`: how long conversations are kept (1 to 3650 days), 365 when absent. */
function retentionDaysFromContext(scope: Construct): number {
  const value = stringFromContext(scope, 'retentionDays');
  return value === undefined ? DEFAULT_RETENTION_DAYS : checkedRetentionDays(value, 'retentionDays');
}

/** `-c identityMode=off|optional|required`: off when absent. */
function identityModeFromContext(scope: Construct): IdentityMode {
  const value = stringFromContext(scope, 'identityMode') ?? 'off';
  if (!(IDENTITY_MODES as readonly string[]).includes(value)) {
    throw new Error(`identityMode: "${value}" is none of ${IDENTITY_MODES.join(', ')} (docs/identity.md)`);
  }
  return value as IdentityMode;
}

/**
 * An https URL from a context value, or undefined. The identity JWKS proves who a customer
 * is: fetched over plain http, anyone on the path could put their own keys in it.
 */
function httpsUrlFromContext(scope: Construct, key: string): string | undefined {
  const value = stringFromContext(scope, key);
  if (value === undefined) return undefined;
  let parsed: URL | undefined;
  try {
    parsed = new URL(value);
  } catch {
    parsed = undefined;
  }
  if (parsed?.protocol !== 'https:' || parsed.username || parsed.password) {
    throw new Error(
      `${key}: "${value}" is not an https URL (https://host/path, no user or password): keys fetched over http could be anyone's`,
    );
  }
  return value;
}

/** A yes-or-no context value (`-c key=true`): false when absent. */
function flagFromContext(scope: Construct, key: string): boolean {
  const value = stringFromContext(scope, key);
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  throw new Error(`${key}: "${value}" is neither true nor false`);
}

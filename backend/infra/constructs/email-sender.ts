import { CfnOutput, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { messagesTable, roomsTable, teamTable } from '../../src/tables.ts';
import { wildcardResourceFinding } from '../nag-findings.ts';
import type { ChatTables } from './chat-tables.ts';
import { handlerFunction } from './handler-function.ts';

export interface EmailFollowUpProps {
  /** The sender of emails to visitors, e.g. `support@example.com` or `Practical Cloud <support@example.com>`. */
  readonly mailFrom: string;
  /**
   * Verify this whole domain (Easy DKIM; its DNS records are stack outputs) instead of the
   * one address, which SES verifies by mailing it a link.
   * @default - the address alone
   */
  readonly mailDomain?: string;
  /**
   * How long an agent's reply may stay unread before it is emailed.
   * @default Duration.minutes(3)
   */
  readonly delay?: Duration;
  readonly tables: ChatTables;
  readonly linkSecret: secretsmanager.ISecret;
  readonly conversationUrl: string;
  readonly publicApiUrl: string;
  readonly teamDefaults: string;
  readonly memorySize?: number;
  readonly logRetention?: logs.RetentionDays;
}

/**
 * Email to visitors through Amazon SES: the sending identity, and the follow-up of unread
 * replies. A reply schedules a check as an SQS message delayed until it is due (SQS holds
 * one back for up to 15 minutes, the longest a check waits, and each check is independent:
 * no schedule to create and delete per conversation, as EventBridge Scheduler would need);
 * the follow-up function runs the check, and a check that keeps failing lands in a
 * dead-letter queue, which Operations alarms on.
 */
export class EmailFollowUp extends Construct {
  public readonly identity: ses.EmailIdentity;
  public readonly queue: sqs.Queue;
  public readonly deadLetters: sqs.Queue;
  public readonly function: nodejs.NodejsFunction;
  public readonly mailFrom: string;
  /** The bare address of `mailFrom`, the only one the functions may send from. */
  public readonly address: string;
  /** `FOLLOW_UP_DELAY_SECONDS`, for the functions that schedule checks, when the delay is not the default. */
  public readonly delayVariables: Record<string, string>;

  constructor(scope: Construct, id: string, props: EmailFollowUpProps) {
    super(scope, id);
    const address = /<([^<>\s]+@[^<>\s]+)>$/.exec(props.mailFrom)?.[1] ?? props.mailFrom;
    if (!/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(address)) throw new Error(`mailFrom: "${props.mailFrom}" is not an email address`);
    if (props.mailDomain && !address.endsWith(`@${props.mailDomain}`)) {
      throw new Error(`mailFrom: ${address} is not an address of the mailDomain ${props.mailDomain}`);
    }
    this.mailFrom = props.mailFrom;
    this.address = address;
    this.identity = new ses.EmailIdentity(this, 'Identity', {
      identity: props.mailDomain ? ses.Identity.domain(props.mailDomain) : ses.Identity.email(address),
    });
    if (props.mailDomain) {
      this.identity.dkimRecords.forEach((record, i) => {
        new CfnOutput(this, `DkimRecord${i + 1}`, {
          value: `${record.name} CNAME ${record.value}`,
          description: "Add to the domain's DNS so SES can send from it",
        });
      });
    }
    const delaySeconds = props.delay?.toSeconds({ integral: false });
    if (delaySeconds !== undefined && !(Number.isInteger(delaySeconds) && delaySeconds >= 0 && delaySeconds <= 900)) {
      throw new Error(
        `followUpDelaySeconds: "${delaySeconds}" is not a whole number of seconds from 0 to 900 (SQS delays messages by 0 to 900 seconds)`,
      );
    }
    this.delayVariables = delaySeconds === undefined ? {} : { FOLLOW_UP_DELAY_SECONDS: String(delaySeconds) };

    const timeout = Duration.seconds(30);
    this.deadLetters = new sqs.Queue(this, 'DeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new sqs.Queue(this, 'Queue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // Lambda's advice for an SQS event source: six times the function's timeout.
      visibilityTimeout: Duration.seconds(timeout.toSeconds() * 6),
      deadLetterQueue: { queue: this.deadLetters, maxReceiveCount: 5 },
    });

    const tableVariables = Object.fromEntries(
      [roomsTable, messagesTable, teamTable].map((definition) => [definition.envVar, props.tables.byDefinition.get(definition)!.tableName]),
    );
    this.function = handlerFunction(this, 'Function', {
      file: 'follow-up.ts',
      timeout,
      memorySize: props.memorySize,
      logRetention: props.logRetention,
      environment: {
        ...tableVariables,
        TEAM_DEFAULTS: props.teamDefaults,
        FOLLOW_UP_QUEUE_URL: this.queue.queueUrl,
        ...this.delayVariables,
        MAIL_FROM: props.mailFrom,
        LINK_SECRET_ARN: props.linkSecret.secretArn,
        CONVERSATION_URL: props.conversationUrl,
        PUBLIC_API_URL: props.publicApiUrl,
      },
    });
    this.function.addEventSource(new SqsEventSource(this.queue, { batchSize: 10, reportBatchItemFailures: true }));
    // It schedules the next check itself when replies came while it ran.
    this.queue.grantSendMessages(this.function);
    props.tables.rooms.grantReadWriteData(this.function);
    props.tables.messages.grantReadData(this.function);
    props.tables.team.grantReadData(this.function);
    props.linkSecret.grantRead(this.function);
    this.grantSend(this.function);
    Validations.of(this.function.role!).acknowledge({
      id: wildcardResourceFinding(this, `${props.tables.rooms.tableArn}/index/*`),
      reason:
        "The Rooms table's indexes, named under this table's own ARN; the follow-up reads none, but a table's read-write grant covers them.",
    });
  }

  /**
   * Lets a function send email from `mailFrom`, and from no other address. SES authorizes a
   * send against the sender's identity and, while the account is in the SES sandbox, against
   * each recipient's verified identity as well, so a grant on the sender's identity alone
   * fails every send until production access: the grant is on the account's identities, and
   * the condition holds it to the one From address.
   */
  grantSend(fn: lambda.IFunction): void {
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [this.anyIdentityArn],
        conditions: { StringEquals: { 'ses:FromAddress': this.address } },
      }),
    );
    Validations.of(fn.role!).acknowledge({
      id: wildcardResourceFinding(this, this.anyIdentityArn),
      reason:
        "SES checks each recipient's identity too while the account is in the SES sandbox; the ses:FromAddress condition allows sending from -c mailFrom only.",
    });
  }

  private get anyIdentityArn(): string {
    return Stack.of(this).formatArn({ service: 'ses', resource: 'identity', resourceName: '*' });
  }
}

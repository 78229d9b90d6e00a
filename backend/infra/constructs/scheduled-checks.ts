import { Duration, Validations } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { roomsTable, tables } from '../../src/tables.ts';
import { wildcardResourceFinding } from '../nag-findings.ts';
import type { AttachmentBucket } from './attachment-bucket.ts';
import type { ChatTables } from './chat-tables.ts';
import type { EmailSender } from './email-sender.ts';
import { handlerFunction } from './handler-function.ts';
import type { WebSocketApi } from './websocket-api.ts';

export interface ScheduledChecksProps {
  readonly tables: ChatTables;
  /** The API whose `@connections` a check posts to (rooms and the agents' inboxes). */
  readonly api: WebSocketApi;
  /** The topic an escalation is published to. */
  readonly alertTopic: sns.ITopic;
  /** The agent console's URL, linked from alerts. */
  readonly agentConsoleUrl: string;
  /** The key the links in emails are signed with. */
  readonly linkSecret: secretsmanager.ISecret;
  /** The site page with the widget that an email's link opens. */
  readonly conversationUrl: string;
  /** The public HTTP API's base URL (`{url}/unsubscribe` in emails). */
  readonly publicApiUrl: string;
  /** The team's settings until an admin changes them (TeamSettings as JSON). */
  readonly teamDefaults: string;
  /**
   * The sender of emails to visitors.
   * @default - no email: follow-up checks send nothing
   */
  readonly email?: EmailSender;
  /**
   * The bucket for files, known (never touched) because a check may tell clients the team's
   * status, which carries the largest file.
   */
  readonly attachments: AttachmentBucket;
  /**
   * How long an agent's reply may stay unread before it is emailed (only with `email`).
   * @default Duration.minutes(3), the handlers' own default
   */
  readonly followUpDelay?: Duration;
  readonly memorySize?: number;
  readonly logRetention?: logs.RetentionDays;
}

/**
 * The checks that run later, on their own (backend/src/chat/checks.ts): an unread reply's
 * email (with email on), an assigned visitor still waiting after the team's escalation time
 * (the whole team is alerted), an agent who stayed offline (their conversations go back to
 * Unassigned). Deployed in every stack, with or without email.
 *
 * Whoever schedules a check (`$default`, `$disconnect`, and the checks function itself
 * when replies came while it ran) sends it as an SQS message delayed until it is due. SQS
 * holds one back for up to 15 minutes, the longest a check waits, and each check is
 * independent: no schedule to create and delete per conversation, as EventBridge Scheduler
 * would need. The checks function runs them; a check that keeps failing lands in a
 * dead-letter queue, which Operations alarms on.
 */
export class ScheduledChecks extends Construct {
  public readonly queue: sqs.Queue;
  public readonly deadLetters: sqs.Queue;
  /** Runs the due checks: `backend/src/handlers/checks.ts`. */
  public readonly function: lambda.Function;
  /** `CHECK_QUEUE_URL`, for every function that schedules checks. */
  public readonly queueVariables: Record<string, string>;
  /**
   * `FOLLOW_UP_DELAY_SECONDS`, for the functions that schedule email follow-ups (`$default`
   * and the checks function), when email is on and the delay is not the default.
   */
  public readonly followUpVariables: Record<string, string>;

  constructor(scope: Construct, id: string, props: ScheduledChecksProps) {
    super(scope, id);
    const delaySeconds = props.followUpDelay?.toSeconds({ integral: false });
    if (delaySeconds !== undefined && !(Number.isInteger(delaySeconds) && delaySeconds >= 0 && delaySeconds <= 900)) {
      throw new Error(
        `followUpDelaySeconds: "${delaySeconds}" is not a whole number of seconds from 0 to 900 (SQS delays messages by 0 to 900 seconds)`,
      );
    }
    this.followUpVariables = props.email && delaySeconds !== undefined ? { FOLLOW_UP_DELAY_SECONDS: String(delaySeconds) } : {};

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
      // A check is tried five times, then kept in the dead-letter queue for 14 days.
      deadLetterQueue: { queue: this.deadLetters, maxReceiveCount: 5 },
    });
    this.queueVariables = { CHECK_QUEUE_URL: this.queue.queueUrl };

    const tableVariables = Object.fromEntries(
      tables.map((definition) => [definition.envVar, props.tables.byDefinition.get(definition)!.tableName]),
    );
    this.function = handlerFunction(this, 'Function', {
      file: 'checks.ts',
      timeout,
      memorySize: props.memorySize,
      logRetention: props.logRetention,
      environment: {
        ...tableVariables,
        ...props.tables.retentionVariables,
        TEAM_DEFAULTS: props.teamDefaults,
        CONNECTIONS_ENDPOINT: props.api.connectionsEndpoint,
        ALERT_TOPIC_ARN: props.alertTopic.topicArn,
        AGENT_CONSOLE_URL: props.agentConsoleUrl,
        ...this.queueVariables,
        ...this.followUpVariables,
        // Whether follow-ups are emailed follows from MAIL_FROM being set.
        ...props.email?.variables,
        LINK_SECRET_ARN: props.linkSecret.secretArn,
        CONVERSATION_URL: props.conversationUrl,
        PUBLIC_API_URL: props.publicApiUrl,
        ...props.attachments.variables,
      },
    });
    // The function hands back only the checks that failed (batch item failures): the rest
    // of a batch is not run again.
    this.function.addEventSource(new SqsEventSource(this.queue, { batchSize: 10, reportBatchItemFailures: true }));
    // It schedules checks itself: the next follow-up when replies came while it ran, and the
    // absent-agent check of an agent whose connection it found gone.
    this.grantSchedule(this.function);
    // It prunes connections found gone and reads the inbox (Connections), moves an absent
    // agent's conversations (Rooms) with a timeline mark (Messages), and reads the team.
    for (const table of props.tables.byDefinition.values()) table.grantReadWriteData(this.function);
    props.api.grantManageConnections(this.function);
    props.alertTopic.grantPublish(this.function);
    props.linkSecret.grantRead(this.function);
    props.email?.grantSend(this.function);

    const role = this.function.role!;
    Validations.of(role).acknowledge({
      id: wildcardResourceFinding(this, props.api.connectionsArn),
      reason:
        "execute-api:ManageConnections on this API's own stage only; the wildcards stand for the HTTP verb (POST, GET, DELETE on @connections) and the connection id, which API Gateway assigns at runtime.",
    });
    Validations.of(role).acknowledge({
      // A table's grants cover its indexes as `{table ARN}/index/*`.
      id: wildcardResourceFinding(this, `${props.tables.rooms.tableArn}/index/*`),
      reason: `The Rooms table's indexes (${roomsTable.globalIndexes.map((index) => index.indexName).join(', ')}), named under this table's own ARN; an absent agent's conversations are found through byActivity.`,
    });
  }

  /** Lets a function schedule checks: send to the queue. */
  grantSchedule(grantee: iam.IGrantable): iam.Grant {
    return this.queue.grantSendMessages(grantee);
  }
}

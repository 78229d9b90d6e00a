import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { WebSocketApi } from './websocket-api.ts';

/** A function to watch. */
export interface MonitoredFunction {
  /** Names the alarms: `{label} errors`, `{label} throttles`. */
  readonly label: string;
  readonly fn: lambda.IFunction;
  /**
   * Errors in five minutes that raise the alarm.
   * @default 1
   */
  readonly errorThreshold?: number;
  /**
   * The function's log group, watched for lines logged at ERROR. The chat handlers answer
   * a failed action with an `internal` error event and return normally, and a failed alert
   * publish never fails the message: neither counts in Lambda's Errors metric.
   * @default - not watched
   */
  readonly logGroup?: logs.ILogGroup;
}

export interface OperationsProps {
  /** The functions whose Errors and Throttles are watched. */
  readonly functions: readonly MonitoredFunction[];
  /** Dead-letter queues: a message in one is work that failed for good (a check that never ran: an email not sent, an escalation not published). */
  readonly deadLetterQueues?: readonly { label: string; queue: sqs.IQueue }[];
  /** The API whose integration and execution errors are watched. */
  readonly api: WebSocketApi;
  /**
   * Addresses that get an email when an alarm changes state.
   * @default - none; subscribe to the topic yourself
   */
  readonly notifyEmails?: readonly string[];
}

/** Alarms on the handlers and the API, each notifying an operations topic. */
export class Operations extends Construct {
  /** Where alarms go: subscribe on-call tooling or people here. */
  public readonly topic: sns.Topic;
  /** The topic's key: CloudWatch can publish to an encrypted topic only under a customer managed key. */
  public readonly topicKey: kms.Key;
  public readonly alarms: readonly cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    this.topicKey = new kms.Key(this, 'TopicKey', {
      description: 'Support chat: encrypts the operations alarm topic',
      enableKeyRotation: true,
      // Nothing is stored under this key: SNS messages are delivered and gone.
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    // The AWS managed aws/sns key cannot be used by CloudWatch alarms; this key's policy
    // lets them encrypt what they publish.
    this.topicKey.grant(new iam.ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'Support chat operations',
      masterKey: this.topicKey,
      enforceSSL: true,
    });
    for (const email of props.notifyEmails ?? []) {
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new Error(`opsEmails: "${email}" is not an email address`);
      this.topic.addSubscription(new subscriptions.EmailSubscription(email));
    }

    const period = Duration.minutes(5);
    const alarms: cloudwatch.Alarm[] = [];
    const alarm = (alarmId: string, metric: cloudwatch.IMetric, threshold: number, description: string) => {
      const created = new cloudwatch.Alarm(this, alarmId, {
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      created.addAlarmAction(new actions.SnsAction(this.topic));
      created.addOkAction(new actions.SnsAction(this.topic));
      alarms.push(created);
    };

    for (const { label, fn, errorThreshold = 1, logGroup } of props.functions) {
      if (logGroup) {
        const loggedErrors = new logs.MetricFilter(this, `${label}LoggedErrorsFilter`, {
          logGroup,
          // Powertools' JSON log lines carry their level.
          filterPattern: logs.FilterPattern.stringValue('$.level', '=', 'ERROR'),
          metricNamespace: 'SupportChat',
          metricName: `${label}LoggedErrors`,
          metricValue: '1',
          defaultValue: 0,
        });
        alarm(
          `${label}LoggedErrors`,
          loggedErrors.metric({ period, statistic: cloudwatch.Stats.SUM }),
          1,
          `${label}: errors the handler answered itself (a failed action, delivery or alert publish); see its log`,
        );
      }
      alarm(
        `${label}Errors`,
        fn.metricErrors({ period, statistic: cloudwatch.Stats.SUM }),
        errorThreshold,
        `${label}: ${errorThreshold} or more invocation errors in 5 minutes`,
      );
      alarm(
        `${label}Throttles`,
        fn.metricThrottles({ period, statistic: cloudwatch.Stats.SUM }),
        1,
        `${label}: invocations throttled (account or function concurrency exhausted)`,
      );
    }

    for (const { label, queue } of props.deadLetterQueues ?? []) {
      alarm(
        `${label}DeadLetters`,
        queue.metricApproximateNumberOfMessagesVisible({ period, statistic: cloudwatch.Stats.MAXIMUM }),
        1,
        `${label}: work that failed on every try is waiting in its dead-letter queue (e.g. an email SES kept refusing, an escalation SNS refused); see the function's log`,
      );
    }

    const apiMetric = (metricName: string) =>
      new cloudwatch.Metric({
        namespace: 'AWS/ApiGateway',
        metricName,
        dimensionsMap: { ApiId: props.api.apiId, Stage: props.api.stageName },
        period,
        statistic: cloudwatch.Stats.SUM,
      });
    alarm(
      'ApiIntegrationErrors',
      apiMetric('IntegrationError'),
      5,
      'WebSocket API: the handlers answered 4XX/5XX 5 or more times in 5 minutes',
    );
    alarm('ApiExecutionErrors', apiMetric('ExecutionError'), 1, 'WebSocket API: API Gateway failed to call a handler');
    this.alarms = alarms;
  }
}

import { Duration, Validations } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { privacyTables } from '../../src/privacy/stores.ts';
import { roomsTable } from '../../src/tables.ts';
import { wildcardResourceFinding } from '../nag-findings.ts';
import type { AttachmentBucket } from './attachment-bucket.ts';
import type { ChatTables } from './chat-tables.ts';
import { handlerFunction } from './handler-function.ts';

export interface ScheduledSweepProps {
  readonly tables: ChatTables;
  /** The bucket whose files of expired conversations go with them. */
  readonly attachments: AttachmentBucket;
  /**
   * When it runs, daily.
   * @default events.Schedule.cron({ minute: '17', hour: '3' }): 03:17 UTC
   */
  readonly schedule?: events.Schedule;
  readonly logRetention?: logs.RetentionDays;
}

/**
 * The daily sweep (backend/src/handlers/sweep.ts): deletes what is past the retention in
 * force, the team's setting where an admin shortened the deployment's period, so that a
 * shorter setting deletes old conversations and their files within a day. DynamoDB's TTL
 * and the bucket's `ExpireFiles` rule stay as the backstop for the deployment's period.
 */
export class ScheduledSweep extends Construct {
  public readonly function: lambda.Function;
  public readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: ScheduledSweepProps) {
    super(scope, id);
    // The tables the privacy code reads as stored (src/privacy/stores.ts).
    const swept = Object.values(privacyTables).map((definition) => [definition, props.tables.byDefinition.get(definition)!] as const);
    this.function = handlerFunction(this, 'Function', {
      file: 'sweep.ts',
      // Scans both conversation tables a page at a time: minutes, not seconds, on a large team.
      timeout: Duration.minutes(15),
      logRetention: props.logRetention,
      environment: {
        ...Object.fromEntries(swept.map(([definition, table]) => [definition.envVar, table.tableName])),
        ...props.tables.retentionVariables,
        ATTACHMENTS_BUCKET: props.attachments.bucket.bucketName,
      },
    });
    // It scans and deletes conversation items (Messages, Rooms), takes agents out of expired
    // rooms (Connections), reads the team's setting and writes the audit record (Team).
    for (const [, table] of swept) table.grantReadWriteData(this.function);
    props.attachments.grantSweep(this.function);
    Validations.of(this.function.role!).acknowledge({
      // A table's grants cover its indexes as `{table ARN}/index/*`.
      id: wildcardResourceFinding(this, `${props.tables.rooms.tableArn}/index/*`),
      reason: `The Rooms table's indexes (${roomsTable.globalIndexes.map((index) => index.indexName).join(', ')}), named under this table's own ARN by the table's grant; the sweep reads the table itself.`,
    });

    this.rule = new events.Rule(this, 'Daily', {
      description: 'Support chat: delete conversations past the retention period (the team setting or the deployment)',
      schedule: props.schedule ?? events.Schedule.cron({ minute: '17', hour: '3' }),
      targets: [new targets.LambdaFunction(this.function, { retryAttempts: 2 })],
    });
  }
}

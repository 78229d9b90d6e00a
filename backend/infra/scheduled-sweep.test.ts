import { rmSync } from 'node:fs';
import { App, CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { afterAll, describe, expect, it } from 'vitest';
import { SupportChatStack } from './support-chat-stack.ts';
import { cdkJsonContext, makeOutdirs, makeSiteDirectory, render } from './test-support.ts';

type Resource = { Type: string; Properties: Record<string, any> };

const siteDirectory = makeSiteDirectory();
afterAll(() => rmSync(siteDirectory, { recursive: true, force: true }));
const outdirs = makeOutdirs();
afterAll(() => outdirs.remove());

/** A stack as `cdk synth` makes it with these context values, without bundling the handlers. */
function synthesize(context: Record<string, unknown> = {}) {
  const app = new App({ outdir: outdirs.next(), context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [], ...context } });
  const stack = new SupportChatStack(app, 'SupportChat', { siteDirectory });
  const template = Template.fromStack(stack);
  const resources = template.toJSON().Resources as Record<string, Resource>;
  const id = (construct: IConstruct) =>
    stack.getLogicalId((CfnElement.isCfnElement(construct) ? construct : construct.node.defaultChild) as CfnElement);
  return { stack, template, resources, id };
}

describe('the daily sweep', () => {
  const { stack, template, resources, id } = synthesize({ retentionDays: '90' });
  const sweep = stack.sweep;

  it('runs backend/src/handlers/sweep.ts once a day from an EventBridge rule, retried twice', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'cron(17 3 * * ? *)',
      State: 'ENABLED',
      Targets: [{ Arn: { 'Fn::GetAtt': [id(sweep.function), 'Arn'] }, Id: 'Target0', RetryPolicy: { MaximumRetryAttempts: 2 } }],
    });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [id(sweep.function), 'Arn'] },
      Principal: 'events.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': [id(sweep.rule), 'Arn'] },
    });
    const fn = resources[id(sweep.function)]!.Properties;
    expect(fn.Timeout).toBe(900);
    expect(fn.Runtime).toBe('nodejs22.x');
  });

  it("is told the four tables, the bucket and the deployment's retention, and nothing else", () => {
    const variables = resources[id(sweep.function)]!.Properties.Environment.Variables as Record<string, unknown>;
    expect(Object.fromEntries(Object.entries(variables).map(([key, value]) => [key, render(value)]))).toEqual({
      CONNECTIONS_TABLE: `\${${id(stack.tables.connections)}}`,
      MESSAGES_TABLE: `\${${id(stack.tables.messages)}}`,
      ROOMS_TABLE: `\${${id(stack.tables.rooms)}}`,
      TEAM_TABLE: `\${${id(stack.tables.team)}}`,
      RETENTION_DAYS: '90',
      ATTACHMENTS_BUCKET: `\${${id(stack.attachments.bucket)}}`,
      NODE_OPTIONS: '--enable-source-maps',
    });
  });

  it('may read and delete in the four tables, list the bucket and delete under files/ and uploads/, and read no file', () => {
    const role = id(sweep.function.role!);
    const lines = Object.values(resources)
      .filter((resource) => resource.Type === 'AWS::IAM::Policy' && render(resource.Properties.Roles[0]) === `\${${role}}`)
      .flatMap((policy) =>
        (policy.Properties.PolicyDocument.Statement as Array<Record<string, any>>).flatMap((statement) =>
          [statement.Resource].flat().map((resource) => `${[statement.Action].flat().sort().join(',')} ON ${render(resource)}`),
        ),
      );
    const s3 = lines.filter((line) => line.includes('s3:'));
    expect(s3.sort()).toEqual(
      [
        `s3:DeleteObject ON \${${id(stack.attachments.bucket)}.Arn}/files/*`,
        `s3:DeleteObject ON \${${id(stack.attachments.bucket)}.Arn}/uploads/*`,
        `s3:ListBucket ON \${${id(stack.attachments.bucket)}.Arn}`,
      ].sort(),
    );
    for (const table of [stack.tables.connections, stack.tables.messages, stack.tables.rooms, stack.tables.team]) {
      const grant = lines.find((line) => line.endsWith(` ON \${${id(table)}.Arn}`));
      expect(grant, id(table)).toMatch(/dynamodb:DeleteItem/);
      expect(grant, id(table)).toMatch(/dynamodb:Scan/);
    }
    // Logs to its own group only; nothing else (no SES, SNS, SQS, @connections, Cognito).
    const others = lines.filter((line) => !line.includes('s3:') && !line.includes('dynamodb:') && !line.startsWith('logs:'));
    expect(others).toEqual([]);
  });

  it('is alarmed on like every function: its errors reach the operations topic', () => {
    const alarms = Object.values(resources).filter(
      (resource) =>
        resource.Type === 'AWS::CloudWatch::Alarm' &&
        JSON.stringify(resource.Properties.Dimensions ?? []).includes(id(sweep.function)) &&
        resource.Properties.MetricName === 'Errors',
    );
    expect(alarms).toHaveLength(1);
  });
});

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { App, CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { Asset } from 'aws-cdk-lib/aws-s3-assets';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardDutyScanResult } from '../local/guardduty.ts';
import { SupportChatStack } from './support-chat-stack.ts';
import { cdkJsonContext, makeOutdirs, makeSiteDirectory, render } from './test-support.ts';

type Resource = {
  Type: string;
  Properties: Record<string, any>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  DependsOn?: string[];
};

const siteDirectory = makeSiteDirectory();
afterAll(() => rmSync(siteDirectory, { recursive: true, force: true }));
const outdirs = makeOutdirs();
afterAll(() => outdirs.remove());

/** A stack as `cdk synth` makes it with these context values, without bundling the handlers. */
function synthesize(context: Record<string, unknown> = {}, name = 'SupportChat') {
  const app = new App({ outdir: outdirs.next(), context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [], ...context } });
  const stack = new SupportChatStack(app, name, { siteDirectory });
  const template = Template.fromStack(stack);
  const resources = template.toJSON().Resources as Record<string, Resource>;
  const id = (construct: IConstruct) =>
    stack.getLogicalId((CfnElement.isCfnElement(construct) ? construct : construct.node.defaultChild) as CfnElement);
  const ofType = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);
  return { stack, template, resources, id, ofType };
}
type Synthesized = ReturnType<typeof synthesize>;

/** Every statement of every IAM policy, as `{role}: {actions} ON {resource}`, one line per resource. */
function grantLines({ ofType }: Synthesized): string[] {
  return ofType('AWS::IAM::Policy').flatMap(([, policy]) =>
    (policy.Properties.PolicyDocument.Statement as Array<Record<string, any>>).flatMap((statement) =>
      [statement.Resource]
        .flat()
        .map((resource) => `${render(policy.Properties.Roles[0])}: ${[statement.Action].flat().sort().join(',')} ON ${render(resource)}`),
    ),
  );
}

/** A function's environment as text. */
function environmentOf({ resources, id }: Synthesized, fn: IConstruct): Record<string, string> {
  const variables = resources[id(fn)]!.Properties.Environment.Variables as Record<string, unknown>;
  return Object.fromEntries(Object.entries(variables).map(([key, value]) => [key, render(value)]));
}

/** The value of a CloudFormation string expression in a deployed stack, from its pseudo parameters. */
function evaluate(value: unknown, pseudo: Record<string, string>): string {
  if (typeof value === 'string') return value;
  const expression = value as Record<string, any>;
  if ('Ref' in expression) {
    const known = pseudo[expression.Ref as string];
    if (known === undefined) throw new Error(`no value for ${expression.Ref}`);
    return known;
  }
  if ('Fn::Join' in expression) {
    const [separator, parts] = expression['Fn::Join'] as [string, unknown[]];
    return parts.map((part) => evaluate(part, pseudo)).join(separator);
  }
  if ('Fn::Select' in expression) {
    const [index, list] = expression['Fn::Select'] as [number, Record<string, [string, unknown]>];
    const [separator, source] = list['Fn::Split']!;
    return evaluate(source, pseudo).split(separator)[index]!;
  }
  throw new Error(`cannot evaluate ${JSON.stringify(value)}`);
}

describe('attachments bucket', () => {
  let stack: Synthesized;
  let bucket: Resource;
  beforeAll(() => {
    stack = synthesize();
    bucket = stack.resources[stack.id(stack.stack.attachments.bucket)]!;
  });

  it('is private, encrypted with S3-managed keys, owner-enforced, unversioned and logged, and is kept with its TLS-only policy when the stack goes', () => {
    expect(bucket.Type).toBe('AWS::S3::Bucket');
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.Properties.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
    });
    expect(bucket.Properties.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    expect(bucket.Properties.VersioningConfiguration).toBeUndefined();
    expect(render(bucket.Properties.LoggingConfiguration.DestinationBucketName)).toBe(`\${${stack.id(stack.stack.site.accessLogsBucket)}}`);
    expect(bucket.Properties.LoggingConfiguration.LogFilePrefix).toBe('attachments/');
    expect([bucket.DeletionPolicy, bucket.UpdateReplacePolicy]).toEqual(['Retain', 'Retain']);

    const [[, policy]] = stack
      .ofType('AWS::S3::BucketPolicy')
      .filter(([, p]) => p.Properties.Bucket.Ref === stack.id(stack.stack.attachments.bucket)) as [[string, Resource]];
    expect(policy.DeletionPolicy).toBe('Retain');
    const denials = (policy.Properties.PolicyDocument.Statement as Array<Record<string, any>>).map((statement) => ({
      effect: statement.Effect,
      principal: statement.Principal,
      action: statement.Action,
      condition: statement.Condition,
    }));
    expect(denials).toEqual([
      { effect: 'Deny', principal: { AWS: '*' }, action: 's3:*', condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      { effect: 'Deny', principal: { AWS: '*' }, action: 's3:*', condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } },
    ]);
  });

  it("lets S3's log delivery write its access logs under attachments/ in the site's access-log bucket, for this bucket only", () => {
    const logsBucket = stack.id(stack.stack.site.accessLogsBucket);
    const [[, policy]] = stack.ofType('AWS::S3::BucketPolicy').filter(([, p]) => p.Properties.Bucket.Ref === logsBucket) as [
      [string, Resource],
    ];
    const delivery = (policy.Properties.PolicyDocument.Statement as Array<Record<string, any>>).filter(
      (statement) => statement.Principal?.Service === 'logging.s3.amazonaws.com',
    );
    expect(
      delivery.map(
        (statement) => `${statement.Action} ON ${render(statement.Resource)} IF ${render(statement.Condition.ArnLike['aws:SourceArn'])}`,
      ),
    ).toContain(`s3:PutObject ON \${${logsBucket}.Arn}/attachments/* IF \${${stack.id(stack.stack.attachments.bucket)}.Arn}`);
  });

  it("is named from the stack's name and its id, so a stack made again after a delete (which keeps the bucket) gets a new bucket", () => {
    expect(render(bucket.Properties.BucketName)).toBe("supportchat-attachments-${select(2,split('/',${AWS::StackId}))}");
    const stackId = 'arn:aws:cloudformation:eu-west-1:123456789012:stack/SupportChat/51af3dc0-da77-11e4-872e-1234567db123';
    const name = evaluate(bucket.Properties.BucketName, { 'AWS::StackId': stackId });
    expect(name).toBe('supportchat-attachments-51af3dc0-da77-11e4-872e-1234567db123');

    // S3's rules: 3 to 63 characters, lower-case letters, digits and hyphens, a letter or digit at each end.
    const long = synthesize({}, 'Support-Chat-Production-Europe');
    const longName = evaluate(long.resources[long.id(long.stack.attachments.bucket)]!.Properties.BucketName, { 'AWS::StackId': stackId });
    expect(longName).toBe('support-chat-p-attachments-51af3dc0-da77-11e4-872e-1234567db123');
    for (const bucketName of [name, longName]) {
      expect(bucketName.length).toBeLessThanOrEqual(63);
      expect(bucketName).toMatch(/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/);
    }
  });

  it("is, in the site's Content-Security-Policy, the very origin of the URLs the SDK presigns in a function (virtual-hosted, regional)", async () => {
    const policy = stack.resources[stack.id(stack.stack.site.responseHeadersPolicy)]!.Properties.ResponseHeadersPolicyConfig;
    const csp = policy.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy as Record<string, [string, unknown[]]>;
    const stackId = 'arn:aws:cloudformation:eu-west-1:123456789012:stack/SupportChat/51af3dc0-da77-11e4-872e-1234567db123';
    for (const [region, urlSuffix] of [
      ['us-east-1', 'amazonaws.com'],
      ['eu-west-1', 'amazonaws.com'],
      ['cn-north-1', 'amazonaws.com.cn'],
    ] as const) {
      const pseudo = { 'AWS::StackId': stackId, 'AWS::Region': region, 'AWS::URLSuffix': urlSuffix };
      const directives = new Map(
        evaluate(csp, { ...pseudo, [stack.id(stack.stack.webSocket.api)]: 'abc123' })
          .split(';')
          .map((directive) => directive.trim().split(/\s+/))
          .map(([name, ...values]) => [name!, values]),
      );
      const bucketName = evaluate(bucket.Properties.BucketName, pseudo);
      const s3 = new S3Client({ region, credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'example' } });
      const slot = await createPresignedPost(s3, { Bucket: bucketName, Key: 'uploads/room/01J0000000000000000000000A', Expires: 120 });
      const link = await getSignedUrl(s3, new GetObjectCommand({ Bucket: bucketName, Key: 'files/room/01J0000000000000000000000A' }), {
        expiresIn: 300,
      });
      for (const origin of [new URL(slot.url).origin, new URL(link).origin]) {
        expect(origin).toBe(`https://${bucketName}.s3.${region}.${urlSuffix}`);
        expect(directives.get('connect-src'), region).toContain(origin);
        expect(directives.get('img-src'), region).toContain(origin);
      }
    }
  });

  it("takes POSTs (upload slots), GETs and HEADs from the stack's own site only, asking for no header but the form's type, a preflight kept an hour", () => {
    expect(bucket.Properties.CorsConfiguration.CorsRules).toHaveLength(1);
    const [rule] = bucket.Properties.CorsConfiguration.CorsRules as [Record<string, any>];
    expect({ ...rule, AllowedOrigins: rule.AllowedOrigins.map(render) }).toEqual({
      AllowedOrigins: [`https://\${${stack.id(stack.stack.site.distribution)}.DomainName}`],
      AllowedMethods: ['POST', 'GET', 'HEAD'],
      AllowedHeaders: ['content-type'],
      MaxAge: 3600,
    });
  });

  it('takes them from the sites named in -c siteOrigins too, a list or an array in cdk.json', () => {
    const origins = (context: Record<string, unknown>) => {
      const withSites = synthesize(context);
      const [rule] = withSites.resources[withSites.id(withSites.stack.attachments.bucket)]!.Properties.CorsConfiguration.CorsRules;
      return (rule.AllowedOrigins as unknown[]).map(render).slice(1);
    };
    expect(origins({ siteOrigins: 'https://www.example.com, https://app.example.com:8443' })).toEqual([
      'https://www.example.com',
      'https://app.example.com:8443',
    ]);
    expect(origins({ siteOrigins: ['https://www.example.com', 'https://*.example.org'] })).toEqual([
      'https://www.example.com',
      'https://*.example.org',
    ]);
  });

  it('refuses a site origin no browser would send, saying how to write it', () => {
    const refusal = (origin: string) => {
      try {
        synthesize({ siteOrigins: origin });
      } catch (error) {
        return (error as Error).message;
      }
      return 'accepted';
    };
    const form = '(https://host, https://host:port or https://*.domain, no path)';
    expect(refusal('https://www.example.com/')).toBe(
      `siteOrigins: "https://www.example.com/" is not an https origin ${form}: write it as https://www.example.com`,
    );
    expect(refusal('https://www.example.com/support')).toBe(
      `siteOrigins: "https://www.example.com/support" is not an https origin ${form}: write it as https://www.example.com`,
    );
    expect(refusal('https://WWW.Example.com')).toBe(
      `siteOrigins: "https://WWW.Example.com" is not an https origin ${form}: write it as https://www.example.com`,
    );
    expect(refusal('https://www.example.com:443')).toBe(
      `siteOrigins: "https://www.example.com:443" is not an https origin ${form}: write it as https://www.example.com`,
    );
    expect(refusal('http://www.example.com')).toBe(`siteOrigins: "http://www.example.com" is not an https origin ${form}`);
    expect(refusal('www.example.com')).toBe(`siteOrigins: "www.example.com" is not an https origin ${form}`);
    expect(refusal('https://www.*.example.com')).toBe(`siteOrigins: "https://www.*.example.com" is not an https origin ${form}`);
  });

  it('lets S3 delete uploads a day after they came, files after the retention period (365 days by default), and abort unfinished multipart uploads after a day', () => {
    expect(bucket.Properties.LifecycleConfiguration.Rules).toEqual([
      { Id: 'ExpireUploads', Prefix: 'uploads/', ExpirationInDays: 1, Status: 'Enabled' },
      { Id: 'ExpireFiles', Prefix: 'files/', ExpirationInDays: 365, Status: 'Enabled' },
      { Id: 'AbortIncompleteMultipartUploads', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 }, Status: 'Enabled' },
    ]);
  });

  it('lets $default near it, on its two areas: slots, copies, reads, deletions and links, and listing; the daily sweep list and delete; nothing for $connect, $disconnect, the authorizer, the public API or the checks', () => {
    const bucketId = stack.id(stack.stack.attachments.bucket);
    const onBucket = grantLines(stack).filter((line) => line.includes(`\${${bucketId}`));
    const role = `\${${stack.id(stack.stack.handlers.defaultRoute.role!)}}`;
    const sweep = `\${${stack.id(stack.stack.sweep.function.role!)}}`;
    expect(onBucket.sort()).toEqual(
      [
        `${role}: s3:DeleteObject,s3:GetObject,s3:PutObject ON \${${bucketId}.Arn}/uploads/*`,
        `${role}: s3:DeleteObject,s3:GetObject,s3:PutObject ON \${${bucketId}.Arn}/files/*`,
        `${role}: s3:ListBucket ON \${${bucketId}.Arn}`,
        // The files of conversations past the retention period: never read.
        `${sweep}: s3:DeleteObject ON \${${bucketId}.Arn}/uploads/*`,
        `${sweep}: s3:DeleteObject ON \${${bucketId}.Arn}/files/*`,
        `${sweep}: s3:ListBucket ON \${${bucketId}.Arn}`,
      ].sort(),
    );
    // Nor any other S3 action, on anything, for the functions of the chat.
    const { authorizer, connect, disconnect } = stack.stack.handlers;
    for (const fn of [authorizer, connect, disconnect, stack.stack.publicApi.function, stack.stack.checks.function]) {
      const lines = grantLines(stack).filter((line) => line.startsWith(`\${${stack.id(fn.role!)}}:`));
      expect(
        lines.filter((line) => line.includes('s3:')),
        fn.node.path,
      ).toEqual([]);
    }
  });

  it("tells each function that publishes the team's status the bucket and the largest file, 10 MB by default; the authorizer nothing", () => {
    const bucketRef = `\${${stack.id(stack.stack.attachments.bucket)}}`;
    const { authorizer, connect, disconnect, defaultRoute } = stack.stack.handlers;
    for (const fn of [connect, disconnect, defaultRoute, stack.stack.publicApi.function, stack.stack.checks.function]) {
      expect(environmentOf(stack, fn), fn.node.path).toMatchObject({ ATTACHMENTS_BUCKET: bucketRef, ATTACHMENT_MAX_BYTES: '10485760' });
    }
    expect(Object.keys(environmentOf(stack, authorizer)).filter((key) => key.startsWith('ATTACHMENT'))).toEqual([]);
  });

  it('moves the largest file with -c attachmentMaxBytes, up to 25 MB, and refuses what S3 could not be told', () => {
    const raised = synthesize({ attachmentMaxBytes: '26214400' });
    expect(environmentOf(raised, raised.stack.handlers.defaultRoute).ATTACHMENT_MAX_BYTES).toBe('26214400');
    expect(environmentOf(raised, raised.stack.publicApi.function).ATTACHMENT_MAX_BYTES).toBe('26214400');
    const fromJson = synthesize({ attachmentMaxBytes: 5242880 });
    expect(environmentOf(fromJson, fromJson.stack.handlers.connect).ATTACHMENT_MAX_BYTES).toBe('5242880');
    for (const bytes of ['26214401', '0', '10MB', '1.5', '-1']) {
      expect(() => synthesize({ attachmentMaxBytes: bytes }), bytes).toThrow(
        `attachmentMaxBytes: "${bytes}" is not a whole number of bytes from 1 to 26214400 (25 MB, the most the protocol allows)`,
      );
    }
  });
});

describe('without -c malwareScan', () => {
  it('has no GuardDuty plan, no scan-result rule or function, and no MALWARE_SCAN anywhere', () => {
    for (const context of [{}, { malwareScan: 'false' }]) {
      const stack = synthesize(context);
      expect(stack.stack.malwareScan).toBeUndefined();
      stack.template.resourceCountIs('AWS::GuardDuty::MalwareProtectionPlan', 0);
      // The daily sweep's schedule is the only rule.
      expect(stack.ofType('AWS::Events::Rule').map(([ruleId]) => ruleId)).toEqual([stack.id(stack.stack.sweep.rule)]);
      for (const [, fn] of stack.ofType('AWS::Lambda::Function')) {
        expect(fn.Properties.Environment?.Variables?.MALWARE_SCAN).toBeUndefined();
      }
    }
  });

  it('refuses a malwareScan that is neither true nor false', () => {
    expect(() => synthesize({ malwareScan: 'yes' })).toThrow('malwareScan: "yes" is neither true nor false');
  });
});

describe('with -c malwareScan=true', () => {
  let scanned: Synthesized;
  let scan: NonNullable<SupportChatStack['malwareScan']>;
  beforeAll(() => {
    scanned = synthesize({ malwareScan: 'true' });
    scan = scanned.stack.malwareScan!;
  });
  const bucketId = () => scanned.id(scanned.stack.attachments.bucket);

  it("puts GuardDuty Malware Protection on the bucket's files/ area, tagging each file with its result, once its role's policy exists", () => {
    const plans = scanned.ofType('AWS::GuardDuty::MalwareProtectionPlan');
    expect(plans).toHaveLength(1);
    const [[, plan]] = plans as [[string, Resource]];
    expect(plan.Properties).toEqual({
      ProtectedResource: { S3Bucket: { BucketName: { Ref: bucketId() }, ObjectPrefixes: ['files/'] } },
      Actions: { Tagging: { Status: 'ENABLED' } },
      Role: { 'Fn::GetAtt': [scanned.id(scan.role), 'Arn'] },
    });
    const rolePolicy = scan.role.node.findChild('DefaultPolicy').node.defaultChild as CfnElement;
    expect(plan.DependsOn).toEqual(expect.arrayContaining([scanned.id(scan.role), scanned.stack.getLogicalId(rolePolicy)]));
  });

  it("lets GuardDuty do what AWS documents for the plan's role, held to this bucket and its files/: read and tag files, prove the bucket is the account's, turn on its events, manage its own rules", () => {
    const role = scanned.resources[scanned.id(scan.role)]!.Properties;
    expect(role.AssumeRolePolicyDocument.Statement).toEqual([
      { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'malware-protection-plan.guardduty.amazonaws.com' } },
    ]);
    expect(role.ManagedPolicyArns).toBeUndefined();
    const rules = 'arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3*';
    const statements = scanned
      .ofType('AWS::IAM::Policy')
      .filter(([, policy]) => render(policy.Properties.Roles[0]) === `\${${scanned.id(scan.role)}}`)
      .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement as Array<Record<string, any>>)
      .map(
        (statement) =>
          `${statement.Sid}: ${[statement.Action].flat().sort().join(',')} ON ${[statement.Resource].flat().map(render).join(',')}${statement.Condition ? ` IF ${JSON.stringify(statement.Condition).replace(/\{"Ref":"AWS::AccountId"\}/, '"${AWS::AccountId}"')}` : ''}`,
      );
    expect(statements.sort()).toEqual(
      [
        `AllowManagedRuleToSendS3EventsToGuardDuty: events:DeleteRule,events:PutRule,events:PutTargets,events:RemoveTargets ON ${rules} IF {"StringLike":{"events:ManagedBy":"malware-protection-plan.guardduty.amazonaws.com"}}`,
        `AllowGuardDutyToMonitorEventBridgeManagedRule: events:DescribeRule,events:ListTargetsByRule ON ${rules}`,
        `AllowPostScanTag: s3:GetObjectTagging,s3:GetObjectVersionTagging,s3:PutObjectTagging,s3:PutObjectVersionTagging ON \${${bucketId()}.Arn}/files/*`,
        `AllowEnableS3EventBridgeEvents: s3:GetBucketNotification,s3:PutBucketNotification ON \${${bucketId()}.Arn}`,
        `AllowPutValidationObject: s3:PutObject ON \${${bucketId()}.Arn}/malware-protection-resource-validation-object IF {"StringEquals":{"aws:ResourceAccount":"\${AWS::AccountId}"}}`,
        `AllowCheckBucketOwnership: s3:ListBucket ON \${${bucketId()}.Arn}`,
        `AllowMalwareScan: s3:GetObject,s3:GetObjectVersion ON \${${bucketId()}.Arn}/files/*`,
      ].sort(),
    );
  });

  it("sends each scan result of this bucket's files/ to the scan-result function, and what it cannot take after its retries to a dead-letter queue", () => {
    // Besides the daily sweep's schedule.
    const rules = scanned.ofType('AWS::Events::Rule').filter(([ruleId]) => ruleId !== scanned.id(scanned.stack.sweep.rule));
    expect(rules).toHaveLength(1);
    const [[ruleId, rule]] = rules as [[string, Resource]];
    expect(rule.Properties.EventPattern).toEqual({
      source: ['aws.guardduty'],
      'detail-type': ['GuardDuty Malware Protection Object Scan Result'],
      detail: { s3ObjectDetails: { bucketName: [{ Ref: bucketId() }], objectKey: [{ prefix: 'files/' }] } },
    });
    const deadLetters = { 'Fn::GetAtt': [scanned.id(scan.deadLetters), 'Arn'] };
    expect(rule.Properties.Targets).toEqual([
      expect.objectContaining({
        Arn: { 'Fn::GetAtt': [scanned.id(scan.function), 'Arn'] },
        DeadLetterConfig: { Arn: deadLetters },
        RetryPolicy: { MaximumEventAgeInSeconds: 6 * 3600, MaximumRetryAttempts: 8 },
      }),
    ]);
    // EventBridge may invoke the function for this rule only, and put what it cannot deliver in the queue.
    const invokers = scanned
      .ofType('AWS::Lambda::Permission')
      .map(([, permission]) => permission.Properties)
      .filter((permission) => permission.FunctionName['Fn::GetAtt']?.[0] === scanned.id(scan.function));
    expect(invokers.map((permission) => `${permission.Principal} <- ${render(permission.SourceArn)}`)).toEqual([
      `events.amazonaws.com <- \${${ruleId}.Arn}`,
    ]);
    // A result the function failed on twice more (Lambda's retries of an event) lands in the same queue.
    const [[, invokeConfig]] = scanned.ofType('AWS::Lambda::EventInvokeConfig') as [[string, Resource]];
    expect(invokeConfig.Properties).toMatchObject({
      FunctionName: { Ref: scanned.id(scan.function) },
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: deadLetters } },
    });
    const queue = scanned.resources[scanned.id(scan.deadLetters)]!.Properties;
    expect(queue).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
    const [[, queuePolicy]] = scanned
      .ofType('AWS::SQS::QueuePolicy')
      .filter(([, policy]) => policy.Properties.Queues[0].Ref === scanned.id(scan.deadLetters)) as [[string, Resource]];
    const queueStatements = queuePolicy.Properties.PolicyDocument.Statement as Array<Record<string, any>>;
    expect(queueStatements).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
    expect(queueStatements).toContainEqual(
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [ruleId, 'Arn'] } } },
      }),
    );
  });

  it('has $default hold a file until its scan ends (MALWARE_SCAN=on), and no other function told so', () => {
    const told = scanned
      .ofType('AWS::Lambda::Function')
      .filter(([, fn]) => fn.Properties.Environment?.Variables?.MALWARE_SCAN !== undefined)
      .map(([fnId, fn]) => `${fnId}=${fn.Properties.Environment.Variables.MALWARE_SCAN}`);
    expect(told).toEqual([`${scanned.id(scanned.stack.handlers.defaultRoute)}=on`]);
  });

  it("runs backend/src/handlers/scan-result.ts with what it builds: the messages, the room's connections, @connections, and the bucket, where it may delete files and nothing else", () => {
    expect(scan.function.node.path).toBe('SupportChat/MalwareScan/Function');
    const ref = (construct: IConstruct) => `\${${scanned.id(construct)}}`;
    expect(environmentOf(scanned, scan.function)).toEqual({
      MESSAGES_TABLE: ref(scanned.stack.tables.messages),
      CONNECTIONS_TABLE: ref(scanned.stack.tables.connections),
      RETENTION_DAYS: '365',
      CONNECTIONS_ENDPOINT: `https://${ref(scanned.stack.webSocket.api)}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}/prod`,
      ATTACHMENTS_BUCKET: ref(scanned.stack.attachments.bucket),
      NODE_OPTIONS: '--enable-source-maps',
    });
    const role = `\${${scanned.id(scan.function.role!)}}`;
    const table = (t: IConstruct) => `\${${scanned.id(t)}.Arn}`;
    const { messages, connections } = scanned.stack.tables;
    expect(
      grantLines(scanned)
        .filter((line) => line.startsWith(`${role}:`))
        .map((line) => line.slice(role.length + 2))
        .sort(),
    ).toEqual(
      [
        `logs:CreateLogStream,logs:PutLogEvents ON \${${scanned.id(scan.function.logGroup)}.Arn}`,
        `dynamodb:BatchGetItem,dynamodb:BatchWriteItem,dynamodb:ConditionCheckItem,dynamodb:DeleteItem,dynamodb:DescribeTable,dynamodb:GetItem,dynamodb:GetRecords,dynamodb:GetShardIterator,dynamodb:PutItem,dynamodb:Query,dynamodb:Scan,dynamodb:UpdateItem ON ${table(messages)}`,
        `dynamodb:BatchGetItem,dynamodb:ConditionCheckItem,dynamodb:DescribeTable,dynamodb:GetItem,dynamodb:GetRecords,dynamodb:GetShardIterator,dynamodb:Query,dynamodb:Scan ON ${table(connections)}`,
        `execute-api:ManageConnections ON arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:${ref(scanned.stack.webSocket.api)}/prod/*/@connections/*`,
        `s3:DeleteObject ON \${${bucketId()}.Arn}/files/*`,
        // Lambda's own delivery of a result the function failed on.
        `sqs:GetQueueAttributes,sqs:GetQueueUrl,sqs:SendMessage ON \${${scanned.id(scan.deadLetters)}.Arn}`,
      ].sort(),
    );
  });

  it('alarms on the scan-result function (errors, throttles, logged errors) and on a result in the dead-letter queue', () => {
    const alarms = scanned.ofType('AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties);
    const watching = (value: unknown) => alarms.filter((alarm) => JSON.stringify(alarm.Dimensions ?? []).includes(JSON.stringify(value)));
    expect(
      watching({ Ref: scanned.id(scan.function) })
        .map((alarm) => alarm.MetricName)
        .sort(),
    ).toEqual(['Errors', 'Throttles']);
    expect(watching({ 'Fn::GetAtt': [scanned.id(scan.deadLetters), 'QueueName'] }).map((alarm) => alarm.MetricName)).toEqual([
      'ApproximateNumberOfMessagesVisible',
    ]);
    expect(alarms.filter((alarm) => alarm.MetricName === 'ScanResultLoggedErrors')).toHaveLength(1);
    // Four more than without the scan.
    expect(alarms).toHaveLength(synthesize().ofType('AWS::CloudWatch::Alarm').length + 4);
  });

  it('bundles a scan-result function that starts under plain Node with that environment, takes a result of this bucket as far as DynamoDB, and ignores one of another bucket', async () => {
    const outdir = mkdtempSync(join(tmpdir(), 'support-chat-scan-'));
    try {
      // Bundled, this once: the handler must find every variable it reads in what the stack gives it.
      const app = new App({ outdir, context: { ...cdkJsonContext(), malwareScan: 'true' } });
      const bundled = new SupportChatStack(app, 'SupportChat', { siteDirectory });
      const template = Template.fromStack(bundled);
      const fn = bundled.malwareScan!.function;
      const logicalId = bundled.getLogicalId(fn.node.defaultChild as CfnElement);
      const variables = template.toJSON().Resources[logicalId].Properties.Environment.Variables as Record<string, unknown>;
      const closed = 'http://127.0.0.1:9';
      const environment = Object.fromEntries(
        Object.entries(variables).map(([key, value]) => [
          key,
          render(value)
            .replace(/\$\{[^}]*\}/g, 'example')
            .replace(/^https:.*\/prod$/, `${closed}/prod`),
        ]),
      );
      const bucketName = environment.ATTACHMENTS_BUCKET!;
      const event = (bucket: string) =>
        guardDutyScanResult(bucket, `files/${'r'.repeat(43)}/01J00000000000000000000000`, 'NO_THREATS_FOUND');
      const script = `
        const [file, events] = JSON.parse(process.argv[1]);
        const { handler } = await import(file);
        const outcomes = [];
        for (const event of events) {
          outcomes.push(await handler(event).then((value) => ({ value: value ?? null }), (error) => ({ error: String(error?.message ?? error).slice(0, 200) })));
        }
        console.log('OUTCOMES ' + JSON.stringify(outcomes));`;
      const file = pathToFileURL(join(outdir, (fn.node.findChild('Code') as Asset).assetPath, 'index.mjs')).href;
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--input-type=module', '--no-warnings', '-e', script, JSON.stringify([file, [event(bucketName), event('someone-elses-bucket')]])],
        {
          env: {
            PATH: process.env.PATH,
            AWS_REGION: 'eu-west-1',
            AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
            AWS_SECRET_ACCESS_KEY: 'example',
            ...environment,
            DYNAMODB_ENDPOINT: closed,
            S3_ENDPOINT: closed,
          },
          timeout: 20_000,
        },
      );
      const line = stdout.split('\n').find((l) => l.startsWith('OUTCOMES '));
      const [ours, theirs] = JSON.parse(line!.slice('OUTCOMES '.length)) as [{ error?: string }, { value?: unknown }];
      // Built from its environment (a missing variable would say so), then failed at DynamoDB, the closed port.
      expect(ours.error).toMatch(/ECONNREFUSED/);
      expect(theirs).toEqual({ value: null });
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  }, 60_000);
});

import { rmSync } from 'node:fs';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { App, CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SupportChatStack } from './support-chat-stack.ts';
import { cdkJsonContext, makeSiteDirectory, render } from './test-support.ts';

type Resource = {
  Type: string;
  Properties: Record<string, any>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  DependsOn?: string[];
};

const siteDirectory = makeSiteDirectory();
afterAll(() => rmSync(siteDirectory, { recursive: true, force: true }));

/** A stack as `cdk synth` makes it with these context values, without bundling the handlers. */
function synthesize(context: Record<string, unknown> = {}, name = 'SupportChat') {
  const app = new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [], ...context } });
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

  it('lets S3 delete uploads a day after they came and abort unfinished multipart uploads after a day, and keeps files', () => {
    expect(bucket.Properties.LifecycleConfiguration.Rules).toEqual([
      { Id: 'ExpireUploads', Prefix: 'uploads/', ExpirationInDays: 1, Status: 'Enabled' },
      { Id: 'AbortIncompleteMultipartUploads', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 }, Status: 'Enabled' },
    ]);
  });

  it('lets $default alone near it, on its two areas: slots, copies, reads, deletions and links, and listing; nothing for $connect, $disconnect, the authorizer, the public API or the checks', () => {
    const bucketId = stack.id(stack.stack.attachments.bucket);
    const onBucket = grantLines(stack).filter((line) => line.includes(`\${${bucketId}`));
    const role = `\${${stack.id(stack.stack.handlers.defaultRoute.role!)}}`;
    expect(onBucket.sort()).toEqual(
      [
        `${role}: s3:DeleteObject,s3:GetObject,s3:PutObject ON \${${bucketId}.Arn}/uploads/*`,
        `${role}: s3:DeleteObject,s3:GetObject,s3:PutObject ON \${${bucketId}.Arn}/files/*`,
        `${role}: s3:ListBucket ON \${${bucketId}.Arn}`,
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

import { rmSync } from 'node:fs';
import { App, type Environment, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { SupportChatStack } from './support-chat-stack.ts';
import { cdkJsonContext, makeOutdirs, makeSiteDirectory } from './test-support.ts';

// cdk-nag v3 is a CDK policy-validation plugin: `validateScope` runs the AwsSolutions rules
// over the construct tree and honours `Validations.of(...).acknowledge(...)`.

const siteDirectory = makeSiteDirectory();
afterAll(() => rmSync(siteDirectory, { recursive: true, force: true }));
const outdirs = makeOutdirs();
afterAll(() => outdirs.remove());
afterEach(() => vi.restoreAllMocks());

/** With email to visitors on (the SES identity, and the grants to send from it), unless `context` says otherwise. */
function synthesize(env?: Environment, context: Record<string, unknown> = {}): SupportChatStack {
  const app = new App({
    outdir: outdirs.next(),
    // Bundling the handlers changes no rule's outcome; skipping it keeps this file fast.
    context: {
      ...cdkJsonContext(),
      'aws:cdk:bundling-stacks': [],
      alertEmails: 'a@x.com',
      alertPhones: '+15550100',
      opsEmails: 'ops@x.com',
      mailFrom: 'Practical Cloud <support@practical-cloud.example>',
      ...context,
    },
  });
  return new SupportChatStack(app, 'SupportChat', { siteDirectory, ...(env && { env }) });
}

const findings = (stack: SupportChatStack) =>
  new AwsSolutionsChecks(stack.node.root).validateScope(stack).violations.flatMap((violation) =>
    violation.violatingResources.map((resource) => ({
      rule: violation.ruleName,
      severity: violation.severity,
      path: resource.constructPath ?? '',
    })),
  );

describe('cdk-nag AwsSolutions', () => {
  it('finds nothing unacknowledged in the stack, errors or warnings', () => {
    expect(findings(synthesize())).toEqual([]);
  });

  it('finds nothing either when the environment is concrete (as `cdk synth` with a default region makes it)', () => {
    expect(findings(synthesize({ account: '123456789012', region: 'eu-west-1' }))).toEqual([]);
  });

  it('finds nothing either without email to visitors (as `npm run synth` builds it), or with a whole mail domain', () => {
    expect(findings(synthesize(undefined, { mailFrom: undefined }))).toEqual([]);
    expect(findings(synthesize(undefined, { mailFrom: 'support@practical-cloud.example', mailDomain: 'practical-cloud.example' }))).toEqual(
      [],
    );
  });

  it("finds nothing either with the malware scan on (GuardDuty's plan and role, the scan-result function, its rule and dead letters)", () => {
    expect(findings(synthesize(undefined, { malwareScan: 'true' }))).toEqual([]);
  });

  it('finds nothing either with verified identity on (its secret, read by the authorizer and the public API), with a JWKS URL or not', () => {
    expect(findings(synthesize(undefined, { identityMode: 'required' }))).toEqual([]);
    expect(findings(synthesize(undefined, { identityMode: 'optional', identityJwksUrl: 'https://auth.example.com/jwks.json' }))).toEqual(
      [],
    );
  });

  describe('acknowledgments', () => {
    /** Synthesizes with acknowledgments recorded instead of applied: the raw findings and what covers them. */
    function rawFindingsAndAcknowledgments(context: Record<string, unknown> = {}) {
      const acknowledgments: Array<{ path: string; id: string; reason: string }> = [];
      vi.spyOn(Validations.prototype, 'acknowledge').mockImplementation(function (this: Validations, ...rules) {
        const scope = (this as unknown as { scope: IConstruct }).scope;
        for (const rule of rules) acknowledgments.push({ path: scope.node.path, id: rule.id, reason: rule.reason });
      });
      const stack = synthesize(undefined, context);
      return { raw: findings(stack), acknowledgments };
    }
    const covers = (ack: { path: string; id: string }, finding: { path: string; rule: string }) =>
      ack.id === finding.rule && (finding.path === ack.path || finding.path.startsWith(`${ack.path}/`));

    it.each([
      ['with email', {}],
      ['without email', { mailFrom: undefined }],
      ['with the malware scan', { malwareScan: 'true' }],
      ['with verified identity', { identityMode: 'required' }],
    ])('each cover a finding the rules really raise, on that construct (none is stale or too broad), %s', (_, context) => {
      const { raw, acknowledgments } = rawFindingsAndAcknowledgments(context);
      expect(raw.length).toBeGreaterThan(0);
      for (const finding of raw) {
        expect(
          acknowledgments.some((ack) => covers(ack, finding)),
          `${finding.rule} at ${finding.path}`,
        ).toBe(true);
      }
      for (const ack of acknowledgments) {
        expect(
          raw.some((finding) => covers(ack, finding)),
          `stale: ${ack.id} at ${ack.path}`,
        ).toBe(true);
        // Acknowledged on the resource (or its construct), never on the stack as a whole.
        expect(ack.path).not.toBe('SupportChat');
      }
    });

    it('each give a specific written reason', () => {
      const { acknowledgments } = rawFindingsAndAcknowledgments({ identityMode: 'required', malwareScan: 'true' });
      for (const ack of acknowledgments) {
        expect(ack.reason.length, `${ack.id}: ${ack.reason}`).toBeGreaterThanOrEqual(80);
        expect(ack.reason).not.toMatch(/\b(todo|tbd|fixme|not needed|n\/a)\b/i);
      }
    });

    /** The IAM wildcards acknowledged on the functions' roles, each as `role: kind`. */
    function functionWildcards(context: Record<string, unknown> = {}): string[] {
      const { acknowledgments } = rawFindingsAndAcknowledgments(context);
      const functionScopes = [
        'SupportChat/Handlers/',
        'SupportChat/PublicApi/',
        'SupportChat/Checks/',
        'SupportChat/Email/',
        'SupportChat/MalwareScan/Function',
      ];
      const wildcards = acknowledgments.filter(
        (ack) => functionScopes.some((scope) => ack.path.startsWith(scope)) && ack.id.includes('IAM5'),
      );
      const roomsIndexes = /^AwsSolutions-IAM5\[Resource::<TablesRooms[0-9A-F]{8}\.Arn>\/index\/\*\]$/;
      const connections = /^AwsSolutions-IAM5\[Resource::arn:.*:execute-api:.*\/prod\/\*\/@connections\/\*\]$/;
      // Held by an ses:FromAddress condition (support-chat-stack.test.ts checks it).
      const sesIdentities = /^AwsSolutions-IAM5\[Resource::arn:<AWS::Partition>:ses:<AWS::Region>:<AWS::AccountId>:identity\/\*\]$/;
      // The attachments bucket's two areas (attachments.test.ts checks the actions on them).
      const attachmentAreas = /^AwsSolutions-IAM5\[Resource::<AttachmentsBucket[0-9A-F]{8}\.Arn>\/(uploads|files)\/\*\]$/;
      const kind = (id: string) =>
        roomsIndexes.test(id)
          ? 'rooms indexes'
          : connections.test(id)
            ? '@connections'
            : sesIdentities.test(id)
              ? 'SES identities'
              : attachmentAreas.test(id)
                ? `attachments ${id.match(attachmentAreas)![1]}/`
                : id;
      // Each role's, by kind: any other wildcard shows here by its finding.
      return wildcards.map((ack) => `${ack.path}: ${kind(ack.id)}`).sort();
    }
    const withoutEmail = [
      ...['Connect', 'Disconnect', 'DefaultRoute'].flatMap((fn) => [
        `SupportChat/Handlers/${fn}Role: @connections`,
        `SupportChat/Handlers/${fn}Role: rooms indexes`,
      ]),
      'SupportChat/Handlers/DefaultRouteRole: attachments files/',
      'SupportChat/Handlers/DefaultRouteRole: attachments uploads/',
      'SupportChat/PublicApi/FunctionRole: rooms indexes',
      'SupportChat/Checks/FunctionRole: @connections',
      'SupportChat/Checks/FunctionRole: rooms indexes',
    ];

    it("acknowledge no IAM wildcard in the functions beyond their own table indexes, @connections, SES identities and $default's two attachment areas (none for Cognito)", () => {
      expect(functionWildcards()).toEqual(
        [
          ...withoutEmail,
          'SupportChat/Handlers/DefaultRouteRole: SES identities',
          'SupportChat/Checks/FunctionRole: SES identities',
        ].sort(),
      );
    });

    it("acknowledge for verified identity $connect's copies within the attachments' files/ only: its secret is read by its own ARN", () => {
      expect(functionWildcards({ mailFrom: undefined, identityMode: 'required' })).toEqual(
        [...withoutEmail, 'SupportChat/Handlers/ConnectRole: attachments files/'].sort(),
      );
    });

    it('acknowledge no SES wildcard without email', () => {
      expect(functionWildcards({ mailFrom: undefined })).toEqual([...withoutEmail].sort());
    });

    it("acknowledge for the scan-result function @connections and the attachments' files/ only", () => {
      expect(functionWildcards({ mailFrom: undefined, malwareScan: 'true' })).toEqual(
        [
          ...withoutEmail,
          'SupportChat/MalwareScan/FunctionRole: @connections',
          'SupportChat/MalwareScan/FunctionRole: attachments files/',
        ].sort(),
      );
    });
  });
});

import { rmSync } from 'node:fs';
import { App, CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseIdentitySecret } from '../src/identity/identity-secret.ts';
import { INITIAL_IDENTITY_KID } from './constructs/identity-keys.ts';
import { SupportChatStack } from './support-chat-stack.ts';
import { cdkJsonContext, makeOutdirs, makeSiteDirectory, render } from './test-support.ts';

type Resource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string; UpdateReplacePolicy?: string };

const siteDirectory = makeSiteDirectory();
afterAll(() => rmSync(siteDirectory, { recursive: true, force: true }));
const outdirs = makeOutdirs();
afterAll(() => outdirs.remove());

/** A stack as `cdk synth` makes it with these context values, without bundling the handlers. */
function synthesize(context: Record<string, unknown> = {}, name = 'SupportChat') {
  const app = new App({ outdir: outdirs.next(), context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [], ...context } });
  const stack = new SupportChatStack(app, name, { siteDirectory });
  const template = Template.fromStack(stack);
  const json = template.toJSON() as { Resources: Record<string, Resource>; Outputs: Record<string, { Value: unknown }> };
  const id = (construct: IConstruct) =>
    stack.getLogicalId((CfnElement.isCfnElement(construct) ? construct : construct.node.defaultChild) as CfnElement);
  const ref = (construct: IConstruct) => `\${${id(construct)}}`;
  const ofType = (type: string) => Object.entries(json.Resources).filter(([, resource]) => resource.Type === type);
  /** Each product function's `IDENTITY_*` variables, by its construct path. */
  const identityVariables = () =>
    Object.fromEntries(
      [...stack.handlers.all, stack.publicApi.function, stack.checks.function].map((fn) => {
        const variables = json.Resources[id(fn)]!.Properties.Environment.Variables as Record<string, unknown>;
        const identity = Object.entries(variables).filter(([key]) => key.startsWith('IDENTITY_'));
        return [fn.node.path, Object.fromEntries(identity.map(([key, value]) => [key, render(value)]))];
      }),
    );
  /** Every statement of the policies of a function's role, as `{actions} ON {resource}`. */
  const grantsOf = (fn: { role?: IConstruct }) =>
    ofType('AWS::IAM::Policy')
      .filter(([, policy]) => render(policy.Properties.Roles[0]) === ref(fn.role!))
      .flatMap(([, policy]) =>
        (policy.Properties.PolicyDocument.Statement as Array<Record<string, any>>).flatMap((statement) =>
          [statement.Resource].flat().map((resource) => `${[statement.Action].flat().sort().join(',')} ON ${render(resource)}`),
        ),
      )
      .sort();
  /** Every statement of every IAM policy naming `resource`, as `{role}: {actions}`. */
  const grantsOn = (resource: string) =>
    ofType('AWS::IAM::Policy').flatMap(([, policy]) =>
      (policy.Properties.PolicyDocument.Statement as Array<Record<string, any>>)
        .filter((statement) => [statement.Resource].flat().map(render).includes(resource))
        .map((statement) => `${render(policy.Properties.Roles[0])}: ${[statement.Action].flat().sort().join(',')}`),
    );
  const outputs = () => Object.fromEntries(Object.entries(json.Outputs).map(([key, output]) => [key, render(output.Value)]));
  return { stack, json, id, ref, ofType, identityVariables, grantsOf, grantsOn, outputs };
}
type Synthesized = ReturnType<typeof synthesize>;

const readWrite =
  'dynamodb:BatchGetItem,dynamodb:BatchWriteItem,dynamodb:ConditionCheckItem,dynamodb:DeleteItem,dynamodb:DescribeTable,dynamodb:GetItem,dynamodb:GetRecords,dynamodb:GetShardIterator,dynamodb:PutItem,dynamodb:Query,dynamodb:Scan,dynamodb:UpdateItem';
const read =
  'dynamodb:BatchGetItem,dynamodb:ConditionCheckItem,dynamodb:DescribeTable,dynamodb:GetItem,dynamodb:GetRecords,dynamodb:GetShardIterator,dynamodb:Query,dynamodb:Scan';

/** $connect's grants beyond its logs, @connections and the connections and team tables: the rooms, and what a customer's hand-over touches. */
function connectDataGrants(s: Synthesized): string[] {
  const { connections, team } = s.stack.tables;
  return s
    .grantsOf(s.stack.handlers.connect)
    .filter((line) => !/^logs:|^execute-api:/.test(line))
    .filter((line) => !line.endsWith(` ON \${${s.id(connections)}.Arn}`) && !line.endsWith(` ON \${${s.id(team)}.Arn}`));
}

/** Why a synthesis was refused, or 'accepted'. */
function refusal(context: Record<string, unknown>): string {
  try {
    synthesize(context);
  } catch (error) {
    return (error as Error).message;
  }
  return 'accepted';
}

describe('identity, off (the default)', () => {
  let off: Synthesized;
  beforeAll(() => {
    off = synthesize();
  });

  it('makes no identity secret: the link secret is the only one', () => {
    expect(off.stack.identity.secret).toBeUndefined();
    expect(off.ofType('AWS::SecretsManager::Secret').map(([logicalId]) => logicalId)).toEqual([off.id(off.stack.linkSecret)]);
  });

  it('tells the authorizer and the public API function that identity is off, and no other function anything', () => {
    const { handlers, publicApi } = off.stack;
    expect(off.identityVariables()).toEqual({
      [handlers.authorizer.node.path]: { IDENTITY_MODE: 'off' },
      [handlers.connect.node.path]: {},
      [handlers.disconnect.node.path]: {},
      [handlers.defaultRoute.node.path]: {},
      [publicApi.function.node.path]: { IDENTITY_MODE: 'off' },
      [off.stack.checks.function.node.path]: {},
    });
  });

  it("lets $connect only read the rooms: no connection is a customer's, so no conversation is carried over", () => {
    const rooms = off.id(off.stack.tables.rooms);
    expect(connectDataGrants(off)).toEqual([`${read} ON \${${rooms}.Arn}`, `${read} ON \${${rooms}.Arn}/index/*`].sort());
  });

  it('outputs the mode and the audience tokens would need, and no secret', () => {
    expect(off.outputs()).toMatchObject({ IdentityMode: 'off', IdentityAudience: 'SupportChat' });
    expect(off.outputs().IdentitySecretArn).toBeUndefined();
  });
});

describe.each(['optional', 'required'])('identity, %s', (mode) => {
  let on: Synthesized;
  let secret: Resource;
  beforeAll(() => {
    on = synthesize({ identityMode: mode });
    secret = on.json.Resources[on.id(on.stack.identity.secret!)]!;
  });

  it('makes a secret Secrets Manager generates as {"kid":"initial","secret":"<48 letters and digits>"}, its value never in the template', () => {
    expect(
      on
        .ofType('AWS::SecretsManager::Secret')
        .map(([logicalId]) => logicalId)
        .sort(),
    ).toEqual([on.id(on.stack.linkSecret), on.id(on.stack.identity.secret!)].sort());
    expect(secret.Properties.SecretString).toBeUndefined();
    expect(secret.Properties.GenerateSecretString).toEqual({
      SecretStringTemplate: '{"kid":"initial"}',
      GenerateStringKey: 'secret',
      PasswordLength: 48,
      ExcludePunctuation: true,
    });
    // What Secrets Manager makes of it is a value the verifier takes: one named key of 48 bytes.
    const generated = JSON.stringify({
      ...JSON.parse(secret.Properties.GenerateSecretString.SecretStringTemplate),
      secret: 'a1'.repeat(24),
    });
    expect(parseIdentitySecret(generated)).toEqual([{ kid: INITIAL_IDENTITY_KID, secret: 'a1'.repeat(24) }]);
    // Read through IAM grants only.
    expect(on.ofType('AWS::SecretsManager::ResourcePolicy')).toEqual([]);
  });

  it("is kept when the stack goes or the resource is replaced, and never rotates on its own: the company's backend holds a copy", () => {
    expect([secret.DeletionPolicy, secret.UpdateReplacePolicy]).toEqual(['Retain', 'Retain']);
    expect(on.ofType('AWS::SecretsManager::RotationSchedule')).toEqual([]);
  });

  it('gives the authorizer and the public API function the mode, the audience (the stack name by default) and the secret, and no other function anything', () => {
    const { handlers, publicApi } = on.stack;
    const variables = { IDENTITY_MODE: mode, IDENTITY_AUDIENCE: 'SupportChat', IDENTITY_SECRET_ARN: on.ref(on.stack.identity.secret!) };
    expect(on.identityVariables()).toEqual({
      [handlers.authorizer.node.path]: variables,
      [handlers.connect.node.path]: {},
      [handlers.disconnect.node.path]: {},
      [handlers.defaultRoute.node.path]: {},
      [publicApi.function.node.path]: variables,
      [on.stack.checks.function.node.path]: {},
    });
  });

  it('lets exactly those two functions read the secret, and nothing more on it', () => {
    const role = (fn: { role?: IConstruct }) => on.ref(fn.role!);
    expect(on.grantsOn(on.ref(on.stack.identity.secret!)).sort()).toEqual(
      [on.stack.handlers.authorizer, on.stack.publicApi.function]
        .map((fn) => `${role(fn)}: secretsmanager:DescribeSecret,secretsmanager:GetSecretValue`)
        .sort(),
    );
  });

  it("lets $connect carry a browser's anonymous conversation over into the customer's room: rooms and messages read-write, files copied within files/", () => {
    const rooms = on.id(on.stack.tables.rooms);
    const bucket = on.id(on.stack.attachments.bucket);
    expect(connectDataGrants(on)).toEqual(
      [
        // Read-write, which covers the reading every connection does.
        `${readWrite} ON \${${rooms}.Arn}`,
        `${readWrite} ON \${${rooms}.Arn}/index/*`,
        `${readWrite} ON \${${on.id(on.stack.tables.messages)}.Arn}`,
        `s3:GetObject,s3:PutObject ON \${${bucket}.Arn}/files/*`,
        // Only so that a file gone answers 404, not 403.
        `s3:ListBucket ON \${${bucket}.Arn}`,
      ].sort(),
    );
  });

  it('outputs the mode, the audience and the secret', () => {
    expect(on.outputs()).toMatchObject({
      IdentityMode: mode,
      IdentityAudience: 'SupportChat',
      IdentitySecretArn: on.ref(on.stack.identity.secret!),
    });
  });
});

describe('identity settings', () => {
  it("take the audience from -c identityAudience, else the stack's own name", () => {
    const named = synthesize({ identityMode: 'required', identityAudience: 'https://portal.example.com' });
    expect(named.identityVariables()[named.stack.handlers.authorizer.node.path]).toMatchObject({
      IDENTITY_AUDIENCE: 'https://portal.example.com',
    });
    expect(named.outputs().IdentityAudience).toBe('https://portal.example.com');

    const portal = synthesize({ identityMode: 'optional' }, 'CustomerPortalChat');
    expect(portal.identityVariables()[portal.stack.publicApi.function.node.path]).toMatchObject({
      IDENTITY_AUDIENCE: 'CustomerPortalChat',
    });
    expect(portal.outputs().IdentityAudience).toBe('CustomerPortalChat');
  });

  it("pass the company's JWKS URL to the same two functions, beside the secret", () => {
    const jwksUrl = 'https://auth.example.com/.well-known/jwks.json';
    const withJwks = synthesize({ identityMode: 'optional', identityJwksUrl: jwksUrl });
    const variables = withJwks.identityVariables();
    for (const fn of [withJwks.stack.handlers.authorizer, withJwks.stack.publicApi.function]) {
      expect(variables[fn.node.path]).toEqual({
        IDENTITY_MODE: 'optional',
        IDENTITY_AUDIENCE: 'SupportChat',
        IDENTITY_SECRET_ARN: withJwks.ref(withJwks.stack.identity.secret!),
        IDENTITY_JWKS_URL: jwksUrl,
      });
    }
    expect(Object.values(variables).filter((v) => 'IDENTITY_JWKS_URL' in v)).toHaveLength(2);
  });

  it('refuse a JWKS URL that is not https, and a mode that is none of off, optional, required', () => {
    const notHttps = (url: string) =>
      `identityJwksUrl: "${url}" is not an https URL (https://host/path, no user or password): keys fetched over http could be anyone's`;
    expect(refusal({ identityMode: 'optional', identityJwksUrl: 'http://auth.example.com/jwks.json' })).toBe(
      notHttps('http://auth.example.com/jwks.json'),
    );
    expect(refusal({ identityMode: 'optional', identityJwksUrl: 'auth.example.com/jwks.json' })).toBe(
      notHttps('auth.example.com/jwks.json'),
    );
    expect(refusal({ identityMode: 'optional', identityJwksUrl: 'https://user:pw@auth.example.com/jwks.json' })).toBe(
      notHttps('https://user:pw@auth.example.com/jwks.json'),
    );
    // Even while identity is off: the setting is wrong whatever the mode.
    expect(refusal({ identityJwksUrl: 'http://auth.example.com/jwks.json' })).toBe(notHttps('http://auth.example.com/jwks.json'));
    expect(refusal({ identityMode: 'on' })).toBe('identityMode: "on" is none of off, optional, required (docs/identity.md)');
    expect(refusal({ identityMode: 'Required' })).toBe('identityMode: "Required" is none of off, optional, required (docs/identity.md)');
  });
});

import { execFile } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalSecrets } from '../local/secrets.ts';
import { secretReaderFromEnv } from '../src/aws/secrets.ts';
import { parseIdentitySecret } from '../src/identity/identity-secret.ts';
import { identityVerifierFromEnv } from '../src/identity/identity-verifier.ts';
import { verifyIdentityToken } from '../src/identity/verify-identity-token.ts';
import { startTestStack, type TestStack } from '../test/support/test-stack.ts';
import { LEGACY_KID, LOCAL_IDENTITY_SECRET_NAME, MAX_KEYS, runIdentitySecret } from './identity-secret.ts';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('./identity-secret.ts', import.meta.url));
/** Nothing listens here: the command finds no running local stack. */
const CLOSED_PORT = '9';

/** A token as a company's backend signs one: HS256 with node:crypto, its kid in the header when given. */
function sign(secret: string, audience: string, kid?: string): string {
  const now = Math.floor(Date.now() / 1000);
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${part({ alg: 'HS256', typ: 'JWT', ...(kid && { kid }) })}.${part({ sub: 'customer-42', aud: audience, iat: now, exp: now + 600 })}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

/** The command in-process, as the CLI runs it, in `env`; rejects like a failed process on a non-zero exit. */
async function command(env: NodeJS.ProcessEnv, ...args: string[]) {
  const lines = { stdout: '', stderr: '' };
  const code = await runIdentitySecret(args, { log: (l) => (lines.stdout += `${l}\n`), error: (l) => (lines.stderr += `${l}\n`) }, env);
  if (code !== 0) throw Object.assign(new Error(`exit ${code}`), { code, ...lines });
  return lines;
}

/** The kid and the secret `rotate` printed. */
function rotated(stdout: string): { kid: string; secret: string } {
  const kid = /Added the key (k-\d{8}-[0-9a-f]{4}) /.exec(stdout)?.[1];
  const secret = /^ {2}([A-Za-z0-9_-]{43})$/m.exec(stdout)?.[1];
  expect(kid).toBeDefined();
  expect(secret).toBeDefined();
  return { kid: kid!, secret: secret! };
}

describe('npm run identity-secret, with the local stack running', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ identityMode: 'optional' });
  });
  afterAll(() => stack.close());

  const env = () => ({ ...process.env, AWS_PORT: new URL(stack.aws.endpoint).port });
  const identitySecret = (...args: string[]) => command(env(), ...args);
  const audience = () => stack.identity.audience;
  /** What a handler of the stack makes of a token: a verifier built from its environment, as a Lambda's is, reading the keys afresh. */
  const check = (token: string) => identityVerifierFromEnv(secretReaderFromEnv, stack.handlerEnv).check(token);
  const keyOf = (kid: string) => parseIdentitySecret(stack.identity.secretValue()).find((key) => key.kid === kid)!.secret;

  it('runs as `npm run identity-secret` does, as its own process, and lists the local key without its secret', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', cli, 'list'], { env: env() });
    expect(stdout).toMatch(
      /^1 key in the local stack's identity secret \(support-chat\/identity-secret\), oldest first:\n {2}local-1 {2}created \d{4}-/,
    );
    expect(stdout).not.toContain(keyOf('local-1'));
  });

  it('shows the key the local stack checks tokens with, alone on stdout, the warning on stderr', async () => {
    const { stdout, stderr } = await identitySecret('show', 'local-1');
    expect(stdout).toBe(`${keyOf('local-1')}\n`);
    expect(stderr).toMatch(/^The secret of local-1 follows\. Whoever holds it can sign in to the chat as any of your customers/);
    // The only key may go unnamed.
    expect((await identitySecret('show')).stdout).toBe(stdout);
  });

  it('rotates: both keys verify tokens, a verifier already running takes the new kid without a restart, and retiring the old one refuses its tokens', async () => {
    const oldKey = keyOf('local-1');
    const running = identityVerifierFromEnv(secretReaderFromEnv, stack.handlerEnv);
    expect(await running.check(sign(oldKey, audience(), 'local-1'))).toMatchObject({ ok: true });

    const { stdout } = await identitySecret('rotate');
    const added = rotated(stdout);
    expect(stdout).toContain(
      `Added the key ${added.kid} to the local stack's identity secret (support-chat/identity-secret); local-1 stays valid.`,
    );
    expect(stdout).toContain(`"kid": "${added.kid}" in the token's header`);
    expect(stdout).toContain('npm run identity-secret -- retire local-1\n');
    expect(Buffer.from(added.secret, 'base64url')).toHaveLength(32);
    expect(stdout.split(added.secret)).toHaveLength(2);
    expect(JSON.parse(stack.identity.secretValue())).toEqual({
      keys: [
        { kid: 'local-1', secret: oldKey, createdAt: expect.any(String) },
        { kid: added.kid, secret: added.secret, createdAt: expect.any(String) },
      ],
    });

    expect(await check(sign(oldKey, audience(), 'local-1'))).toMatchObject({ ok: true, identity: { sub: 'customer-42' } });
    expect(await check(sign(added.secret, audience(), added.kid))).toMatchObject({ ok: true, identity: { sub: 'customer-42' } });
    // Without a kid, a token is tried against each key.
    expect(await check(sign(oldKey, audience()))).toMatchObject({ ok: true });
    expect(await check(sign(added.secret, audience()))).toMatchObject({ ok: true });
    // Read again for an unknown kid at most every 30 s: the new key works without a redeploy.
    expect(await running.check(sign(added.secret, audience(), added.kid), Date.now() + 31_000)).toMatchObject({ ok: true });

    const retired = await identitySecret('retire', 'local-1');
    expect(retired.stdout).toContain(`Retired local-1 from the local stack's identity secret (support-chat/identity-secret)`);
    expect(await check(sign(oldKey, audience(), 'local-1'))).toMatchObject({ ok: false, code: 'unknown_key' });
    expect(await check(sign(oldKey, audience()))).toMatchObject({ ok: false, code: 'signature' });
    expect(await check(sign(added.secret, audience(), added.kid))).toMatchObject({ ok: true });
    expect((await identitySecret('list')).stdout).toMatch(new RegExp(`^1 key .*\\n {2}${added.kid} {2}created `));

    // The last key stays: without it no token could be checked.
    const before = stack.identity.secretValue();
    await expect(identitySecret('retire', added.kid)).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining(`${added.kid} is the only key in the local stack's identity secret`),
    });
    expect(stack.identity.secretValue()).toBe(before);
  });

  it('never prints a secret in a list, however many keys', async () => {
    await identitySecret('rotate');
    await identitySecret('rotate');
    const keys = parseIdentitySecret(stack.identity.secretValue());
    expect(keys.length).toBeGreaterThanOrEqual(3);
    const { stdout, stderr } = await identitySecret('list');
    for (const key of keys) {
      expect(stdout).toContain(`  ${key.kid}  `);
      expect(stdout + stderr).not.toContain(key.secret);
    }
    expect(stdout).toMatch(/ {2}\(newest: sign with this one\)\n$/);
  });

  it(`refuses a key beyond ${MAX_KEYS}: a token without a kid is tried against ${MAX_KEYS} at most`, async () => {
    while (parseIdentitySecret(stack.identity.secretValue()).length < MAX_KEYS) await identitySecret('rotate');
    const before = stack.identity.secretValue();
    await expect(identitySecret('rotate')).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/^Retire old keys first/) });
    expect(stack.identity.secretValue()).toBe(before);
  });

  it('refuses bad input with a clear message and changes nothing', async () => {
    const before = stack.identity.secretValue();
    await expect(identitySecret('retire', 'nope')).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/^No key nope in /) });
    await expect(identitySecret('show', 'nope')).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/^No key nope in /) });
    await expect(identitySecret('show')).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/^Name the key to show: /) });
    await expect(identitySecret('retire')).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('name the key to retire') });
    await expect(identitySecret('rotate', 'now')).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('too many arguments') });
    await expect(identitySecret('renew')).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('Unknown command "renew"') });
    await expect(identitySecret('list', '--everything')).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('Usage') });
    await expect(identitySecret()).rejects.toMatchObject({ code: 2 });
    expect(stack.identity.secretValue()).toBe(before);
  });

  it('works with --aws on the secret --secret-id names, through the endpoint the AWS SDK is given', async () => {
    const arn = stack.handlerEnv.IDENTITY_SECRET_ARN!;
    const { stdout } = await run(process.execPath, ['--import', 'tsx', cli, 'list', '--aws', '--secret-id', arn], {
      env: {
        ...process.env,
        // Nothing local: only the SDK's own settings lead to the stand-in.
        AWS_PORT: CLOSED_PORT,
        AWS_ENDPOINT_URL_SECRETS_MANAGER: stack.aws.endpoint,
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
      },
    });
    expect(stdout).toMatch(new RegExp(`^${MAX_KEYS} keys in the deployed identity secret ${arn.replace(/[/.]/g, '\\$&')}, oldest first:`));
  });
});

describe('npm run identity-secret, with the local stack stopped', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'support-chat-identity-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  const env = () => ({ ...process.env, AWS_PORT: CLOSED_PORT, DATA_DIR: dataDir });
  const identitySecret = (...args: string[]) => command(env(), ...args);
  /** The secret's value in the file the local stack reads when it starts. */
  const stored = async () => (await LocalSecrets.open(join(dataDir, 'secrets.json'))).value(LOCAL_IDENTITY_SECRET_NAME)!;
  const audience = 'support-chat-local';
  const verify = async (token: string) =>
    verifyIdentityToken(token, { keys: { secrets: parseIdentitySecret(await stored()) }, audience, now: Date.now() });

  it('makes the local key as the stack would, in the file the stack reads', async () => {
    const { stdout } = await identitySecret('list');
    expect(stdout).toMatch(/^1 key in the local stack's identity secret .*\n {2}local-1 {2}created /);
    expect(parseIdentitySecret(await stored())).toEqual([{ kid: 'local-1', secret: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) }]);
  });

  it(`rotates a plain-string secret: its key becomes "${LEGACY_KID}", and the tokens signed with it, without a kid, stay good until it is retired`, async () => {
    const plain = 'a-plain-string-secret-of-forty-bytes-0123';
    const secrets = await LocalSecrets.open(join(dataDir, 'secrets.json'));
    await secrets.handle('PutSecretValue', { SecretId: LOCAL_IDENTITY_SECRET_NAME, SecretString: plain });
    const oldToken = sign(plain, audience);
    expect(await verify(oldToken)).toMatchObject({ ok: true });
    expect((await identitySecret('list')).stdout).toMatch(/\n {2}\(no kid\) {2}created .* \(tokens signed with it carry no kid\)\n$/);

    const { stdout } = await identitySecret('rotate');
    const added = rotated(stdout);
    expect(stdout).toContain(`The key you had carried no kid: it is now "${LEGACY_KID}"`);
    expect(stdout).toContain(`npm run identity-secret -- retire ${LEGACY_KID}\n`);
    expect(JSON.parse(await stored()).keys.map((key: { kid: string }) => key.kid)).toEqual([LEGACY_KID, added.kid]);

    expect(await verify(oldToken)).toMatchObject({ ok: true });
    expect(await verify(sign(plain, audience, LEGACY_KID))).toMatchObject({ ok: true });
    expect(await verify(sign(added.secret, audience, added.kid))).toMatchObject({ ok: true });
    expect((await identitySecret('show', LEGACY_KID)).stdout).toBe(`${plain}\n`);

    await identitySecret('retire', LEGACY_KID);
    expect(await verify(oldToken)).toMatchObject({ ok: false, code: 'signature' });
    expect(await verify(sign(added.secret, audience, added.kid))).toMatchObject({ ok: true });
  });

  it('refuses a value the chat would not take, naming what is wrong and never the secret', async () => {
    const secrets = await LocalSecrets.open(join(dataDir, 'secrets.json'));
    await secrets.handle('PutSecretValue', { SecretId: LOCAL_IDENTITY_SECRET_NAME, SecretString: 'too-short-a-key' });
    const failure = identitySecret('rotate');
    await expect(failure).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(
        /^The value of the local stack's identity secret .* is not in a form the chat takes: An identity key is shorter than 32 bytes/,
      ),
    });
    await expect(failure).rejects.toMatchObject({ stderr: expect.not.stringContaining('too-short-a-key') });
    expect(await stored()).toBe('too-short-a-key');
  });
});

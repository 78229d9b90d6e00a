/**
 * `npm run identity-secret -- list | rotate | retire KID | show [KID] [--aws]`: the HS256
 * keys a company's backend signs its customers' identity tokens with (docs/identity.md).
 * Locally it works on the local stack's Secrets Manager stand-in (running or not); with
 * --aws, on the deployed secret named in cdk-outputs.json (written by `npm run deploy`).
 */

import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { GetSecretValueCommand, PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { type AwsStandIns, startAwsStandIns } from '../local/aws-stand-ins.ts';
import { LocalSecrets } from '../local/secrets.ts';
import { LocalSns } from '../local/sns.ts';
import { localDataDir, PORT_SETTINGS } from '../local/stack.ts';
import { parseIdentitySecret, type StoredIdentityKey } from '../src/identity/identity-secret.ts';
import { type Console, runCommand } from './cli.ts';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUTPUTS_FILE = join(repoRoot, 'cdk-outputs.json');

/** The local stack's identity secret (backend/local/stack.ts makes it on its first start). */
export const LOCAL_IDENTITY_SECRET_NAME = 'support-chat/identity-secret';
/**
 * The kid a key without one gets when a second key joins it. Safe: a token without a kid
 * is checked against every key (verify-identity-token.ts), so the tokens the company's
 * backend signs today, kid-less, stay good.
 */
export const LEGACY_KID = 'legacy';
/** The verifier tries at most 5 keys for a token without a kid: more would leave some untried. */
export const MAX_KEYS = 5;
/** How long a token may live (verify-identity-token.ts): how long after the switch old tokens may still come. */
const MAX_TOKEN_HOURS = 24;

const USAGE = `Usage:
  npm run identity-secret -- list            the keys' kids and when each was made (never a secret)
  npm run identity-secret -- rotate          add a new key beside the others, and print it once
  npm run identity-secret -- retire KID      remove a key: tokens signed with it are refused
  npm run identity-secret -- show [KID]      print a key's secret, to configure your backend with

Options:
  --aws                 the deployed secret (IdentitySecretArn in cdk-outputs.json, or --secret-id), with your AWS credentials
  --secret-id ARN       the deployed secret's ARN (or name)
  --region REGION       its region (default: from the ARN)

Without --aws: the local stack's secret (${LOCAL_IDENTITY_SECRET_NAME}), whether npm start runs or not.`;

/** A refusal worth a sentence, not a stack trace. */
export class IdentitySecretError extends Error {}

/** A key as the command handles it: a kid-less one is the plain-string form's only key. */
interface Key {
  kid?: string;
  secret: string;
  createdAt?: string;
}

interface Target {
  client: SecretsManagerClient;
  secretId: string;
  where: string;
  /** `--aws` on the command lines the output suggests. */
  flag: string;
  close(): Promise<void>;
}

/** What the local stack makes the first time (backend/local/stack.ts), made here when the command runs first. */
function initialLocalValue(): string {
  return JSON.stringify({ kid: 'local-1', secret: randomBytes(32).toString('base64url') });
}

async function localTarget(env: NodeJS.ProcessEnv): Promise<Target> {
  const port = Number(env[PORT_SETTINGS.aws.envVar] ?? PORT_SETTINGS.aws.default);
  const running = await fetch(`http://127.0.0.1:${port}/alerts`).then(
    (response) => response.ok,
    () => false,
  );
  let started: AwsStandIns | undefined;
  if (!running) {
    // Not running: the stand-in on the same file, for the length of this command. Through
    // the stand-in rather than the file, so that a running stack is never written behind its
    // back and the command takes one path (Secrets Manager's API) wherever the secret is.
    const dataDir = env.DATA_DIR || localDataDir();
    mkdirSync(dataDir, { recursive: true });
    const secrets = await LocalSecrets.open(join(dataDir, 'secrets.json'));
    await secrets.ensure(LOCAL_IDENTITY_SECRET_NAME, initialLocalValue);
    started = await startAwsStandIns(0, {
      sns: new LocalSns(() => {}),
      secrets,
      queue: () => {
        throw new Error('The identity-secret command queues nothing.');
      },
    });
  }
  const client = new SecretsManagerClient({
    endpoint: started?.endpoint ?? `http://127.0.0.1:${port}`,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return {
    client,
    secretId: LOCAL_IDENTITY_SECRET_NAME,
    where: `the local stack's identity secret (${LOCAL_IDENTITY_SECRET_NAME})`,
    flag: '',
    close: async () => {
      client.destroy();
      await started?.stop();
    },
  };
}

function awsTarget(secretIdOption: string | undefined, regionOption: string | undefined): Target {
  const secretId = secretIdOption ?? secretArnFromOutputs();
  // arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME
  const region = regionOption ?? (secretId.startsWith('arn:') ? secretId.split(':')[3] : undefined);
  const client = new SecretsManagerClient({ ...(region && { region }) });
  return {
    client,
    secretId,
    where: `the deployed identity secret ${secretId}`,
    flag: secretIdOption ? ` --aws --secret-id ${secretId}` : ' --aws',
    close: async () => client.destroy(),
  };
}

function secretArnFromOutputs(): string {
  if (!existsSync(OUTPUTS_FILE)) {
    throw new IdentitySecretError('No cdk-outputs.json: run `npm run deploy` first, or pass --secret-id.');
  }
  const outputs = JSON.parse(readFileSync(OUTPUTS_FILE, 'utf8')) as Record<string, Record<string, string>>;
  for (const stack of Object.values(outputs)) {
    const key = Object.keys(stack).find((k) => /IdentitySecretArn$/.test(k));
    if (key) return stack[key]!;
  }
  throw new IdentitySecretError(
    'cdk-outputs.json names no identity secret: deploy with -c identityMode=optional (or required), or pass --secret-id.',
  );
}

/** The secret's keys, oldest first, each with when it was made if that is known. */
async function readKeys(target: Target): Promise<Key[]> {
  const { SecretString, CreatedDate } = await target.client
    .send(new GetSecretValueCommand({ SecretId: target.secretId }))
    .catch((error) => {
      if ((error as Error).name === 'ResourceNotFoundException') throw new IdentitySecretError(`No secret ${target.secretId}.`);
      throw error;
    });
  if (!SecretString) throw new IdentitySecretError(`No string value in ${target.where}.`);
  let keys: Key[];
  try {
    keys = parseIdentitySecret(SecretString);
  } catch (error) {
    throw new IdentitySecretError(`The value of ${target.where} is not in a form the chat takes: ${(error as Error).message}`);
  }
  const stored = (JSON.parse(SecretString.trim().startsWith('{') ? SecretString : '{}') as { keys?: Array<{ createdAt?: unknown }> }).keys;
  return keys.map((key, index) => {
    // The rotation command's form says when each key was made; the other two forms hold one
    // key, made when that value was written.
    const createdAt = stored ? stored[index]?.createdAt : CreatedDate?.toISOString();
    return typeof createdAt === 'string' ? { ...key, createdAt } : key;
  });
}

/** Writes the keys in the `{"keys": [...]}` form, once the verifier's own parser has taken them. */
async function writeKeys(target: Target, keys: StoredIdentityKey[]): Promise<void> {
  const value = JSON.stringify({ keys: keys.map(({ kid, secret, createdAt }) => ({ kid, secret, ...(createdAt && { createdAt }) })) });
  parseIdentitySecret(value);
  await target.client.send(new PutSecretValueCommand({ SecretId: target.secretId, SecretString: value }));
}

/** `k-YYYYMMDD-xxxx`: sorts by date, and says which key is which in a log or a config file. */
function newKid(now: Date, taken: readonly string[]): string {
  const day = now.toISOString().slice(0, 10).replaceAll('-', '');
  for (;;) {
    const kid = `k-${day}-${randomBytes(2).toString('hex')}`;
    if (!taken.includes(kid)) return kid;
  }
}

const named = (key: Key) => key.kid ?? '(no kid)';

/** The command, with its output and environment passed in: the CLI below, and tests. */
export async function runIdentitySecret(
  argv: string[],
  out: Console = console,
  env: NodeJS.ProcessEnv = process.env,
  now: () => Date = () => new Date(),
): Promise<number> {
  return runCommand(
    out,
    USAGE,
    (error) => error instanceof IdentitySecretError,
    () => run(argv, out, env, now),
  );
}

async function run(argv: string[], console: Console, env: NodeJS.ProcessEnv, now: () => Date): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      aws: { type: 'boolean', default: false },
      'secret-id': { type: 'string' },
      region: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, kid, ...extra] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  if (!['list', 'rotate', 'retire', 'show'].includes(command)) {
    console.error(`Unknown command "${command}".\n\n${USAGE}`);
    return 2;
  }
  if ((command === 'retire' && !kid) || ((command === 'list' || command === 'rotate') && kid) || extra.length > 0) {
    console.error(
      `${command}: ${command === 'retire' ? 'name the key to retire (its kid, from list)' : 'too many arguments'}.\n\n${USAGE}`,
    );
    return 2;
  }

  const target = values.aws || values['secret-id'] ? awsTarget(values['secret-id'], values.region) : await localTarget(env);
  try {
    const keys = await readKeys(target);
    const again = (sub: string) => `npm run identity-secret -- ${sub}${target.flag}`;

    if (command === 'list') {
      console.log(`${keys.length} key${keys.length === 1 ? '' : 's'} in ${target.where}, oldest first:`);
      const width = Math.max(...keys.map((key) => named(key).length));
      keys.forEach((key, index) => {
        const note =
          key.kid === undefined
            ? '  (tokens signed with it carry no kid)'
            : keys.length > 1 && index === keys.length - 1
              ? '  (newest: sign with this one)'
              : '';
        console.log(`  ${named(key).padEnd(width)}  created ${key.createdAt ?? 'at an unknown time'}${note}`);
      });
      return 0;
    }

    if (command === 'show') {
      const key = kid === undefined ? onlyKey(keys, target) : keyNamed(keys, kid, target);
      console.error(
        `The secret of ${named(key)} follows. Whoever holds it can sign in to the chat as any of your customers: put it only in your backend's secret configuration, never in a page, a repository or a ticket.`,
      );
      console.log(key.secret);
      return 0;
    }

    if (command === 'rotate') {
      if (keys.length >= MAX_KEYS) {
        throw new IdentitySecretError(
          `Retire old keys first (${again('retire KID')}): ${target.where} holds ${keys.length}, the most it may (a token without a kid is tried against ${MAX_KEYS} at most).`,
        );
      }
      // Only the plain-string form has a kid-less key, and then it is the only key: it gets
      // one now, since each of several keys needs one. Tokens without a kid are tried
      // against every key, so the ones signed with it today stay good.
      const stored: StoredIdentityKey[] = keys.map((key) => ({ ...key, kid: key.kid ?? LEGACY_KID }));
      const at = now();
      const added = {
        kid: newKid(
          at,
          stored.map((key) => key.kid),
        ),
        secret: randomBytes(32).toString('base64url'),
        createdAt: at.toISOString(),
      };
      await writeKeys(target, [...stored, added]);
      const old = stored.map((key) => key.kid);
      console.log(`Added the key ${added.kid} to ${target.where}; ${old.join(', ')} stay${old.length === 1 ? 's' : ''} valid.`);
      if (keys.some((key) => key.kid === undefined)) {
        console.log(`The key you had carried no kid: it is now "${LEGACY_KID}" (tokens without a kid still verify against it).`);
      }
      console.log(
        [
          '',
          `Its secret, shown this once (${again(`show ${added.kid}`)} shows it again):`,
          '',
          `  ${added.secret}`,
          '',
          'Next:',
          `  1. Give it to your backend, and sign every new token with it, with "kid": "${added.kid}" in the token's header.`,
          '     The chat takes it within 30 seconds: a token naming a kid it does not hold yet makes it read its keys again.',
          `  2. Once every token signed with the old key has expired (at most ${MAX_TOKEN_HOURS} hours after your backend switched), retire it:`,
          ...old.map((kid) => `       ${again(`retire ${kid}`)}`),
        ].join('\n'),
      );
      return 0;
    }

    // retire
    const key = keyNamed(keys, kid!, target);
    if (keys.length === 1) {
      throw new IdentitySecretError(
        `${named(key)} is the only key in ${target.where}: without it no token could be checked. Rotate first (${again('rotate')}), then retire it.`,
      );
    }
    const remaining = keys.filter((other) => other !== key) as StoredIdentityKey[];
    await writeKeys(target, remaining);
    console.log(
      `Retired ${kid} from ${target.where}: tokens signed with it are refused within 5 minutes. Left: ${remaining.map((k) => k.kid).join(', ')}.`,
    );
    return 0;
  } finally {
    await target.close();
  }
}

function keyNamed(keys: readonly Key[], kid: string, target: Target): Key {
  const key = keys.find((candidate) => candidate.kid === kid);
  if (!key) throw new IdentitySecretError(`No key ${kid} in ${target.where}; its keys: ${keys.map(named).join(', ')}.`);
  return key;
}

function onlyKey(keys: readonly Key[], target: Target): Key {
  if (keys.length > 1)
    throw new IdentitySecretError(`Name the key to show: ${target.where} holds ${keys.length} (${keys.map(named).join(', ')}).`);
  return keys[0]!;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await runIdentitySecret(process.argv.slice(2));
}

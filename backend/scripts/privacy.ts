/**
 * `npm run privacy -- export|erase --room ID | --email ADDRESS | --customer ID [--aws]`: one
 * person's data, for an access request (export: a JSON file and their files) or an erasure
 * request (erase: everything of theirs deleted, and an audit record of who did it);
 * `sweep`: what is past the retention period, deleted now rather than when TTL gets to it. Locally
 * it works on the running local stack (`npm start`); with --aws, on the deployed tables and
 * bucket named in cdk-outputs.json (written by `npm run deploy`).
 */

import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { localTableName } from '../local/dynamodb.ts';
import { LOCAL_BUCKET } from '../local/s3.ts';
import { LOCAL_REGION, PORT_SETTINGS } from '../local/stack.ts';
import { ManagementApiGateway } from '../src/aws/connections-api.ts';
import type { ErasureGateway } from '../src/privacy/erasure-notice.ts';
import { checkedSelector, findPerson, PersonSelectorError } from '../src/privacy/person.ts';
import { erasePerson, exportPerson, type PersonExport } from '../src/privacy/privacy.ts';
import { type PrivacyStores, privacyStoresFromEnv, privacyTables } from '../src/privacy/stores.ts';
import { sweepExpired, sweepInForce } from '../src/privacy/sweep.ts';
import type { ServerEvent } from '../src/protocol/index.ts';
import { checkedRetentionDays, DEFAULT_RETENTION_DAYS } from '../src/retention.ts';
import { type Console, runCommand } from './cli.ts';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUTPUTS_FILE = join(repoRoot, 'cdk-outputs.json');

const USAGE = `Usage:
  npm run privacy -- export SELECTOR [--out DIR]   write everything stored about one person to DIR
                                                   (default ./privacy-export-{time}): export.json,
                                                   and their files under files/
  npm run privacy -- erase SELECTOR --yes          delete everything stored about one person, and
                                                   record who did it (not what) in the audit
  npm run privacy -- sweep [--days N]              delete now every conversation item older than the
                                                   retention period (after shortening it), and give
                                                   items from before retention their expiry

SELECTOR, one of:
  --room ID          one conversation (the room id an alert or the console shows)
  --email ADDRESS    every conversation where the visitor gave this email, or a signed-in
                     customer has it as their verified email
  --customer ID      a signed-in customer (their id in the company's own system): their room
                     and every conversation carried over into it

Options:
  --days N           sweep: the retention period in days (default: the one in force, the
                     team's setting where it is shorter than the deployment's: from
                     cdk-outputs.json with --aws; else RETENTION_DAYS, else 365)
  --aws              the deployed tables and bucket (from cdk-outputs.json), with your AWS credentials
  --region REGION    their region (default: AWS_REGION)`;

class TargetError extends Error {}

/** The command, with its output and environment passed in: the CLI below, and tests. */
export function runPrivacy(argv: string[], out: Console = console, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return runCommand(
    out,
    USAGE,
    (error) => error instanceof PersonSelectorError || error instanceof TargetError,
    () => run(argv, out, env),
  );
}

/**
 * `--room <id>` as `--room=<id>`: a room id is base64url and may start with "-", which
 * parseArgs would take for an option of its own (a customer id may too).
 */
function valuesJoined(argv: string[], names: string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    joined.push(names.includes(arg) && i + 1 < argv.length ? `${arg}=${argv[++i]}` : arg);
  }
  return joined;
}

async function run(argv: string[], console: Console, env: NodeJS.ProcessEnv): Promise<number> {
  const { values, positionals } = parseArgs({
    args: valuesJoined(argv, ['--room', '--customer']),
    allowPositionals: true,
    options: {
      room: { type: 'string' },
      email: { type: 'string' },
      customer: { type: 'string' },
      out: { type: 'string' },
      yes: { type: 'boolean', default: false },
      days: { type: 'string' },
      aws: { type: 'boolean', default: false },
      region: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  if (command === 'sweep') return sweep(values, console, env);
  if (command !== 'export' && command !== 'erase') {
    console.error(`Unknown command "${command}".\n\n${USAGE}`);
    return 2;
  }
  const given = (['room', 'email', 'customer'] as const).filter((kind) => values[kind] !== undefined);
  if (given.length !== 1) {
    console.error(`${command} needs exactly one of --room, --email, --customer.\n\n${USAGE}`);
    return 2;
  }
  const selector = checkedSelector(given[0]!, values[given[0]!]!);
  if (command === 'erase' && !values.yes) {
    console.error('erase deletes everything stored about this person, for good: add --yes to go ahead.');
    return 2;
  }

  const { stores, where, connections } = values.aws ? awsTarget(values.region ?? env.AWS_REGION) : await localTarget(env);
  const by = `cli:${userInfo().username}`;
  try {
    if (command === 'export') {
      const result = await exportPerson(stores, selector, by, Date.now());
      const dir = resolve(values.out ?? `privacy-export-${result.exportedAt.replace(/[:.]/g, '-')}`);
      await writeExport(dir, result);
      console.log(`Exported ${describe(result)} from ${where} to ${dir}.`);
    } else {
      const gateway = new UnreachedCount(
        new ManagementApiGateway(
          connections,
          values.aws ? { region: values.region ?? env.AWS_REGION } : { region: LOCAL_REGION, local: true },
        ),
      );
      const counts = await erasePerson(stores, await findPerson(stores, selector), by, Date.now(), gateway);
      const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
      console.log(
        `Erased ${total} item${total === 1 ? '' : 's'} from ${where}: ${Object.entries(counts)
          .map(([kind, n]) => `${kind} ${n}`)
          .join(', ')}.`,
      );
      if (gateway.error) {
        console.error(
          `Could not reach ${gateway.unreached} open widget or console connection${gateway.unreached === 1 ? '' : 's'} (${gateway.error}): a widget not told is refused at its next frame, and empty once reloaded.`,
        );
      }
    }
    return 0;
  } finally {
    stores.doc.destroy();
  }
}

async function sweep(values: { days?: string; aws?: boolean; region?: string }, console: Console, env: NodeJS.ProcessEnv): Promise<number> {
  const target = values.aws ? awsTarget(values.region ?? env.AWS_REGION) : await localTarget(env);
  const by = `cli:${userInfo().username}`;
  try {
    // --days as given; else the retention in force: the deployment's, or the team's setting where shorter.
    const { days, counts } =
      values.days !== undefined
        ? await sweepWithDays(target.stores, checkedRetentionDays(values.days, '--days'), by)
        : await sweepInForce(
            target.stores,
            checkedRetentionDays(target.retentionDays ?? env.RETENTION_DAYS ?? String(DEFAULT_RETENTION_DAYS), 'RETENTION_DAYS'),
            Date.now,
            by,
          );
    console.log(
      `Swept ${target.where} for items older than ${days} days: ${Object.entries(counts)
        .map(([kind, n]) => `${kind} ${n}`)
        .join(', ')}.`,
    );
    return 0;
  } finally {
    target.stores.doc.destroy();
  }
}

async function sweepWithDays(stores: PrivacyStores, days: number, by: string) {
  return { days, counts: await sweepExpired(stores, { days, now: Date.now }, by) };
}

/** export.json (every item as stored; a file's bytes are in files/, named by its key) and the files. */
export async function writeExport(dir: string, result: PersonExport): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const file of result.files) {
    const path = join(dir, file.key);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.bytes);
  }
  const json = { ...result, files: result.files.map(({ bytes: _bytes, ...file }) => ({ ...file, path: file.key })) };
  // A DynamoDB string set (an agent connection's rooms) reads back as a Set: written as a list.
  await writeFile(join(dir, 'export.json'), `${JSON.stringify(json, (_k, v) => (v instanceof Set ? [...v] : v), 2)}\n`);
}

function describe(result: PersonExport): string {
  const items = Object.values(result.items).reduce((sum, list) => sum + list.length, 0);
  return `${result.roomIds.length} conversation${result.roomIds.length === 1 ? '' : 's'}, ${items} item${items === 1 ? '' : 's'} and ${result.files.length} file${result.files.length === 1 ? '' : 's'}`;
}

/** Where the privacy commands work: the tables and bucket, and the WebSocket API's `@connections` endpoint. */
interface Target {
  stores: PrivacyStores;
  where: string;
  connections: string;
  retentionDays?: string;
}

/** The gateway, noting what it failed to reach (a connection gone is not a failure: it closed already). */
class UnreachedCount implements ErasureGateway {
  readonly #unreached = new Set<string>();
  error: string | undefined;
  constructor(private readonly gateway: ErasureGateway) {}
  /** How many connections a post or a close failed for. */
  get unreached(): number {
    return this.#unreached.size;
  }
  send(connectionId: string, event: ServerEvent): Promise<boolean> {
    return this.gateway.send(connectionId, event).catch((error: unknown) => this.#failed(connectionId, error));
  }
  disconnect(connectionId: string): Promise<void> {
    return this.gateway.disconnect(connectionId).catch((error: unknown) => void this.#failed(connectionId, error));
  }
  #failed(connectionId: string, error: unknown): false {
    this.#unreached.add(connectionId);
    this.error ??= error instanceof Error ? error.message : String(error);
    return false;
  }
}

async function localTarget(env: NodeJS.ProcessEnv): Promise<Target> {
  const port = (name: 'dynamodb' | 's3' | 'gateway') => Number(env[PORT_SETTINGS[name].envVar] ?? PORT_SETTINGS[name].default);
  const dynamodb = `http://127.0.0.1:${port('dynamodb')}`;
  const running = await fetch(dynamodb).then(
    () => true,
    () => false,
  );
  if (!running) throw new TargetError(`The local stack is not running (nothing answers on ${dynamodb}): start it with npm start.`);
  const stores = privacyStoresFromEnv({
    AWS_REGION: LOCAL_REGION,
    DYNAMODB_ENDPOINT: dynamodb,
    S3_ENDPOINT: `http://127.0.0.1:${port('s3')}`,
    ATTACHMENTS_BUCKET: LOCAL_BUCKET,
    ...Object.fromEntries(Object.values(privacyTables).map((definition) => [definition.envVar, localTableName(definition)])),
  });
  return { stores, where: 'the local stack', connections: `http://127.0.0.1:${port('gateway')}` };
}

function awsTarget(region: string | undefined): Target {
  if (!existsSync(OUTPUTS_FILE)) throw new TargetError('No cdk-outputs.json: run `npm run deploy` first.');
  const outputs = JSON.parse(readFileSync(OUTPUTS_FILE, 'utf8')) as Record<string, Record<string, string>>;
  const stack = Object.values(outputs).find((values) => Object.keys(values).some((key) => key.endsWith('RoomsTableName')));
  if (!stack) throw new TargetError('cdk-outputs.json names no tables: deploy this version (`npm run deploy`) first.');
  const output = (suffix: string) => {
    const key = Object.keys(stack).find((k) => k.endsWith(suffix));
    if (!key) throw new TargetError(`cdk-outputs.json has no ${suffix}.`);
    return stack[key]!;
  };
  const stores = privacyStoresFromEnv({
    ...(region && { AWS_REGION: region }),
    ATTACHMENTS_BUCKET: output('AttachmentsBucketName'),
    ...Object.fromEntries(Object.values(privacyTables).map((definition) => [definition.envVar, output(`${definition.id}TableName`)])),
  });
  return {
    stores,
    where: `the deployment's tables (${output('RoomsTableName')} …)`,
    // The management API is the WebSocket API's own URL over https (websocket-api.ts).
    connections: output('WebSocketUrl').replace(/^wss:/, 'https:'),
    retentionDays: output('RetentionDays'),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await runPrivacy(process.argv.slice(2));
}

/**
 * `npm run agents -- add EMAIL | list | admin EMAIL | remove EMAIL [--aws]`: manages who may answer
 * chats. Locally it works on the local stack's Cognito (running or not); with --aws, on
 * the deployed user pool named in cdk-outputs.json (written by `npm run deploy`).
 */

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { ensurePool, type LocalCognito, startCognito } from '../local/cognito.ts';
import { localDataDir, PORT_SETTINGS } from '../local/stack.ts';
import { AgentDirectoryError, CognitoDirectory } from '../src/aws/cognito-directory.ts';
import { AgentExistsError } from '../src/chat/ports.ts';
import { type Console, runCommand } from './cli.ts';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUTPUTS_FILE = join(repoRoot, 'cdk-outputs.json');

const USAGE = `Usage:
  npm run agents -- add EMAIL [--name "Jane Doe"] [--password TEMPORARY] [--admin]
                                                       create an agent (they choose a password at first sign-in);
                                                       the name is what visitors see (default: from the email);
                                                       --admin: they may change the team's settings
  npm run agents -- list                               list the agents
  npm run agents -- admin EMAIL [--revoke]             make an agent an admin (or, with --revoke, no longer one)
  npm run agents -- remove EMAIL                       delete an agent's account

Options:
  --aws                 the deployed user pool (from cdk-outputs.json, or --user-pool-id), with your AWS credentials
  --user-pool-id ID     the deployed user pool's id
  --region REGION       its region (default: from the pool id)`;

interface Target {
  directory: CognitoDirectory;
  where: string;
  local: boolean;
  close(): Promise<void>;
}

async function localTarget(env: NodeJS.ProcessEnv): Promise<Target> {
  const port = Number(env[PORT_SETTINGS.cognito.envVar] ?? PORT_SETTINGS.cognito.default);
  const running = await fetch(`http://127.0.0.1:${port}/`).then(
    () => true,
    () => false,
  );
  let started: LocalCognito | undefined;
  let client: CognitoIdentityProviderClient;
  if (running) {
    // npm start is running: talk to its cognito-local.
    client = new CognitoIdentityProviderClient({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  } else {
    // Not running: start cognito-local on the same files for the length of this command.
    started = await startCognito(0, join(localDataDir(), 'cognito'));
    client = started.client;
  }
  const userPoolId = await ensurePool(client);
  return {
    directory: new CognitoDirectory(client, userPoolId, false),
    where: `the local stack's user pool (${userPoolId})`,
    local: true,
    close: async () => {
      if (started) await started.stop();
      else client.destroy();
    },
  };
}

function awsTarget(userPoolIdOption: string | undefined, regionOption: string | undefined): Target {
  const userPoolId = userPoolIdOption ?? userPoolIdFromOutputs();
  const region = regionOption ?? userPoolId.split('_')[0];
  const client = new CognitoIdentityProviderClient({ region });
  return {
    directory: new CognitoDirectory(client, userPoolId, true),
    where: `the deployed user pool ${userPoolId} (${region})`,
    local: false,
    close: async () => client.destroy(),
  };
}

function userPoolIdFromOutputs(): string {
  if (!existsSync(OUTPUTS_FILE)) {
    throw new AgentDirectoryError('No cdk-outputs.json: run `npm run deploy` first, or pass --user-pool-id.');
  }
  const outputs = JSON.parse(readFileSync(OUTPUTS_FILE, 'utf8')) as Record<string, Record<string, string>>;
  for (const stack of Object.values(outputs)) {
    const key = Object.keys(stack).find((k) => /UserPoolId$/.test(k));
    if (key) return stack[key]!;
  }
  throw new AgentDirectoryError('cdk-outputs.json names no user pool: pass --user-pool-id.');
}

/** The command, with its output and environment passed in: the CLI below, and tests. */
export function runAgents(argv: string[], out: Console = console, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return runCommand(
    out,
    USAGE,
    (error) => error instanceof AgentDirectoryError || error instanceof AgentExistsError,
    () => run(argv, out, env),
  );
}

async function run(argv: string[], console: Console, env: NodeJS.ProcessEnv): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      aws: { type: 'boolean', default: false },
      'user-pool-id': { type: 'string' },
      region: { type: 'string' },
      password: { type: 'string' },
      name: { type: 'string' },
      admin: { type: 'boolean', default: false },
      revoke: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, email] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  if ((command === 'add' || command === 'remove' || command === 'admin') && !email) {
    console.error(`${command} needs an email address.\n\n${USAGE}`);
    return 2;
  }
  if (!['add', 'list', 'remove', 'admin'].includes(command)) {
    console.error(`Unknown command "${command}".\n\n${USAGE}`);
    return 2;
  }

  const target = values.aws || values['user-pool-id'] ? awsTarget(values['user-pool-id'], values.region) : await localTarget(env);
  try {
    if (command === 'add') {
      const { temporaryPassword } = await target.directory.add(email!, {
        temporaryPassword: values.password,
        name: values.name,
        invite: !target.local,
        admin: values.admin,
      });
      console.log(`Added ${email} to ${target.where}.`);
      console.log(
        target.local
          ? `Temporary password: ${temporaryPassword}\nThey sign in at the agent console and choose their own password.`
          : `Cognito emails them a temporary password; they choose their own at first sign-in.`,
      );
    } else if (command === 'list') {
      const agents = await target.directory.list();
      console.log(`${agents.length} agent${agents.length === 1 ? '' : 's'} in ${target.where}:`);
      for (const agent of agents) {
        const state = agent.status === 'FORCE_CHANGE_PASSWORD' ? 'invited, not signed in yet' : agent.status.toLowerCase();
        console.log(`  ${agent.email}  (${agent.enabled ? state : 'disabled'}${agent.admin ? ', admin' : ''})`);
      }
    } else if (command === 'admin') {
      await target.directory.setAdmin(email!, !values.revoke);
      console.log(`${email} is ${values.revoke ? 'no longer an admin' : 'an admin'} in ${target.where} (from their next sign-in).`);
    } else {
      await target.directory.remove(email!);
      console.log(`Removed ${email} from ${target.where}.`);
    }
    return 0;
  } finally {
    await target.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await runAgents(process.argv.slice(2));
}

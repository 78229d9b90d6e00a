import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ListGroupsCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { ADMINS_GROUP, AGENTS_GROUP } from '../src/protocol/agents.ts';
import { findFreePort } from './ports.ts';

const POOL_NAME = 'support-chat-agents';
const CLIENT_NAME = 'support-chat-console';

/** The demo agent (the README's "Try it locally"), printed at start. */
export const DEMO_AGENT = { email: 'agent@example.com', password: 'Agent-Passw0rd!', name: 'Alex from Support' } as const;

export interface LocalCognito {
  endpoint: string;
  issuer: string;
  userPoolId: string;
  clientId: string;
  client: CognitoIdentityProviderClient;
  stop(): Promise<void>;
}

/**
 * cognito-local in a child process (it keeps its state in files relative to its working
 * directory, so it gets its own), with a user pool, an app client, the `agents` group and
 * the demo agent. Existing ones are reused, so agents persist across restarts.
 */
export async function startCognito(port: number, dataDir: string): Promise<LocalCognito> {
  if (port !== 0) return startCognitoOn(port, dataDir);
  // cognito-local must know its port before it listens (its tokens name it as their issuer), so
  // a free port is picked first; when another server takes it meanwhile, pick again.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startCognitoOn(await findFreePort(), dataDir);
    } catch (error) {
      if (!(error instanceof PortTakenError) || attempt === 5) throw error;
    }
  }
}

class PortTakenError extends Error {}

async function startCognitoOn(port: number, dataDir: string): Promise<LocalCognito> {
  const endpoint = `http://127.0.0.1:${port}`;
  await mkdir(join(dataDir, '.cognito'), { recursive: true });
  await writeFile(
    join(dataDir, '.cognito', 'config.json'),
    JSON.stringify({ ServerConfig: { hostname: '127.0.0.1', port }, TokenConfig: { IssuerDomain: endpoint } }, null, 2),
  );
  const bin = createRequire(import.meta.url).resolve('cognito-local/lib/bin/start.js');
  const child = spawn(process.execPath, [bin], {
    cwd: dataDir,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Its own chatter goes to a file, not the terminal; the file is there when something fails.
  const logFile = createWriteStream(join(dataDir, 'cognito-local.log'), { flags: 'a' });
  child.stdout?.pipe(logFile);
  child.stderr?.pipe(logFile);
  const stop = () => stopChild(child).finally(() => logFile.end());

  try {
    await listening(child, port);
    const client = new CognitoIdentityProviderClient({
      endpoint,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const userPoolId = await ensurePool(client);
    const clientId = await ensureClient(client, userPoolId);
    await ensureGroups(client, userPoolId);
    // The demo agent is an admin, so that a person trying the demo can change the team's settings.
    await ensureUser(client, userPoolId, { ...DEMO_AGENT, agent: true, admin: true });
    return {
      endpoint,
      issuer: `${endpoint}/${userPoolId}`,
      userPoolId,
      clientId,
      client,
      stop: async () => {
        client.destroy();
        await stop();
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The local agents' user pool, created on first use. */
export async function ensurePool(client: CognitoIdentityProviderClient): Promise<string> {
  const { UserPools = [] } = await client.send(new ListUserPoolsCommand({ MaxResults: 60 }));
  const existing = UserPools.find((p) => p.Name === POOL_NAME);
  if (existing?.Id) return existing.Id;
  const { UserPool } = await client.send(
    new CreateUserPoolCommand({
      PoolName: POOL_NAME,
      UsernameAttributes: ['email'],
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
    }),
  );
  return UserPool!.Id!;
}

async function ensureClient(client: CognitoIdentityProviderClient, userPoolId: string): Promise<string> {
  const { UserPoolClients = [] } = await client.send(new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60 }));
  const existing = UserPoolClients.find((c) => c.ClientName === CLIENT_NAME);
  if (existing?.ClientId) return existing.ClientId;
  const { UserPoolClient } = await client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: CLIENT_NAME,
      GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }),
  );
  return UserPoolClient!.ClientId!;
}

/** The agents group, and the admins group of agents who may change the team's settings. */
async function ensureGroups(client: CognitoIdentityProviderClient, userPoolId: string): Promise<void> {
  // Look before creating: cognito-local's CreateGroup replaces an existing group, members and all.
  const { Groups = [] } = await client.send(new ListGroupsCommand({ UserPoolId: userPoolId }));
  for (const group of [AGENTS_GROUP, ADMINS_GROUP]) {
    if (!Groups.some((g) => g.GroupName === group)) await client.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: group }));
  }
}

/**
 * Creates a user with a permanent password unless one exists, optionally in the agents
 * group (and the admins group). Used for the demo agent, by tests, and by `npm run agents`
 * against the local stack.
 */
export async function ensureUser(
  client: CognitoIdentityProviderClient,
  userPoolId: string,
  user: { email: string; password: string; name?: string; agent: boolean; admin?: boolean },
): Promise<void> {
  if (!(await userExists(client, userPoolId, user.email))) await createUser(client, userPoolId, user);
  // Adding a member twice is a no-op, and this repairs a membership lost to a recreated group.
  const groups = [...(user.agent ? [AGENTS_GROUP] : []), ...(user.admin ? [ADMINS_GROUP] : [])];
  for (const group of groups) {
    await client.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: user.email, GroupName: group }));
  }
}

async function userExists(client: CognitoIdentityProviderClient, userPoolId: string, email: string): Promise<boolean> {
  try {
    await client.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: email }));
    return true;
  } catch (error) {
    if (error instanceof Error && error.name === 'UserNotFoundException') return false;
    throw error;
  }
}

async function createUser(
  client: CognitoIdentityProviderClient,
  userPoolId: string,
  user: { email: string; password: string; name?: string },
): Promise<void> {
  await client.send(
    new AdminCreateUserCommand({
      UserPoolId: userPoolId,
      Username: user.email,
      MessageAction: 'SUPPRESS',
      TemporaryPassword: user.password,
      UserAttributes: [
        { Name: 'email', Value: user.email },
        { Name: 'email_verified', Value: 'true' },
        ...(user.name ? [{ Name: 'name', Value: user.name }] : []),
      ],
    }),
  );
  await client.send(
    new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: user.email, Password: user.password, Permanent: true }),
  );
}

/**
 * Resolves when cognito-local says it listens. Its own line, not any answer on the port: a
 * server that took the port first would answer too.
 */
function listening(child: ChildProcess, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => settle(new Error(`cognito-local did not start on port ${port} within 20 s`)), 20_000);
    const onOutput = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Cognito Local running on')) settle();
    };
    const onExit = (code: number | null) =>
      settle(
        output.includes('EADDRINUSE')
          ? new PortTakenError(`port ${port} was taken before cognito-local could listen on it`)
          : new Error(`cognito-local exited during start (exit code ${code}); see its log in the data directory`),
      );
    function settle(error?: Error) {
      clearTimeout(timer);
      child.stdout?.off('data', onOutput);
      child.stderr?.off('data', onOutput);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve();
    }
    child.stdout?.on('data', onOutput);
    child.stderr?.on('data', onOutput);
    child.once('exit', onExit);
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

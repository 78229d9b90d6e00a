import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { InitiateAuthCommand, RespondToAuthChallengeCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestSocket } from '../test/support/test-socket.ts';
import { startTestStack, type TestStack } from '../test/support/test-stack.ts';
import { runAgents } from './agents.ts';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('./agents.ts', import.meta.url));

describe('npm run agents', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack.close());

  const env = () => ({ ...process.env, COGNITO_PORT: new URL(stack.cognito.endpoint).port });
  /** The command in-process, as the CLI runs it; rejects like a failed process on a non-zero exit. */
  const agents = async (...args: string[]) => {
    const lines = { stdout: '', stderr: '' };
    const code = await runAgents(args, { log: (l) => (lines.stdout += `${l}\n`), error: (l) => (lines.stderr += `${l}\n`) }, env());
    if (code !== 0) throw Object.assign(new Error(`exit ${code}`), { code, ...lines });
    return lines;
  };

  it('runs as `npm run agents` does, as its own process', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', cli, 'list'], { env: env() });
    expect(stdout).toMatch(/agents? in the local stack's user pool/);
    expect(stdout).toContain('agent@example.com');
  });

  it('adds an agent who signs in with the temporary password, chooses a new one, and can answer chats', async () => {
    const added = await agents('add', 'new.agent@example.com');
    const temporary = /Temporary password: (\S+)/.exec(added.stdout)?.[1];
    expect(temporary).toBeDefined();

    const challenge = await stack.cognito.client.send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: stack.cognito.clientId,
        AuthParameters: { USERNAME: 'new.agent@example.com', PASSWORD: temporary! },
      }),
    );
    expect(challenge.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    const answered = await stack.cognito.client.send(
      new RespondToAuthChallengeCommand({
        ClientId: stack.cognito.clientId,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: challenge.Session,
        ChallengeResponses: { USERNAME: 'new.agent@example.com', NEW_PASSWORD: 'My-Own-Passw0rd!' },
      }),
    );
    const token = answered.AuthenticationResult!.IdToken!;
    const agent = await TestSocket.open(`${stack.websocketUrl}?token=${token}`);
    const { rooms } = await agent.request({ action: 'listRooms' }, 'rooms');
    expect(Array.isArray(rooms)).toBe(true);
    agent.close();

    const listed = await agents('list');
    expect(listed.stdout).toContain('new.agent@example.com  (confirmed)');
    expect(listed.stdout).toContain('agent@example.com');
  });

  it('removes an agent, who can then no longer sign in', async () => {
    await agents('add', 'leaving@example.com', '--password', 'Temp-Passw0rd!1');
    expect((await agents('remove', 'leaving@example.com')).stdout).toContain('Removed leaving@example.com');
    expect((await agents('list')).stdout).not.toContain('leaving@example.com');
    await expect(stack.idToken('leaving@example.com', 'Temp-Passw0rd!1')).rejects.toThrow();
  });

  it('refuses bad input with a clear message and changes nothing', async () => {
    const before = (await agents('list')).stdout;
    await expect(agents('add', 'not-an-email')).rejects.toMatchObject({ stderr: expect.stringContaining('is not an email address') });
    await expect(agents('add', 'named@example.com', '--name', ' ')).rejects.toMatchObject({ stderr: expect.stringContaining('1 to 80') });
    await expect(agents('add', 'agent@example.com')).rejects.toMatchObject({ stderr: expect.stringContaining('already has an account') });
    await expect(agents('remove', 'ghost@example.com')).rejects.toMatchObject({ stderr: expect.stringContaining('No account for') });
    await expect(agents('fire', 'x@example.com')).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('Unknown command') });
    await expect(agents('add')).rejects.toMatchObject({ code: 2 });
    await expect(agents('list', '--everything')).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('Usage') });
    expect((await agents('list')).stdout).toBe(before);
  });
});

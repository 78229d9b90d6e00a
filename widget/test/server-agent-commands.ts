/** The widget tests' commands for agents' accounts: Cognito users, their tokens, the `npm run agents` script. */

import { ensureUser } from '../../backend/local/cognito.ts';
import { runAgents } from '../../backend/scripts/agents.ts';
import { agentToken } from './server-sockets.ts';
import type { Commands, TestServerState } from './server-state.ts';

export const agentCommands = (state: TestServerState): Commands => ({
  'agent:token': () => agentToken(state.stack),
  /** The ID token of a user with a permanent password (see cognito:user), for an agent's socket of their own. */
  'agent:tokenOf': ({ email, password }) => agentToken(state.stack, { email: String(email), password: String(password) }),
  /** A user with a permanent password, in the agents group or not. */
  'cognito:user': async ({ email, password, agent: isAgent, name }) => {
    await ensureUser(state.stack.cognito.client, state.stack.cognito.userPoolId, {
      email: String(email),
      password: String(password),
      agent: Boolean(isAgent),
      ...(name !== undefined && { name: String(name) }),
    });
    return true;
  },
  /** `npm run agents -- add EMAIL` against this stack's cognito-local; answers the temporary password it printed. */
  'cognito:cliAdd': async ({ email }) => {
    let output = '';
    const out = { log: (line: string) => (output += `${line}\n`), error: (line: string) => (output += `${line}\n`) };
    const code = await runAgents(['add', String(email)], out, { ...process.env, COGNITO_PORT: new URL(state.stack.cognito.endpoint).port });
    const temporary = /Temporary password: (\S+)/.exec(output)?.[1];
    if (code !== 0 || !temporary) throw new Error(`npm run agents -- add failed: ${output}`);
    return temporary;
  },
});

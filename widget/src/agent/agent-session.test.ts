import { CognitoUser } from 'amazon-cognito-identity-js';
import { deepEqual, equal, ok } from '../../test/assert.ts';
import { addAgentWithCli, createUser, DEMO_AGENT, siteConfig, uniqueEmail, waitUntil } from '../../test/helpers.ts';
import {
  AgentSession,
  type AgentSessionConfig,
  AgentSessionError,
  type AgentSessionEvent,
  type AgentSessionOptions,
  type Revoking,
} from './agent-session.ts';

const sessions: AgentSession[] = [];

async function session(options: AgentSessionOptions = {}): Promise<AgentSession> {
  const s = new AgentSession((await siteConfig()) as AgentSessionConfig, options);
  sessions.push(s);
  return s;
}

async function refusal(promise: Promise<unknown>): Promise<AgentSessionError> {
  try {
    await promise;
  } catch (error) {
    ok(error instanceof AgentSessionError, `an AgentSessionError, got ${String(error)}`);
    return error;
  }
  throw new Error('expected a refusal');
}

const claims = (token: string) => JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;

describe('AgentSession (against cognito-local)', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    for (const s of sessions.splice(0)) s.dispose();
  });

  it('signs the demo agent in and reads its groups (agents, and admins) from the ID token', async () => {
    const s = await session();
    const result = await s.signIn(DEMO_AGENT.email, DEMO_AGENT.password);
    equal(result.status, 'signed-in', 'status');
    const identity = s.identity!;
    equal(identity.email, DEMO_AGENT.email, 'email');
    // cognito-local puts no `name` claim in ID tokens: the name is made from the email, as the server makes it.
    equal(identity.name, 'Agent', 'name');
    equal(identity.isAgent, true, 'isAgent');
    ok(identity.expiresAt > Date.now() + 60_000, 'expiry in the future');
    const token = await s.idToken();
    // The demo agent is also an admin, so that someone trying the demo can change the team's settings.
    deepEqual([...(claims(token)['cognito:groups'] as string[])].sort(), ['admins', 'agents'], 'groups claim');
  });

  it('refuses a wrong password as wrong credentials, and an unknown email the same way', async () => {
    const s = await session();
    equal((await refusal(s.signIn(DEMO_AGENT.email, 'not-the-password'))).code, 'wrong-credentials', 'wrong password');
    equal((await refusal(s.signIn('nobody@example.com', 'whatever-Passw0rd!'))).code, 'wrong-credentials', 'unknown user');
    equal(s.identity, undefined, 'identity');
  });

  it('signs in a user outside the agents group and says so', async () => {
    const email = uniqueEmail('not.agent');
    await createUser({ email, password: 'Visitor-Passw0rd!', agent: false });
    const s = await session();
    await s.signIn(email, 'Visitor-Passw0rd!');
    equal(s.identity!.isAgent, false, 'isAgent');
    deepEqual(s.identity!.groups, [], 'groups');
    ok(s.identity!.name.startsWith('Not Agent '), `a name made from the email: ${s.identity!.name}`);
  });

  it('takes an agent added by `npm run agents -- add` through the new-password challenge', async () => {
    const email = uniqueEmail('cli.agent');
    const temporary = await addAgentWithCli(email);
    const s = await session();
    const first = await s.signIn(email, temporary);
    deepEqual(first, { status: 'new-password-required', email }, 'challenge');
    const identity = await s.completeNewPassword('My-Own-Passw0rd!');
    equal(identity.isAgent, true, 'isAgent');
    s.dispose();
    const again = await session();
    equal((await again.signIn(email, 'My-Own-Passw0rd!')).status, 'signed-in', 'signing in with the new password');
  });

  it('keeps the session in localStorage across a reload, and signs out for good', async () => {
    const first = await session();
    await first.signIn(DEMO_AGENT.email, DEMO_AGENT.password);
    first.dispose();
    const reloaded = await session();
    const restored = await reloaded.restore();
    equal(restored?.email, DEMO_AGENT.email, 'restored identity');
    await reloaded.signOut();
    equal(reloaded.identity, undefined, 'identity after sign-out');
    equal(Object.keys(localStorage).filter((k) => k.startsWith('CognitoIdentityServiceProvider.')).length, 0, 'library entries left');
    equal(await (await session()).restore(), undefined, 'nothing to restore');
  });

  it('forgets the stored session the moment sign-out starts, however long the revocation takes', async () => {
    // Cognito's tokens can be revoked (cognito-local's cannot): the revocation is held here
    // until the test lets it go, as a slow network would hold it.
    const prototype = CognitoUser.prototype as unknown as Revoking;
    const revoke = prototype.revokeTokens;
    let release = () => {};
    let revocations = 0;
    prototype.revokeTokens = function (this: Revoking, callback) {
      revocations++;
      release = () => revoke.call(this, callback);
    };
    try {
      const s = await session();
      await s.signIn(DEMO_AGENT.email, DEMO_AGENT.password);
      const signingOut = s.signOut();
      equal(Object.keys(localStorage).filter((k) => k.startsWith('CognitoIdentityServiceProvider.')).length, 0, 'entries left');
      // A reload now (or another tab) finds no session to restore.
      equal(await (await session()).restore(), undefined, 'restored during the revocation');
      equal(revocations, 1, 'the refresh token is being revoked');
      release();
      await signingOut;
      equal(s.identity, undefined, 'identity after sign-out');
    } finally {
      prototype.revokeTokens = revoke;
    }
  });

  it('leaves nothing in storage when a refresh under way finishes after sign-out', async () => {
    const s = await session();
    await s.signIn(DEMO_AGENT.email, DEMO_AGENT.password);
    const refreshing = s.refresh().catch((error: unknown) => error);
    await s.signOut();
    ok((await refreshing) instanceof AgentSessionError, 'the refresh says it was cut short');
    equal(Object.keys(localStorage).filter((k) => k.startsWith('CognitoIdentityServiceProvider.')).length, 0, 'entries left');
    equal(await (await session()).restore(), undefined, 'a reload restores nothing');
  });

  it('refreshes the ID token on request and on its own ahead of expiry, telling its listeners', async () => {
    const s = await session();
    await s.signIn(DEMO_AGENT.email, DEMO_AGENT.password);
    const events: AgentSessionEvent[] = [];
    s.onChange((event) => events.push(event));
    const before = await s.idToken();
    const after = await s.refresh();
    ok(after !== before, 'a new token');
    equal(await s.idToken(), after, 'the current token');
    deepEqual(events, ['refreshed'], 'events');

    // A margin just short of the token's whole lifetime makes the timer due within a second or two.
    const lifetime = s.identity!.expiresAt - Date.now();
    const eager = await session({ refreshMarginMs: lifetime - 1500 });
    await eager.signIn(DEMO_AGENT.email, DEMO_AGENT.password);
    const token = await eager.idToken();
    const heard: AgentSessionEvent[] = [];
    eager.onChange((event) => heard.push(event));
    await waitUntil(() => heard.includes('refreshed'), 'a refresh by the timer');
    ok((await eager.idToken()) !== token, 'a new token from the timer');
  });
});

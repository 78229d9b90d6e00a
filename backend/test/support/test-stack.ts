import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { DEMO_AGENT, ensureUser } from '../../local/cognito.ts';
import type { ReceivedAlert } from '../../local/sns.ts';
import { type LocalStack, type LocalStackOptions, localTeamDefaults, startLocalStack } from '../../local/stack.ts';
import { roomIdForVisitorKey } from '../../src/auth/visitor-key.ts';
import { type CustomerClaims, signIdentityToken } from './identity-token.ts';
import { TestSocket } from './test-socket.ts';

export interface TestStack extends LocalStack {
  alerts: ReceivedAlert[];
  /** Every line the gateway and the handlers logged. */
  logLines: string[];
  /** Every visitor key and ID token this stack handed out, to look for in logs. */
  secrets: string[];
  /** Moves the handlers' clock (alerts' quiet window, rate limit) forward. */
  advanceClock(ms: number): void;
  /** Stops the handlers' clock until the returned function restarts it. */
  freezeClock(): () => void;
  visitor(key?: string): Promise<TestSocket & { key: string; roomId: string }>;
  agent(email?: string): Promise<TestSocket>;
  /** `count` more consoles of one agent, signed in once: many agent connections without a sign-in each. */
  consoles(count: number, email?: string): Promise<TestSocket[]>;
  /** A customer's identity token, signed with the stack's key (what the company's backend does). */
  identityToken(claims: CustomerClaims, header?: Record<string, unknown>): string;
  /** A signed-in customer's connection; with `visitorKey`, the browser's anonymous conversation is handed over. */
  customer(token: string, visitorKey?: string): Promise<TestSocket>;
  idToken(email: string, password?: string): Promise<string>;
  /** Creates a user with the given password, in the agents group (and the admins group) or not. */
  createUser(email: string, options: { agent: boolean; admin?: boolean; password?: string }): Promise<void>;
  /** Every item of one of the stack's tables, page by page (a test reading what was stored; never the product's way). */
  allItems(tableName: string): Promise<Record<string, unknown>[]>;
  /** Runs the room's waiting checks now (they never run on their own in a test). */
  runChecks(roomId: string): Promise<void>;
  close(): Promise<void>;
}

/** A real local stack on free ports in a temporary directory, with helpers to talk to it. */
export async function startTestStack(options: Partial<LocalStackOptions> = {}): Promise<TestStack> {
  const dataDir = await mkdtemp(join(tmpdir(), 'support-chat-test-'));
  const alerts: ReceivedAlert[] = [];
  const logLines: string[] = [];
  const secrets: string[] = [];
  const stack = await startLocalStack({
    dataDir,
    ports: { gateway: 0, dynamodb: 0, cognito: 0, aws: 0, ses: 0, s3: 0 },
    siteUrl: 'http://localhost:5173',
    // No automatic away reply unless a test asks for one: it would add a message to every room.
    teamDefaults: { ...localTeamDefaults(), name: 'Test Team', awayMessage: {} },
    // Checks (email follow-ups) wait ten minutes, so they never run on their own during a
    // test: a test runs them when it means to (runChecks), whatever the machine's load.
    followUpDelaySeconds: 600,
    onAlert: (alert) => alerts.push(alert),
    log: (line) => logLines.push(line),
    ...options,
  });
  let offset = 0;
  let frozenAt: number | undefined;
  stack.deps.now = () => frozenAt ?? Date.now() + offset;
  const sockets: TestSocket[] = [];

  const idToken = async (email: string, password: string = DEMO_AGENT.password) => {
    const { AuthenticationResult } = await stack.cognito.client.send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: stack.cognito.clientId,
        AuthParameters: { USERNAME: email, PASSWORD: password },
      }),
    );
    secrets.push(AuthenticationResult!.IdToken!);
    return AuthenticationResult!.IdToken!;
  };

  return Object.assign(stack, {
    alerts,
    logLines,
    secrets,
    advanceClock: (ms: number) => {
      offset += ms;
    },
    freezeClock: () => {
      frozenAt = Date.now() + offset;
      return () => {
        frozenAt = undefined;
      };
    },
    async visitor(key = newVisitorKey()) {
      secrets.push(key);
      const socket = await TestSocket.open(`${stack.websocketUrl}?visitorKey=${key}`, () => stack.gateway.settled());
      sockets.push(socket);
      return Object.assign(socket, { key, roomId: roomIdForVisitorKey(key) });
    },
    async agent(email: string = DEMO_AGENT.email) {
      const socket = await TestSocket.open(`${stack.websocketUrl}?token=${await idToken(email)}`, () => stack.gateway.settled());
      sockets.push(socket);
      return socket;
    },
    async consoles(count: number, email: string = DEMO_AGENT.email) {
      const url = `${stack.websocketUrl}?token=${await idToken(email)}`;
      const opened: TestSocket[] = [];
      // A few at a time, as consoles come online: each $connect reads who is available.
      while (opened.length < count) {
        const batch = Math.min(10, count - opened.length);
        opened.push(...(await Promise.all(Array.from({ length: batch }, () => TestSocket.open(url, () => stack.gateway.settled())))));
      }
      sockets.push(...opened);
      return opened;
    },
    idToken,
    async allItems(TableName: string) {
      const items: Record<string, unknown>[] = [];
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await stack.doc.send(new ScanCommand({ TableName, ExclusiveStartKey }));
        items.push(...(page.Items ?? []));
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return items;
    },
    identityToken(claims: CustomerClaims, header?: Record<string, unknown>) {
      const token = signIdentityToken(claims, {
        secretValue: stack.identity.secretValue(),
        audience: stack.identity.audience,
        ...(header && { header }),
      });
      secrets.push(token);
      return token;
    },
    async customer(token: string, visitorKey?: string) {
      const query = new URLSearchParams({ identity: token, ...(visitorKey && { visitorKey }) });
      const socket = await TestSocket.open(`${stack.websocketUrl}?${query}`, () => stack.gateway.settled());
      sockets.push(socket);
      return socket;
    },
    /** Runs a room's waiting checks as if their delay were over, once every frame before is handled, until none is left (5 rounds at most). */
    async runChecks(roomId: string) {
      for (let round = 0; round < 5; round++) {
        await stack.gateway.settled();
        const waiting = (body: string) => body.includes(roomId);
        if (!stack.checkQueue.waitingBodies().some(waiting)) return;
        await stack.checkQueue.deliverNow(waiting);
      }
      throw new Error(`checks for ${roomId} kept scheduling more`);
    },
    async createUser(
      email: string,
      { agent, admin = false, password = DEMO_AGENT.password }: { agent: boolean; admin?: boolean; password?: string },
    ) {
      await ensureUser(stack.cognito.client, stack.cognito.userPoolId, { email, password, agent, admin });
    },
    async close() {
      for (const socket of sockets) socket.close();
      await stack.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  });
}

/** What a browser makes: 32 random bytes, base64url. */
export function newVisitorKey(): string {
  return randomBytes(32).toString('base64url');
}

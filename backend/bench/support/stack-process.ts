/**
 * A child process running the local stack (gateway, handlers, dynalite, cognito-local,
 * the SNS endpoint) on free ports in a temporary folder, for the bench's client sockets
 * to connect to. Besides serving them, it answers the fan-out measure's questions: it
 * runs one message through a handler, ours or the tutorial's, as the gateway would
 * invoke it, and counts what that one message cost.
 */

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DEMO_AGENT } from '../../local/cognito.ts';
import { frameEvent } from '../../local/gateway.ts';
import { startLocalStack } from '../../local/stack.ts';
import { makeDefaultHandler } from '../../src/handlers/default.ts';
import { serveParent } from './child.ts';
import { type DynamoCounts, difference } from './dynamo-meter.ts';
import { handlersInThreads } from './handler-threads.ts';
import { settledResidentBytes } from './memory.ts';
import { meterStack } from './metered-stack.ts';
import { quietSdkSocketWarnings } from './quiet-sdk.ts';
import { createTutorialTable, TUTORIAL_TABLE_NAME, TutorialChat, tutorialConnectionsTable } from './tutorial-chat.ts';

export interface StackReady {
  websocketUrl: string;
  /** An ID token of the demo agent: every agent connection of the bench uses it. */
  agentToken: string;
}

/** What one message cost. */
export interface MessageCost extends DynamoCounts {
  /** `@connections` POSTs the local gateway received. */
  posts: number;
  /** DynamoDB round trips made one after another before the handler's first post (the critical path). */
  roundTrips: number;
}

quietSdkSocketWarnings();

/** `--handler-threads N`: the handlers run in N worker threads rather than the gateway's. */
const { values: flags } = parseArgs({ options: { 'handler-threads': { type: 'string' } } });
const handlerThreads = Number(flags['handler-threads'] ?? 0);

const dataDir = await mkdtemp(join(tmpdir(), 'support-chat-bench-stack-'));
const stack = await startLocalStack({
  dataDir,
  ports: { gateway: 0, dynamodb: 0, cognito: 0, aws: 0, ses: 0, s3: 0 },
  log: () => {},
  onAlert: () => {},
  ...(handlerThreads > 0 && { handlers: handlersInThreads(handlerThreads) }),
});
const { AuthenticationResult } = await stack.cognito.client.send(
  new InitiateAuthCommand({
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: stack.cognito.clientId,
    AuthParameters: { USERNAME: DEMO_AGENT.email, PASSWORD: DEMO_AGENT.password },
  }),
);

// The counted handlers get document clients of their own, metered; everything else
// (alerts, clock, ids) is the stack's.
const { meter, deps: meteredDeps, meteredDoc } = meterStack(stack, [[TUTORIAL_TABLE_NAME, tutorialConnectionsTable]]);
const ourDefaultHandler = makeDefaultHandler(() => meteredDeps);
await createTutorialTable(stack.dynamodbEndpoint);
const tutorial = new TutorialChat(meteredDoc(), stack.gateway.connectionsEndpoint);
const registeredWithTutorial = new Set<string>();

/** Runs `send` and returns what it cost; nothing else runs meanwhile (the bench waits). */
async function costOf(send: () => Promise<unknown>): Promise<MessageCost> {
  const dynamoBefore = meter.snapshot();
  const postsBefore = stack.gateway.managementApiRequests.post;
  const since = meter.mark();
  await send();
  return {
    ...difference(meter.snapshot(), dynamoBefore),
    posts: stack.gateway.managementApiRequests.post - postsBefore,
    // The tutorial's handler posts through a client of its own, not a watched gateway.
    roundTrips: meter.roundTripsToFirstPost(since) ?? 0,
  };
}

async function senderIn(roomId: string, role: 'visitor' | 'agent'): Promise<string> {
  const member = (await stack.deps.connections.members(roomId)).find((m) => m.role === role);
  if (!member) throw new Error(`no ${role} connected in room ${roomId}`);
  return member.connectionId;
}

const methods = {
  /** Resident memory once garbage is collected, in bytes. */
  residentBytes: () => settledResidentBytes(),
  openConnections: () => stack.gateway.connectionIds().length,
  /** Resolves once no handler runs: what connecting and joining set off is over. */
  settled: () => stack.gateway.settled(),
  /** One sendMessage from the room's visitor or agent, through our $default handler. */
  async ourMessageCost({
    roomId,
    from,
    clientMsgId,
  }: {
    roomId: string;
    from: 'visitor' | 'agent';
    clientMsgId: string;
  }): Promise<MessageCost> {
    const connectionId = await senderIn(roomId, from);
    const frame = {
      action: 'sendMessage',
      clientMsgId,
      text: `a question of ordinary length, #${clientMsgId}`,
      ...(from === 'agent' && { roomId }),
    };
    return costOf(() => ourDefaultHandler(frameEvent(connectionId, JSON.stringify(frame))));
  },
  /** The tutorial's $connect for every open connection it has not seen yet (not counted). */
  async registerWithTutorial(): Promise<number> {
    const fresh = stack.gateway.connectionIds().filter((id) => !registeredWithTutorial.has(id));
    for (let i = 0; i < fresh.length; i += 25) {
      await Promise.all(fresh.slice(i, i + 25).map((id) => tutorial.connect(id)));
    }
    for (const id of fresh) registeredWithTutorial.add(id);
    return registeredWithTutorial.size;
  },
  /** One sendmessage through the tutorial's handler. */
  async tutorialMessageCost({ clientMsgId }: { clientMsgId: string }): Promise<MessageCost> {
    const body = JSON.stringify({ action: 'sendmessage', data: `a question of ordinary length, #${clientMsgId}` });
    return costOf(() => tutorial.sendMessage(body));
  },
};

export type StackMethods = typeof methods;

// A crash would otherwise leave cognito-local, a process of its own, running for good.
const crash = (error: unknown) => {
  console.error('the bench stack crashed:', error);
  void stack.cognito.stop().finally(() => process.exit(1));
};
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);

serveParent({ websocketUrl: stack.websocketUrl, agentToken: AuthenticationResult!.IdToken! } satisfies StackReady, methods, async () => {
  // Not stack.stop(): it closes every socket and waits for each $disconnect, minutes of
  // handler work after 5,000 connections, for data that is thrown away. cognito-local is
  // a process of its own and must be stopped; the rest ends with this process.
  await stack.cognito.stop();
  await rm(dataDir, { recursive: true, force: true });
});

/** One worker thread of handlersInThreads: the four handlers, built from the environment it was given. */
import { parentPort, workerData } from 'node:worker_threads';
import type { GatewayHandlers } from '../../local/gateway.ts';
import { credentialsFromEnv, makeAuthorizerHandler } from '../../src/handlers/authorizer.ts';
import { makeConnectHandler } from '../../src/handlers/connect.ts';
import { makeDefaultHandler } from '../../src/handlers/default.ts';
import { makeDisconnectHandler } from '../../src/handlers/disconnect.ts';
import { chatDepsFromEnv } from '../../src/runtime/chat-deps.ts';
import type { HandlerCall, HandlerReply } from './handler-threads.ts';
import { quietSdkSocketWarnings } from './quiet-sdk.ts';

quietSdkSocketWarnings();

const env = (workerData as { env: Record<string, string> }).env;
// The bench reads outcomes from the clients; the handlers' log lines would only be noise.
const deps = chatDepsFromEnv(env, { info: () => {}, warn: () => {}, error: () => {} });
const credentials = credentialsFromEnv(env, deps.links);
const handlers: GatewayHandlers = {
  authorizer: makeAuthorizerHandler(
    () => credentials,
    () => {},
  ),
  connect: makeConnectHandler(() => deps),
  disconnect: makeDisconnectHandler(() => deps),
  default: makeDefaultHandler(() => deps),
};

parentPort!.on('message', ({ id, route, event }: HandlerCall) => {
  (handlers[route] as (event: unknown) => Promise<unknown>)(event).then(
    (result) => parentPort!.postMessage({ id, result } satisfies HandlerReply),
    (error: unknown) =>
      parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) } satisfies HandlerReply),
  );
});

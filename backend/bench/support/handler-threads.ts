/**
 * The gateway's four handlers run in worker threads instead of the gateway's own
 * thread, as production runs them in Lambdas beside API Gateway: the handlers (mostly
 * the AWS SDK's work) then use the cores the gateway and dynalite leave. Each thread
 * builds the handlers from the environment, as a Lambda does on a cold start; a call
 * goes to the thread with the fewest calls in flight.
 */
import { Worker } from 'node:worker_threads';
import type { GatewayHandlers } from '../../local/gateway.ts';

type Route = keyof GatewayHandlers;

const tsxApi = import.meta.resolve('tsx/esm/api');
const threadModule = new URL('./handler-thread.ts', import.meta.url).href;

export interface HandlerCall {
  id: number;
  route: Route;
  event: unknown;
}

export type HandlerReply = { id: number; result: unknown } | { id: number; error: string };

interface Thread {
  worker: Worker;
  inFlight: number;
}

export function handlersInThreads(threads: number): (env: Record<string, string>) => GatewayHandlers & { stop(): Promise<void> } {
  return (env) => {
    const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void; thread: Thread }>();
    let nextId = 1;
    const pool: Thread[] = [];
    for (let i = 0; i < threads; i++) {
      // Node 20's workers do not get the loader that runs TypeScript here: each registers it.
      const worker = new Worker(
        `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(threadModule)}); });`,
        { eval: true, workerData: { env } },
      );
      const thread: Thread = { worker, inFlight: 0 };
      thread.worker.on('message', (reply: HandlerReply) => {
        const call = pending.get(reply.id);
        if (!call) return;
        pending.delete(reply.id);
        call.thread.inFlight--;
        // The message is what API Gateway acts on ("Unauthorized" means 401).
        if ('error' in reply) call.reject(new Error(reply.error));
        else call.resolve(reply.result);
      });
      // A thread that dies fails its calls, as a crashed Lambda fails its invocations,
      // rather than leaving the gateway waiting on them, and takes no more.
      const died = (error: Error) => {
        const index = pool.indexOf(thread);
        if (index >= 0) pool.splice(index, 1);
        for (const [id, call] of pending) {
          if (call.thread !== thread) continue;
          pending.delete(id);
          call.reject(error);
        }
      };
      thread.worker.once('error', died);
      thread.worker.once('exit', (code) => died(new Error(`a handler thread exited (${code})`)));
      pool.push(thread);
    }
    const invoke = (route: Route) => (event: unknown) =>
      new Promise<never>((resolve, reject) => {
        if (pool.length === 0) return reject(new Error('no handler thread is running'));
        const thread = pool.reduce((least, candidate) => (candidate.inFlight < least.inFlight ? candidate : least));
        const id = nextId++;
        thread.inFlight++;
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject, thread });
        thread.worker.postMessage({ id, route, event } satisfies HandlerCall);
      });
    return {
      authorizer: invoke('authorizer'),
      connect: invoke('connect'),
      disconnect: invoke('disconnect'),
      default: invoke('default'),
      async stop() {
        await Promise.all([...pool].map((thread) => thread.worker.terminate()));
      },
    };
  };
}

/**
 * Servers under test run in child processes, so that what is measured of them (their
 * memory, their CPU) is theirs and not the load generator's, and so that the bench's
 * thousands of client sockets compete with them only for cores, as browsers would.
 * Parent and child talk over Node's IPC channel: the child announces itself once ready,
 * then answers requests by method name.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

type Methods = Record<string, (params: never) => unknown>;

interface Request {
  id: number;
  method: string;
  params: unknown;
}

type Reply = { id: number; result: unknown } | { id: number; error: string };

/** A running child: what it announced when ready, and its methods, called over IPC. */
export interface Child<M extends Methods, Ready> {
  readonly pid: number;
  readonly ready: Ready;
  call<K extends keyof M & string>(method: K, params?: Parameters<M[K]>[0]): Promise<Awaited<ReturnType<M[K]>>>;
  stop(): Promise<void>;
}

const tsxLoader = import.meta.resolve('tsx');

/** Starts a TypeScript module as a child process and waits until it says it is ready. */
export async function startChild<M extends Methods, Ready>(
  moduleUrl: URL,
  options: { nodeFlags?: string[]; args?: string[] } = {},
): Promise<Child<M, Ready>> {
  const child = fork(fileURLToPath(moduleUrl), options.args ?? [], {
    execArgv: ['--import', tsxLoader, ...(options.nodeFlags ?? []), ...profiling()],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once('message', (message) => resolve((message as { ready: Ready }).ready));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${moduleUrl.pathname} exited with ${code} before it was ready`)));
  });
  child.on('message', (message) => {
    const reply = message as Reply;
    const waiter = pending.get(reply.id);
    if (!waiter) return;
    pending.delete(reply.id);
    if ('error' in reply) waiter.reject(new Error(reply.error));
    else waiter.resolve(reply.result);
  });
  child.once('exit', (code, signal) => {
    for (const waiter of pending.values()) waiter.reject(new Error(`the child exited (${code ?? signal}) during a call`));
    pending.clear();
  });

  return {
    pid: child.pid!,
    ready,
    call(method, params) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        child.send({ id, method, params } satisfies Request);
      });
    },
    async stop() {
      await stopChild(child, exited);
    },
  };
}

/** BENCH_CPU_PROF_DIR=dir: each server under test writes a CPU profile there (node --cpu-prof). */
function profiling(): string[] {
  const dir = process.env.BENCH_CPU_PROF_DIR;
  return dir ? ['--cpu-prof', '--cpu-prof-dir', dir] : [];
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.send({ id: 0, method: 'stop', params: undefined } satisfies Request);
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

/**
 * The child's side: announces `ready`, then serves `methods`. A `stop` request runs
 * `onStop` and exits; so does a lost parent, so no server outlives a killed bench.
 */
export function serveParent(ready: unknown, methods: Methods, onStop: () => Promise<void>): void {
  const send = (message: unknown) => process.send?.(message);
  const stop = async () => {
    await onStop().catch(() => {});
    process.exit(0);
  };
  process.on('disconnect', () => void stop());
  process.on('message', (message) => {
    const { id, method, params } = message as Request;
    if (method === 'stop') return void stop();
    const run = methods[method];
    if (!run) return send({ id, error: `no method ${method}` } satisfies Reply);
    Promise.resolve()
      .then(() => run(params as never))
      .then(
        (result) => send({ id, result } satisfies Reply),
        (error: unknown) => send({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies Reply),
      );
  });
  send({ ready });
}

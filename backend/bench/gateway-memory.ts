/**
 * Measure 6: the local gateway's resident memory per open connection, at 1,000 and 5,000
 * connections (half visitors, half agent consoles, connected and idle). The stack runs
 * in a child process, so the bench's own client sockets are not counted; its resident
 * size is read from /proc after a garbage collection, once warmed up (a few connections
 * opened and closed: the SDK clients, the JWKS, the JIT) and again with N connections
 * open. That process also holds the handlers and dynalite's worker (the connections'
 * records), as `npm start` does. The baseline is a bare `ws` relay, measured the same way.
 */
import { BenchSocket, forEachLimited } from './support/bench-socket.ts';
import { openIdleConnections } from './support/chat-rooms.ts';
import { startChild } from './support/child.ts';
import { type Figure, figure, type Measure } from './support/figures.ts';
import { openFilesLimit } from './support/memory.ts';
import type { RelayMethods, RelayReady } from './support/relay-process.ts';
import type { StackMethods, StackReady } from './support/stack-process.ts';

const TITLE = 'Memory per open connection';
const CONNECTIONS = [1_000, 5_000];
const QUICK_CONNECTIONS = [200];
const WARM_UP_CONNECTIONS = 10;

/** Resident bytes when warmed up with no connection, then at each count of open connections. */
interface Growth {
  idle: number;
  at: Map<number, number>;
}

/** What grow() asks of the server under test. */
interface Server {
  residentBytes(): Promise<number>;
  openConnections(): Promise<number>;
}

function server(child: { call(method: 'residentBytes' | 'openConnections'): Promise<number> }): Server {
  return { residentBytes: () => child.call('residentBytes'), openConnections: () => child.call('openConnections') };
}

export const gatewayMemory: Measure = {
  title: TITLE,
  async run({ quick, log }) {
    const sizes = quick ? QUICK_CONNECTIONS : CONNECTIONS;
    const largest = Math.max(...sizes);
    const limit = await openFilesLimit();
    if (limit < largest + 1_000) throw new Error(`${largest} sockets need more open files than the limit of ${limit}`);

    const stack = await startChild<StackMethods, StackReady>(new URL('./support/stack-process.ts', import.meta.url), {
      nodeFlags: ['--expose-gc'],
    });
    let ours: Growth;
    try {
      const { websocketUrl, agentToken } = stack.ready;
      ours = await grow(
        server(stack),
        sizes,
        (count) => openIdleConnections(websocketUrl, agentToken, count),
        (line) => log(`local stack: ${line}`),
      );
    } finally {
      await stack.stop();
    }
    const relay = await startChild<RelayMethods, RelayReady>(new URL('./support/relay-process.ts', import.meta.url), {
      nodeFlags: ['--expose-gc'],
    });
    let floor: Growth;
    try {
      let rooms = 0;
      const open = async (count: number) => {
        const sockets: BenchSocket[] = [];
        await forEachLimited(
          Array.from({ length: count }, () => rooms++),
          32,
          async (room) => {
            sockets.push(await BenchSocket.open(`${relay.ready.websocketUrl}?room=r${room}`));
          },
        );
        return sockets;
      };
      floor = await grow(server(relay), sizes, open, (line) => log(`bare ws relay: ${line}`));
    } finally {
      await relay.stop();
    }

    const figures: Figure[] = [];
    sizes.forEach((connections, i) => {
      const perConnection = (growth: Growth) => (growth.at.get(connections)! - growth.idle) / connections / 1024;
      // Past the first size, what each further connection added: fixed costs (heap
      // growth, the SDK's socket pools) weigh on the first figure, not on this one.
      const previous = sizes[i - 1];
      const added = (growth: Growth) => (growth.at.get(connections)! - growth.at.get(previous!)!) / (connections - previous!) / 1024;
      figures.push(
        figure(TITLE, `${connections.toLocaleString('en-US')} connections: resident memory per connection`, perConnection(ours), 'KiB', {
          baseline: { name: 'bare ws relay', value: perConnection(floor) },
          note:
            `process RSS ${(ours.at.get(connections)! / 2 ** 20).toFixed(0)} MiB, ${(ours.idle / 2 ** 20).toFixed(0)} MiB with none open` +
            (previous === undefined
              ? ''
              : `; from ${previous.toLocaleString('en-US')} on, ${added(ours).toFixed(1)} KiB per added connection (relay: ${added(floor).toFixed(1)} KiB)`),
        }),
      );
    });
    return figures;
  },
};

async function grow(
  target: Server,
  sizes: number[],
  open: (count: number) => Promise<BenchSocket[]>,
  log: (line: string) => void,
): Promise<Growth> {
  const warmUp = await open(WARM_UP_CONNECTIONS);
  await Promise.all(warmUp.map((socket) => socket.close()));
  await waitForNoConnections(target);
  const growth: Growth = { idle: await target.residentBytes(), at: new Map() };
  log(`${(growth.idle / 2 ** 20).toFixed(1)} MiB with no connection open`);
  const sockets: BenchSocket[] = [];
  for (const connections of sizes) {
    sockets.push(...(await open(connections - sockets.length)));
    const opened = await target.openConnections();
    if (opened !== connections) throw new Error(`expected ${connections} open connections, the server has ${opened}`);
    growth.at.set(connections, await target.residentBytes());
    log(`${(growth.at.get(connections)! / 2 ** 20).toFixed(1)} MiB with ${connections} open`);
  }
  return growth;
}

async function waitForNoConnections(target: Server): Promise<void> {
  for (let i = 0; i < 200 && (await target.openConnections()) > 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  // $disconnect handlers finish after the socket is gone: give them a moment.
  await new Promise((resolve) => setTimeout(resolve, 500));
}

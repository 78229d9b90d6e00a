/**
 * Measure 4: how long a visitor's message takes to reach the agent, at the full load:
 * 1,000 open connections, 500 rooms, one message per room per second for 30 s (500
 * messages a second offered), against a bare `ws` relay with the same connections and
 * schedule as the floor. The load is open-loop (each message leaves on its schedule,
 * answered or not), latency runs from the scheduled send to the agent's socket, and every
 * message is counted on the agents' side: the run waits until all have arrived (or a
 * drain limit passes) and reports any missing as lost. Then, on the same connections, a
 * tenth of the load (50 of the rooms) for 10 s: the latency when the server keeps up.
 *
 * Who the agents are: each of the 500 rooms has its visitor and an agent connection in
 * it, but the agents are a team of consoles (5 in the full run) that each joined their
 * share of the rooms, and idle visitors (returning visitors, whose widget connects on
 * page load) make up the 1,000 connections. Not one agent connection per room, because every
 * visitor message also updates every agent's inbox (`roomUpdated`, docs/protocol.md): with 500
 * agent connections, 500 messages a second would be ~251,000 posts a second (measure 3
 * counts 502 posts per visitor message at 1,000 connections).
 *
 * The local stack runs its handlers in worker threads, one per core (production runs
 * them in Lambdas beside API Gateway), so they use the cores the gateway leaves.
 */
import { availableParallelism } from 'node:os';
import type { ServerEvent } from '../src/protocol/index.ts';
import { BenchSocket, forEachLimited } from './support/bench-socket.ts';
import { join, openAgent, openVisitor } from './support/chat-rooms.ts';
import { startChild } from './support/child.ts';
import { type Figure, figure, type Measure } from './support/figures.ts';
import { openFilesLimit } from './support/memory.ts';
import type { RelayMethods, RelayReady } from './support/relay-process.ts';
import type { StackMethods, StackReady } from './support/stack-process.ts';
import { percentile } from './support/stats.ts';

const TITLE = 'Delivery latency, visitor to agent';

interface Load {
  connections: number;
  rooms: number;
  agentConsoles: number;
  seconds: number;
  /** How long to wait for the last messages once the schedule is over. */
  drainLimitSeconds: number;
  /** The second phase: this many of the rooms, one message a second each. */
  lightRooms: number;
  lightSeconds: number;
}

const FULL: Load = {
  connections: 1_000,
  rooms: 500,
  agentConsoles: 5,
  seconds: 30,
  drainLimitSeconds: 300,
  lightRooms: 50,
  lightSeconds: 10,
};
const QUICK: Load = { connections: 100, rooms: 50, agentConsoles: 5, seconds: 1, drainLimitSeconds: 30, lightRooms: 5, lightSeconds: 1 };

/** One per core: the handlers' threads, beside the gateway's and dynalite's. */
const HANDLER_THREADS = availableParallelism();
/** Between one agent connection's joins: the protocol's rate limit is 10 frames a second. */
const JOIN_GAP_MS = 110;

/** One side of the comparison: how to open its connections and what a sent message looks like. */
interface Target {
  openVisitor(index: number, chatting: boolean): Promise<{ socket: BenchSocket; roomId: string }>;
  openAgent(roomIds: string[]): Promise<BenchSocket>;
  frame(roomId: string, clientMsgId: string): unknown;
  /** The clientMsgId of a visitor's message arriving at an agent, else undefined. */
  visitorMessageId(frame: unknown): string | undefined;
}

interface Phase {
  /** Seconds from the schedule's start to the server's last frame (inbox updates included). */
  quietAfterS: number;
  offeredRate: number;
  offered: number;
  delivered: number;
  /** Messages per second that arrived, from the first scheduled send to the last arrival. */
  deliveredRate: number;
  latenciesMs: number[];
  /** How late the load generator itself sent, p99: if large, the bench, not the server, lagged. */
  sendLagP99Ms: number;
}

interface Outcome {
  full: Phase;
  light: Phase;
  /** Error events the visitors received (rate limited, internal...). */
  errors: number;
}

export const deliveryLatency: Measure = {
  title: TITLE,
  async run({ quick, log }) {
    const load = quick ? QUICK : FULL;
    const limit = await openFilesLimit();
    if (limit < load.connections * 2 + 500) throw new Error(`${load.connections} sockets need more open files than the limit of ${limit}`);

    const relay = await startChild<RelayMethods, RelayReady>(new URL('./support/relay-process.ts', import.meta.url));
    let floor: Outcome;
    try {
      floor = await runLoad(relayTarget(relay.ready.websocketUrl), load, (line) => log(`bare ws relay: ${line}`));
    } finally {
      await relay.stop();
    }
    const stack = await startChild<StackMethods, StackReady>(new URL('./support/stack-process.ts', import.meta.url), {
      args: ['--handler-threads', String(HANDLER_THREADS)],
    });
    let ours: Outcome;
    try {
      ours = await runLoad(stackTarget(stack.ready.websocketUrl, stack.ready.agentToken), load, (line) => log(`local stack: ${line}`));
    } finally {
      await stack.stop();
    }
    return figures(load, ours, floor);
  },
};

function figures(load: Load, ours: Outcome, floor: Outcome): Figure[] {
  const relay = 'bare ws relay';
  const result: Figure[] = [];
  for (const [key, label] of [
    ['full', 'full load'],
    ['light', 'a tenth of the load'],
  ] as const) {
    const [phase, base] = [ours[key], floor[key]];
    result.push(
      figure(TITLE, `${label}: offered`, phase.offeredRate, 'msg/s', {
        note:
          key === 'full'
            ? `${load.connections.toLocaleString('en-US')} connections, ${load.rooms} rooms (visitor + agent), ${load.agentConsoles} agent consoles, ${load.seconds} s`
            : `${load.lightRooms} of the rooms, ${load.lightSeconds} s, same connections`,
      }),
      figure(TITLE, `${label}: delivered`, phase.deliveredRate, 'msg/s', {
        baseline: { name: relay, value: base.deliveredRate },
        note: `the last message arrived ${(phase.delivered / phase.deliveredRate).toFixed(0)} s after the first was due; the last frame (inbox updates included) ${phase.quietAfterS.toFixed(0)} s after`,
      }),
    );
    for (const p of [50, 95, 99]) {
      result.push(
        figure(TITLE, `${label}: p${p} latency`, percentile(phase.latenciesMs, p), 'ms', {
          baseline: { name: relay, value: percentile(base.latenciesMs, p) },
        }),
      );
    }
    result.push(
      figure(TITLE, `${label}: messages lost`, phase.offered - phase.delivered, 'messages', {
        baseline: { name: relay, value: base.offered - base.delivered },
        note: `${phase.delivered.toLocaleString('en-US')} of ${phase.offered.toLocaleString('en-US')} counted at the agents; load generator p99 lag ${phase.sendLagP99Ms.toFixed(1)} ms (relay run: ${base.sendLagP99Ms.toFixed(1)} ms)`,
      }),
    );
  }
  result.push(figure(TITLE, 'error events at the visitors', ours.errors, 'events', { baseline: { name: relay, value: floor.errors } }));
  return result;
}

async function runLoad(target: Target, load: Load, log: (line: string) => void): Promise<Outcome> {
  const started = performance.now();
  const seconds = () => ((performance.now() - started) / 1000).toFixed(0);
  const chatting = await openAll(load.rooms, (i) => target.openVisitor(i, true));
  const idle = await openAll(load.connections - load.rooms - load.agentConsoles, (i) => target.openVisitor(load.rooms + i, false));
  const roomIds = chatting.map((v) => v.roomId);
  const agents = await openAll(load.agentConsoles, (i) => target.openAgent(roomIds.filter((_, r) => r % load.agentConsoles === i)));
  log(`${chatting.length + idle.length + agents.length} connections open at ${seconds()} s`);

  // Each message is recorded once, at its first arrival at an agent.
  const arrivals = new Map<string, number>();
  const traffic = { lastFrameAt: performance.now() };
  let errors = 0;
  for (const agent of agents) {
    agent.onFrame = (frame, receivedAt) => {
      traffic.lastFrameAt = receivedAt;
      const id = target.visitorMessageId(frame);
      if (id !== undefined && !arrivals.has(id)) arrivals.set(id, receivedAt);
    };
  }
  for (const { socket } of chatting) {
    socket.onFrame = (frame, receivedAt) => {
      traffic.lastFrameAt = receivedAt;
      // A protocol error event, or what API Gateway sends when the integration failed.
      if ((frame as ServerEvent).type === 'error' || (frame as { message?: unknown }).message === 'Internal server error') errors++;
    };
  }

  // Warm-up: each room's first message (it alerts agents and creates the inbox entry, once).
  await forEachLimited(chatting, 20, async ({ socket, roomId }) => {
    socket.send(target.frame(roomId, `warm-${roomId}`));
    await waitFor(() => arrivals.has(`warm-${roomId}`), 120_000);
  });
  log(`warm-up done at ${seconds()} s`);

  const send = (visitor: number, id: string) => chatting[visitor]!.socket.send(target.frame(chatting[visitor]!.roomId, id));
  const phase = (name: string, rooms: number, phaseSeconds: number) =>
    runPhase({ name, rooms, seconds: phaseSeconds, drainLimitSeconds: load.drainLimitSeconds, send, arrivals, traffic }, (line) =>
      log(`${line} at ${seconds()} s`),
    );
  const full = await phase('full', load.rooms, load.seconds);
  const light = await phase('light', load.lightRooms, load.lightSeconds);
  await Promise.all([...chatting.map((v) => v.socket), ...idle.map((v) => v.socket), ...agents].map((socket) => socket.close()));
  return { full, light, errors };
}

interface PhasePlan {
  name: string;
  rooms: number;
  seconds: number;
  drainLimitSeconds: number;
  send: (visitor: number, clientMsgId: string) => void;
  /** clientMsgId to its first arrival at an agent. */
  arrivals: Map<string, number>;
  /** When any socket last received a frame. */
  traffic: { lastFrameAt: number };
}

/** Quiet for this long: the server has nothing left to send (agents' inbox updates come after the messages). */
const QUIET_MS = 1_000;

/**
 * Rooms 0..rooms-1 each send one message a second for `seconds`, staggered evenly; then
 * waits for every message, and for the server to fall quiet, so the next phase starts
 * on an idle server.
 */
async function runPhase(
  { name, rooms, seconds, drainLimitSeconds, send, arrivals, traffic }: PhasePlan,
  log: (line: string) => void,
): Promise<Phase> {
  const t0 = performance.now() + 200;
  const schedule: { at: number; visitor: number; id: string }[] = [];
  for (let second = 0; second < seconds; second++) {
    for (let visitor = 0; visitor < rooms; visitor++) {
      schedule.push({ at: t0 + second * 1000 + (visitor * 1000) / rooms, visitor, id: `${name}-${visitor}-${second}` });
    }
  }
  const lags: number[] = [];
  await new Promise<void>((resolve) => {
    let next = 0;
    const tick = setInterval(() => {
      const now = performance.now();
      while (next < schedule.length && schedule[next]!.at <= now) {
        const { visitor, id, at } = schedule[next++]!;
        send(visitor, id);
        lags.push(performance.now() - at);
      }
      if (next === schedule.length) {
        clearInterval(tick);
        resolve();
      }
    }, 1);
  });
  const arrived = () => schedule.reduce((n, s) => n + (arrivals.has(s.id) ? 1 : 0), 0);
  log(`${name}: schedule sent, ${arrived()} of ${schedule.length} arrived so far`);
  const drainDeadline = performance.now() + drainLimitSeconds * 1000;
  await waitFor(() => arrived() === schedule.length, drainDeadline - performance.now()).catch(() => {});
  await waitFor(() => performance.now() - traffic.lastFrameAt > QUIET_MS, Math.max(0, drainDeadline - performance.now())).catch(() => {});
  const quietAfterS = (traffic.lastFrameAt - t0) / 1000;

  const latenciesMs: number[] = [];
  let lastArrival = t0;
  for (const { id, at } of schedule) {
    const arrivedAt = arrivals.get(id);
    if (arrivedAt === undefined) continue;
    latenciesMs.push(arrivedAt - at);
    lastArrival = Math.max(lastArrival, arrivedAt);
  }
  const phase: Phase = {
    quietAfterS,
    offeredRate: rooms,
    offered: schedule.length,
    delivered: latenciesMs.length,
    deliveredRate: latenciesMs.length / ((lastArrival - t0) / 1000),
    latenciesMs,
    sendLagP99Ms: percentile(lags, 99),
  };
  log(
    `${name}: ${phase.delivered} of ${phase.offered} delivered at ${phase.deliveredRate.toFixed(0)} msg/s, ` +
      `p50 ${percentile(latenciesMs, 50).toFixed(0)} ms, p99 ${percentile(latenciesMs, 99).toFixed(0)} ms; last frame ${quietAfterS.toFixed(0)} s after the start`,
  );
  return phase;
}

function stackTarget(websocketUrl: string, agentToken: string): Target {
  return {
    openVisitor: (index, chatting) => openVisitor(websocketUrl, chatting ? `Visitor ${index}` : undefined),
    async openAgent(roomIds) {
      const agent = await openAgent(websocketUrl, agentToken);
      const joined: Promise<void>[] = [];
      for (const roomId of roomIds) {
        joined.push(join(agent, roomId));
        await new Promise((resolve) => setTimeout(resolve, JOIN_GAP_MS));
      }
      await Promise.all(joined);
      return agent;
    },
    frame: (_roomId, clientMsgId) => ({ action: 'sendMessage', clientMsgId, text: `a question of ordinary length, #${clientMsgId}` }),
    visitorMessageId(frame) {
      const event = frame as ServerEvent;
      return event.type === 'message' && event.message.sender.role === 'visitor' ? event.message.clientMsgId : undefined;
    },
  };
}

function relayTarget(websocketUrl: string): Target {
  let rooms = 0;
  return {
    async openVisitor() {
      const roomId = `room-${rooms++}`;
      return { socket: await BenchSocket.open(`${websocketUrl}?room=${roomId}`), roomId };
    },
    openAgent: (roomIds) => BenchSocket.open(`${websocketUrl}?rooms=${roomIds.join(',')}`),
    frame: (roomId, clientMsgId) => ({
      action: 'sendMessage',
      roomId,
      clientMsgId,
      text: `a question of ordinary length, #${clientMsgId}`,
    }),
    visitorMessageId: (frame) => (frame as { clientMsgId?: string }).clientMsgId,
  };
}

async function openAll<T>(count: number, open: (index: number) => Promise<T>): Promise<T[]> {
  const opened = new Array<T>(count);
  await forEachLimited(
    Array.from({ length: count }, (_, i) => i),
    32,
    async (i) => {
      opened[i] = await open(i);
    },
  );
  return opened;
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`not done within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Measure 3b: what a visitor's message costs as more agent consoles are online. 1, 10 and
 * 100 agent connections are open, one of them in the visitor's room (an agent with the
 * conversation open), the others only watching the inbox. The visitor writes through our
 * $default handler, as the gateway would invoke it, twice over: the message that opens
 * their turn (after an agent's answer: the room starts waiting, which every inbox shows),
 * and the messages after it in the same turn (the steady case, each figure the median of
 * a few). Counted, not timed: @connections posts from the local gateway's own count,
 * DynamoDB items read from a meter on the handler's document client, and the round trips
 * to DynamoDB made one after another before the handler's first post (the critical path
 * to the sender's acknowledgement and the room's copy).
 *
 * Beside each figure: the same figure of the build before inbox updates stopped growing
 * with the team (commit d72ded8), measured by this measure on that commit and recorded in
 * bench/baselines/inbox-cost-d72ded8.json.
 */

import { readFile } from 'node:fs/promises';
import type { BenchSocket } from './support/bench-socket.ts';
import { join, openAgent, openVisitor } from './support/chat-rooms.ts';
import { startChild } from './support/child.ts';
import { type Baseline, type Figure, figure, type Measure } from './support/figures.ts';
import type { MessageCost, StackMethods, StackReady } from './support/stack-process.ts';
import { median } from './support/stats.ts';

const TITLE = 'Inbox updates per visitor message';
const CONSOLES = [1, 10, 100];
const QUICK_CONSOLES = [1, 10];
/** Counts do not vary from message to message (the median guards against a surprise); one does for --quick. */
const STEADY_MESSAGES = 3;
const QUICK_STEADY_MESSAGES = 1;
/** Twice the rate limit's emission interval (10 frames a second), so the sender is idle as a person typing is. */
const IDLE_GAP_MS = 200;

const BASELINE_FILE = new URL('./baselines/inbox-cost-d72ded8.json', import.meta.url);

type Counted = Pick<MessageCost, 'posts' | 'itemsRead' | 'roundTrips'>;

const COSTS: { key: keyof Counted; label: string; unit: string }[] = [
  { key: 'posts', label: '@connections posts', unit: 'posts' },
  { key: 'itemsRead', label: 'DynamoDB items read', unit: 'items' },
  { key: 'roundTrips', label: 'sequential DynamoDB round trips before the first post', unit: 'round trips' },
];

interface RecordedBaseline {
  commit: string;
  /** Figure name to value. */
  figures: Record<string, number>;
}

export const inboxCost: Measure = {
  title: TITLE,
  async run({ quick, log }) {
    const recorded = JSON.parse(await readFile(BASELINE_FILE, 'utf8')) as RecordedBaseline;
    const baselineOf = (name: string): Baseline => ({ name: `before (${recorded.commit})`, value: recorded.figures[name] ?? null });
    const stack = await startChild<StackMethods, StackReady>(new URL('./support/stack-process.ts', import.meta.url));
    const { websocketUrl, agentToken } = stack.ready;
    const sockets: BenchSocket[] = [];
    const consoles: BenchSocket[] = [];
    const figures: Figure[] = [];
    let sequence = 0;
    const visitorMessage = async (roomId: string): Promise<MessageCost> => {
      await new Promise((resolve) => setTimeout(resolve, IDLE_GAP_MS));
      return stack.call('ourMessageCost', { roomId, from: 'visitor', clientMsgId: `v-${sequence++}` });
    };
    const agentReply = async (roomId: string): Promise<void> => {
      await new Promise((resolve) => setTimeout(resolve, IDLE_GAP_MS));
      await stack.call('ourMessageCost', { roomId, from: 'agent', clientMsgId: `a-${sequence++}` });
    };
    try {
      const visitor = await openVisitor(websocketUrl, 'Visitor');
      sockets.push(visitor.socket);
      consoles.push(await openAgent(websocketUrl, agentToken));
      await join(consoles[0]!, visitor.roomId);
      // The room's first message makes it a new conversation (an alert, every inbox); the
      // agent's answer ends the wait, so each size below starts a visitor's turn afresh.
      await visitorMessage(visitor.roomId);
      await agentReply(visitor.roomId);
      for (const size of quick ? QUICK_CONSOLES : CONSOLES) {
        while (consoles.length < size) consoles.push(await openAgent(websocketUrl, agentToken));
        await stack.call('settled');
        const turnOpening = await visitorMessage(visitor.roomId);
        const steadySamples: MessageCost[] = [];
        for (let i = 0; i < (quick ? QUICK_STEADY_MESSAGES : STEADY_MESSAGES); i++)
          steadySamples.push(await visitorMessage(visitor.roomId));
        const steady = Object.fromEntries(COSTS.map(({ key }) => [key, median(steadySamples.map((sample) => sample[key]))])) as Counted;
        await agentReply(visitor.roomId);
        log(`${size} agent consoles: the turn's first message ${describe(turnOpening)}; each next one ${describe(steady)}`);
        for (const [row, cost] of [
          [`visitor's next message in a turn, ${size} consoles`, steady],
          [`visitor's turn-opening message, ${size} consoles`, turnOpening],
        ] as const) {
          for (const { key, label, unit } of COSTS) {
            const name = `${row}: ${label}`;
            figures.push(figure(TITLE, name, cost[key], unit, { baseline: baselineOf(name), cell: { row, column: label } }));
          }
        }
      }
    } finally {
      await Promise.all([...sockets, ...consoles].map((socket) => socket.close()));
      await stack.stop();
    }
    return figures;
  },
};

function describe(cost: Counted): string {
  return `${cost.posts} posts, ${cost.itemsRead} items read, ${cost.roundTrips} sequential round trips before the first post`;
}

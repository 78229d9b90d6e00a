/**
 * Measure 3: what one message costs as more people chat elsewhere. Open connections grow
 * 10 → 100 → 1,000 → 5,000, in rooms of two (a visitor and an agent connection that
 * joined the room). At each size one room's visitor writes and its agent answers, through
 * our $default handler, and the tutorial's sendmessage (Scan every connection, post to
 * each) handles the same message. The messages are a turn's after its first, and the
 * agent's replies after the one that ends the visitor's wait (those two reach every agent
 * console, once a turn: inbox-cost.ts counts them). Counted, not timed: DynamoDB calls,
 * items read and capacity units from a meter on each handler's document client,
 * @connections posts from the local gateway's own count. Each figure is the median of a
 * few messages, which cost the same unless something is wrong.
 */

import { openRoomsOfTwo, type RoomOfTwo } from './support/chat-rooms.ts';
import { startChild } from './support/child.ts';
import { type Figure, figure, type Measure } from './support/figures.ts';
import { openFilesLimit } from './support/memory.ts';
import type { MessageCost, StackMethods, StackReady } from './support/stack-process.ts';
import { median } from './support/stats.ts';

const TITLE = 'Fan-out cost per message';
const CONNECTIONS = [10, 100, 1_000, 5_000];
const QUICK_CONNECTIONS = [10, 100];
/** Counts do not vary from message to message (the median guards against a surprise); one does for --quick. */
const MESSAGES_PER_FIGURE = 3;
const QUICK_MESSAGES_PER_FIGURE = 1;
/** Twice the rate limit's emission interval (10 frames a second). */
const IDLE_GAP_MS = 200;

const COSTS: { key: keyof MessageCost; label: string; unit: string }[] = [
  { key: 'posts', label: '@connections posts', unit: 'posts' },
  { key: 'itemsRead', label: 'DynamoDB items read', unit: 'items' },
  { key: 'readUnits', label: 'DynamoDB read units', unit: 'RCU' },
  { key: 'writeUnits', label: 'DynamoDB write units', unit: 'WCU' },
];

export const fanoutCost: Measure = {
  title: TITLE,
  async run({ quick, log }) {
    const sizes = quick ? QUICK_CONNECTIONS : CONNECTIONS;
    const largest = Math.max(...sizes);
    const limit = await openFilesLimit();
    if (limit < largest + 1_000) {
      throw new Error(`${largest} sockets need more open files than the limit of ${limit}: raise it (ulimit -n ${largest * 2 + 1_000})`);
    }
    const stack = await startChild<StackMethods, StackReady>(new URL('./support/stack-process.ts', import.meta.url));
    const rooms: RoomOfTwo[] = [];
    const figures: Figure[] = [];
    let sequence = 0;
    const medianCost = async (cost: () => Promise<MessageCost>): Promise<MessageCost> => {
      const samples: MessageCost[] = [];
      for (let i = 0; i < (quick ? QUICK_MESSAGES_PER_FIGURE : MESSAGES_PER_FIGURE); i++) {
        // Far enough apart that the sender is idle under the rate limit, as a person
        // typing is: back-to-back frames take its busy path, one conditional write more.
        await new Promise((resolve) => setTimeout(resolve, IDLE_GAP_MS));
        samples.push(await cost());
      }
      const of = (key: keyof MessageCost) => median(samples.map((sample) => sample[key]));
      return {
        posts: of('posts'),
        requests: of('requests'),
        itemsRead: of('itemsRead'),
        readUnits: of('readUnits'),
        writeUnits: of('writeUnits'),
        roundTrips: of('roundTrips'),
      };
    };
    try {
      for (const connections of sizes) {
        const started = performance.now();
        rooms.push(...(await openRoomsOfTwo(stack.ready.websocketUrl, stack.ready.agentToken, connections / 2 - rooms.length)));
        const open = await stack.call('openConnections');
        if (open !== connections) throw new Error(`expected ${connections} open connections, the gateway has ${open}`);
        const sample = rooms[0]!;
        if (sequence === 0) {
          // The room's first message raises an alert and creates its inbox entry: once,
          // not per message, so it is left out of what is counted.
          await stack.call('ourMessageCost', { roomId: sample.roomId, from: 'visitor', clientMsgId: `warm-${sequence++}` });
          await stack.call('ourMessageCost', { roomId: sample.roomId, from: 'agent', clientMsgId: `warm-${sequence++}` });
        }
        // A visitor's turn opens with a message every inbox hears of (the room starts
        // waiting), and the answer that ends the wait reaches every inbox too: once a turn,
        // counted by the inbox measure (inbox-cost.ts). Counted here: the messages after them.
        await stack.call('ourMessageCost', { roomId: sample.roomId, from: 'visitor', clientMsgId: `turn-${sequence++}` });
        const visitorMessage = await medianCost(() =>
          stack.call('ourMessageCost', { roomId: sample.roomId, from: 'visitor', clientMsgId: `v-${sequence++}` }),
        );
        await stack.call('ourMessageCost', { roomId: sample.roomId, from: 'agent', clientMsgId: `answer-${sequence++}` });
        const agentReply = await medianCost(() =>
          stack.call('ourMessageCost', { roomId: sample.roomId, from: 'agent', clientMsgId: `a-${sequence++}` }),
        );
        await stack.call('registerWithTutorial');
        const tutorialMessage = await medianCost(() => stack.call('tutorialMessageCost', { clientMsgId: `t-${sequence++}` }));
        log(
          `${connections} connections (${((performance.now() - started) / 1000).toFixed(0)} s): visitor message ${describe(visitorMessage)}; ` +
            `agent reply ${describe(agentReply)}; tutorial ${describe(tutorialMessage)}`,
        );
        const size = connections.toLocaleString('en-US');
        for (const [direction, ours] of [
          ['visitor message', visitorMessage],
          ['agent reply', agentReply],
        ] as const) {
          for (const { key, label, unit } of COSTS) {
            figures.push(
              figure(TITLE, `${direction}, ${size} connections: ${label}`, ours[key], unit, {
                baseline: { name: 'tutorial (Scan + post to all)', value: tutorialMessage[key] },
                cell: { row: `${direction}, ${size} connections`, column: label },
              }),
            );
          }
        }
      }
    } finally {
      await stack.stop();
    }
    return figures;
  },
};

function describe(cost: MessageCost): string {
  return `${cost.posts} posts, ${cost.requests} DynamoDB calls, ${cost.itemsRead} items read, ${cost.readUnits} RCU, ${cost.writeUnits} WCU`;
}

/**
 * The local stack as a process of its own, for tests that kill it: `node --import tsx
 * stack-process.ts DATA_DIR` starts it on free ports with its state in DATA_DIR and prints
 * one JSON line with its WebSocket URL once it takes connections. CLOCK_OFFSET_MS moves
 * the handlers' clock forward, as the time a real restart takes would.
 */
import { localTeamDefaults, startLocalStack } from '../../local/stack.ts';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: stack-process.ts DATA_DIR');
const offset = Number(process.env.CLOCK_OFFSET_MS ?? 0);

const stack = await startLocalStack({
  dataDir,
  ports: { gateway: 0, dynamodb: 0, cognito: 0, aws: 0, ses: 0, s3: 0 },
  // No away reply: it would add a message to the room the test counts.
  teamDefaults: { ...localTeamDefaults(), awayMessage: {} },
  followUpDelaySeconds: 600,
});
stack.deps.now = () => Date.now() + offset;
process.stdout.write(`${JSON.stringify({ websocketUrl: stack.websocketUrl })}\n`);

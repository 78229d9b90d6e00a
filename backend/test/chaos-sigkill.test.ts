import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEND_LEASE_MS } from '../src/chat/actions/send-message.ts';
import type { Message } from '../src/protocol/index.ts';
import { TestSocket } from './support/test-socket.ts';
import { newVisitorKey } from './support/test-stack.ts';

const STACK_PROCESS = fileURLToPath(new URL('./support/stack-process.ts', import.meta.url));
const KILLS = 3;
/** Messages acknowledged between two kills, then this many more sent and the stack killed at once. */
const ACKED_PER_ROUND = 15;
const IN_FLIGHT = 3;
/** Guards against a hang (three stack starts on a busy machine), never a speed goal. */
const GUARD_MS = 240_000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The local stack in a process group of its own, so SIGKILL takes it and its cognito-local at once. */
class StackProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly websocketUrl: string,
  ) {}

  static start(dataDir: string, clockOffsetMs: number): Promise<StackProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', STACK_PROCESS, dataDir], {
      detached: true,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, CLOCK_OFFSET_MS: String(clockOffsetMs) },
    });
    return new Promise((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`the stack process exited (${code}) before it was ready`)));
      createInterface({ input: child.stdout! }).once('line', (line) => {
        resolve(new StackProcess(child, (JSON.parse(line) as { websocketUrl: string }).websocketUrl));
      });
    });
  }

  /** kill -9 of the whole group: no handler finishes, nothing is flushed or closed. */
  async kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    process.kill(-this.child.pid!, 'SIGKILL');
    await exited;
  }
}

/**
 * A visitor's client with the widget's outbox rule: every message kept until its own copy
 * (the acknowledgement) comes back, sent again with the same clientMsgId on the next
 * connection, and sent one after the other's acknowledgement.
 */
class OutboxClient {
  readonly key = newVisitorKey();
  readonly outbox: { clientMsgId: string; text: string }[] = [];
  readonly acked: string[] = [];
  socket: TestSocket | undefined;
  private next = 0;

  async connect(websocketUrl: string): Promise<void> {
    this.socket = await TestSocket.open(`${websocketUrl}?visitorKey=${this.key}`);
  }

  write(): { clientMsgId: string; text: string } {
    const message = { clientMsgId: `m-${String(this.next).padStart(3, '0')}`, text: `message ${this.next}` };
    this.next++;
    this.outbox.push(message);
    return message;
  }

  /** Sends one message and waits for its acknowledgement; rate_limited and internal are retried. */
  async deliver(message: { clientMsgId: string; text: string }): Promise<void> {
    const socket = this.socket!;
    for (;;) {
      const answered = socket.events.length;
      socket.send({ action: 'sendMessage', ...message });
      const answer = await Promise.race([
        socket.next('message', (e) => e.message.clientMsgId === message.clientMsgId),
        socket.next('error', (e) => e.clientMsgId === message.clientMsgId && socket.events.indexOf(e) >= answered),
      ]);
      if (answer.type === 'message') return this.acknowledge(message.clientMsgId);
      // The rate limit (10 frames a second) and a failed store both say: retry a moment later.
      expect(['rate_limited', 'internal']).toContain(answer.code);
      await pause(200);
    }
  }

  /** Every acknowledgement that reached this connection before it died. */
  collectAcks(): void {
    for (const event of this.socket?.all('message') ?? []) this.acknowledge(event.message.clientMsgId);
  }

  /** Sends what the outbox still holds, in order. */
  async flush(): Promise<void> {
    for (const message of [...this.outbox]) await this.deliver(message);
  }

  private acknowledge(clientMsgId: string): void {
    const index = this.outbox.findIndex((m) => m.clientMsgId === clientMsgId);
    if (index >= 0) this.outbox.splice(index, 1);
    if (!this.acked.includes(clientMsgId)) this.acked.push(clientMsgId);
  }

  async history(): Promise<Message[]> {
    const messages: Message[] = [];
    for (let more = true; more; ) {
      const after = messages.at(-1)?.seq ?? 0;
      const page = await this.socket!.request({ action: 'history', after, limit: 100 }, 'history');
      messages.push(...page.messages);
      more = page.hasMore;
    }
    return messages;
  }
}

/**
 * Chaos, counted: the local stack killed with SIGKILL while a visitor's messages are in
 * flight, three times, and restarted on the same data: every acknowledged message is
 * there exactly once, and the ones caught in flight, sent again, are there once too.
 */
describe('the local stack killed with SIGKILL mid-conversation', () => {
  let dataDir: string;
  let stack: StackProcess | undefined;
  const client = new OutboxClient();
  /** Acknowledged before each kill, in the order sent. */
  const ackedBeforeKills: string[][] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'support-chat-sigkill-'));
  });
  afterAll(async () => {
    client.socket?.close();
    await stack?.kill();
    await rm(dataDir, { recursive: true, force: true });
  });

  it(
    'keeps every acknowledged message exactly once across three kills, and each in-flight one at most once',
    async () => {
      for (let round = 0; round <= KILLS; round++) {
        // After a kill, the handlers' clock is past the claims' lease, as after a real
        // restart: a send the kill interrupted is taken over, not waited out.
        stack = await StackProcess.start(dataDir, round * (SEND_LEASE_MS + 1000));
        await client.connect(stack.websocketUrl);
        await client.flush();
        if (round === KILLS) break;

        for (let i = 0; i < ACKED_PER_ROUND; i++) await client.deliver(client.write());
        ackedBeforeKills.push([...client.acked]);
        // These go out and the stack dies under them: stored or not, acknowledged or not.
        for (let i = 0; i < IN_FLIGHT; i++) client.socket!.send({ action: 'sendMessage', ...client.write() });
        await stack.kill();
        await client.socket!.closed;
        client.collectAcks();
      }

      const history = await client.history();
      const ids = history.map((m) => m.clientMsgId);
      const sent = KILLS * (ACKED_PER_ROUND + IN_FLIGHT);
      // Every message, the in-flight ones resent, stored once: none lost, none doubled.
      expect(client.outbox).toEqual([]);
      expect(client.acked).toHaveLength(sent);
      expect(ids).toHaveLength(sent);
      expect(new Set(ids).size).toBe(sent);
      expect(history.map((m) => m.seq)).toEqual(history.map((_, i) => i + 1));
      // Each message acknowledged before a kill is still there, in the order it was sent.
      for (const acked of ackedBeforeKills) {
        expect(ids.filter((id) => acked.includes(id))).toEqual(acked);
      }
    },
    GUARD_MS,
  );
});

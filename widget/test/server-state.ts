/**
 * What the commands of the widget tests' server share (server-plugin.ts): the local stacks
 * (the main one, and the ones a few tests start on first use), the sockets and network
 * hops the tests opened, and the responses held until a test lets them go.
 */

import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LocalPorts, type LocalStack, localTeamDefaults, PORT_SETTINGS, startLocalStack } from '@support-chat/backend/local';
import type { TeamSettings } from '@support-chat/backend/protocol';
import type { FlakyNetwork } from '../../backend/local/flaky-network.ts';
import type { TestSocket } from './server-sockets.ts';

/** A test server command: its payload in, its answer out. */
export type Commands = Record<string, (p: Record<string, unknown>) => unknown>;

/** The options of startLocalStack. */
type LocalStackOptions = Parameters<typeof startLocalStack>[0];
/** A stack started on first use, and its data folder. */
type ExtraStack = Promise<{ stack: LocalStack; dataDir: string }>;

export class TestServerState {
  stack!: LocalStack;
  dataDir = '';
  // No automatic away reply unless a test asks for one: it would add a message to every room.
  readonly teamDefaults: TeamSettings = { ...localTeamDefaults(), awayMessage: {} };
  /** A second stack whose files wait for a malware scan's verdict, started by the first test that asks (scan:start). */
  scanning: ExtraStack | undefined;
  /** A stack where identity is required (a customer portal), started on first use of its config. */
  requiring: ExtraStack | undefined;
  /** Where the `bundle` command built the scripts. */
  bundleDir: string | undefined;
  readonly sockets = new Map<string, TestSocket>();
  readonly networks = new Map<string, FlakyNetwork>();
  /**
   * Responses held until a test releases them (`hold:release`): an image at /__hold/ID.svg
   * keeps its page from reaching its load event, as a slow page does; /__slow/ID/ serves the
   * built scripts, support-chat-app.js once released; /__slow-chunks/ID/ too, the chat's lazy
   * chunks once released.
   */
  readonly held = new Map<string, { done: Promise<void>; release: () => void }>();

  async start(): Promise<void> {
    this.dataDir = await mkdtemp(join(tmpdir(), 'support-chat-wtr-'));
    this.stack = await startLocalStack({
      dataDir: this.dataDir,
      // Every service on a free port, whatever services the stack has: never a default one a running npm start holds.
      ports: freePorts(),
      siteUrl: 'http://localhost',
      teamDefaults: this.teamDefaults,
      identityMode: 'optional',
    });
  }

  async stop(): Promise<void> {
    for (const { release } of this.held.values()) release();
    for (const socket of this.sockets.values()) socket.close();
    for (const hop of this.networks.values()) await hop.close();
    await this.stack?.stop();
    await rm(this.dataDir, { recursive: true, force: true });
    for (const started of [this.scanning, this.requiring]) {
      const other = await started?.catch(() => undefined);
      if (!other) continue;
      await other.stack.stop();
      await rm(other.dataDir, { recursive: true, force: true });
    }
    if (this.bundleDir) await rm(this.bundleDir, { recursive: true, force: true });
  }

  requiredStack(): ExtraStack {
    this.requiring ??= this.extraStack('required', { identityMode: 'required' });
    return this.requiring;
  }

  /** A stack of its own beside the main one (a data dir of its own, free ports), as `settings` make it differ. */
  async extraStack(name: string, settings: Pick<LocalStackOptions, 'identityMode' | 'malwareScan'>): ExtraStack {
    const dataDir = await mkdtemp(join(tmpdir(), `support-chat-wtr-${name}-`));
    const stack = await startLocalStack({
      dataDir,
      ports: freePorts(),
      siteUrl: 'http://localhost',
      teamDefaults: this.teamDefaults,
      ...settings,
    });
    return { stack, dataDir };
  }

  async stackNamed(name: unknown): Promise<LocalStack> {
    return name === 'required' ? (await this.requiredStack()).stack : this.stack;
  }

  track(socket: TestSocket): string {
    const id = randomUUID();
    this.sockets.set(id, socket);
    return id;
  }

  /** A socket a test opened: an agent's or a visitor's. */
  socket(id: unknown): TestSocket {
    const found = this.sockets.get(String(id));
    if (!found) throw new Error(`no socket ${String(id)}`);
    return found;
  }

  network(id: unknown): FlakyNetwork {
    const found = this.networks.get(String(id));
    if (!found) throw new Error(`no network ${String(id)}`);
    return found;
  }

  holding(id: string): { done: Promise<void>; release: () => void } {
    let entry = this.held.get(id);
    if (!entry) {
      let release = () => {};
      const done = new Promise<void>((resolve) => {
        release = resolve;
      });
      entry = { done, release };
      this.held.set(id, entry);
    }
    return entry;
  }
}

/** Every service of a stack on a free port. */
export const freePorts = () => Object.fromEntries(Object.keys(PORT_SETTINGS).map((name) => [name, 0])) as Partial<LocalPorts>;

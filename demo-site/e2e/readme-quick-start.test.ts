// The README's quick start, as a new user runs it: `npm start` in a shell, the addresses
// it prints answer, a visitor connects, Ctrl-C stops everything and frees every port.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PORT_SETTINGS } from '@support-chat/backend/local';
import { assertPortFree, findFreePort } from '@support-chat/backend/local/ports';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const README = readFileSync(join(repoRoot, 'README.md'), 'utf8');

/** Resolves with everything printed once `pattern` has appeared; rejects if the process ends first. */
function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`no ${pattern} within ${timeoutMs / 1000} s; output:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (pattern.test(output)) {
        clearTimeout(timer);
        resolve(output);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    // 'close', not 'exit': the pipes close when every process holding them (npm and what it started) is gone.
    child.once('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start ended (${code}) before printing ${pattern}; output:\n${output}`));
    });
  });
}

/** Opens a visitor's WebSocket the way the wscat line of docs/protocol.md does and asks for the history. */
async function visitorConnects(websocketUrl: string): Promise<{ type: string }[]> {
  const ws = new WebSocket(`${websocketUrl}?visitorKey=${randomBytes(32).toString('base64url')}`);
  const events: { type: string }[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => ws.send(JSON.stringify({ action: 'history' })));
      ws.on('message', (data) => {
        events.push(JSON.parse(String(data)) as { type: string });
        if (events.some((e) => e.type === 'history')) resolve();
      });
      ws.once('error', reject);
      ws.once('close', (code) => reject(new Error(`closed with ${code}`)));
    });
  } finally {
    ws.removeAllListeners('close');
    ws.close();
  }
  return events;
}

/** A free port for each name, no two the same. */
async function distinctFreePorts(names: string[]): Promise<Record<string, number>> {
  const ports: Record<string, number> = {};
  const taken = new Set<number>();
  for (const name of names) {
    let port = await findFreePort();
    while (taken.has(port)) port = await findFreePort();
    taken.add(port);
    ports[name] = port;
  }
  return ports;
}

/** Whether any process of the group still runs (signal 0 only asks). */
function processGroupAlive(group: number): boolean {
  try {
    process.kill(-group, 0);
    return true;
  } catch {
    return false;
  }
}

describe('the README quick start', () => {
  let child: ChildProcess | undefined;
  let dataDir: string;
  afterAll(async () => {
    if (child && processGroupAlive(child.pid!)) process.kill(-child.pid!, 'SIGKILL');
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('npm start serves the demo, a visitor connects, and Ctrl-C frees every port', async () => {
    // Free ports and a fresh data folder, through the variables the README documents: every
    // port npm start opens, so that the test never takes a default one a running npm start holds.
    const variables = ['SITE_PORT', ...Object.values(PORT_SETTINGS).map(({ envVar }) => envVar)];
    for (const variable of variables) expect(README, `the README documents ${variable}`).toContain(variable);
    expect(README).toContain('DATA_DIR');
    dataDir = await mkdtemp(join(tmpdir(), 'support-chat-quick-start-'));

    let ports: Record<string, number> = {};
    let output = '';
    // A port picked here can be taken by another test's server before npm start binds it;
    // npm start then says which, by name, and ends: pick again.
    for (let attempt = 1; ; attempt++) {
      ports = await distinctFreePorts(variables);
      // Its own process group, as a shell runs it, so Ctrl-C (SIGINT) reaches npm and everything under it.
      child = spawn('npm', ['start'], {
        cwd: repoRoot,
        env: { ...process.env, ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])), DATA_DIR: dataDir },
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      try {
        output = await waitForOutput(child, /Press Ctrl-C to stop/, 90_000);
        break;
      } catch (error) {
        if (attempt === 3 || !String(error).includes('is already in use')) throw error;
      }
    }
    const stopping = waitForOutput(child, /Stopping/, 30_000);

    const site = `http://localhost:${ports.SITE_PORT}`;
    for (const line of [`Demo site         ${site}/`, `Agent console     ${site}/agent.html`, `config.json       ${site}/config.json`]) {
      expect(output, 'printed').toContain(line);
    }
    // The demo agent the README names is the one npm start creates.
    expect(output).toContain('agent@example.com / Agent-Passw0rd!');
    expect(README).toContain('`agent@example.com` / `Agent-Passw0rd!`');

    const page = await fetch(`${site}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('src="/support-chat.js"');
    const script = await fetch(`${site}/support-chat.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    const config = (await (await fetch(`${site}/config.json`)).json()) as { websocketUrl: string; userPoolId: string };
    expect(config.websocketUrl).toBe(`ws://localhost:${ports.GATEWAY_PORT}`);
    expect(config.userPoolId).toMatch(/^local_/);

    const events = await visitorConnects(config.websocketUrl);
    expect(events.map((e) => e.type)).toContain('history');

    // Ctrl-C: npm ends by the signal, as in a shell; what it started stops cleanly and leaves nothing behind.
    const group = child.pid!;
    const exited = new Promise<string>((resolve) => child!.once('exit', (code, signal) => resolve(String(signal ?? code))));
    process.kill(-group, 'SIGINT');
    expect(['0', 'SIGINT']).toContain(await exited);
    await expect.poll(() => processGroupAlive(group), { timeout: 15_000, interval: 100 }).toBe(false);
    expect(await stopping).toMatch(/Stopping/);
    for (const [variable, port] of Object.entries(ports)) await assertPortFree(port, variable, variable);
    // Its state went where DATA_DIR said, not into the repository's .data/.
    expect(existsSync(join(dataDir, 'dynamodb'))).toBe(true);
    expect(existsSync(join(dataDir, 'cognito'))).toBe(true);
  });
});

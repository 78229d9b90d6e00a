import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { Key, WebDriver, type WebElement, error as webDriverErrors } from 'selenium-webdriver';
import { Executor, HttpClient } from 'selenium-webdriver/http';
import { type EngineBrowser, type EnginePage, type PageOptions, STEP_WAIT_MS } from './engine.ts';
import { findElement, type Target } from './in-page.ts';

const WEBKIT_WEBDRIVER = process.env.WEBKIT_WEBDRIVER_PATH || '/usr/bin/WebKitWebDriver';
const MINIBROWSER = process.env.MINIBROWSER_PATH || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/**
 * WebKit, Safari's engine: Debian's WebKitGTK MiniBrowser, driven by WebKitWebDriver over
 * WebDriver classic (it has no BiDi). MiniBrowser has no headless mode, so it draws on an
 * Xvfb display of its own; each page is a session of its own (its own MiniBrowser, its own
 * storage). `close()` ends the sessions, then the driver and Xvfb, by their pids.
 */
export async function launchWebKitEngine(): Promise<EngineBrowser> {
  const processes: ChildProcess[] = [];
  // At the test process's exit, whatever ended it, these go with it (see spawnTied).
  const killAll = () => {
    for (const child of processes) killGroup(child);
  };
  process.once('exit', killAll);
  const sessions: WebDriver[] = [];
  const stop = async () => {
    await Promise.all(sessions.map((session) => session.quit().catch(() => undefined)));
    for (const child of processes.reverse()) await stopTied(child);
    process.off('exit', killAll);
  };
  try {
    const xvfb = spawnTied('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
      stdio: ['pipe', 'ignore', 'pipe', 'pipe'],
    });
    processes.push(xvfb);
    const display = await displayOf(xvfb);
    const port = await freePort();
    const driver = spawnTied(WEBKIT_WEBDRIVER, [`--port=${port}`], {
      stdio: ['pipe', 'ignore', 'pipe'],
      // The driver hands its environment to MiniBrowser: without a display, no session.
      env: { ...process.env, DISPLAY: `:${display}` },
    });
    processes.push(driver);
    const serverUrl = `http://127.0.0.1:${port}`;
    await driverReady(driver, serverUrl);
    return {
      name: 'webkit',
      problems: [],
      newPage: async (options: PageOptions = {}) => {
        if (options.siteConfig) throw new Error('webkit pages take the site’s config.json as served');
        const session = await WebDriver.createSession(new Executor(new HttpClient(serverUrl)), {
          browserName: 'MiniBrowser',
          'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
        });
        sessions.push(session);
        await session.manage().setTimeouts({ script: STEP_WAIT_MS, pageLoad: STEP_WAIT_MS });
        await session.manage().window().setRect({ width: 1280, height: 800 });
        return webkitPage(session);
      },
      close: stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function webkitPage(session: WebDriver): EnginePage {
  const element = async (target: Target): Promise<WebElement> => {
    const found = (await session.executeScript(findElement, target)) as WebElement | null;
    if (!found) throw new Error(`no element for ${JSON.stringify(target)}`);
    return found;
  };
  return {
    engine: 'webkit',
    goto: (url) => session.get(url),
    reload: () => session.navigate().refresh(),
    url: () => session.getCurrentUrl(),
    evaluate: (fn, arg) => session.executeScript(fn, arg),
    click: async (target) => (await element(target)).click(),
    type: async (target, text, options = {}) => {
      const field = await element(target);
      await typeResuming(session, field, text);
      if (options.enter) await typeResuming(session, field, Key.ENTER, text);
    },
    screenshot: async (path) => writeFile(path, Buffer.from(await session.takeScreenshot(), 'base64')),
  };
}

/**
 * Types `keys` into `field`. WebKitWebDriver, on a loaded machine, now and then fails a
 * keyboard interaction with an unknown error and no message, after some of the keys went
 * in (its automation session gave up waiting for the key events to be handled). What went
 * in is in the field: the rest is typed once more, and anything else fails as it was.
 * `before`: the field's value before `keys` (Enter is pressed again only if the field still
 * holds what it did, that is, if the first one was not taken).
 */
async function typeResuming(session: WebDriver, field: WebElement, keys: string, before = ''): Promise<void> {
  try {
    await field.sendKeys(keys);
  } catch (error) {
    if (!(error instanceof webDriverErrors.WebDriverError) || error.name !== 'WebDriverError' || error.message !== '') throw error;
    const value = String(await session.executeScript('return arguments[0].value', field));
    if (keys === Key.ENTER) {
      if (value === before) await field.sendKeys(Key.ENTER);
      return;
    }
    if (!keys.startsWith(value)) throw error;
    await field.sendKeys(keys.slice(value.length));
  }
}

/** The display number Xvfb picked (`-displayfd`: a free one, written once it accepts clients). */
function displayOf(xvfb: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let written = '';
    let errors = '';
    xvfb.stderr?.on('data', (chunk) => {
      errors += chunk;
    });
    xvfb.stdio[3]?.on('data', (chunk) => {
      written += chunk;
      if (written.includes('\n')) resolve(written.trim());
    });
    xvfb.once('error', reject);
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited (${code}) before it had a display: ${errors.slice(-500)}`)));
  });
}

/** A port nothing listens on now, for the driver to take. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Waits until the driver answers /status (or fails if it exits first). */
async function driverReady(driver: ChildProcess, serverUrl: string): Promise<void> {
  let errors = '';
  driver.stderr?.on('data', (chunk) => {
    errors += chunk;
  });
  const deadline = Date.now() + STEP_WAIT_MS;
  for (;;) {
    if (driver.exitCode !== null) throw new Error(`WebKitWebDriver exited (${driver.exitCode}): ${errors.slice(-500)}`);
    const ready = await fetch(`${serverUrl}/status`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return;
    if (Date.now() > deadline) throw new Error(`WebKitWebDriver did not answer on ${serverUrl}: ${errors.slice(-500)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Starts `command` in a process group of its own under a shell that kills it once its
 * stdin closes: when `stopTied` ends it, or when this process dies in any way, even by
 * SIGKILL, which runs no exit handler. The shell exits with the command's status.
 */
function spawnTied(command: string, args: string[], options: SpawnOptions): ChildProcess {
  // A background job's stdin is /dev/null: the watcher reads the shell's own stdin, kept as fd 9.
  const script = 'exec 9<&0; "$@" 9<&- & child=$!; (read -r _ <&9; kill "$child" 2>/dev/null) & wait "$child"';
  return spawn('/bin/sh', ['-c', script, 'sh', command, ...args], { ...options, detached: true });
}

/** Ends a spawnTied process (its stdin closed; its whole group killed if it has not exited within 5 s). */
async function stopTied(child: ChildProcess): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.stdin?.end();
    const timer = setTimeout(() => killGroup(child), 5_000);
    await exited;
    clearTimeout(timer);
  }
  // What the command left in its group (MiniBrowser's helpers, the watching shell) goes too.
  killGroup(child);
}

function killGroup(child: ChildProcess): void {
  try {
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
  } catch {
    // The group is gone already.
  }
}

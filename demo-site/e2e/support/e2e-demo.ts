import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LocalPorts, type LocalStackOptions, PORT_SETTINGS } from '@support-chat/backend/local';
import { type Demo, startDemo } from '@support-chat/backend/local/demo';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium (never a downloaded browser), headless, with the flags this machine needs. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

export interface E2EDemo {
  /** `npm start`'s stack and site, on free ports, with its data in a fresh folder. */
  demo: Demo;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * Starts the demo exactly as `npm start` does (same `startDemo`), but on free ports so it
 * never clashes with a running one. `options`: what a journey changes of the stack, such as
 * a shorter delay before unread replies are emailed.
 */
export async function startE2EDemo(options: Pick<LocalStackOptions, 'followUpDelaySeconds' | 'teamDefaults'> = {}): Promise<E2EDemo> {
  const dataDir = await mkdtemp(join(tmpdir(), 'support-chat-e2e-'));
  // Every service on a free port, whatever services the stack has.
  const ports = Object.fromEntries(Object.keys(PORT_SETTINGS).map((name) => [name, 0])) as Partial<LocalPorts>;
  const demo = await startDemo({ ...options, dataDir, ports, sitePort: 0 });
  const browser = await launchChromium().catch(async (error: unknown) => {
    await demo.stop();
    throw error;
  });
  return {
    demo,
    browser,
    close: async () => {
      await browser.close();
      await demo.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

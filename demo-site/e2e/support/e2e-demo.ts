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

export interface E2EDemo extends E2ESite {
  browser: Browser;
}

export interface E2ESite {
  /** `npm start`'s stack and site, on free ports, with its data in a fresh folder. */
  demo: Demo;
  close(): Promise<void>;
}

type E2EOptions = Pick<LocalStackOptions, 'followUpDelaySeconds' | 'teamDefaults'>;

/**
 * Starts the demo exactly as `npm start` does (same `startDemo`), but on free ports so it
 * never clashes with a running one, and a Chromium. `options`: what a journey changes of
 * the stack, such as a shorter delay before unread replies are emailed.
 */
export async function startE2EDemo(options: E2EOptions = {}): Promise<E2EDemo> {
  const site = await startE2ESite(options);
  const browser = await launchChromium().catch(async (error: unknown) => {
    await site.close();
    throw error;
  });
  return {
    ...site,
    browser,
    close: async () => {
      await browser.close();
      await site.close();
    },
  };
}

/** The demo of startE2EDemo without a browser: the cross-engine journeys start their own. */
export async function startE2ESite(options: E2EOptions = {}): Promise<E2ESite> {
  const dataDir = await mkdtemp(join(tmpdir(), 'support-chat-e2e-'));
  // Every service on a free port, whatever services the stack has.
  const ports = Object.fromEntries(Object.keys(PORT_SETTINGS).map((name) => [name, 0])) as Partial<LocalPorts>;
  const demo = await startDemo({ ...options, dataDir, ports, sitePort: 0 }).catch(async (error: unknown) => {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  });
  return {
    demo,
    close: async () => {
      await demo.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

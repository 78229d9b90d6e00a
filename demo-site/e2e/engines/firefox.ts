import { writeFile } from 'node:fs/promises';
import puppeteer, { type ElementHandle, type Page } from 'puppeteer-core';
import { type EngineBrowser, type EnginePage, type PageOptions, STEP_WAIT_MS } from './engine.ts';
import { findElement, type Target } from './in-page.ts';

/** Debian's Firefox ESR, headless, through Puppeteer over WebDriver BiDi (never a downloaded browser). */
export async function launchFirefoxEngine(): Promise<EngineBrowser> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX_PATH || '/usr/bin/firefox-esr',
    headless: true,
  });
  const problems: string[] = [];
  return {
    name: 'firefox',
    problems,
    newPage: async (options: PageOptions = {}) => {
      if (options.siteConfig) throw new Error('firefox pages take the site’s config.json as served');
      // A user context of its own: its own storage, like another person's browser.
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      page.setDefaultTimeout(STEP_WAIT_MS);
      await page.setViewport({ width: 1280, height: 800 });
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(`firefox: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`firefox: ${(e as Error).message ?? String(e)}`));
      return firefoxPage(page);
    },
    close: () => browser.close(),
  };
}

function firefoxPage(page: Page): EnginePage {
  const element = async (target: Target): Promise<ElementHandle> => {
    const found = (await page.evaluateHandle(findElement, target)).asElement();
    if (!found) throw new Error(`no element for ${JSON.stringify(target)}`);
    return found as ElementHandle;
  };
  return {
    engine: 'firefox',
    goto: async (url) => void (await page.goto(url)),
    reload: async () => void (await page.reload()),
    url: async () => page.url(),
    evaluate: (fn, arg) => page.evaluate(fn as (arg: unknown) => never, arg),
    click: async (target) => (await element(target)).click(),
    type: async (target, text, options = {}) => {
      const handle = await element(target);
      await handle.type(text);
      if (options.enter) await handle.press('Enter');
    },
    screenshot: async (path) => void (await writeFile(path, await page.screenshot())),
    setOffline: (offline) => page.setOfflineMode(offline),
  };
}

import { writeFile } from 'node:fs/promises';
import type { Browser, ElementHandle, Page } from 'playwright-core';
import { launchChromium } from '../support/e2e-demo.ts';
import { type EngineBrowser, type EnginePage, type PageOptions, STEP_WAIT_MS } from './engine.ts';
import { findElement, type Target } from './in-page.ts';

/** Chromium as the rest of the suite drives it: Debian's build through Playwright. */
export async function launchChromiumEngine(): Promise<EngineBrowser> {
  const browser: Browser = await launchChromium();
  const problems: string[] = [];
  return {
    name: 'chromium',
    problems,
    newPage: async (options: PageOptions = {}) => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      context.setDefaultTimeout(STEP_WAIT_MS);
      const { siteConfig } = options;
      if (siteConfig) await context.route('**/config.json', (route) => route.fulfill({ json: siteConfig }));
      const page = await context.newPage();
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(`chromium: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`chromium: ${e.message}`));
      return chromiumPage(page);
    },
    close: () => browser.close(),
  };
}

function chromiumPage(page: Page): EnginePage {
  const element = async (target: Target): Promise<ElementHandle> => {
    const found = (await page.evaluateHandle(findElement, target)).asElement();
    if (!found) throw new Error(`no element for ${JSON.stringify(target)}`);
    return found as ElementHandle;
  };
  return {
    engine: 'chromium',
    goto: async (url) => void (await page.goto(url)),
    reload: async () => void (await page.reload()),
    url: async () => page.url(),
    evaluate: (fn, arg) => page.evaluate(fn as (arg: unknown) => never, arg),
    click: async (target) => (await element(target)).click(),
    type: async (target, text, options = {}) => {
      await (await element(target)).focus();
      await page.keyboard.type(text);
      if (options.enter) await page.keyboard.press('Enter');
    },
    screenshot: async (path) => writeFile(path, await page.screenshot({ timeout: 5_000 })),
    setOffline: (offline) => page.context().setOffline(offline),
  };
}

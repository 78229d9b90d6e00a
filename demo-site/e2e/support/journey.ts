import { mkdir, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { expect, it } from 'vitest';

/** Git-ignored: each journey's screenshots, kept after the run so a failure can be looked at. */
export const ARTIFACTS_DIR = fileURLToPath(new URL('../artifacts/', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** How long one step may wait for the page before it fails (well inside the test's own timeout, so the step is named). */
const STEP_WAIT_MS = 20_000;

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);

/**
 * A person's path through the product, told as named steps. Every step ends with a
 * screenshot of every actor's page in `e2e/artifacts/<journey>/`; a step that fails
 * says which one it was, screenshots the pages as they were, and fails the test.
 * Console errors, page errors and Content-Security-Policy violations of every page are
 * collected in `problems`.
 */
export class Journey {
  readonly problems: string[] = [];
  private readonly pages = new Map<string, Page>();
  private readonly dir: string;
  private stepNumber = 0;
  private ready: Promise<unknown>;

  constructor(
    private readonly browser: Browser,
    name: string,
  ) {
    this.dir = join(ARTIFACTS_DIR, slug(name));
    this.ready = rm(this.dir, { recursive: true, force: true }).then(() => mkdir(this.dir, { recursive: true }));
  }

  /** A page in its own browser context: its own storage and network, like another person's browser. */
  async actor(name: string, options: BrowserContextOptions = {}): Promise<Page> {
    const context = await this.browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
    context.setDefaultTimeout(STEP_WAIT_MS);
    // The listener a site would add to see what its policy refused; the console carries it out.
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        console.error(`CSP violation: ${e.violatedDirective} refused ${e.blockedURI || '(inline)'}`);
      });
    });
    return this.watch(name, await context.newPage());
  }

  /** Another tab of `actor`'s browser: the same context, so the same storage, cookies and network. */
  async tab(name: string, actor: Page): Promise<Page> {
    return this.watch(name, await actor.context().newPage());
  }

  private watch(name: string, page: Page): Page {
    page.on('console', (m) => {
      if (m.type() === 'error') this.problems.push(`${name}: ${m.text()}`);
    });
    page.on('pageerror', (e) => this.problems.push(`${name}: ${e.message}`));
    this.pages.set(name, page);
    return page;
  }

  /** Runs one step; its screenshots are taken whether it passes or fails. */
  async step<T>(title: string, run: () => Promise<T>): Promise<T> {
    await this.ready;
    const n = String(++this.stepNumber).padStart(2, '0');
    try {
      const result = await run();
      await this.screenshots(`${n}-${slug(title)}`);
      return result;
    } catch (error) {
      await this.screenshots(`${n}-${slug(title)}-FAILED`);
      const where = relative(REPO_ROOT, this.dir);
      throw new Error(`Step ${n} "${title}" failed (screenshots in ${where}): ${(error as Error).message}`, { cause: error });
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.pages.values()].map((page) => page.context().close()));
  }

  private async screenshots(prefix: string): Promise<void> {
    await Promise.all(
      [...this.pages].map(([name, page]) =>
        page.isClosed()
          ? undefined
          : // A page caught mid-navigation may refuse a screenshot: the step's own outcome is what counts.
            page.screenshot({ path: join(this.dir, `${prefix}--${slug(name)}.png`), timeout: 5_000 }).catch(() => undefined),
      ),
    );
  }
}

/**
 * The `it` of a story told in chapters: each builds on the one before, so once one fails,
 * the rest say so instead of failing obscurely.
 */
export function storyChapters(): (title: string, body: () => Promise<void>) => void {
  let storySoFar = true;
  return (title, body) =>
    it(title, async () => {
      expect(storySoFar, 'an earlier chapter failed').toBe(true);
      storySoFar = false;
      await body();
      storySoFar = true;
    });
}

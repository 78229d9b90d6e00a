import { mkdir, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ARTIFACTS_DIR } from '../support/journey.ts';
import type { EnginePage } from './engine.ts';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);

/**
 * support/journey.ts's Journey for pages of any engine: named steps, each ending with a
 * screenshot of every actor's page in `e2e/artifacts/<journey>/`, a failed step named,
 * with the pages as they were.
 */
export class EngineJourney {
  private readonly pages = new Map<string, EnginePage>();
  private readonly dir: string;
  private stepNumber = 0;
  private readonly ready: Promise<unknown>;

  constructor(name: string) {
    this.dir = join(ARTIFACTS_DIR, slug(name));
    this.ready = rm(this.dir, { recursive: true, force: true }).then(() => mkdir(this.dir, { recursive: true }));
  }

  /** Names `page` in the screenshots; answers it. */
  actor(name: string, page: EnginePage): EnginePage {
    this.pages.set(`${name}-${page.engine}`, page);
    return page;
  }

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

  private async screenshots(prefix: string): Promise<void> {
    await Promise.all(
      [...this.pages].map(([name, page]) =>
        // A page caught mid-navigation may refuse a screenshot: the step's own outcome is what counts.
        page.screenshot(join(this.dir, `${prefix}--${slug(name)}.png`)).catch(() => undefined),
      ),
    );
  }
}

// axe-core over DevTools on a whole page, for the end-to-end tests' accessibility checks.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's violations on the whole page (it walks open shadow roots), one line each; '' when none. */
export async function axeViolations(page: Page): Promise<string> {
  // Colours are checked as they will stay: a panel still fading in blends with the page.
  await page.evaluate(async () => {
    const roots: (Document | ShadowRoot)[] = [
      document,
      ...[...document.querySelectorAll('*')].flatMap((el) => (el.shadowRoot ? [el.shadowRoot] : [])),
    ];
    const ending = roots.flatMap((root) => root.getAnimations()).filter((a) => a.effect?.getComputedTiming().iterations !== Infinity);
    await Promise.all(ending.map((a) => a.finished.catch(() => undefined)));
  });
  // Evaluated over DevTools, so the page's CSP (rightly) does not apply to the checker itself.
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(context: Document): Promise<{ violations: { id: string; help: string; nodes: { target: unknown }[] }[] }> };
      }
    ).axe;
    const result = await axe.run(document);
    return result.violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`).join('\n');
  });
}

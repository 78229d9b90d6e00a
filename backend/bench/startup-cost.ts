/**
 * Measure 2: what the widget costs the page it is on at start-up. The demo page's
 * production build with the widget, against the same page with the widget's script tag
 * removed, each loaded by a first-time visitor (a fresh browser context) in headless
 * Chromium: main-thread scripting time from the DevTools Performance domain's metrics
 * (ScriptDuration, in thread time so that other processes on this machine do not count),
 * read once the page has loaded, the launcher has shown and scripting has gone quiet.
 * Median of LOADS loads each, the two pages in turns, without throttling and with the CPU
 * slowed 4x (DevTools' mid-range phone setting).
 */
import type { Browser, CDPSession } from 'playwright-core';
import { LAUNCHER_RENDERED, launchChromium } from './support/chromium.ts';
import { PAGE_WITH_WIDGET, PAGE_WITHOUT_WIDGET, serveSite } from './support/demo-site.ts';
import { type Figure, figure, type Measure } from './support/figures.ts';
import { median } from './support/stats.ts';

const TITLE = 'Widget start-up cost';
const LOADS = 15;
const QUICK_LOADS = 2;
const THROTTLING = [1, 4];
/** Scripting counts as done once its total has not moved for this long. */
const QUIET_MS = 200;

export const startupCost: Measure = {
  title: TITLE,
  async run({ quick, log, site }) {
    const loads = quick ? QUICK_LOADS : LOADS;
    const server = await serveSite((await site()).dir);
    const browser = await launchChromium();
    const figures: Figure[] = [];
    try {
      for (const rate of THROTTLING) {
        const withWidget: number[] = [];
        const without: number[] = [];
        for (let i = 0; i < loads; i++) {
          // In turns, and each first on alternate loads, so drift falls on both alike.
          const order = i % 2 === 0 ? [true, false] : [false, true];
          for (const widget of order) {
            const ms = await scriptingMs(browser, `${server.url}${widget ? PAGE_WITH_WIDGET : PAGE_WITHOUT_WIDGET}`, rate, widget);
            (widget ? withWidget : without).push(ms);
          }
        }
        const [ours, base] = [median(withWidget), median(without)];
        const throttling = rate === 1 ? 'no CPU throttling' : `CPU throttled ${rate}x`;
        log(`${throttling}: ${ours.toFixed(1)} ms with the widget, ${base.toFixed(1)} ms without (medians of ${loads})`);
        figures.push(
          figure(TITLE, `main-thread scripting, demo page with the widget, ${throttling}`, ours, 'ms', {
            baseline: { name: 'the same page without it', value: base },
            note: `median of ${loads} loads each`,
          }),
          figure(TITLE, `the widget's share, ${throttling}`, ours - base, 'ms', { note: 'difference of the medians' }),
        );
      }
    } finally {
      await browser.close();
      await server.stop();
    }
    return figures;
  },
};

/** One first-time load of a page: its main thread's scripting time, in ms. */
async function scriptingMs(browser: Browser, url: string, cpuSlowdown: number, waitForLauncher: boolean): Promise<number> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const devtools = await context.newCDPSession(page);
    await devtools.send('Performance.enable', { timeDomain: 'threadTicks' });
    if (cpuSlowdown > 1) await devtools.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
    await page.goto(url, { waitUntil: 'load' });
    if (waitForLauncher) await page.waitForFunction(LAUNCHER_RENDERED);
    return await quietScripting(devtools);
  } finally {
    await context.close();
  }
}

/** ScriptDuration once it has stopped growing (late tasks, a second render, count too). */
async function quietScripting(devtools: CDPSession): Promise<number> {
  const read = async () => {
    const { metrics } = await devtools.send('Performance.getMetrics');
    const script = metrics.find((m) => m.name === 'ScriptDuration');
    if (!script) throw new Error('Chromium reported no ScriptDuration');
    return script.value * 1000;
  };
  let last = await read();
  for (let waited = 0; waited < 5_000; waited += QUIET_MS) {
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
    const now = await read();
    if (now === last) return now;
    last = now;
  }
  return last;
}

/**
 * Measure 2: what the widget costs the page it is on at start-up. The demo page's
 * production build with the widget, against the same page with the widget's script tag
 * removed, each loaded by a first-time visitor (a fresh browser context) in headless
 * Chromium: main-thread scripting time from the DevTools Performance domain's metrics
 * (ScriptDuration, in thread time so that other processes on this machine do not count),
 * read once the page has loaded, the launcher has shown and scripting has gone quiet.
 * Since issue 18 the script tag loads a loader, and the chat comes on the visitor's first
 * interest or when the browser is idle after the page's load: the page is measured up to
 * idle time (requestIdleCallback never calls back: what the page's load costs, before any
 * interest), and with the chat loaded at idle (everything a first visit costs in all), each
 * beside the baseline commit's build
 * (`--baseline`), which did all of it at once. Median of LOADS loads each, the pages in
 * turns, without throttling and with the CPU slowed 4x (DevTools' mid-range phone setting).
 */
import type { Browser, CDPSession } from 'playwright-core';
import { CHAT_LOADED, LAUNCHER_RENDERED, launchChromium } from './support/chromium.ts';
import { PAGE_WITH_WIDGET, PAGE_WITHOUT_WIDGET, serveSite, VISITOR_APP_SCRIPT } from './support/demo-site.ts';
import { type Figure, figure, type Measure } from './support/figures.ts';
import { median } from './support/stats.ts';

const TITLE = 'Widget start-up cost';
// 25: the loader's share is a difference of two medians about 2 ms apart, each spread by a few tenths.
const LOADS = 25;
const QUICK_LOADS = 2;
const THROTTLING = [1, 4];
/** Scripting counts as done once its total has not moved for this long. */
const QUIET_MS = 200;

/** One way of loading the demo page. */
interface Variant {
  url: string;
  /** The page has the widget: wait for its launcher. */
  widget: boolean;
  /**
   * The page's load alone: no idle time (requestIdleCallback never calls back, where the
   * loader starts the chat) and support-chat-app.js held back, as before any interest.
   */
  loadOnly?: boolean;
}

export const startupCost: Measure = {
  title: TITLE,
  async run({ quick, log, site, baseline }) {
    const loads = quick ? QUICK_LOADS : LOADS;
    const before = await baseline();
    const [server, earlier] = await Promise.all([serveSite((await site()).dir), serveSite(before.dir)]);
    const browser = await launchChromium();
    const figures: Figure[] = [];
    const variants = {
      without: { url: `${server.url}${PAGE_WITHOUT_WIDGET}`, widget: false },
      loader: { url: `${server.url}${PAGE_WITH_WIDGET}`, widget: true, loadOnly: true },
      idle: { url: `${server.url}${PAGE_WITH_WIDGET}`, widget: true },
      earlier: { url: `${earlier.url}${PAGE_WITH_WIDGET}`, widget: true },
    } satisfies Record<string, Variant>;
    try {
      for (const rate of THROTTLING) {
        const ms = Object.fromEntries(Object.keys(variants).map((name) => [name, [] as number[]])) as Record<
          keyof typeof variants,
          number[]
        >;
        for (let i = 0; i < loads; i++) {
          // In turns, each first on its turn, so drift falls on all alike.
          const names = Object.keys(variants) as (keyof typeof variants)[];
          for (let k = 0; k < names.length; k++) {
            const name = names[(i + k) % names.length]!;
            ms[name].push(await scriptingMs(browser, variants[name], rate));
          }
        }
        const m = Object.fromEntries(Object.entries(ms).map(([name, list]) => [name, median(list)])) as Record<
          keyof typeof variants,
          number
        >;
        const throttling = rate === 1 ? 'no CPU throttling' : `CPU throttled ${rate}x`;
        log(
          `${throttling}: without the widget ${m.without.toFixed(1)} ms; with it, up to idle time ${m.loader.toFixed(1)} ms, ` +
            `the chat loaded at idle ${m.idle.toFixed(1)} ms; ${before.commit}'s ${m.earlier.toFixed(1)} ms (medians of ${loads})`,
        );
        const then = { name: `${before.commit}'s widget`, value: m.earlier - m.without };
        figures.push(
          figure(TITLE, `main-thread scripting, demo page without the widget, ${throttling}`, m.without, 'ms', {
            note: `median of ${loads} loads`,
          }),
          figure(TITLE, `the widget's share on the page's load, up to idle time (the loader), ${throttling}`, m.loader - m.without, 'ms', {
            baseline: then,
            note: `difference of the medians; ${before.commit} ran the whole widget as the page loaded`,
          }),
          figure(TITLE, `the widget's share with the chat loaded at idle after the load, ${throttling}`, m.idle - m.without, 'ms', {
            baseline: then,
            note: 'difference of the medians: what a first visit costs in all, most of it in idle time',
          }),
        );
      }
    } finally {
      await browser.close();
      await Promise.all([server.stop(), earlier.stop()]);
    }
    return figures;
  },
};

/** One first-time load of a page: its main thread's scripting time, in ms. */
async function scriptingMs(browser: Browser, variant: Variant, cpuSlowdown: number): Promise<number> {
  const context = await browser.newContext();
  try {
    // Every variant gets the same init script and route, so that what Playwright adds to a
    // page's scripting falls on all alike; only the page's load alone uses them: idle time
    // never comes (the loader starts the chat there), and the chat, were it asked for, never answers.
    await context.addInitScript(
      ({ stub }) => {
        if (stub) window.requestIdleCallback = () => 0;
      },
      { stub: variant.loadOnly === true },
    );
    await context.route(`**/${VISITOR_APP_SCRIPT}`, (route) => (variant.loadOnly ? undefined : route.continue()));
    const page = await context.newPage();
    const devtools = await context.newCDPSession(page);
    await devtools.send('Performance.enable', { timeDomain: 'threadTicks' });
    if (cpuSlowdown > 1) await devtools.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
    await page.goto(variant.url, { waitUntil: 'load' });
    if (variant.widget) await page.waitForFunction(LAUNCHER_RENDERED);
    if (variant.widget && !variant.loadOnly) await page.waitForFunction(CHAT_LOADED);
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

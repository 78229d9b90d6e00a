import type { Target } from './in-page.ts';

/**
 * The engine-neutral driver the cross-engine journeys use: what a person does on a page,
 * the same in Chromium (Playwright), Firefox (Puppeteer over WebDriver BiDi) and WebKit
 * (WebKitWebDriver over WebDriver classic). Elements are found by a function run in the
 * page (in-page.ts), so that shadow roots are pierced the same way in every engine.
 */
export type EngineName = 'chromium' | 'firefox' | 'webkit';
export const ENGINE_NAMES: readonly EngineName[] = ['chromium', 'firefox', 'webkit'];

export interface EnginePage {
  readonly engine: EngineName;
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  url(): Promise<string>;
  /** Runs `fn(arg)` in the page and answers its (awaited) result, which must be plain data. */
  evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /** Clicks the element `target` finds (it must be there: see `waitFor` in actors.ts). */
  click(target: Target): Promise<void>;
  /** Types `text` key by key into the element `target` finds, then presses Enter if asked. */
  type(target: Target, text: string, options?: { enter?: boolean }): Promise<void>;
  screenshot(path: string): Promise<void>;
  /**
   * The browser's own offline switch (`navigator.onLine`, the `offline` event), where the
   * engine's driver has one; WebDriver classic has none. The network itself is cut in the
   * test's own hop (backend/local/flaky-network.ts), whatever the engine.
   */
  setOffline?(offline: boolean): Promise<void>;
}

export interface PageOptions {
  /** What the page's `/config.json` answers instead of the site's (Chromium only: Playwright routes requests). */
  siteConfig?: object;
}

export interface EngineBrowser {
  readonly name: EngineName;
  /** A page with storage of its own, like another person's browser. */
  newPage(options?: PageOptions): Promise<EnginePage>;
  /**
   * Console errors and uncaught page errors, where the driver reports them (Chromium,
   * Firefox; WebDriver classic has no log for WebKit).
   */
  readonly problems: string[];
  /** Closes every page and stops every process this browser started. */
  close(): Promise<void>;
}

/** How long one wait for the page may take before it fails: a guard against hangs, never a speed check. */
export const STEP_WAIT_MS = 30_000;

/** Starts `name`'s browser (each engine's module is loaded only when it runs). */
export async function launchEngine(name: EngineName): Promise<EngineBrowser> {
  switch (name) {
    case 'chromium':
      return (await import('./chromium.ts')).launchChromiumEngine();
    case 'firefox':
      return (await import('./firefox.ts')).launchFirefoxEngine();
    case 'webkit':
      return (await import('./webkit.ts')).launchWebKitEngine();
  }
}

/**
 * The engines a cross-engine file runs in: `E2E_ENGINES` (comma-separated, e.g.
 * `E2E_ENGINES=webkit`) if set, else `defaults`. An unknown name is an error, not a skip.
 */
export function enginesToRun(defaults: readonly EngineName[]): EngineName[] {
  const wanted = process.env.E2E_ENGINES?.split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (!wanted?.length) return [...defaults];
  for (const name of wanted) {
    if (!ENGINE_NAMES.includes(name as EngineName))
      throw new Error(`E2E_ENGINES: unknown engine "${name}" (known: ${ENGINE_NAMES.join(', ')})`);
  }
  return wanted as EngineName[];
}

/**
 * Measure 1: what the widget weighs. The visitor's script and the agent console's, as
 * the demo site's production build makes them (minified): raw, gzip (level 9) and brotli
 * (quality 11) bytes. Beside them, three peers' visitor widgets measured the same way in
 * the same run, from their own published code installed from npm (support/peer-widgets.ts
 * says which files each one's first load is), and three more peers' published sizes,
 * labelled as cited: their widgets' code comes from the vendors' servers. Then what a
 * first-time visitor's browser actually downloads for the widget before its launcher
 * shows, in headless Chromium, from a server that compresses as a CDN does, against what
 * the page itself downloads.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Browser, Request } from 'playwright-core';
import { LAUNCHER_RENDERED, launchChromium } from './support/chromium.ts';
import { AGENT_CONSOLE_SCRIPT, PAGE_WITH_WIDGET, PAGE_WITHOUT_WIDGET, serveSite, VISITOR_SCRIPT } from './support/demo-site.ts';
import { type Figure, figure, type Measure } from './support/figures.ts';
import { measurePeerWidgets } from './support/peer-widgets.ts';

const TITLE = 'Widget weight';

/**
 * Published sizes of peers' visitor widgets (JavaScript a visitor downloads, compressed),
 * as their vendors or reviewers publish them. Cited, not measured: these widgets' code is
 * served from the vendors' own hosts when a page loads, and the bench runs offline.
 */
const CITED_PEERS = [
  { name: 'Crisp', kB: 130 },
  { name: 'Chatwoot', kB: 170 },
  { name: 'Intercom', kB: 300 },
];

export const widgetWeight: Measure = {
  title: TITLE,
  async run({ log, site }) {
    const { dir } = await site();
    const figures: Figure[] = [];
    const sizes = new Map<string, { raw: number; gzip: number; brotli: number }>();
    for (const [label, file] of [
      ['visitor widget', VISITOR_SCRIPT],
      ['agent console', AGENT_CONSOLE_SCRIPT],
    ] as const) {
      const code = await readFile(join(dir, file));
      const size = {
        raw: code.length / 1000,
        gzip: gzipSync(code, { level: 9 }).length / 1000,
        brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length / 1000,
      };
      sizes.set(file, size);
      log(`${file}: ${size.raw.toFixed(1)} kB minified, ${size.gzip.toFixed(1)} kB gzip, ${size.brotli.toFixed(1)} kB brotli`);
      figures.push(
        figure(TITLE, `${label} (${file}), minified`, size.raw, 'kB'),
        figure(TITLE, `${label}, min+gzip`, size.gzip, 'kB'),
        figure(TITLE, `${label}, min+brotli`, size.brotli, 'kB'),
      );
    }
    const visitor = sizes.get(VISITOR_SCRIPT)!;
    for (const peer of await measurePeerWidgets()) {
      const files = peer.files.map((file) => `${file.name} (${(file.gzipBytes / 1000).toFixed(1)} kB)`).join(', ');
      log(
        `${peer.name}, ${peer.source}: ${(peer.bytes / 1000).toFixed(1)} kB minified, ${(peer.gzipBytes / 1000).toFixed(1)} kB gzip, in ${files}`,
      );
      const baseline = `${peer.name}, first load, measured here`;
      const note = `${peer.source}: ${peer.firstLoad}; ${peer.files.length === 1 ? 'one file' : `${peer.files.length} files, each gzipped on its own`}`;
      figures.push(
        figure(TITLE, `visitor widget, minified, against ${peer.name}`, visitor.raw, 'kB', {
          baseline: { name: baseline, value: peer.bytes / 1000 },
          note,
        }),
        figure(TITLE, `visitor widget, min+gzip, against ${peer.name}`, visitor.gzip, 'kB', {
          baseline: { name: baseline, value: peer.gzipBytes / 1000 },
        }),
      );
    }
    for (const peer of CITED_PEERS) {
      figures.push(
        figure(TITLE, `visitor widget, min+gzip, against ${peer.name}`, visitor.gzip, 'kB', {
          baseline: { name: peer.name, value: peer.kB, cited: true },
        }),
      );
    }

    const server = await serveSite(dir);
    const browser = await launchChromium();
    try {
      const withWidget = await downloads(browser, `${server.url}${PAGE_WITH_WIDGET}`, true);
      const pageOnly = await downloads(browser, `${server.url}${PAGE_WITHOUT_WIDGET}`, false);
      const pagePaths = new Set(pageOnly.map((d) => d.path));
      const widgetOnly = withWidget.filter((d) => !pagePaths.has(d.path) && d.path !== PAGE_WITH_WIDGET);
      const kB = (list: typeof withWidget) => list.reduce((sum, d) => sum + d.bytes, 0) / 1000;
      log(
        `before the launcher shows, the widget downloaded ${widgetOnly.map((d) => `${d.path} (${(d.bytes / 1000).toFixed(1)} kB)`).join(', ')}`,
      );
      figures.push(
        figure(TITLE, 'downloaded for the widget before its launcher shows', kB(widgetOnly), 'kB', {
          baseline: { name: 'the demo page itself, without the widget', value: kB(pageOnly) },
          note: `${widgetOnly.length} request${widgetOnly.length === 1 ? '' : 's'} (${widgetOnly.map((d) => d.path).join(', ')}), as transferred: headers and ${withWidget.find((d) => d.path === `/${VISITOR_SCRIPT}`)?.encoding ?? 'uncompressed'} body`,
        }),
      );
    } finally {
      await browser.close();
      await server.stop();
    }
    return figures;
  },
};

interface Download {
  path: string;
  /** Transferred: response headers and the encoded body. */
  bytes: number;
  encoding: string;
}

/** What a first-time visitor's browser downloads for a page: until the launcher shows, or until the page has loaded. */
async function downloads(browser: Browser, url: string, untilLauncher: boolean): Promise<Download[]> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const finished: Promise<Download | undefined>[] = [];
    const describe = async (request: Request): Promise<Download> => {
      const sizes = await request.sizes();
      const response = await request.response();
      return {
        path: new URL(request.url()).pathname,
        bytes: sizes.responseHeadersSize + sizes.responseBodySize,
        encoding: (await response?.headerValue('content-encoding')) ?? 'identity',
      };
    };
    // A request finishing as the context closes cannot be described any more: it came
    // after the moment measured anyway.
    page.on('requestfinished', (request) => finished.push(describe(request).catch(() => undefined)));
    await page.goto(url, { waitUntil: 'load' });
    if (untilLauncher) await page.waitForFunction(LAUNCHER_RENDERED);
    else await page.waitForLoadState('networkidle');
    // What finished by now; anything later (a favicon, say) came after the launcher.
    return (await Promise.all([...finished])).filter((download) => download !== undefined);
  } finally {
    await context.close();
  }
}

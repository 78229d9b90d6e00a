/**
 * Measure 1: what the widget weighs. The visitor's scripts and the agent console's, as
 * the demo site's production build makes them (minified): raw, gzip (level 9) and brotli
 * (quality 11) bytes, beside the baseline commit's build (`--baseline`: before issue 18,
 * support-chat.js was the whole widget; since, it is the loader, which loads
 * support-chat-app.js, the chat). Beside them, three peers' visitor widgets measured the
 * same way in the same run, from their own published code installed from npm
 * (support/peer-widgets.ts says which files each one's first load is), and three more
 * peers' published sizes, labelled as cited: their widgets' code comes from the vendors'
 * servers. Then what a first-time visitor's browser downloads for the widget, in headless
 * Chromium, from a server that compresses as a CDN does: by the page's load event, and in
 * all once the chat has loaded at idle.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/chromium.ts';
import {
  AGENT_CONSOLE_SCRIPT,
  PAGE_WITH_WIDGET,
  PAGE_WITHOUT_WIDGET,
  serveSite,
  VISITOR_APP_SCRIPT,
  VISITOR_FILES_SCRIPT,
  VISITOR_SCRIPT,
} from './support/demo-site.ts';
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

interface Size {
  raw: number;
  gzip: number;
  brotli: number;
}

/** A built script's size in kB; undefined where the build has no such file. */
async function size(dir: string, file: string): Promise<Size | undefined> {
  const code = await readFile(join(dir, file)).catch(() => undefined);
  if (!code) return undefined;
  return {
    raw: code.length / 1000,
    gzip: gzipSync(code, { level: 9 }).length / 1000,
    brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length / 1000,
  };
}

export const widgetWeight: Measure = {
  title: TITLE,
  async run({ log, site, baseline }) {
    const [{ dir }, before] = await Promise.all([site(), baseline()]);
    const then = `${before.commit}'s`;
    const figures: Figure[] = [];
    const [loader, app, files, agents] = await Promise.all(
      [VISITOR_SCRIPT, VISITOR_APP_SCRIPT, VISITOR_FILES_SCRIPT, AGENT_CONSOLE_SCRIPT].map((file) => size(dir, file)),
    );
    const [whole, filesThen, agentsThen] = await Promise.all(
      [VISITOR_SCRIPT, VISITOR_FILES_SCRIPT, AGENT_CONSOLE_SCRIPT].map((file) => size(before.dir, file)),
    );
    if (!loader || !app || !files || !agents || !whole) throw new Error('a widget script is missing from a build');
    for (const [file, s] of [
      [VISITOR_SCRIPT, loader],
      [VISITOR_APP_SCRIPT, app],
      [VISITOR_FILES_SCRIPT, files],
      [AGENT_CONSOLE_SCRIPT, agents],
      [`${VISITOR_SCRIPT} at ${before.commit}`, whole],
    ] as const) {
      log(`${file}: ${s.raw.toFixed(1)} kB minified, ${s.gzip.toFixed(1)} kB gzip, ${s.brotli.toFixed(1)} kB brotli`);
    }
    const wholeThen = { name: `${then} ${VISITOR_SCRIPT}, the whole widget`, value: whole.gzip };
    const toChat = loader.gzip + app.gzip;
    figures.push(
      figure(TITLE, `loader (${VISITOR_SCRIPT}), min+gzip`, loader.gzip, 'kB', { baseline: wholeThen, note: 'what the script tag loads' }),
      figure(TITLE, 'loader, minified', loader.raw, 'kB', { baseline: { name: wholeThen.name, value: whole.raw } }),
      figure(TITLE, 'loader, min+brotli', loader.brotli, 'kB', { baseline: { name: wholeThen.name, value: whole.brotli } }),
      figure(TITLE, `chat (${VISITOR_APP_SCRIPT}), min+gzip`, app.gzip, 'kB', {
        note: 'loaded on the visitor’s first interest, or when the browser is idle after the page’s load',
      }),
      figure(TITLE, 'visitor widget to chat (loader and chat), min+gzip', toChat, 'kB', { baseline: wholeThen }),
      figure(TITLE, 'visitor widget to chat, min+brotli', loader.brotli + app.brotli, 'kB', {
        baseline: { name: wholeThen.name, value: whole.brotli },
      }),
      figure(TITLE, `file code (${VISITOR_FILES_SCRIPT}), min+gzip`, files.gzip, 'kB', {
        baseline: { name: then, value: filesThen?.gzip ?? null },
        note: 'loaded where files are in play',
      }),
      figure(TITLE, `agent console (${AGENT_CONSOLE_SCRIPT}), min+gzip`, agents.gzip, 'kB', {
        baseline: { name: then, value: agentsThen?.gzip ?? null },
      }),
      figure(TITLE, 'agent console, min+brotli', agents.brotli, 'kB', { baseline: { name: then, value: agentsThen?.brotli ?? null } }),
    );
    // The visitor's side as a first chat needs it: the loader and the chat.
    const toChatRaw = loader.raw + app.raw;
    for (const peer of await measurePeerWidgets()) {
      const peerFiles = peer.files.map((file) => `${file.name} (${(file.gzipBytes / 1000).toFixed(1)} kB)`).join(', ');
      log(
        `${peer.name}, ${peer.source}: ${(peer.bytes / 1000).toFixed(1)} kB minified, ${(peer.gzipBytes / 1000).toFixed(1)} kB gzip, in ${peerFiles}`,
      );
      const baseline = `${peer.name}, first load, measured here`;
      const note = `${peer.source}: ${peer.firstLoad}; ${peer.files.length === 1 ? 'one file' : `${peer.files.length} files, each gzipped on its own`}`;
      figures.push(
        figure(TITLE, `visitor widget to chat, minified, against ${peer.name}`, toChatRaw, 'kB', {
          baseline: { name: baseline, value: peer.bytes / 1000 },
          note,
        }),
        figure(TITLE, `visitor widget to chat, min+gzip, against ${peer.name}`, toChat, 'kB', {
          baseline: { name: baseline, value: peer.gzipBytes / 1000 },
        }),
      );
    }
    for (const peer of CITED_PEERS) {
      figures.push(
        figure(TITLE, `visitor widget to chat, min+gzip, against ${peer.name}`, toChat, 'kB', {
          baseline: { name: peer.name, value: peer.kB, cited: true },
        }),
      );
    }

    const servers = await Promise.all([serveSite(dir), serveSite(before.dir)]);
    const browser = await launchChromium();
    try {
      const page = await downloads(browser, `${servers[0]!.url}${PAGE_WITHOUT_WIDGET}`);
      const pagePaths = new Set(page.all.map((d) => d.path));
      const [now, earlier] = await Promise.all(servers.map((server) => downloads(browser, `${server.url}${PAGE_WITH_WIDGET}`)));
      const widgetOnly = (list: Download[]) => list.filter((d) => !pagePaths.has(d.path));
      const kB = (list: Download[]) => list.reduce((sum, d) => sum + d.bytes, 0) / 1000;
      const paths = (list: Download[]) => list.map((d) => `${d.path} (${(d.bytes / 1000).toFixed(1)} kB)`).join(', ') || 'nothing';
      for (const [moment, name] of [
        ['byLoad', 'downloaded for the widget by the page’s load event'],
        ['all', 'downloaded for the widget in all, the chat loaded at idle'],
      ] as const) {
        const ours = widgetOnly(now![moment]);
        const theirs = widgetOnly(earlier![moment]);
        log(`${name}: ${paths(ours)}; at ${before.commit}: ${paths(theirs)}`);
        figures.push(
          figure(TITLE, name, kB(ours), 'kB', {
            baseline: { name: then, value: kB(theirs) },
            note: `${ours.map((d) => d.path).join(', ')}, as transferred (headers and compressed body); the page itself: ${kB(page.all).toFixed(1)} kB`,
          }),
        );
      }
    } finally {
      await browser.close();
      await Promise.all(servers.map((server) => server.stop()));
    }
    return figures;
  },
};

interface Download {
  path: string;
  /** Transferred: response headers and the encoded body (Resource Timing's transferSize). */
  bytes: number;
}

/**
 * What a first-time visitor's browser downloads for a page (the document aside), from the
 * page's own Resource Timing: what had come by its load event, and everything once the
 * network has been quiet for half a second (the chat, loaded at idle, and what it fetches).
 */
async function downloads(browser: Browser, url: string): Promise<{ byLoad: Download[]; all: Download[] }> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForLoadState('networkidle');
    const { entries, loadAt } = await page.evaluate(() => ({
      entries: (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((e) => ({
        path: new URL(e.name).pathname,
        bytes: e.transferSize,
        end: e.responseEnd,
      })),
      loadAt: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventStart,
    }));
    const strip = ({ path, bytes }: Download) => ({ path, bytes });
    return { byLoad: entries.filter((e) => e.end <= loadAt).map(strip), all: entries.map(strip) };
  } finally {
    await context.close();
  }
}

/**
 * What three peers' visitor widgets weigh, measured from their own published code, which
 * the backend workspace installs from npm (exact versions, devDependencies): nothing is
 * downloaded at run time. For each, the files a visitor's browser loads first, each
 * minified as published (or, for Papercups, as a site's bundler would minify it) and
 * compressed on its own with gzip at level 9, as each is a request of its own.
 */
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

export interface PeerFile {
  /** Where it comes from: a path inside the package, or what a bundle holds. */
  name: string;
  /** Minified bytes. */
  bytes: number;
  /** The same after gzip -9. */
  gzipBytes: number;
}

export interface PeerWidget {
  name: string;
  /** The packages measured, with their installed versions. */
  source: string;
  /** What "first load" means for this peer, for the report. */
  firstLoad: string;
  files: PeerFile[];
  /** Totals over the files, in bytes. */
  bytes: number;
  gzipBytes: number;
}

const require = createRequire(import.meta.url);
const workspace = fileURLToPath(new URL('../../', import.meta.url));

/** The installed package's folder and version; a clear error when `npm ci` has not installed it. */
async function installed(pkg: string): Promise<{ dir: string; version: string }> {
  let manifest: string;
  try {
    manifest = require.resolve(`${pkg}/package.json`);
  } catch (error) {
    throw new Error(`${pkg} is not installed: the bench measures it from backend's devDependencies (run npm ci)`, { cause: error });
  }
  const { version } = JSON.parse(await readFile(manifest, 'utf8')) as { version: string };
  return { dir: dirname(manifest), version };
}

function sized(name: string, code: Uint8Array): PeerFile {
  return { name, bytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length };
}

function peer(name: string, source: string, firstLoad: string, files: PeerFile[]): PeerWidget {
  return {
    name,
    source,
    firstLoad,
    files,
    bytes: files.reduce((sum, file) => sum + file.bytes, 0),
    gzipBytes: files.reduce((sum, file) => sum + file.gzipBytes, 0),
  };
}

/**
 * Rocket.Chat Livechat. A site adds the loader script (build/rocketchat-livechat.min.js),
 * which at once appends an iframe of the Rocket.Chat server's /livechat page: the build's
 * index.html, whose script tags load four scripts from livechat/. The last of them, the
 * webpack entry (bundle.<hash>.js), renders nothing until it has fetched the chunks named
 * in its first `Promise.all([r.e(4), r.e(5)])`, each a script and a style sheet, and only
 * then asks the server for its configuration and shows the launcher. So all of those are
 * the first load: the loader, the iframe's page, its scripts and the entry's chunks, here
 * read from the built files themselves rather than listed by hand. (Checked once in
 * headless Chromium against the build served as a Rocket.Chat server serves it: the same
 * files, in that order, then the calls to the server's API.)
 */
async function rocketChatLivechat(): Promise<PeerWidget> {
  const pkg = '@rocket.chat/livechat';
  const { dir, version } = await installed(pkg);
  const buildDir = join(dir, 'build');
  const loader = 'rocketchat-livechat.min.js';
  const page = await readFile(join(buildDir, 'index.html'), 'utf8');
  const scripts = [...page.matchAll(/<script src="livechat\/([^"]+)"/g)].map((match) => match[1]!);
  const entry = scripts.find((script) => /^bundle\.[0-9a-f]+\.js$/.test(script));
  if (!entry) throw new Error(`${pkg}@${version}: its build/index.html loads no bundle.<hash>.js (${scripts.join(', ') || 'no scripts'})`);
  const entryCode = await readFile(join(buildDir, entry), 'utf8');
  const awaited = /Promise\.all\(\[((?:\w+\.e\(\d+\),?)+)\]\)/.exec(entryCode);
  if (!awaited) throw new Error(`${pkg}@${version}: ${entry} does not wait for chunks before its first render, as read here`);
  const chunkIds = [...awaited[1]!.matchAll(/\.e\((\d+)\)/g)].map((match) => match[1]!);
  const built = await readdir(buildDir);
  const chunks = chunkIds.flatMap((id) => {
    const files = built.filter((file) => new RegExp(`^${id}\\.chunk\\.[0-9a-f]+\\.(js|css)$`).test(file));
    if (!files.some((file) => file.endsWith('.js')))
      throw new Error(`${pkg}@${version}: ${entry} loads chunk ${id}, but build/ has no ${id}.chunk.<hash>.js`);
    return files.sort();
  });
  const files = [loader, 'index.html', ...scripts, ...chunks];
  return peer(
    'Rocket.Chat Livechat',
    `${pkg}@${version}`,
    `its loader, the iframe's page and its ${scripts.length} scripts, and chunks ${chunkIds.join(' and ')} (${chunks.length} files: scripts${chunks.some((file) => file.endsWith('.css')) ? ' and style sheets' : ''}) that its entry loads before rendering`,
    await Promise.all(files.map(async (file) => sized(`build/${file}`, await readFile(join(buildDir, file))))),
  );
}

/**
 * Amazon Connect's ChatJS: the library a custom Connect chat UI is built on (Amazon's
 * hosted widget is not published as a package). Its package's main file,
 * dist/amazon-connect-chat.js, one minified script, is what such a page loads before any
 * UI of its own, so the figure is a floor for a Connect chat widget, not the whole of one.
 */
async function amazonConnectChatJs(): Promise<PeerWidget> {
  const pkg = 'amazon-connect-chatjs';
  const { dir, version } = await installed(pkg);
  const main = require.resolve(pkg);
  return peer('Amazon Connect ChatJS', `${pkg}@${version}`, 'the library a custom chat UI loads, before any UI', [
    sized(main.slice(dir.length + 1), await readFile(main)),
  ]);
}

const PAPERCUPS = '@papercups-io/chat-widget';

/**
 * Papercups' React widget. It is published as an ES module that imports React and its
 * other dependencies, so a site bundles it: here as a small page script that renders
 * <ChatWidget> with react-dom, the way its README shows, bundled with esbuild (minified,
 * production React, one script). The widget then opens an iframe of Papercups' hosted chat
 * window and shows its launcher once that has loaded; that page is not in the package, so
 * it is not counted and the figure is a floor.
 */
async function papercupsChatWidget(): Promise<PeerWidget> {
  const [{ version }, react, reactDom] = await Promise.all([installed(PAPERCUPS), installed('react'), installed('react-dom')]);
  return peer(
    'Papercups',
    `${PAPERCUPS}@${version} with react@${react.version} and react-dom@${reactDom.version}`,
    'the widget and the React it needs, bundled as a site would (esbuild, minified, production); its hosted chat window not counted',
    [sized(`${PAPERCUPS} + react + react-dom, one esbuild bundle`, await bundlePapercups())],
  );
}

/** The page script a site using Papercups serves: the widget rendered by react-dom, one minified production bundle. */
export async function bundlePapercups(): Promise<Uint8Array> {
  const result = await build({
    stdin: {
      contents: [
        "import { createElement } from 'react';",
        "import { render } from 'react-dom';",
        `import { ChatWidget } from '${PAPERCUPS}';`,
        "const root = document.body.appendChild(document.createElement('div'));",
        "render(createElement(ChatWidget, { token: '00000000-0000-0000-0000-000000000000', title: 'Welcome' }), root);",
      ].join('\n'),
      // From the workspace that depends on them, as a site's own code resolves them.
      resolveDir: workspace,
      loader: 'js',
    },
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    define: { 'process.env.NODE_ENV': '"production"' },
    write: false,
    logLevel: 'silent',
  });
  const [bundle] = result.outputFiles;
  if (!bundle) throw new Error(`esbuild made no bundle of ${PAPERCUPS}`);
  return bundle.contents;
}

/** The three peers, in the order the report shows them. */
export function measurePeerWidgets(): Promise<PeerWidget[]> {
  return Promise.all([rocketChatLivechat(), amazonConnectChatJs(), papercupsChatWidget()]);
}

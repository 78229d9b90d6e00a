/**
 * The demo site as a customer's visitors get it: `vite build` of demo-site (which builds
 * the widget's scripts next to its pages, minified, as deployed), served by a small static
 * server that compresses as a CDN does. Also the same page without the widget's script
 * tag, the baseline of the widget's start-up cost.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'vite';
import { closeNow, listenOnLoopback } from '../../local/ports.ts';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const siteRoot = join(repoRoot, 'demo-site');

/** The script a page's tag loads: the whole widget until issue 18, since then the loader. */
export const VISITOR_SCRIPT = 'support-chat.js';
/** The chat the loader loads (issue 18); a build from before has none. */
export const VISITOR_APP_SCRIPT = 'support-chat-app.js';
/** The visitor's file code, loaded where files are in play. */
export const VISITOR_FILES_SCRIPT = 'support-chat-files.js';
export const AGENT_CONSOLE_SCRIPT = 'support-agent-console.js';
export const PAGE_WITH_WIDGET = '/index.html';
export const PAGE_WITHOUT_WIDGET = '/no-widget.html';

export interface BuiltSite {
  /** The build's folder: pages, assets and the widget's scripts. */
  dir: string;
  remove(): Promise<void>;
}

/** Builds demo-site (and with it the widget) into a fresh temporary folder. */
export async function buildDemoSite(root = siteRoot): Promise<BuiltSite> {
  const dir = await mkdtemp(join(tmpdir(), 'support-chat-bench-site-'));
  // Relative to the site's root: its config joins root and outDir to place the widget's
  // scripts, and an absolute outDir would be appended, not followed.
  const outDir = relative(root, dir);
  await build({
    root,
    configFile: existsSync(join(root, 'vite.config.ts')) ? join(root, 'vite.config.ts') : false,
    build: { outDir, emptyOutDir: true },
    logLevel: 'warn',
  });
  for (const script of [VISITOR_SCRIPT, AGENT_CONSOLE_SCRIPT]) {
    if (!existsSync(join(dir, script))) throw new Error(`the demo site's build has no ${script}`);
  }
  const page = await readFile(join(dir, PAGE_WITH_WIDGET), 'utf8');
  const withoutWidget = page.replace(/<script\b[^>]*\bsrc="\/support-chat\.js"[^>]*>\s*<\/script>/, '');
  if (withoutWidget === page) throw new Error(`no <script src="/${VISITOR_SCRIPT}"> in the built ${PAGE_WITH_WIDGET}`);
  await writeFile(join(dir, PAGE_WITHOUT_WIDGET), withoutWidget);
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * The demo site as an earlier commit built it, for figures beside today's from the same
 * run: the commit's files (`git archive`) in a temporary folder, with this checkout's
 * node_modules linked in, except the workspaces' own packages, which point at the
 * commit's. The dependencies are this checkout's: where the lockfile changed since the
 * commit, it says so.
 */
export async function buildCommitSite(commit: string): Promise<BuiltSite> {
  const git = (...args: string[]) => promisify(execFile)('git', args, { cwd: repoRoot, maxBuffer: 1 << 30, encoding: 'buffer' });
  const checkout = await mkdtemp(join(tmpdir(), `support-chat-bench-${commit}-`));
  try {
    const [then, now] = await Promise.all([git('show', `${commit}:package-lock.json`), readFile(join(repoRoot, 'package-lock.json'))]);
    if (!then.stdout.equals(now)) console.warn(`  package-lock.json changed since ${commit}: its build uses today's dependencies`);
    const archive = join(checkout, 'commit.tar');
    await git('archive', '--output', archive, commit);
    await promisify(execFile)('tar', ['-xf', archive, '-C', checkout]);
    await rm(archive);
    const modules = join(checkout, 'node_modules');
    await mkdir(join(modules, '@support-chat'), { recursive: true });
    for (const entry of await readdir(join(repoRoot, 'node_modules'))) {
      if (entry !== '@support-chat') await symlink(join(repoRoot, 'node_modules', entry), join(modules, entry));
    }
    for (const workspace of ['backend', 'widget', 'demo-site']) {
      const { name } = JSON.parse(await readFile(join(checkout, workspace, 'package.json'), 'utf8')) as { name: string };
      await symlink(join(checkout, workspace), join(modules, name));
    }
    const site = await buildDemoSite(join(checkout, 'demo-site'));
    return { dir: site.dir, remove: () => Promise.all([site.remove(), rm(checkout, { recursive: true, force: true })]).then(() => {}) };
  } catch (error) {
    await rm(checkout, { recursive: true, force: true });
    throw error;
  }
}

export interface SiteServer {
  /** http://127.0.0.1:PORT */
  url: string;
  stop(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.map': 'application/json',
};

/**
 * Serves a built site. Text is sent brotli- or gzip-compressed at their best settings,
 * whichever the browser accepts, as a CDN serving pre-compressed files does; `config.json`
 * names an endpoint nobody listens on (a first-time visitor does not connect).
 */
export async function serveSite(dir: string): Promise<SiteServer> {
  const compressed = new Map<string, { br: Buffer; gzip: Buffer; raw: Buffer }>();
  const config = Buffer.from(
    JSON.stringify({
      websocketUrl: 'ws://127.0.0.1:9',
      region: 'local',
      userPoolId: 'none',
      userPoolClientId: 'none',
      agentConsoleUrl: '/agent.html',
    }),
  );

  const send = async (req: IncomingMessage, res: ServerResponse) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const file = path === '/' ? PAGE_WITH_WIDGET : path;
    let body = compressed.get(file);
    if (!body) {
      const raw = file === '/config.json' ? config : await readFile(join(dir, file)).catch(() => undefined);
      if (!raw) return void res.writeHead(404).end();
      body = {
        raw,
        br: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }),
        gzip: gzipSync(raw, { level: 9 }),
      };
      compressed.set(file, body);
    }
    const accepted = String(req.headers['accept-encoding'] ?? '');
    const encoding = /\bbr\b/.test(accepted) ? 'br' : /\bgzip\b/.test(accepted) ? 'gzip' : undefined;
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
      vary: 'accept-encoding',
      ...(encoding && { 'content-encoding': encoding }),
    });
    res.end(encoding ? body[encoding] : body.raw);
  };
  const server = createServer((req, res) => {
    send(req, res).catch(() => res.writeHead(500).end());
  });
  const port = await listenOnLoopback(server, 0);
  return { url: `http://127.0.0.1:${port}`, stop: () => closeNow(server) };
}

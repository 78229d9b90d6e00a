import { readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import { build, defineConfig, type Plugin } from 'vite';
import { EXTRA_CHUNKS } from '../widget/src/visitor/extra-chunks.ts';

const siteRoot = fileURLToPath(new URL('.', import.meta.url));
const widgetRoot = join(siteRoot, '..', 'widget');
const widgetConfig = join(widgetRoot, 'vite.config.ts');

/** The classic scripts the pages load, and the widget sources they are built from. */
const SCRIPTS: Record<string, { entry: string; define?: Record<string, string>; globalName?: string }> = {
  // The loader a page's script tag loads; it loads the chat, support-chat-app.js, from beside itself.
  '/support-chat.js': { entry: join(widgetRoot, 'src', 'visitor', 'loader.ts') },
  '/support-chat-app.js': { entry: join(widgetRoot, 'src', 'visitor', 'embed.ts') },
  // The chat's lazy chunks, loaded when first needed (with WIDGET_DEV, bundled into the chat instead).
  ...Object.fromEntries(
    Object.entries(EXTRA_CHUNKS).map(([name, entry]) => [
      `/support-chat-${name}.js`,
      { entry: join(widgetRoot, 'src', 'visitor', entry), globalName: `SupportChatExtras.${name}` },
    ]),
  ),
  // amazon-cognito-identity-js (its `buffer` dependency) reads Node's `global`.
  '/support-agent-console.js': { entry: join(widgetRoot, 'src', 'agent-console.ts'), define: { global: 'globalThis' } },
};

/**
 * `WIDGET_DEV=1 npm start`: each script bundled from the widget's source on each request
 * (edit, reload), with inline source maps. Without it, the production build.
 */
const fromSource = process.env.WIDGET_DEV === '1';

/**
 * The demo site serves the widget the way a customer's site does: as one classic script
 * at /support-chat.js, and the agent console as /support-agent-console.js. The dev server
 * (npm start) serves the widget's production build, minified with its separate .map
 * files, built once when the server starts; with WIDGET_DEV=1 it bundles them from source
 * on each request instead. `vite build` builds both with the widget's own Vite config into
 * dist/, next to the pages.
 */
function widgetScripts(): Plugin {
  let outDir = '';
  let production: Promise<string> | undefined;
  return {
    name: 'support-chat-scripts',
    configureServer(server) {
      if (fromSource) {
        server.middlewares.use((req, res, next) => {
          const script = SCRIPTS[req.url?.split('?')[0] ?? ''];
          if (!script) return next();
          esbuild({
            entryPoints: [script.entry],
            bundle: true,
            format: 'iife',
            target: 'es2021',
            sourcemap: 'inline',
            write: false,
            logLevel: 'silent',
            ...(script.define && { define: script.define }),
            ...(script.globalName && { globalName: script.globalName }),
          }).then(
            (result) => {
              res.setHeader('content-type', 'text/javascript; charset=utf-8');
              res.setHeader('cache-control', 'no-store');
              res.end(result.outputFiles[0]!.text);
            },
            (error: unknown) => next(error),
          );
        });
        return;
      }
      // Started now, awaited by the first request for a script.
      production = mkdtemp(join(tmpdir(), 'support-chat-demo-widget-')).then(async (dir) => {
        await build({ configFile: widgetConfig, build: { outDir: dir }, logLevel: 'warn' });
        return dir;
      });
      production.catch(() => {}); // reported to the request that needs it
      server.middlewares.use((req, res, next) => {
        const path = req.url?.split('?')[0] ?? '';
        const script = path.endsWith('.map') ? path.slice(0, -'.map'.length) : path;
        if (!SCRIPTS[script]) return next();
        production!.then(
          async (dir) => {
            const body = await readFile(join(dir, path.slice(1)));
            res.setHeader('content-type', path.endsWith('.map') ? 'application/json' : 'text/javascript; charset=utf-8');
            res.setHeader('cache-control', 'no-store');
            res.end(body);
          },
          (error: unknown) => next(error),
        );
      });
    },
    configResolved(config) {
      // Vite also runs closeBundle when a dev server closes: build only in `vite build`.
      if (config.command === 'build') outDir = join(config.root, config.build.outDir);
    },
    async closeBundle() {
      if (production) {
        const dir = await production.catch(() => undefined);
        if (dir) await rm(dir, { recursive: true, force: true });
        production = undefined;
      }
      if (!outDir) return;
      await build({
        configFile: widgetConfig,
        build: { outDir, emptyOutDir: false },
        logLevel: 'warn',
      });
    },
  };
}

// Every page at the top level is an entry: index.html, agent.html, alerts.html.
const pages = Object.fromEntries(
  readdirSync(siteRoot)
    .filter((file) => file.endsWith('.html'))
    .map((file) => [file.slice(0, -'.html'.length), join(siteRoot, file)]),
);

export default defineConfig({
  root: siteRoot,
  plugins: [widgetScripts()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: { input: pages },
  },
});

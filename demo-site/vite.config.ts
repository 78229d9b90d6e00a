import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import { build, defineConfig, type Plugin } from 'vite';

const siteRoot = fileURLToPath(new URL('.', import.meta.url));
const widgetRoot = join(siteRoot, '..', 'widget');

/** The classic scripts the pages load, and the widget sources they are built from. */
const SCRIPTS: Record<string, { entry: string; define?: Record<string, string> }> = {
  '/support-chat.js': { entry: join(widgetRoot, 'src', 'visitor', 'embed.ts') },
  // amazon-cognito-identity-js (its `buffer` dependency) reads Node's `global`.
  '/support-agent-console.js': { entry: join(widgetRoot, 'src', 'agent-console.ts'), define: { global: 'globalThis' } },
};

/**
 * The demo site serves the widget the way a customer's site does: as one classic
 * script at /support-chat.js, and the agent console as /support-agent-console.js. In dev
 * each is bundled from the widget's source on each request (edit, reload); `vite build`
 * builds both with the widget's own Vite config into dist/, next to the pages.
 */
function widgetScripts(): Plugin {
  let outDir = '';
  return {
    name: 'support-chat-scripts',
    configureServer(server) {
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
        }).then(
          (result) => {
            res.setHeader('content-type', 'text/javascript; charset=utf-8');
            res.setHeader('cache-control', 'no-store');
            res.end(result.outputFiles[0]!.text);
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
      if (!outDir) return;
      await build({
        configFile: join(widgetRoot, 'vite.config.ts'),
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

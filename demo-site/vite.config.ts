import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import { build, defineConfig, type Plugin } from 'vite';

const siteRoot = fileURLToPath(new URL('.', import.meta.url));
const widgetRoot = join(siteRoot, '..', 'widget');

/**
 * The demo site serves the widget the way a customer's site does: as one classic
 * script at /support-chat.js. In dev it is bundled from the widget's source on each
 * request (edit, reload); `vite build` builds it with the widget's own Vite config
 * into dist/, next to the pages.
 */
function supportChatScript(): Plugin {
  let outDir = '';
  return {
    name: 'support-chat-script',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (req.url?.split('?')[0] !== '/support-chat.js') return next();
        esbuild({
          entryPoints: [join(widgetRoot, 'src', 'embed.ts')],
          bundle: true,
          format: 'iife',
          target: 'es2021',
          sourcemap: 'inline',
          write: false,
          logLevel: 'silent',
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

// Every page at the top level is an entry: index.html now, agent.html and alerts.html
// when the agent console and the alerts page arrive.
const pages = Object.fromEntries(
  readdirSync(siteRoot)
    .filter((file) => file.endsWith('.html'))
    .map((file) => [file.slice(0, -'.html'.length), join(siteRoot, file)]),
);

export default defineConfig({
  root: siteRoot,
  plugins: [supportChatScript()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: { input: pages },
  },
});

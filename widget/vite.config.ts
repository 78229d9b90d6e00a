import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build, defineConfig, type InlineConfig, type Plugin, type UserConfig } from 'vite';
import { minifyTemplates } from './minify-templates.ts';
import { EXTRA_CHUNKS } from './src/visitor/extra-chunks.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Lit's production build, wherever the build runs: Vite picks `development` when
 * NODE_ENV says so, as it does in the demo site's dev server, which builds the scripts.
 */
const resolve = { conditions: ['module', 'browser', 'production'] };

/**
 * The browsers the scripts and the ES modules are built for (docs/widget.md#browsers). The
 * code itself needs Array.prototype.at (Chrome 92, Firefox 90, Safari 15.4); from these
 * versions on, Vite's transformer (Oxc) also keeps class fields and `#private` members as
 * they are. For anything older it rewrites them into WeakMap helpers, a bigger script: its
 * compatibility data waits for the class-field bug fixes of Chrome 98 and Safari 16.
 */
const target = ['chrome98', 'edge98', 'firefox90', 'safari16', 'ios16'];

/** One classic script (IIFE, lit included, minified) from one entry. */
const scriptBuild = (entry: string, name: string, fileName: string): UserConfig['build'] => ({
  outDir: 'dist',
  emptyOutDir: true,
  target,
  sourcemap: true,
  copyPublicDir: false,
  lib: { entry: fileURLToPath(new URL(entry, import.meta.url)), formats: ['iife'], name, fileName: () => fileName },
});

/** Runs one more Vite build once the main one has written its output folder. */
function thenBuild(name: string, config: (outDir: string) => InlineConfig): Plugin {
  let outDir = '';
  return {
    name,
    apply: 'build',
    configResolved(resolved) {
      outDir = resolved.build.outDir;
    },
    async closeBundle() {
      await build({ configFile: false, root, logLevel: 'warn', ...config(outDir) });
    },
  };
}

/**
 * The agent console, built into the same folder once the visitor's script is: a second
 * build, because an IIFE bundle has one entry, and because the visitors' script must not
 * share a byte of the console's Cognito code.
 */
const agentConsoleScript = thenBuild('support-agent-console-script', (outDir) => ({
  plugins: [minifyTemplates()],
  resolve,
  // amazon-cognito-identity-js (its `buffer` dependency) reads Node's `global`.
  define: { global: 'globalThis' },
  build: { ...scriptBuild('src/agent-console.ts', 'SupportAgentConsole', 'support-agent-console.js'), outDir, emptyOutDir: false },
}));

/**
 * What the chat and its chunks take from the loader, support-chat.js (`window.SupportChatLoader`,
 * its exports): the launcher's styles and the element's basics, which the loader has drawn
 * with already, and `loadExtra`, which loads the chunks from beside it.
 */
const FROM_LOADER = /\/(?:reset-css|element-basics|launcher-css|load-extra)\.ts$/;

/** The modules that a script takes from the loader and from the chat (lit) rather than bundling them again. */
const sharedGlobals = {
  external: (id: string) => id === 'lit' || FROM_LOADER.test(id),
  output: { globals: (id: string) => (id === 'lit' ? 'SupportChatWidget' : 'SupportChatLoader') },
};

/**
 * The chat itself (lit, the element, the client), dist/support-chat-app.js: support-chat.js,
 * the small loader a page's script tag loads, loads it from beside itself on the visitor's
 * first sign of interest or when the browser is idle (see src/visitor/loader.ts).
 */
const visitorAppScript = thenBuild('support-chat-app-script', (outDir) => ({
  plugins: [minifyTemplates()],
  resolve,
  build: {
    ...scriptBuild('src/visitor/embed.ts', 'SupportChatWidget', 'support-chat-app.js'),
    outDir,
    emptyOutDir: false,
    rolldownOptions: { external: (id: string) => FROM_LOADER.test(id), output: { globals: () => 'SupportChatLoader' } },
  },
}));

/** What support-chat-app.js hands the chunks of lit (its `export { … } from 'lit'` in embed.ts). */
const litFromChat = new Set(
  (/export \{([^}]*)\} from 'lit'/.exec(readFileSync(new URL('src/visitor/embed.ts', import.meta.url), 'utf8'))?.[1] ?? '')
    .split(',')
    .map((name) => name.trim()),
);

/**
 * Fails a chunk's build that takes from lit what the chat does not hand over: in the script
 * build it would be undefined at run time (a card that never draws), not an error here.
 */
function onlyLitFromChat(): Plugin {
  return {
    name: 'only-lit-from-chat',
    enforce: 'post',
    transform(code, id) {
      for (const [, names = ''] of code.matchAll(/import\s*\{([^}]*)\}\s*from\s*["']lit["']/g)) {
        for (const name of names.split(',').map((n) => n.trim().split(/\s+as\s+/)[0]!)) {
          if (name && !litFromChat.has(name)) this.error(`${id} takes ${name} from lit: add it to embed.ts's exports for the chunks`);
        }
      }
    },
  };
}

/**
 * The chat's lazy chunks (src/visitor/load-extra.ts), dist/support-chat-<name>.js each: the
 * loader loads one from beside itself when the chat first needs it, and it leaves its module
 * at `window.SupportChatExtras[name]`. Lit comes from support-chat-app.js (`window.SupportChatWidget`,
 * where embed.ts exports what the chunks use), the rest shared from the loader.
 */
const visitorChunkScripts = Object.entries(EXTRA_CHUNKS).map(([name, entry]) =>
  thenBuild(`support-chat-${name}-script`, (outDir) => ({
    plugins: [minifyTemplates(), onlyLitFromChat()],
    resolve,
    build: {
      ...scriptBuild(`src/visitor/${entry}`, `SupportChatExtras.${name}`, `support-chat-${name}.js`),
      outDir,
      emptyOutDir: false,
      rolldownOptions: sharedGlobals,
    },
  })),
);

/**
 * The package's ES modules (dist/esm/), for apps that import the elements through their
 * own bundler (React, Vue, Angular) or a browser import map. Their dependencies stay
 * imports, so an app that already has lit ships it once.
 */
const esModules = thenBuild('support-chat-es-modules', (outDir) => ({
  resolve,
  build: {
    outDir: `${outDir}/esm`,
    emptyOutDir: true,
    target,
    sourcemap: true,
    minify: false,
    copyPublicDir: false,
    lib: {
      entry: {
        index: fileURLToPath(new URL('src/index.ts', import.meta.url)),
        'agent-console': fileURLToPath(new URL('src/agent-console.ts', import.meta.url)),
        client: fileURLToPath(new URL('src/client/chat-client.ts', import.meta.url)),
      },
      formats: ['es'],
    },
    rolldownOptions: { external: [/^lit(\/|$)/, /^@lit\//, 'amazon-cognito-identity-js'] },
  },
}));

/**
 * `vite build`: dist/support-chat.js, the loader a page loads with a <script> tag (no lit),
 * then beside it support-chat-app.js, the chat it loads, and the chat's chunks; then
 * dist/support-agent-console.js for the agents' page, then the ES modules that frameworks
 * import (dist/esm/).
 */
export default defineConfig({
  root,
  logLevel: 'warn',
  plugins: [minifyTemplates(), visitorAppScript, ...visitorChunkScripts, agentConsoleScript, esModules],
  resolve,
  build: scriptBuild('src/visitor/loader.ts', 'SupportChatLoader', 'support-chat.js'),
});

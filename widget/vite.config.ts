import { fileURLToPath } from 'node:url';
import { build, defineConfig, type Plugin, type UserConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/** One classic script (IIFE, lit included, minified) from one entry. */
const scriptBuild = (entry: string, name: string, fileName: string): UserConfig['build'] => ({
  outDir: 'dist',
  emptyOutDir: true,
  target: 'es2021',
  sourcemap: true,
  copyPublicDir: false,
  lib: { entry: fileURLToPath(new URL(entry, import.meta.url)), formats: ['iife'], name, fileName: () => fileName },
});

/**
 * The agent console, built into the same folder once the visitor's script is: a second
 * build, because an IIFE bundle has one entry, and because the visitors' script must not
 * share a byte of the console's Cognito code.
 */
function agentConsoleScript(): Plugin {
  let outDir = '';
  return {
    name: 'support-agent-console-script',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    async closeBundle() {
      await build({
        configFile: false,
        root,
        logLevel: 'warn',
        // amazon-cognito-identity-js (its `buffer` dependency) reads Node's `global`.
        define: { global: 'globalThis' },
        build: { ...scriptBuild('src/agent-console.ts', 'SupportAgentConsole', 'support-agent-console.js'), outDir, emptyOutDir: false },
      });
    },
  };
}

/**
 * `vite build`: dist/support-chat.js, the one classic script a page loads with a
 * <script> tag, then dist/support-agent-console.js for the agents' page. Frameworks
 * import src/index.ts (and src/agent-console.ts) instead.
 */
export default defineConfig({
  root,
  logLevel: 'warn',
  plugins: [agentConsoleScript()],
  build: scriptBuild('src/embed.ts', 'SupportChatWidget', 'support-chat.js'),
});

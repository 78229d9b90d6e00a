/**
 * The widget tests' `bundle` command: the scripts built as `npm run build` builds them, into
 * a temp dir the test server serves (/__bundle/, /__slow/), and what each one holds.
 */

import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { EXTRA_CHUNKS } from '../src/visitor/extra-chunks.ts';
import type { ExtraName } from '../src/visitor/load-extra.ts';
import type { Commands, TestServerState } from './server-state.ts';

const widgetRoot = fileURLToPath(new URL('..', import.meta.url));

/** What the `bundle` command says of one built script. */
export interface ScriptFacts {
  bytes: number;
  gzipBytes: number;
  bundlesLit: boolean;
  hasSchemaLibrary: boolean;
  hasConsole: boolean;
  hasCognito: boolean;
}
/** The visitor's scripts (the loader, the chat it loads, the chat's lazy chunks) and the agent console's. */
export interface BundleFacts {
  loader: ScriptFacts;
  app: ScriptFacts;
  /** support-chat-<name>.js for each of src/visitor/extra-chunks.ts. */
  chunks: Record<ExtraName, ScriptFacts>;
  console: ScriptFacts;
  esm: { importsLit: boolean; bundlesLit: boolean };
}

export function bundleCommands(state: TestServerState): Commands {
  let bundling: Promise<BundleFacts> | undefined;
  return {
    /**
     * Builds dist/support-chat.js, dist/support-agent-console.js and dist/esm/ as
     * `npm run build` does, into a temp dir served at /__bundle/.
     */
    bundle: () =>
      (bundling ??= (async (): Promise<BundleFacts> => {
        const dir = await mkdtemp(join(tmpdir(), 'support-chat-bundle-'));
        state.bundleDir = dir;
        await build({ configFile: join(widgetRoot, 'vite.config.ts'), build: { outDir: dir }, logLevel: 'silent' });
        const script = async (file: string) => {
          const code = await readFile(join(dir, file));
          const text = code.toString('utf8');
          return {
            bytes: code.length,
            gzipBytes: gzipSync(code, { level: 9 }).length,
            bundlesLit: /litHtmlVersions|reactiveElementVersions/.test(text),
            // The protocol's schemas stay on the server: only its types and limits ship.
            hasSchemaLibrary: /\bZodError\b|\bzod\b/.test(text),
            // Nor does a visitor download the agents' console or its Cognito library.
            hasConsole: /support-agent-console|CognitoUserPool|USER_SRP_AUTH/.test(text),
            hasCognito: /USER_SRP_AUTH/.test(text),
          };
        };
        return {
          loader: await script('support-chat.js'),
          app: await script('support-chat-app.js'),
          chunks: Object.fromEntries(
            await Promise.all(Object.keys(EXTRA_CHUNKS).map(async (name) => [name, await script(`support-chat-${name}.js`)])),
          ) as BundleFacts['chunks'],
          console: await script('support-agent-console.js'),
          // The ES modules leave lit to the app's bundler (read raw: the test server rewrites imports).
          esm: await readFile(join(dir, 'esm', 'index.js'), 'utf8').then((esm) => ({
            importsLit: /from\s*["']lit["']/.test(esm),
            bundlesLit: /litHtmlVersions|class LitElement\b/.test(esm),
          })),
        };
      })()),
  };
}

/**
 * Measure 5: what a cold start pays for each Lambda handler. Each handler is bundled as
 * CDK's NodejsFunction bundles it (backend/infra/constructs/chat-handlers.ts: esbuild,
 * ESM, minified, external source map, the SDK bundled, module before main, the require
 * banner), and imported in a fresh Node process with the NODE_OPTIONS Lambda gets
 * (--enable-source-maps). The baseline imports the same code unbundled: our modules
 * compiled one to one, every dependency loaded from node_modules, as a zip of sources
 * would. The figure is the median time of the import itself (the handler's module and
 * everything it loads at import time), over fresh processes taken in turns.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { type BuildOptions, build } from 'esbuild';
import { type Figure, figure, type Measure } from './support/figures.ts';
import { median } from './support/stats.ts';

const TITLE = 'Handler cold start';
const HANDLERS = ['authorizer', 'connect', 'default', 'disconnect'] as const;
const RUNS = 20;
const QUICK_RUNS = 1;

const handlersDir = fileURLToPath(new URL('../src/handlers/', import.meta.url));
// Unbundled code must sit where Node finds node_modules: under the repository's.
const unbundledRoot = fileURLToPath(new URL('../../node_modules/.cache/support-chat-bench/unbundled/', import.meta.url));

/** The esbuild options CDK derives from chat-handlers.ts's bundling props for a Node 22 ESM function. */
const CDK_BUNDLING: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  mainFields: ['module', 'main'],
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  minify: true,
  sourcemap: true,
  external: [],
  logLevel: 'warning',
};

const importOnce = promisify(execFile);

export const coldStart: Measure = {
  title: TITLE,
  async run({ quick, log }) {
    const runs = quick ? QUICK_RUNS : RUNS;
    const bundledRoot = await mkdtemp(join(tmpdir(), 'support-chat-bench-bundles-'));
    await mkdir(unbundledRoot, { recursive: true });
    const figures: Figure[] = [];
    try {
      for (const handler of HANDLERS) {
        const entry = join(handlersDir, `${handler}.ts`);
        const bundled = join(bundledRoot, handler, 'index.mjs');
        await build({ ...CDK_BUNDLING, entryPoints: [entry], outfile: bundled });
        // Our own modules are bundled into one file (they are TypeScript; Lambda would
        // run them compiled), but no dependency is: each one loads from node_modules.
        const unbundled = join(unbundledRoot, `${handler}.mjs`);
        await build({
          entryPoints: [entry],
          outfile: unbundled,
          bundle: true,
          packages: 'external',
          platform: 'node',
          target: 'node22',
          format: 'esm',
          logLevel: 'warning',
        });

        const bundledMs: number[] = [];
        const unbundledMs: number[] = [];
        for (let run = 0; run < runs; run++) {
          // In turns, so a busy moment of the machine falls on both alike.
          bundledMs.push(await importTime(bundled));
          unbundledMs.push(await importTime(unbundled));
        }
        const size = (await stat(bundled)).size;
        const mapSize = (await stat(`${bundled}.map`)).size;
        log(
          `${handler}: ${(size / 1000).toFixed(0)} kB bundled; import ${median(bundledMs).toFixed(0)} ms bundled, ${median(unbundledMs).toFixed(0)} ms unbundled`,
        );
        figures.push(
          figure(TITLE, `${handler}: bundle size`, size / 1000, 'kB', {
            note: `minified ESM; its source map is ${(mapSize / 1000).toFixed(0)} kB more`,
          }),
          figure(TITLE, `${handler}: import in a fresh process, median of ${runs}`, median(bundledMs), 'ms', {
            baseline: { name: 'unbundled (node_modules)', value: median(unbundledMs) },
          }),
        );
      }
    } finally {
      await rm(bundledRoot, { recursive: true, force: true });
    }
    return figures;
  },
};

/** Milliseconds a fresh Node process takes to import the module (with Lambda's NODE_OPTIONS). */
async function importTime(modulePath: string): Promise<number> {
  const script = 'const t0 = performance.now(); await import(process.argv[1]); console.log(performance.now() - t0);';
  const { stdout } = await importOnce(
    process.execPath,
    ['--enable-source-maps', '--input-type=module', '-e', script, pathToFileURL(modulePath).href],
    {
      env: { ...process.env, NODE_OPTIONS: '', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    },
  );
  return Number(stdout.trim());
}

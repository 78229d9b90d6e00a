/**
 * Measure 5: what a cold start pays for each Lambda handler. Each handler is bundled as the
 * CDK stack bundles it (infra/bundling.ts, the one set of esbuild options: split ES
 * modules, minified, source maps, the SDK inside with the environment's credentials only)
 * and imported in a fresh Node process with the NODE_OPTIONS Lambda gets
 * (--enable-source-maps). The figure is the median time of the import itself (the
 * handler's module and everything it loads at import time), over fresh processes taken
 * in turns with two others:
 * - the previous build: the handlers' sources at PREVIOUS_BUILD.commit (git archive, in a
 *   folder under node_modules/.cache so they resolve today's node_modules), bundled with
 *   the options the stack used then: one file each, the SDK's whole credential chain, full
 *   zod. Its figures are measured in the same run, on the same load, as this build's;
 * - the same code unbundled: our modules compiled one to one, every dependency loaded from
 *   node_modules, as a zip of sources would.
 * Sizes: the code a cold start reads (index.mjs and the chunks it imports; the chunks
 * imported on first use are counted apart), without source maps.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { type BuildOptions, build } from 'esbuild';
import { bundleHandler, bundleWeight } from '../infra/bundling.ts';
import { type Figure, figure, type Measure } from './support/figures.ts';
import { median } from './support/stats.ts';

const TITLE = 'Handler cold start';
const HANDLERS = ['authorizer', 'connect', 'default', 'disconnect', 'http'] as const;
const RUNS = 20;
const QUICK_RUNS = 1;

/** The build before handlers were split (issue 18), and the esbuild options the stack bundled them with then. */
const PREVIOUS_BUILD = {
  commit: 'd72ded8',
  options: {
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
  } satisfies BuildOptions,
};

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const handlersDir = fileURLToPath(new URL('../src/handlers/', import.meta.url));
// Code built here must sit where Node and esbuild find node_modules: under the repository's.
const cacheRoot = fileURLToPath(new URL('../../node_modules/.cache/support-chat-bench/', import.meta.url));

const run = promisify(execFile);

export const coldStart: Measure = {
  title: TITLE,
  async run({ quick, log }) {
    const runs = quick ? QUICK_RUNS : RUNS;
    const bundledRoot = await mkdtemp(join(tmpdir(), 'support-chat-bench-bundles-'));
    const unbundledRoot = join(cacheRoot, 'unbundled');
    await mkdir(unbundledRoot, { recursive: true });
    const previousHandlers = await checkOut(PREVIOUS_BUILD.commit);
    const figures: Figure[] = [];
    try {
      for (const handler of HANDLERS) {
        const ours = join(bundledRoot, handler);
        const weight = bundleWeight(await bundleHandler(`${handler}.ts`, ours));
        const previous = join(bundledRoot, `${handler}-previous`, 'index.mjs');
        await build({ ...PREVIOUS_BUILD.options, entryPoints: [join(previousHandlers, `${handler}.ts`)], outfile: previous });
        // Our own modules are bundled into one file (they are TypeScript; Lambda would
        // run them compiled), but no dependency is: each one loads from node_modules.
        const unbundled = join(unbundledRoot, `${handler}.mjs`);
        await build({
          entryPoints: [join(handlersDir, `${handler}.ts`)],
          outfile: unbundled,
          bundle: true,
          packages: 'external',
          platform: 'node',
          target: 'node22',
          format: 'esm',
          logLevel: 'warning',
        });

        const times = { ours: [] as number[], previous: [] as number[], unbundled: [] as number[] };
        for (let i = 0; i < runs; i++) {
          // In turns, so a busy moment of the machine falls on all three alike.
          times.ours.push(await importTime(join(ours, 'index.mjs')));
          times.previous.push(await importTime(previous));
          times.unbundled.push(await importTime(unbundled));
        }
        const previousSize = (await stat(previous)).size;
        const [oursMs, previousMs, unbundledMs] = [median(times.ours), median(times.previous), median(times.unbundled)];
        const kB = (bytes: number) => `${(bytes / 1000).toFixed(0)} kB`;
        log(
          `${handler}: ${kB(weight.atImport)} at import, ${kB(weight.total)} in all (previous build ${kB(previousSize)}); ` +
            `import ${oursMs.toFixed(0)} ms (previous build ${previousMs.toFixed(0)} ms, unbundled ${unbundledMs.toFixed(0)} ms)`,
        );
        const previousName = `previous build (${PREVIOUS_BUILD.commit})`;
        figures.push(
          figure(TITLE, `${handler}: code loaded at import`, weight.atImport / 1000, 'kB', {
            baseline: { name: previousName, value: previousSize / 1000 },
            note: `minified ESM; ${kB(weight.total)} with the chunks loaded on first use`,
          }),
          figure(TITLE, `${handler}: import in a fresh process, median of ${runs}`, oursMs, 'ms', {
            baseline: { name: previousName, value: previousMs },
            note: `the same code unbundled (node_modules): ${unbundledMs.toFixed(0)} ms`,
          }),
        );
      }
    } finally {
      await rm(bundledRoot, { recursive: true, force: true });
    }
    return figures;
  },
};

/** The handlers' folder of a commit's sources, extracted (once) under the cache. */
async function checkOut(commit: string): Promise<string> {
  const root = join(cacheRoot, `previous-${commit}`);
  const handlers = join(root, 'backend', 'src', 'handlers');
  if (existsSync(handlers)) return handlers;
  await mkdir(cacheRoot, { recursive: true });
  // Extracted beside, then renamed: an interrupted run leaves no half a checkout behind.
  const staging = await mkdtemp(join(cacheRoot, 'checkout-'));
  try {
    const archive = join(staging, 'sources.tar');
    await run('git', ['-C', repoRoot, 'archive', '--format=tar', '-o', archive, commit, 'backend/src']).catch((error: unknown) => {
      throw new Error(`the previous build's commit ${commit} is not in this clone (a shallow one? git fetch --unshallow)`, {
        cause: error,
      });
    });
    await run('tar', ['-xf', archive, '-C', staging]);
    await rm(archive);
    await rename(staging, root);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return handlers;
}

/** Milliseconds a fresh Node process takes to import the module (with Lambda's NODE_OPTIONS). */
async function importTime(modulePath: string): Promise<number> {
  const script = 'const t0 = performance.now(); await import(process.argv[1]); console.log(performance.now() - t0);';
  const { stdout } = await run(
    process.execPath,
    ['--enable-source-maps', '--input-type=module', '-e', script, pathToFileURL(modulePath).href],
    {
      env: { ...process.env, NODE_OPTIONS: '', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    },
  );
  return Number(stdout.trim());
}

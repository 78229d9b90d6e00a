import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildOptions, build, type Metafile } from 'esbuild';
import { directSdkCoreImports } from './sdk-core-imports.ts';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const handlersDir = join(repoRoot, 'backend', 'src', 'handlers');

/**
 * How every Lambda handler is bundled: the stack (constructs/handler-function.ts), the
 * bundle budgets' test (bundle-budgets.test.ts) and the bench (bench/cold-start.ts) all
 * build with these options, so what is measured is what is deployed.
 *
 * - ES modules, split: what a handler needs on every invocation is in `index.mjs` and the
 *   chunks it imports; what only some requests need (S3, Cognito, SES, Secrets Manager,
 *   SNS, SQS, an identity check) is imported on first use from a chunk of its own, so a
 *   cold start neither reads nor evaluates it.
 * - The AWS SDK inside, tree-shaken: the version tested is the version deployed, and it
 *   loads faster than the runtime's full copy. Dependencies' ES module builds first,
 *   which esbuild tree-shakes best.
 * - The SDK's default credential chain (SSO, ini files, IMDS, STS web identity, ...)
 *   swapped for the environment's credentials, which Lambda always sets: see
 *   src/aws/env-credentials.ts.
 * - The SDK's core packages imported file by file, not through their index files, so
 *   that what only a lazily loaded client needs stays in its chunk: see sdk-core-imports.ts.
 * - Minified, with source maps (the functions run with --enable-source-maps).
 */
export const HANDLER_BUNDLING = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  mainFields: ['module', 'main'],
  // CommonJS code inside an ES module bundle still calls require() for built-ins.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  splitting: true,
  entryNames: 'index',
  chunkNames: 'chunks/[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  alias: { '@aws-sdk/credential-provider-node': join(repoRoot, 'backend', 'src', 'aws', 'env-credentials.ts') },
  // The SDK's user-agent parser for browsers (its clients import it only in a browser).
  external: ['bowser'],
  minify: true,
  // Source maps map stack traces to our files and lines; without the sources' text in
  // them they are a quarter of the size, and Node reads them at import.
  sourcemap: true,
  sourcesContent: false,
  absWorkingDir: repoRoot,
  metafile: true,
  logLevel: 'warning',
} as const satisfies BuildOptions;

/** Bundles one handler of backend/src/handlers (e.g. `default.ts`) into `outdir`: index.mjs, its chunks and their source maps. */
export async function bundleHandler(file: string, outdir: string): Promise<Metafile> {
  const { metafile } = await build({
    ...HANDLER_BUNDLING,
    entryPoints: [join(handlersDir, file)],
    outdir,
    plugins: [directSdkCoreImports()],
  });
  return metafile;
}

/**
 * bundleHandler for a caller that cannot wait (CDK's local bundling is synchronous):
 * esbuild runs plugins only in its asynchronous API, so the build runs in a child process
 * (bundle-handler.ts) and this returns when it has finished.
 */
export function bundleHandlerSync(file: string, outdir: string): Metafile {
  const metafile = execFileSync(
    process.execPath,
    ['--import', 'tsx', join(repoRoot, 'backend', 'infra', 'bundle-handler.ts'), file, outdir],
    {
      cwd: repoRoot,
      encoding: 'utf8',
      maxBuffer: 256 * 2 ** 20,
    },
  );
  return JSON.parse(metafile) as Metafile;
}

/** What a bundle weighs: the code a cold start imports (index.mjs and the chunks it imports), and all of it. */
export interface BundleWeight {
  /** Bytes of index.mjs and every chunk it imports statically, without source maps. */
  atImport: number;
  /** Bytes of every file of code in the bundle (the chunks loaded on first use too), without source maps. */
  total: number;
  /** The source files (node_modules packages and our modules) in the code loaded at import. */
  inputsAtImport: string[];
  /** The source files in the whole bundle. */
  inputs: string[];
}

export function bundleWeight(metafile: Metafile): BundleWeight {
  const outputs = metafile.outputs;
  const code = Object.entries(outputs).filter(([path]) => path.endsWith('.mjs'));
  // Each module imported with import() is an entry point too: the handler's is index.mjs.
  const entry = code.find(([path]) => /(^|\/)index\.mjs$/.test(path));
  if (!entry) throw new Error('the bundle has no index.mjs');
  const loaded = new Set<string>();
  const visit = (path: string) => {
    if (loaded.has(path)) return;
    loaded.add(path);
    for (const imported of outputs[path]?.imports ?? [])
      if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
  };
  visit(entry[0]);
  const inputsOf = (paths: string[]) => [...new Set(paths.flatMap((path) => Object.keys(outputs[path]?.inputs ?? {})))].sort();
  return {
    atImport: [...loaded].reduce((sum, path) => sum + outputs[path]!.bytes, 0),
    total: code.reduce((sum, [, output]) => sum + output.bytes, 0),
    inputsAtImport: inputsOf([...loaded]),
    inputs: inputsOf(code.map(([path]) => path)),
  };
}

/**
 * Serves npm packages that a browser cannot load as they are published, as one ES module
 * each, bundled by esbuild on first request. amazon-cognito-identity-js is one: it pulls in
 * CommonJS modules (buffer, isomorphic-unfetch) and reads Node's `global`. Vite's build
 * and the demo site's dev server handle it the same way (`define: { global: 'globalThis' }`),
 * so the tests run the very library the console ships with.
 */

import { fileURLToPath } from 'node:url';
import type { TestRunnerPlugin } from '@web/test-runner';
import { build } from 'esbuild';

const widgetRoot = fileURLToPath(new URL('..', import.meta.url));
const PREFIX = '/__deps/';

export function bundledDepsPlugin(packages: readonly string[]): TestRunnerPlugin {
  const bundles = new Map<string, Promise<string>>();
  const bundle = (name: string) =>
    build({
      stdin: { contents: `export * from '${name}';`, resolveDir: widgetRoot, loader: 'js' },
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      define: { global: 'globalThis' },
      write: false,
      logLevel: 'silent',
    }).then((result) => result.outputFiles[0]!.text);

  return {
    name: 'bundled-deps',
    resolveImport({ source }) {
      return packages.includes(source) ? `${PREFIX}${encodeURIComponent(source)}.js` : undefined;
    },
    async serve(context) {
      if (!context.path.startsWith(PREFIX)) return undefined;
      const name = decodeURIComponent(context.path.slice(PREFIX.length, -'.js'.length));
      if (!packages.includes(name)) return undefined;
      if (!bundles.has(name)) bundles.set(name, bundle(name));
      return { body: await bundles.get(name)!, type: 'js' };
    },
  };
}

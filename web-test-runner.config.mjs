// Browser tests of the widget, in Debian's Chromium, against a real local stack that
// the test server starts and stops. Run under tsx (npm test -w widget does), because
// the stack is TypeScript.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { findFreePort } from './backend/local/ports.ts';
import { bundledDepsPlugin } from './widget/test/bundled-deps-plugin.ts';
import { localStackPlugin } from './widget/test/server-plugin.ts';

export default {
  files: ['widget/src/**/*.test.ts'],
  rootDir: '.',
  port: await findFreePort(),
  nodeResolve: { exportConditions: ['production'] },
  // One page at a time: the test pages share an origin, so they share localStorage.
  concurrency: 1,
  browserStartTimeout: 60_000,
  testsFinishTimeout: 180_000,
  testFramework: { config: { timeout: 20_000 } },
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }),
    // The agent console's Cognito library, bundled as the console's own build bundles it.
    bundledDepsPlugin(['amazon-cognito-identity-js']),
    localStackPlugin(),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        // Debian's Chromium by default; CHROMIUM_PATH names another Chromium or Chrome.
        executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
        headless: true,
        args: [
          '--headless=new',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--no-first-run',
        ],
      },
    }),
  ],
};

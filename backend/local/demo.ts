import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer as createViteServer, type ViteDevServer } from 'vite';
import { localStackSite } from './site-plugin.ts';
import { type LocalStack, type LocalStackOptions, startLocalStack } from './stack.ts';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const siteRoot = join(repoRoot, 'demo-site');

export interface Demo {
  stack: LocalStack;
  vite: ViteDevServer;
  /** http://localhost:PORT */
  siteUrl: string;
  stop(): Promise<void>;
}

/**
 * What `npm start` runs: the local stack, and the demo site's Vite server with what it
 * serves from that stack (see site-plugin.ts). Also started by the end-to-end tests.
 */
export async function startDemo(options: Omit<LocalStackOptions, 'siteUrl'> & { sitePort: number }): Promise<Demo> {
  const { sitePort, ...stackOptions } = options;
  // The site listens first (port 0: any free one), so that the stack gets its real address.
  let started!: (stack: LocalStack) => void;
  let failed!: (error: unknown) => void;
  const starting = new Promise<LocalStack>((resolve, reject) => {
    started = resolve;
    failed = reject;
  });
  starting.catch(() => {});
  const vite = await createViteServer({
    root: siteRoot,
    configFile: existsSync(join(siteRoot, 'vite.config.ts')) ? join(siteRoot, 'vite.config.ts') : false,
    server: { port: sitePort, strictPort: true, host: '127.0.0.1' },
    plugins: [localStackSite(starting)],
    logLevel: 'warn',
  });
  let stack: LocalStack;
  try {
    await vite.listen();
    const siteUrl = `http://localhost:${(vite.httpServer!.address() as AddressInfo).port}`;
    stack = await startLocalStack({ ...stackOptions, siteUrl });
    started(stack);
    return {
      stack,
      vite,
      siteUrl,
      stop: async () => {
        await vite.close().catch(() => {});
        await stack.stop();
      },
    };
  } catch (error) {
    failed(error);
    await vite.close().catch(() => {});
    throw error;
  }
}

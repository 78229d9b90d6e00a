import { existsSync } from 'node:fs';
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
  const siteUrl = `http://localhost:${sitePort}`;
  const stack = await startLocalStack({ ...stackOptions, siteUrl });
  try {
    const vite = await createViteServer({
      root: siteRoot,
      configFile: existsSync(join(siteRoot, 'vite.config.ts')) ? join(siteRoot, 'vite.config.ts') : false,
      server: { port: sitePort, strictPort: true, host: '127.0.0.1' },
      plugins: [localStackSite(stack)],
      logLevel: 'warn',
    });
    await vite.listen();
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
    await stack.stop();
    throw error;
  }
}


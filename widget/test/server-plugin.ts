/**
 * The Node side of the widget's browser tests: a real local stack (dynalite,
 * cognito-local, the WebSocket gateway running the real handlers) started with the test
 * server, `/config.json` for it, and commands the tests run through
 * `executeServerCommand`, one module per concern: sockets driven by the server
 * (server-socket-commands.ts), agents' accounts, what the server stores (rooms, the team),
 * the network between page and server, files and the malware scan, and the built scripts
 * (server-bundle.ts). What they share is in server-state.ts.
 */

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LocalStack } from '@support-chat/backend/local';
import type { TestRunnerPlugin } from '@web/test-runner';
import type { CDPSession, Page } from 'puppeteer-core';
import { agentCommands } from './server-agent-commands.ts';
import { bundleCommands } from './server-bundle.ts';
import { fileCommands } from './server-file-commands.ts';
import { networkCommands } from './server-network-commands.ts';
import { roomCommands } from './server-room-commands.ts';
import { socketCommands } from './server-socket-commands.ts';
import { type Commands, TestServerState } from './server-state.ts';

export type { BundleFacts, ScriptFacts } from './server-bundle.ts';

export function localStackPlugin(): TestRunnerPlugin {
  const state = new TestServerState();
  /** A DevTools session per test page, for what only the browser itself can do (blocking a host). */
  const pageSessions = new Map<Page, CDPSession>();
  const commands: Commands = {
    ...socketCommands(state),
    ...agentCommands(state),
    ...roomCommands(state),
    ...networkCommands(state),
    ...fileCommands(state),
    ...bundleCommands(state),
  };

  return {
    name: 'support-chat-local-stack',
    serverStart: () => state.start(),
    serverStop: () => state.stop(),
    async serve(context) {
      const { stack, scanning, bundleDir } = state;
      // The public HTTP API on the test pages' own origin, as the demo site serves it.
      if (context.path === '/config.json') {
        return { body: JSON.stringify({ ...stack.siteConfig, publicApiUrl: `${context.origin}/api` }), type: 'json' };
      }
      if (context.path === '/__config/required.json') {
        const { stack: required } = await state.requiredStack();
        return { body: JSON.stringify({ ...required.siteConfig, publicApiUrl: `${context.origin}/__required/api` }), type: 'json' };
      }
      if (context.path.startsWith('/api/') || context.path.startsWith('/__required/api/')) {
        const target = context.path.startsWith('/__required/') ? (await state.requiredStack()).stack : stack;
        const body = await new Promise<string>((resolve) => {
          let text = '';
          context.req.on('data', (chunk: Buffer) => (text += chunk));
          context.req.on('end', () => resolve(text));
        });
        const result = await target.http({
          rawPath: context.path.replace('/__required', ''),
          queryStringParameters: context.query,
          requestContext: { http: { method: context.method } },
          body,
          isBase64Encoded: false,
        } as unknown as Parameters<LocalStack['http']>[0]);
        // Answered here, with the handler's status and headers: the test runner would otherwise
        // answer 200 and let browsers keep anything ending in .json for a year. Never cached, so
        // each test sees the team as it is (production lets team.json be kept for 30 s).
        context.respond = false;
        context.res.writeHead(result.statusCode ?? 200, {
          ...(result.headers as Record<string, string>),
          'cache-control': 'no-store',
        });
        context.res.end(result.body ?? '');
        return { body: '' };
      }
      if (context.path === '/__config/scan.json' && scanning) {
        const { stack: scanStack } = await scanning;
        return { body: JSON.stringify({ ...scanStack.siteConfig, publicApiUrl: `${context.origin}/api` }), type: 'json' };
      }
      // The same pool, but a WebSocket endpoint that refuses every connection.
      if (context.path === '/__config/refused.json') {
        return { body: JSON.stringify({ ...stack.siteConfig, websocketUrl: 'ws://127.0.0.1:9/' }), type: 'json' };
      }
      // The built scripts from a slow CDN: /__slow/ID/support-chat-app.js comes once the test
      // releases ID; from /__slow-chunks/ID/, the chat's lazy chunks (support-chat-de.js, ...) do.
      const slow = /^\/__slow(-chunks)?\/([\w-]+)\/([\w.-]+)$/.exec(context.path);
      if (slow && bundleDir) {
        const [, chunks, id, file] = slow as unknown as [string, string | undefined, string, string];
        const held = chunks ? file.startsWith('support-chat-') && file !== 'support-chat-app.js' : file === 'support-chat-app.js';
        if (held) await state.holding(id).done;
        return { body: await readFile(join(bundleDir, file), 'utf8'), type: 'js' };
      }
      if (context.path.startsWith('/__bundle/') && bundleDir) {
        const file = context.path.slice('/__bundle/'.length);
        if (!/^(esm\/)?[\w.-]+$/.test(file)) return undefined;
        return { body: await readFile(join(bundleDir, file), 'utf8'), type: 'js' };
      }
      const heldPath = /^\/__hold\/([\w-]+)\.svg$/.exec(context.path);
      if (heldPath) {
        await state.holding(heldPath[1]!).done;
        return { type: 'svg', body: '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>' };
      }
      if (context.path === '/__csp/page.html') {
        // ?nonce=N: scripts allowed by that nonce alone, not by their origin.
        const nonce = new URLSearchParams(context.querystring).get('nonce');
        // (And the dev server's own script, which it adds to every page it serves.)
        const scripts = nonce ? `'nonce-${nonce}' ${context.origin}/__web-dev-server__web-socket.js` : "'self'";
        const attr = nonce ? ` nonce="${nonce}"` : '';
        return {
          type: 'html',
          headers: {
            'content-security-policy': `default-src 'none'; script-src ${scripts}; style-src 'self'; connect-src 'self' ws://localhost:* ws://127.0.0.1:*; img-src 'self'`,
          },
          body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>CSP</title>
<script src="/widget/test/fixtures/csp-probe.js"${attr}></script>
<script src="/widget/test/fixtures/queue-snippet.js"${attr}></script></head>
<body><main><h1>Strict CSP page</h1></main>
<script src="/__bundle/support-chat.js" data-config="/config.json" data-title="Strict CSP"${attr} async></script></body></html>`,
        };
      }
      return undefined;
    },
    async executeCommand({ command, payload, session }) {
      if (command === 'browser:grantNotifications') {
        // What an agent's "Allow" in the browser's prompt does, through the DevTools protocol.
        const page = (
          session.browser as unknown as {
            getPage(id: string): { browserContext(): { overridePermissions(origin: string, permissions: string[]): Promise<void> } };
          }
        ).getPage(session.id);
        await page.browserContext().overridePermissions(String((payload as { origin: string }).origin), ['notifications']);
        return true;
      }
      if (command === 'browser:blockStorage') {
        // The browser itself refuses every request to the local S3 (DevTools' blocked URLs), as a
        // network that lost its way would: an upload under way breaks off, the rest goes on.
        const page = (session.browser as unknown as { getPage(id: string): Page }).getPage(session.id);
        const cdp = pageSessions.get(page) ?? (await page.createCDPSession());
        pageSessions.set(page, cdp);
        await cdp.send('Network.enable');
        const port = new URL(state.stack.s3.endpoint).port;
        const blocked = (payload as { blocked: boolean }).blocked;
        await cdp.send('Network.setBlockedURLs', { urls: blocked ? [`http://127.0.0.1:${port}/*`, `http://localhost:${port}/*`] : [] });
        return true;
      }
      if (command === 'browser:phone') {
        // What a phone's screen does that a desktop page's cannot: a pinch zoom (a visual
        // viewport smaller than the layout viewport, as under an on-screen keyboard), the
        // visual viewport scrolled within the page, and the safe-area insets of a notch.
        const page = (session.browser as unknown as { getPage(id: string): Page }).getPage(session.id);
        const cdp = pageSessions.get(page) ?? (await page.createCDPSession());
        pageSessions.set(page, cdp);
        const { scale, scrollY, insets } = payload as {
          scale?: number;
          scrollY?: number;
          insets?: Record<'top' | 'right' | 'bottom' | 'left', number>;
        };
        if (scale !== undefined) await cdp.send('Emulation.setPageScaleFactor', { pageScaleFactor: scale });
        if (scrollY) await cdp.send('Input.synthesizeScrollGesture', { x: 100, y: 40, yDistance: -scrollY, gestureSourceType: 'mouse' });
        if (insets) await cdp.send('Emulation.setSafeAreaInsetsOverride', { insets });
        return true;
      }
      const run = commands[command];
      if (!run) return undefined;
      // wtr reads null and undefined as "not my command".
      return (await run((payload ?? {}) as Record<string, unknown>)) ?? false;
    },
  };
}

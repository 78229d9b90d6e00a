/**
 * The Node side of the widget's browser tests: a real local stack (dynalite,
 * cognito-local, the WebSocket gateway running the real handlers) started with the test
 * server, `/config.json` for it, and commands the tests run through
 * `executeServerCommand`: an agent driven over a real WebSocket, dropping a visitor's
 * connection, reading what the server stored, and building the script-tag bundle.
 */

import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { type LocalPorts, type LocalStack, localTeamDefaults, PORT_SETTINGS, startLocalStack } from '@support-chat/backend/local';
import type { Message, TeamSettings } from '@support-chat/backend/protocol';
import type { TestRunnerPlugin } from '@web/test-runner';
import type { CDPSession, Page } from 'puppeteer-core';
import { build } from 'vite';
import { DEMO_AGENT, ensureUser } from '../../backend/local/cognito.ts';
import { type FlakyNetwork, startFlakyNetwork } from '../../backend/local/flaky-network.ts';
import { guardDutyScanResult, type ScanResultStatus } from '../../backend/local/guardduty.ts';
import { runAgents } from '../../backend/scripts/agents.ts';
import { roomIdForVisitorKey } from '../../backend/src/auth/visitor-key.ts';
import { type CustomerClaims, signIdentityToken } from '../../backend/test/support/identity-token.ts';
import { agentToken, TestSocket } from './server-sockets.ts';

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
/** The visitor's scripts (the loader, the chat it loads, the file code) and the agent console's. */
export interface BundleFacts {
  loader: ScriptFacts;
  app: ScriptFacts;
  files: ScriptFacts;
  console: ScriptFacts;
  esm: { importsLit: boolean; bundlesLit: boolean };
}

export function localStackPlugin(): TestRunnerPlugin {
  let stack: LocalStack;
  // No automatic away reply unless a test asks for one: it would add a message to every room.
  const teamDefaults: TeamSettings = { ...localTeamDefaults(), awayMessage: {} };
  let dataDir: string;
  let bundleDir: string | undefined;
  let bundling: Promise<BundleFacts> | undefined;
  /** A second stack whose files wait for a malware scan's verdict, started by the first test that asks (scan:start). */
  let scanning: Promise<{ stack: LocalStack; dataDir: string }> | undefined;
  /** A stack where identity is required (a customer portal), started on first use of its config. */
  let requiring: Promise<{ stack: LocalStack; dataDir: string }> | undefined;
  const requiredStack = () =>
    (requiring ??= (async () => {
      const dir = await mkdtemp(join(tmpdir(), 'support-chat-wtr-required-'));
      const requiredStack = await startLocalStack({
        dataDir: dir,
        ports: Object.fromEntries(Object.keys(PORT_SETTINGS).map((name) => [name, 0])) as Partial<LocalPorts>,
        siteUrl: 'http://localhost',
        teamDefaults,
        identityMode: 'required',
      });
      return { stack: requiredStack, dataDir: dir };
    })());
  const stackNamed = async (name: unknown) => (name === 'required' ? (await requiredStack()).stack : stack);
  const sockets = new Map<string, TestSocket>();
  /** A DevTools session per test page, for what only the browser itself can do (blocking a host). */
  const pageSessions = new Map<Page, CDPSession>();
  const networks = new Map<string, FlakyNetwork>();
  const network = (id: unknown) => {
    const found = networks.get(String(id));
    if (!found) throw new Error(`no network ${String(id)}`);
    return found;
  };
  const track = (socket: TestSocket) => {
    const id = randomUUID();
    sockets.set(id, socket);
    return id;
  };
  const agent = (id: unknown) => {
    const found = sockets.get(String(id));
    if (!found) throw new Error(`no socket ${String(id)}`);
    return found;
  };
  const visitor = agent;
  /**
   * Responses held until a test releases them (`hold:release`): an image at /__hold/ID.svg
   * keeps its page from reaching its load event, as a slow page does; /__slow/ID/ serves the
   * built scripts, support-chat-app.js once released.
   */
  const held = new Map<string, { done: Promise<void>; release: () => void }>();
  const holding = (id: string) => {
    let entry = held.get(id);
    if (!entry) {
      let release = () => {};
      const done = new Promise<void>((resolve) => {
        release = resolve;
      });
      entry = { done, release };
      held.set(id, entry);
    }
    return entry;
  };

  const commands: Record<string, (p: Record<string, unknown>) => unknown> = {
    'agent:connect': async ({ token }) => track(await TestSocket.connect(stack, token === undefined ? undefined : String(token))),
    'agent:token': () => agentToken(stack),
    'agent:join': async ({ id, roomId }) => {
      const a = agent(id);
      const from = a.events.length;
      a.send({ action: 'join', roomId });
      return a.waitFor((e) => e.type === 'history' && e.roomId === roomId, from);
    },
    'agent:send': async ({ id, roomId, text }) => {
      const a = agent(id);
      const clientMsgId = randomUUID();
      a.send({ action: 'sendMessage', roomId, clientMsgId, text });
      const event = await a.waitFor((e) => e.type === 'message' && e.message.clientMsgId === clientMsgId);
      return (event as { message: Message }).message;
    },
    'agent:typing': ({ id, roomId, isTyping }) => {
      agent(id).send({ action: 'typing', roomId, isTyping });
      return true;
    },
    /** Waits for an event of `type` (a message with `text`, if given) among all the agent received. */
    'agent:wait': ({ id, type, text }) =>
      agent(id).waitFor((e) => e.type === type && (text === undefined || (e.type === 'message' && e.message.text === text))),
    'agent:events': ({ id }) => agent(id).events,
    'agent:close': ({ id }) => {
      agent(id).close();
      sockets.delete(String(id));
      return true;
    },
    /** A visitor over a real WebSocket, with a key of its own: `{ id, roomId }`. */
    'visitor:connect': async () => {
      const socket = await TestSocket.visitor(stack);
      return { id: track(socket), roomId: socket.roomId };
    },
    /**
     * A signed-in customer over a real WebSocket: `claims` (at least `sub`) in an identity token
     * signed with the stack's key, as the company's backend signs it: `{ id, roomId }`, their one
     * room. The visitor:* commands drive it from there.
     */
    'customer:connect': async ({ claims }) => {
      const customer = claims as CustomerClaims;
      const token = signIdentityToken(customer, { secretValue: stack.identity.secretValue(), audience: stack.identity.audience });
      const socket = await TestSocket.customer(stack, token);
      return { id: track(socket), roomId: await stack.deps.customers.roomOf(customer.sub) };
    },
    'visitor:send': async ({ id, text }) => {
      const v = visitor(id);
      const clientMsgId = randomUUID();
      v.send({ action: 'sendMessage', clientMsgId, text });
      const event = await v.waitFor((e) => e.type === 'message' && e.message.clientMsgId === clientMsgId);
      return (event as { message: Message }).message;
    },
    'visitor:typing': ({ id, isTyping }) => {
      visitor(id).send({ action: 'typing', isTyping });
      return true;
    },
    'visitor:read': ({ id, seq }) => {
      visitor(id).send({ action: 'read', seq });
      return true;
    },
    'visitor:identify': async ({ id, name, email }) => {
      const v = visitor(id);
      const from = v.events.length;
      v.send({ action: 'identify', ...(name !== undefined && { name }), ...(email !== undefined && { email }) });
      return v.waitFor((e) => e.type === 'profile', from);
    },
    'visitor:wait': ({ id, type, text }) =>
      visitor(id).waitFor((e) => e.type === type && (text === undefined || (e.type === 'message' && e.message.text === text))),
    'visitor:events': ({ id }) => visitor(id).events,
    'visitor:close': ({ id }) => {
      visitor(id).close();
      sockets.delete(String(id));
      return true;
    },
    /** Sends any frame on an agent's or visitor's socket; answers the first event of type `until` (or an error) it brings. */
    'socket:frame': async ({ id, frame, until }) => {
      const socket = agent(id);
      const from = socket.events.length;
      socket.send(frame as Record<string, unknown>);
      return socket.waitFor((e) => e.type === until || e.type === 'error', from);
    },
    /** Sends any frame on an agent's or visitor's socket, waiting for nothing (`context`, `typing`). */
    'socket:send': ({ id, frame }) => {
      agent(id).send(frame as Record<string, unknown>);
      return true;
    },
    /** The ID token of a user with a permanent password (see cognito:user), for an agent's socket of their own. */
    'agent:tokenOf': ({ email, password }) => agentToken(stack, { email: String(email), password: String(password) }),
    /** Waits for an event of `type` whose JSON holds `includes`, among the socket's events from index `from` (0). */
    'socket:waitFor': ({ id, type, includes, from }) =>
      agent(id).waitFor(
        (e) => e.type === type && (includes === undefined || JSON.stringify(e).includes(String(includes))),
        Number(from ?? 0),
      ),
    /** Waits for a `team` event saying whether an agent is available, among the socket's events from index `from` (0). */
    'socket:team': ({ id, available, from }) =>
      agent(id).waitFor((e) => e.type === 'team' && e.status.agents.available === Boolean(available), Number(from ?? 0)),
    /**
     * Adds `count` messages to a room's history, alternating visitor and agent, straight
     * into the store (the rate limit would make sending them take seconds).
     */
    'room:seed': async ({ roomId, count, prefix }) => {
      let lastSeq = await stack.deps.messages.lastSeq(String(roomId));
      for (let i = 1; i <= Number(count); i++) {
        const role = i % 2 ? 'visitor' : 'agent';
        ({ seq: lastSeq } = await stack.deps.messages.append(
          {
            roomId: String(roomId),
            clientMsgId: randomUUID(),
            sender: role === 'agent' ? { role, name: DEMO_AGENT.name } : { role },
            text: `${String(prefix ?? 'Seeded')} ${i}`,
            createdAt: new Date().toISOString(),
          },
          lastSeq,
        ));
      }
      return true;
    },
    /** The connection ids of the agents in a room. */
    'room:agentConnections': async ({ roomId }) =>
      (await stack.deps.connections.members(String(roomId))).filter((m) => m.role === 'agent').map((m) => m.connectionId),
    /** A user with a permanent password, in the agents group or not. */
    'cognito:user': async ({ email, password, agent: isAgent, name }) => {
      await ensureUser(stack.cognito.client, stack.cognito.userPoolId, {
        email: String(email),
        password: String(password),
        agent: Boolean(isAgent),
        ...(name !== undefined && { name: String(name) }),
      });
      return true;
    },
    /** `npm run agents -- add EMAIL` against this stack's cognito-local; answers the temporary password it printed. */
    'cognito:cliAdd': async ({ email }) => {
      let output = '';
      const out = { log: (line: string) => (output += `${line}\n`), error: (line: string) => (output += `${line}\n`) };
      const code = await runAgents(['add', String(email)], out, { ...process.env, COGNITO_PORT: new URL(stack.cognito.endpoint).port });
      const temporary = /Temporary password: (\S+)/.exec(output)?.[1];
      if (code !== 0 || !temporary) throw new Error(`npm run agents -- add failed: ${output}`);
      return temporary;
    },
    'room:id': ({ visitorKey }) => roomIdForVisitorKey(String(visitorKey)),
    /** Cuts the room's visitor connections without a close handshake, as a lost network does. */
    'room:drop': async ({ roomId }) => {
      const members = await stack.deps.connections.members(String(roomId));
      const visitors = members.filter((m) => m.role === 'visitor');
      for (const m of visitors) stack.gateway.drop(m.connectionId);
      return visitors.length;
    },
    /** Cuts the room's agent connections without a close handshake. */
    'room:dropAgents': async ({ roomId }) => {
      const agents = (await stack.deps.connections.members(String(roomId))).filter((m) => m.role === 'agent');
      for (const m of agents) stack.gateway.drop(m.connectionId);
      return agents.length;
    },
    /**
     * Stores an agent's message without broadcasting it: what a slow concurrent send looks
     * like to the room until its broadcast arrives (here: never; catch-up must find it).
     */
    'room:storeQuietly': async ({ roomId, text }) =>
      stack.deps.messages.append(
        {
          roomId: String(roomId),
          clientMsgId: randomUUID(),
          sender: { role: 'agent', name: DEMO_AGENT.name },
          text: String(text),
          createdAt: new Date().toISOString(),
        },
        await stack.deps.messages.lastSeq(String(roomId)),
      ),
    /** A TCP hop to the gateway that can go silent (see FlakyNetwork): `{ id, url }`. */
    'network:start': async () => {
      const hop = await startFlakyNetwork(new URL(stack.websocketUrl));
      const id = randomUUID();
      networks.set(id, hop);
      return { id, url: hop.url };
    },
    'network:cut': ({ id }) => {
      network(id).cut();
      return true;
    },
    'network:restore': ({ id }) => {
      network(id).restore();
      return true;
    },
    'room:visitorConnections': async ({ roomId }) =>
      (await stack.deps.connections.members(String(roomId))).filter((m) => m.role === 'visitor').length,
    /** What the server stored for the room, oldest first. */
    'room:messages': async ({ roomId }) => (await stack.deps.messages.page(String(roomId), { limit: 100 })).messages,
    'room:get': async ({ roomId }) => (await stack.deps.rooms.get(String(roomId))) ?? false,
    /**
     * The team's settings: the test stack's defaults with `patch` over them (an empty patch
     * restores them), saved by the demo agent (an admin) with `updateSettings`, as the
     * console does. Answers the `team` event every connection then gets.
     */
    'team:set': async ({ patch }) => {
      const admin = await TestSocket.connect(stack);
      try {
        const settings = { ...teamDefaults, ...(patch as Partial<TeamSettings>) };
        // Keys in one order: the settings come back from the store in another.
        const same = (value: unknown): string =>
          JSON.stringify(value, (_key, v: unknown) =>
            v && typeof v === 'object' && !Array.isArray(v)
              ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
              : v,
          );
        admin.send({ action: 'updateSettings', settings });
        return await admin.waitFor((e) => e.type === 'error' || (e.type === 'team' && same(e.status.settings) === same(settings)));
      } finally {
        admin.close();
      }
    },
    /** The measured reply time the team's status carries (undefined: none), as if measured just now. */
    'team:replyMinutes': async ({ minutes }) => {
      await stack.deps.team.saveReplyMinutes(minutes === undefined ? undefined : Number(minutes), Date.now());
      return true;
    },
    /** An agent closes a room, as the console's "Close" does. */
    'agent:closeRoom': async ({ id, roomId }) => {
      const a = agent(id);
      const from = a.events.length;
      a.send({ action: 'closeRoom', roomId });
      return a.waitFor((e) => e.type === 'roomClosed' && e.roomId === roomId, from);
    },
    /**
     * Sends a file as a message on an agent's or a visitor's socket, as a client does: a slot,
     * the upload to S3 (the slot's fields, then the file), then `sendMessage` naming it.
     * Answers the acknowledged message, or the error that refused it.
     */
    'socket:sendFile': async ({ id, roomId, name, type, base64, text, internal }) => {
      const socket = agent(id);
      const clientMsgId = randomUUID();
      const bytes = Buffer.from(String(base64), 'base64');
      const room = roomId === undefined ? {} : { roomId };
      let from = socket.events.length;
      socket.send({ action: 'uploadSlot', clientMsgId, ...room, name, type, size: bytes.length });
      const slot = await socket.waitFor(
        (e) => (e.type === 'uploadSlot' || e.type === 'error') && 'clientMsgId' in e && e.clientMsgId === clientMsgId,
        from,
      );
      if (slot.type !== 'uploadSlot') return slot;
      const form = new FormData();
      for (const [field, value] of Object.entries(slot.fields)) form.append(field, value);
      form.append('file', new Blob([bytes], { type: String(type) }), String(name));
      const upload = await fetch(slot.url, { method: 'POST', body: form });
      if (!upload.ok) throw new Error(`upload: HTTP ${upload.status} ${await upload.text()}`);
      from = socket.events.length;
      socket.send({
        action: 'sendMessage',
        clientMsgId,
        ...room,
        text: String(text ?? ''),
        attachment: { id: slot.attachmentId },
        ...(internal ? { internal: true } : {}),
      });
      const answer = await socket.waitFor(
        (e) => (e.type === 'message' && e.message.clientMsgId === clientMsgId) || (e.type === 'error' && e.clientMsgId === clientMsgId),
        from,
      );
      return answer.type === 'message' ? answer.message : answer;
    },
    /** A customer's identity token with `claims` (at least `sub`), signed with the key of the stack (or of the `required` one), as the company's backend signs it. */
    'identity:token': async ({ claims, stack: name }) => {
      const { identity } = await stackNamed(name);
      return signIdentityToken(claims as CustomerClaims, { secretValue: identity.secretValue(), audience: identity.audience });
    },
    /** The room a signed-in customer has (null before they first connected). */
    'customer:room': async ({ sub, stack: name }) => (await (await stackNamed(name)).deps.customers.roomOf(String(sub))) ?? null,
    /**
     * The stack with a malware scan (files say `checking` until a verdict): its config.json is
     * served at /__config/scan.json. Started once, on first use.
     */
    'scan:start': async () => {
      scanning ??= (async () => {
        const dir = await mkdtemp(join(tmpdir(), 'support-chat-wtr-scan-'));
        const scanStack = await startLocalStack({
          dataDir: dir,
          ports: Object.fromEntries(Object.keys(PORT_SETTINGS).map((name) => [name, 0])) as Partial<LocalPorts>,
          siteUrl: 'http://localhost',
          teamDefaults,
          malwareScan: true,
        });
        return { stack: scanStack, dataDir: dir };
      })();
      await scanning;
      return true;
    },
    /** GuardDuty's verdict on a file of the scanning stack, as EventBridge hands it over: `NO_THREATS_FOUND`, `THREATS_FOUND`, ... */
    'scan:verdict': async ({ roomId, attachmentId, status }) => {
      const { stack: scanStack } = await scanning!;
      await scanStack.scanResult(
        guardDutyScanResult(scanStack.s3.bucket, `files/${String(roomId)}/${String(attachmentId)}`, status as ScanResultStatus),
      );
      return true;
    },
    /**
     * GETs a URL from the test server (a presigned link, as a browser's download would):
     * its status, the headers a page's fetch may not read across origins, and its bytes.
     */
    'http:get': async ({ url }) => {
      const response = await fetch(String(url));
      return {
        status: response.status,
        headers: Object.fromEntries(response.headers),
        bytes: Buffer.from(await response.arrayBuffer()).toString('base64'),
      };
    },
    /** The emails the local SES received, oldest first (what the demo serves at /local/mail.json). */
    'mail:list': () => stack.ses.mails(),
    /** Lets a held response (/__hold/ID.svg) go, or lets it through unheld if it has not come yet. */
    'hold:release': ({ id }) => {
      holding(String(id)).release();
      return true;
    },
    /** A link's token back into a room, good until `expiresAt` (epoch ms), as emails carry them. */
    'link:resume': ({ roomId, expiresAt }) => stack.deps.links.resumeToken(String(roomId), Number(expiresAt)),
    /**
     * Builds dist/support-chat.js, dist/support-agent-console.js and dist/esm/ as
     * `npm run build` does, into a temp dir served at /__bundle/.
     */
    bundle: () =>
      (bundling ??= (async (): Promise<BundleFacts> => {
        bundleDir = await mkdtemp(join(tmpdir(), 'support-chat-bundle-'));
        await build({ configFile: join(widgetRoot, 'vite.config.ts'), build: { outDir: bundleDir }, logLevel: 'silent' });
        const script = async (file: string) => {
          const code = await readFile(join(bundleDir!, file));
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
          files: await script('support-chat-files.js'),
          console: await script('support-agent-console.js'),
          // The ES modules leave lit to the app's bundler (read raw: the test server rewrites imports).
          esm: await readFile(join(bundleDir, 'esm', 'index.js'), 'utf8').then((esm) => ({
            importsLit: /from\s*["']lit["']/.test(esm),
            bundlesLit: /litHtmlVersions|class LitElement\b/.test(esm),
          })),
        };
      })()),
  };

  return {
    name: 'support-chat-local-stack',
    async serverStart() {
      dataDir = await mkdtemp(join(tmpdir(), 'support-chat-wtr-'));
      stack = await startLocalStack({
        dataDir,
        // Every service on a free port, whatever services the stack has: never a default one a running npm start holds.
        ports: Object.fromEntries(Object.keys(PORT_SETTINGS).map((name) => [name, 0])) as Partial<LocalPorts>,
        siteUrl: 'http://localhost',
        teamDefaults,
        identityMode: 'optional',
      });
    },
    async serverStop() {
      for (const { release } of held.values()) release();
      for (const socket of sockets.values()) socket.close();
      for (const hop of networks.values()) await hop.close();
      await stack?.stop();
      await rm(dataDir, { recursive: true, force: true });
      for (const started of [scanning, requiring]) {
        const other = await started?.catch(() => undefined);
        if (!other) continue;
        await other.stack.stop();
        await rm(other.dataDir, { recursive: true, force: true });
      }
      if (bundleDir) await rm(bundleDir, { recursive: true, force: true });
    },
    async serve(context) {
      // The public HTTP API on the test pages' own origin, as the demo site serves it.
      if (context.path === '/config.json') {
        return { body: JSON.stringify({ ...stack.siteConfig, publicApiUrl: `${context.origin}/api` }), type: 'json' };
      }
      if (context.path === '/__config/required.json') {
        const { stack: required } = await requiredStack();
        return { body: JSON.stringify({ ...required.siteConfig, publicApiUrl: `${context.origin}/__required/api` }), type: 'json' };
      }
      if (context.path.startsWith('/api/') || context.path.startsWith('/__required/api/')) {
        const target = context.path.startsWith('/__required/') ? (await requiredStack()).stack : stack;
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
      // The built scripts from a slow CDN: /__slow/ID/support-chat-app.js comes once the test releases ID.
      const slow = /^\/__slow\/([\w-]+)\/([\w.-]+)$/.exec(context.path);
      if (slow && bundleDir) {
        if (slow[2] === 'support-chat-app.js') await holding(slow[1]!).done;
        return { body: await readFile(join(bundleDir, slow[2]!), 'utf8'), type: 'js' };
      }
      if (context.path.startsWith('/__bundle/') && bundleDir) {
        const file = context.path.slice('/__bundle/'.length);
        if (!/^(esm\/)?[\w.-]+$/.test(file)) return undefined;
        return { body: await readFile(join(bundleDir, file), 'utf8'), type: 'js' };
      }
      const heldPath = /^\/__hold\/([\w-]+)\.svg$/.exec(context.path);
      if (heldPath) {
        await holding(heldPath[1]!).done;
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
        const port = new URL(stack.s3.endpoint).port;
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

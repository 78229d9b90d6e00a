import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionsTable, roomsTable, teamTable } from '../src/tables.ts';
import { type BundleWeight, bundleHandler, bundleWeight } from './bundling.ts';

/**
 * Each handler bundled with the options the stack deploys it with (bundling.ts): what a
 * cold start imports stays within its budget, and no bundle carries code its handler never
 * runs. Bytes and modules only: times are the bench's (npm run bench -- --only cold-start).
 */

const HANDLERS = {
  authorizer: 'authorizer.ts',
  connect: 'connect.ts',
  disconnect: 'disconnect.ts',
  defaultRoute: 'default.ts',
  publicApi: 'http.ts',
  checks: 'checks.ts',
  scanResult: 'scan-result.ts',
  sweep: 'sweep.ts',
} as const;
type Handler = keyof typeof HANDLERS;

/**
 * Bytes of code each cold start imports (index.mjs and the chunks it imports, minified,
 * without source maps), a few kB above what they are. Before the bundles were split
 * (d72ded8) they were, in this order, 354, 858, 550, 1204, 540, 683 and 852 kB; split,
 * but with the SDK's core imported through its index files, 33, 308, 279, 394, 261, 307
 * and 306 kB. Most of what is left is the DynamoDB and @connections clients (216 kB
 * together), which nearly every invocation uses.
 */
const AT_IMPORT_BUDGET: Record<Handler, number> = {
  authorizer: 36_000,
  connect: 288_000,
  disconnect: 283_000,
  // The reports' counting (report-counts.ts, report-store.ts, the report schema) runs with every conversation: 1.6 kB more.
  defaultRoute: 373_000,
  publicApi: 266_000,
  checks: 297_000,
  scanResult: 285_000,
  sweep: 226_000,
};

/** What only the lazily loaded clients need from the SDK's core: the XML and query protocols (S3, SES, SNS, SQS), waiters, MD5 and CRC32 checksums. */
const LAZY_CLIENTS_ONLY = [
  '@aws-sdk/core/dist-es/submodules/protocols/xml/',
  '@aws-sdk/core/dist-es/submodules/protocols/query/',
  'node_modules/@aws-sdk/xml-builder/',
  '@smithy/core/dist-es/submodules/client/util-waiter/',
  '@smithy/core/dist-es/submodules/checksum/md5/',
  '@smithy/core/dist-es/submodules/checksum/crc32/',
];

/** The SDK's default credential chain: what the environment's credentials replace (src/aws/env-credentials.ts). */
const CREDENTIAL_CHAIN = [
  '@aws-sdk/credential-provider-node',
  '@aws-sdk/credential-provider-ini',
  '@aws-sdk/credential-provider-sso',
  '@aws-sdk/credential-provider-process',
  '@aws-sdk/credential-provider-web-identity',
  '@aws-sdk/credential-provider-http',
  '@aws-sdk/credential-provider-login',
  '@aws-sdk/nested-clients',
  '@aws-sdk/token-providers',
];

const packageOf = (input: string) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1];
const packagesIn = (inputs: string[]) => [...new Set(inputs.map(packageOf).filter((name) => name !== undefined))].sort();
const ourModulesIn = (inputs: string[]) => inputs.filter((input) => input.startsWith('backend/src/'));

let outdir: string;
const weights = {} as Record<Handler, BundleWeight>;

beforeAll(async () => {
  outdir = mkdtempSync(join(tmpdir(), 'support-chat-bundles-'));
  for (const [name, file] of Object.entries(HANDLERS))
    weights[name as Handler] = bundleWeight(await bundleHandler(file, join(outdir, name)));
}, 60_000);

afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
});

describe('handler bundles', () => {
  it('import at most their budget on a cold start, $default under 373 kB', () => {
    const over = Object.entries(weights)
      .filter(([name, weight]) => weight.atImport > AT_IMPORT_BUDGET[name as Handler])
      .map(([name, weight]) => `${name}: ${weight.atImport} bytes at import, budget ${AT_IMPORT_BUDGET[name as Handler]}`);
    expect(over).toEqual([]);
  });

  it("carry neither the SDK's credential chain nor full zod; only $default validates frames, with zod/mini", () => {
    const found = Object.fromEntries(
      Object.entries(weights).map(([name, weight]) => [
        name,
        {
          credentialChain: packagesIn(weight.inputs).filter((name) => CREDENTIAL_CHAIN.includes(name)),
          fullZod: weight.inputs.some((input) => input.includes('node_modules/zod/v4/classic/')),
          zod: packagesIn(weight.inputs).includes('zod'),
        },
      ]),
    );
    const none = { credentialChain: [], fullZod: false, zod: false };
    expect(found).toEqual({
      authorizer: none,
      connect: none,
      disconnect: none,
      defaultRoute: { ...none, zod: true },
      publicApi: none,
      checks: none,
      scanResult: none,
      sweep: none,
    });
  });

  it("the daily sweep bundles DynamoDB, S3 and the privacy code, none of the chat's", () => {
    const sweep = weights.sweep;
    expect(
      ourModulesIn(sweep.inputs).filter((module) => module.startsWith('backend/src/chat/') && !module.endsWith('reply-time.ts')),
    ).toEqual([]);
    expect(packagesIn(sweep.inputs).filter((name) => name.startsWith('@aws-sdk/client-'))).toEqual([
      '@aws-sdk/client-dynamodb',
      '@aws-sdk/client-s3',
    ]);
  });

  it('$connect and $disconnect bundle only the clients and code they use', () => {
    const unused = {
      // A signed-in customer's $connect copies a conversation's files (S3), but presigns nothing.
      connect: [
        '@aws-sdk/client-sns',
        '@aws-sdk/client-sesv2',
        '@aws-sdk/client-sqs',
        '@aws-sdk/client-secrets-manager',
        '@aws-sdk/client-cognito-identity-provider',
        '@aws-sdk/s3-presigned-post',
        '@aws-sdk/s3-request-presigner',
        'aws-jwt-verify',
      ],
      // An agent's last console closing schedules a check (SQS); nothing else leaves DynamoDB and @connections.
      disconnect: [
        '@aws-sdk/client-s3',
        '@aws-sdk/client-sns',
        '@aws-sdk/client-sesv2',
        '@aws-sdk/client-secrets-manager',
        '@aws-sdk/client-cognito-identity-provider',
        '@aws-sdk/s3-presigned-post',
        '@aws-sdk/s3-request-presigner',
        'aws-jwt-verify',
      ],
    };
    const held = (name: 'connect' | 'disconnect') => ({
      packages: packagesIn(weights[name].inputs).filter((pkg) => unused[name].includes(pkg)),
      // The identity tokens are the authorizer's to check; the frames are $default's to parse.
      modules: ourModulesIn(weights[name].inputs).filter(
        (module) => module.startsWith('backend/src/identity/') || module.startsWith('backend/src/chat/actions/'),
      ),
    });
    expect({ connect: held('connect'), disconnect: held('disconnect') }).toEqual({
      connect: { packages: [], modules: [] },
      disconnect: { packages: [], modules: [] },
    });
  });

  it("leave in the lazily loaded clients' chunks the SDK code only they need", () => {
    const atImport = Object.fromEntries(
      Object.entries(weights).map(([name, weight]) => [
        name,
        weight.inputsAtImport.filter((input) => LAZY_CLIENTS_ONLY.some((path) => input.includes(path))),
      ]),
    );
    expect(atImport).toEqual(Object.fromEntries(Object.keys(HANDLERS).map((name) => [name, []])));
    // ...which they do bundle: $default's files go to S3 and its emails through SES.
    expect(weights.defaultRoute.inputs.filter((input) => input.includes(LAZY_CLIENTS_ONLY[0]!)).length).toBeGreaterThan(0);
  });

  it('load in plain Node, every chunk of every handler', async () => {
    // Evaluating each chunk links the imports the build rewrote (sdk-core-imports.ts) and runs the SDK's module code in its new order.
    const script = `
      const { readdirSync } = await import('node:fs');
      const { join } = await import('node:path');
      const { pathToFileURL } = await import('node:url');
      const dir = process.argv[1];
      const files = ['index.mjs', ...readdirSync(join(dir, 'chunks')).filter((f) => f.endsWith('.mjs')).map((f) => join('chunks', f))];
      for (const file of files) await import(pathToFileURL(join(dir, file)).href);
      console.log(files.length);`;
    const loaded = await Promise.all(
      Object.keys(HANDLERS).map(async (name) => {
        const { stdout } = await promisify(execFile)(
          process.execPath,
          ['--input-type=module', '--no-warnings', '-e', script, join(outdir, name)],
          {
            timeout: 30_000,
            env: { PATH: process.env.PATH, HOME: outdir, AWS_REGION: 'us-east-1' },
          },
        );
        return [name, Number(stdout.trim())] as const;
      }),
    );
    for (const [name, chunks] of loaded) expect(chunks, name).toBeGreaterThan(1);
  });

  it('load the clients only some requests use on first use, not at import', () => {
    const clientsAtImport = (name: Handler) =>
      packagesIn(weights[name].inputsAtImport).filter((pkg) => pkg.startsWith('@aws-sdk/client-') || pkg.startsWith('@aws-sdk/s3-'));
    expect(Object.fromEntries(Object.keys(HANDLERS).map((name) => [name, clientsAtImport(name as Handler)]))).toEqual({
      // The authorizer reaches Secrets Manager for links and identity tokens only.
      authorizer: [],
      connect: ['@aws-sdk/client-apigatewaymanagementapi', '@aws-sdk/client-dynamodb'],
      disconnect: ['@aws-sdk/client-apigatewaymanagementapi', '@aws-sdk/client-dynamodb'],
      defaultRoute: ['@aws-sdk/client-apigatewaymanagementapi', '@aws-sdk/client-dynamodb'],
      publicApi: ['@aws-sdk/client-dynamodb'],
      checks: ['@aws-sdk/client-apigatewaymanagementapi', '@aws-sdk/client-dynamodb'],
      scanResult: ['@aws-sdk/client-apigatewaymanagementapi', '@aws-sdk/client-dynamodb'],
      // The sweep lists and deletes files only when a conversation expired whole.
      sweep: ['@aws-sdk/client-dynamodb'],
    });
  });
});

describe("a bundle's AWS credentials", () => {
  /**
   * Runs the bundled $disconnect under plain Node with `env`, its DynamoDB requests sent
   * (AWS_ENDPOINT_URL, which the SDK reads itself) to a local server that records their
   * headers and answers that nothing was there. Returns the headers and the outcome.
   */
  async function disconnectWith(env: Record<string, string>): Promise<{ requests: IncomingHttpHeaders[]; outcome: string }> {
    const requests: IncomingHttpHeaders[] = [];
    const server = createServer((request, response) => {
      requests.push(request.headers);
      request.resume();
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' }).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const script = `
      const { handler } = await import(process.argv[1]);
      console.log(await handler({ requestContext: { connectionId: 'c1' } }).then((r) => 'ok ' + r.statusCode, (e) => 'failed: ' + e.message));`;
    try {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--input-type=module', '--no-warnings', '-e', script, pathToFileURL(join(outdir, 'disconnect', 'index.mjs')).href],
        {
          timeout: 20_000,
          env: {
            PATH: process.env.PATH,
            // No shared config or credentials files: only the environment may speak.
            HOME: outdir,
            AWS_REGION: 'us-east-1',
            AWS_ENDPOINT_URL: endpoint,
            [connectionsTable.envVar]: 'connections',
            [roomsTable.envVar]: 'rooms',
            [teamTable.envVar]: 'team',
            CONNECTIONS_ENDPOINT: `${endpoint}/prod`,
            CHECK_QUEUE_URL: `${endpoint}/123456789012/checks`,
            ...env,
          },
        },
      );
      return { requests, outcome: stdout.trim().split('\n').at(-1) ?? '' };
    } finally {
      server.close();
    }
  }

  it("are the environment's (as Lambda sets them): every request is signed with its key and session token", async () => {
    const { requests, outcome } = await disconnectWith({
      AWS_ACCESS_KEY_ID: 'ASIAENVIRONMENTKEY01',
      AWS_SECRET_ACCESS_KEY: 'environment-secret',
      AWS_SESSION_TOKEN: 'environment-session-token',
    });
    expect(outcome).toBe('ok 200');
    expect(requests.length).toBeGreaterThan(0);
    for (const headers of requests) {
      expect(headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=ASIAENVIRONMENTKEY01\/\d{8}\/us-east-1\/dynamodb\/aws4_request/);
      expect(headers['x-amz-security-token']).toBe('environment-session-token');
    }
  });

  it('are nowhere else: without them the first request fails at once, sending nothing', async () => {
    const { requests, outcome } = await disconnectWith({});
    expect(outcome).toMatch(/^failed: .*environment variable credentials/i);
    expect(requests).toEqual([]);
  });
});

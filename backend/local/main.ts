/**
 * `npm start`: the local stack plus the demo site's Vite server, on one machine, with
 * no AWS account. Ctrl-C stops everything.
 */
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import { createServer as createViteServer, type ViteDevServer } from 'vite';
import { DEMO_AGENT } from './cognito.ts';
import { assertPortFree, PortInUseError } from './ports.ts';
import { localStackSite } from './site-plugin.ts';
import type { ReceivedAlert } from './sns.ts';
import { type LocalPorts, type LocalStack, PORT_SETTINGS, startLocalStack } from './stack.ts';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const siteRoot = join(repoRoot, 'demo-site');
const SITE = { envVar: 'SITE_PORT', default: 5173, service: 'demo site (Vite)' };

const bold = (s: string) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[22m` : s);
const dim = (s: string) => (process.stdout.isTTY ? `\x1b[2m${s}\x1b[22m` : s);

function portFromEnv(envVar: string, fallback: number): number {
  const raw = process.env[envVar];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${envVar}=${raw} is not a port number (1-65535).`);
  }
  return port;
}

function printAlert(alert: ReceivedAlert) {
  const lines = [
    bold(`SNS alert: ${alert.subject ?? '(no subject)'}`),
    ...(alert.sms ? [`SMS   ${alert.sms}`] : []),
    ...(alert.email ?? alert.default).split('\n').map((line) => `email ${line}`),
  ];
  console.log(`\n${lines.map((l) => `  │ ${l}`).join('\n')}\n`);
}

async function main() {
  const started = Date.now();
  const port = (name: keyof LocalPorts) => portFromEnv(PORT_SETTINGS[name].envVar, PORT_SETTINGS[name].default);
  const ports: LocalPorts = { gateway: port('gateway'), dynamodb: port('dynamodb'), cognito: port('cognito'), sns: port('sns') };
  const sitePort = portFromEnv(SITE.envVar, SITE.default);
  await assertPortFree(sitePort, SITE.service, SITE.envVar);

  let stack: LocalStack | undefined;
  let vite: ViteDevServer | undefined;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    await vite?.close().catch(() => {});
    await stack?.stop().catch(() => {});
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  const agentConsoleUrl = `http://localhost:${sitePort}/agent.html`;
  stack = await startLocalStack({
    dataDir: join(repoRoot, '.data'),
    ports,
    agentConsoleUrl,
    log: (line) => console.log(dim(`gateway  ${line}`)),
    onAlert: printAlert,
  });
  vite = await createViteServer({
    root: siteRoot,
    configFile: existsSync(join(siteRoot, 'vite.config.ts')) ? join(siteRoot, 'vite.config.ts') : false,
    server: { port: sitePort, strictPort: true, host: '127.0.0.1' },
    plugins: [localStackSite(stack)],
    logLevel: 'warn',
  });
  await vite.listen();

  const site = `http://localhost:${sitePort}`;
  console.log(
    [
      '',
      bold(`Support chat is running (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`),
      '',
      `  Demo site         ${site}/`,
      `  Agent console     ${agentConsoleUrl}`,
      `  Agent alerts      ${site}/alerts.html`,
      `  config.json       ${site}/config.json`,
      `  WebSocket         ${stack.siteConfig.websocketUrl}   (@connections API on the same port)`,
      `  DynamoDB          ${stack.dynamodbEndpoint.replace('127.0.0.1', 'localhost')}   (data in .data/)`,
      `  Cognito           ${stack.siteConfig.cognitoEndpoint}   (user pool ${stack.cognito.userPoolId})`,
      `  SNS alerts        ${stack.sns.endpoint.replace('127.0.0.1', 'localhost')}`,
      '',
      `  Demo agent        ${DEMO_AGENT.email} / ${DEMO_AGENT.password}`,
      '',
      dim('  Press Ctrl-C to stop.'),
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  if (error instanceof PortInUseError) console.error(`\n${error.message}\n`);
  else console.error('\nCould not start the local stack:', error);
  process.exit(1);
});

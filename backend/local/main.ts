/**
 * `npm start`: the local stack plus the demo site's Vite server, on one machine, with
 * no AWS account. Ctrl-C stops everything.
 */
import { DEMO_AGENT } from './cognito.ts';
import { type Demo, startDemo } from './demo.ts';
import { assertPortFree, PortInUseError } from './ports.ts';
import type { ReceivedAlert } from './sns.ts';
import { type LocalPorts, localDataDir, PORT_SETTINGS } from './stack.ts';

const SITE = { envVar: 'SITE_PORT', default: 5173, service: 'demo site (Vite)' };

const bold = (s: string) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[22m` : s);
const dim = (s: string) => (process.stdout.isTTY ? `\x1b[2m${s}\x1b[22m` : s);

/** A setting the person starting the demo got wrong: said plainly, without a stack trace. */
class SettingError extends Error {
  override name = 'SettingError';
}

function portFromEnv(envVar: string, fallback: number): number {
  const raw = process.env[envVar];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new SettingError(`${envVar}=${raw} is not a port number (1-65535).`);
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
  const ports: LocalPorts = {
    gateway: port('gateway'),
    dynamodb: port('dynamodb'),
    cognito: port('cognito'),
    aws: port('aws'),
    ses: port('ses'),
    s3: port('s3'),
  };
  const sitePort = portFromEnv(SITE.envVar, SITE.default);
  await assertPortFree(sitePort, SITE.service, SITE.envVar);

  let demo: Demo | undefined;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    await demo?.stop().catch(() => {});
    process.exit(code);
  };
  // npm start runs this file with `node --import tsx`, not the tsx command: the command's
  // parent process relays Ctrl-C to a child and SIGKILLs it when no answer comes within
  // 60 ms, which a busy machine misses, so nothing here stopped cleanly.
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  demo = await startDemo({
    dataDir: localDataDir(),
    ports,
    sitePort,
    log: (line) => console.log(dim(`gateway  ${line}`)),
    onAlert: printAlert,
  });
  const { stack, siteUrl: site } = demo;
  const agentConsoleUrl = stack.siteConfig.agentConsoleUrl;
  console.log(
    [
      '',
      bold(`Support chat is running (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`),
      '',
      `  Demo site         ${site}/`,
      `  Agent console     ${agentConsoleUrl}`,
      `  Alerts and emails ${site}/alerts.html   (emails also at ${site}/local/mail.json)`,
      `  config.json       ${site}/config.json`,
      `  WebSocket         ${stack.siteConfig.websocketUrl}   (@connections API on the same port)`,
      `  DynamoDB          ${stack.dynamodbEndpoint.replace('127.0.0.1', 'localhost')}   (data in ${localDataDir()})`,
      `  Cognito           ${stack.siteConfig.cognitoEndpoint}   (user pool ${stack.cognito.userPoolId})`,
      `  SNS, SQS, Secrets ${stack.aws.endpoint.replace('127.0.0.1', 'localhost')}`,
      `  SES               ${stack.ses.endpoint.replace('127.0.0.1', 'localhost')}   (its own inbox page at /)`,
      `  S3                ${stack.s3.endpoint}/${stack.s3.bucket}   (files in ${localDataDir()}/s3)`,
      '',
      `  Demo agent        ${DEMO_AGENT.email} / ${DEMO_AGENT.password}`,
      '',
      dim('  Press Ctrl-C to stop.'),
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  if (error instanceof PortInUseError || error instanceof SettingError) console.error(`\n${error.message}\n`);
  else console.error('\nCould not start the local stack:', error);
  process.exit(1);
});

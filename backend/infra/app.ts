import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Annotations, App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { SupportChatStack } from './support-chat-stack.ts';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const siteDirectory = join(repoRoot, 'demo-site', 'dist');

if (!existsSync(siteDirectory) || !statSync(siteDirectory).isDirectory()) {
  throw new Error(
    `The site is not built: ${relative(process.cwd(), siteDirectory)} is missing. Run "npm run build" first ` +
      '(npm run synth and npm run deploy do it for you).',
  );
}

const app = new App();
const stack = new SupportChatStack(app, 'SupportChat', {
  description: 'Support chat: WebSocket API, Lambda handlers, DynamoDB, S3 attachments, SNS alerts, Cognito agents, CloudFront hosting',
  siteDirectory,
  // Env-agnostic unless the CLI knows the account and region; nothing here looks anything up.
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
for (const file of ['support-chat.js', 'support-chat-app.js', 'index.html', 'agent.html']) {
  if (!existsSync(join(siteDirectory, file))) {
    Annotations.of(stack).addWarningV2('@support-chat/site-file-missing', `demo-site/dist has no ${file}; the deployed site will lack it.`);
  }
}
// Synthesis (and so every deploy) fails on an AwsSolutions finding that is not acknowledged.
// Each construct acknowledges the findings on its own resources, with the reason, where it
// creates them.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));

import { App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { SupportChatStack } from './support-chat-stack.ts';
const t0 = Date.now();
const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
const stack = new SupportChatStack(app, 'SupportChat', { siteDirectory: '/tmp/site' });
const report = new AwsSolutionsChecks(app).validateScope(stack);
for (const v of report.violations) console.log(v.severity, v.ruleName, v.violatingResources.map(r => r.constructPath).join(' | '));
console.log(Date.now()-t0, 'ms');

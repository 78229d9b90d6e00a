import { alertTexts } from '../chat/alert-texts.ts';
import type { AlertInput, AlertPublisher } from '../chat/ports.ts';
import { optionalEnv, requireEnv } from '../config.ts';
import { once } from '../once.ts';

/** The SNS Publish request for an alert: one message, a variant per protocol (email, SMS). */
export function buildAlert(alert: AlertInput, agentConsoleUrl: string) {
  const texts = alertTexts(alert, agentConsoleUrl);
  return {
    Subject: texts.subject,
    MessageStructure: 'json',
    Message: JSON.stringify({ default: texts.email, email: texts.email, sms: texts.sms }),
  };
}

/** Alerts to the team's topic. The SDK client is imported on first use: a cold start does not load it. */
export class SnsAlertPublisher implements AlertPublisher {
  private readonly sns;

  constructor(
    private readonly topicArn: string,
    private readonly agentConsoleUrl: string,
    options: { endpoint?: string; region?: string } = {},
  ) {
    this.sns = once(async () => {
      const sdk = await import('@aws-sdk/client-sns');
      const client = new sdk.SNSClient({
        ...(options.region && { region: options.region }),
        ...(options.endpoint && {
          endpoint: options.endpoint,
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }),
      });
      return { client, PublishCommand: sdk.PublishCommand };
    });
  }

  async publish(alert: AlertInput): Promise<void> {
    const { client, PublishCommand } = await this.sns();
    await client.send(new PublishCommand({ TopicArn: this.topicArn, ...buildAlert(alert, this.agentConsoleUrl) }));
  }
}

/** The alert topic from the CDK stack's variables (locally, `SNS_ENDPOINT` names the stand-in). */
export function alertsFromEnv(env: NodeJS.ProcessEnv = process.env): SnsAlertPublisher {
  return new SnsAlertPublisher(requireEnv('ALERT_TOPIC_ARN', env), requireEnv('AGENT_CONSOLE_URL', env), {
    endpoint: optionalEnv('SNS_ENDPOINT', env),
    region: optionalEnv('AWS_REGION', env),
  });
}

import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { alertTexts } from '../chat/alert-texts.ts';
import type { AlertInput, AlertPublisher } from '../chat/ports.ts';
import { optionalEnv, requireEnv } from '../config.ts';

/** The SNS Publish request for an alert: one message, a variant per protocol (email, SMS). */
export function buildAlert(alert: AlertInput, agentConsoleUrl: string) {
  const texts = alertTexts(alert, agentConsoleUrl);
  return {
    Subject: texts.subject,
    MessageStructure: 'json',
    Message: JSON.stringify({ default: texts.email, email: texts.email, sms: texts.sms }),
  };
}

export class SnsAlertPublisher implements AlertPublisher {
  private readonly client: SNSClient;

  constructor(
    private readonly topicArn: string,
    private readonly agentConsoleUrl: string,
    options: { endpoint?: string; region?: string } = {},
  ) {
    this.client = new SNSClient({
      ...(options.region && { region: options.region }),
      ...(options.endpoint && {
        endpoint: options.endpoint,
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      }),
    });
  }

  async publish(alert: AlertInput): Promise<void> {
    await this.client.send(new PublishCommand({ TopicArn: this.topicArn, ...buildAlert(alert, this.agentConsoleUrl) }));
  }
}

/** The alert topic from the CDK stack's variables (locally, `SNS_ENDPOINT` names the stand-in). */
export function alertsFromEnv(env: NodeJS.ProcessEnv = process.env): SnsAlertPublisher {
  return new SnsAlertPublisher(requireEnv('ALERT_TOPIC_ARN', env), requireEnv('AGENT_CONSOLE_URL', env), {
    endpoint: optionalEnv('SNS_ENDPOINT', env),
    region: optionalEnv('AWS_REGION', env),
  });
}

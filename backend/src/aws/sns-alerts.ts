import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { AlertInput, AlertPublisher } from '../chat/ports.ts';
import { optionalEnv, requireEnv } from '../config.ts';
import { MAX_SMS_LENGTH } from '../protocol/limits.ts';

/** The SNS Publish request for an alert: one message, a variant per protocol. */
export function buildAlert(alert: AlertInput, agentConsoleUrl: string) {
  const who = alert.visitorName ?? 'a visitor';
  const link = `${agentConsoleUrl}#room=${alert.roomId}`;
  const headline = alert.firstMessage ? `New chat from ${who}` : `${capitalize(who)} is waiting for an answer`;
  const email = [
    `${headline}.`,
    '',
    `Visitor: ${alert.visitorName ?? 'not given'}`,
    `Email: ${alert.visitorEmail ?? 'not given'}`,
    '',
    'Message:',
    alert.text,
    '',
    `Answer here: ${link}`,
  ].join('\n');
  return {
    Subject: truncate(`New chat: ${alert.visitorName ?? 'a visitor'}`.replace(/[\r\n]+/g, ' '), 100),
    MessageStructure: 'json',
    Message: JSON.stringify({ default: email, email, sms: smsText(headline, alert.text, link) }),
  };
}

/** Headline, link and as much of the message as fits in one 160-character SMS. */
function smsText(headline: string, text: string, link: string): string {
  const frame = `${headline}: "" ${link}`;
  const room = MAX_SMS_LENGTH - [...frame].length;
  const oneLine = text.replace(/\s+/g, ' ');
  if (room >= 4) return `${headline}: "${truncate(oneLine, room)}" ${link}`;
  return truncate(`${headline} ${link}`, MAX_SMS_LENGTH);
}

function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
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

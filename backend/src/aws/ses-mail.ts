import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { MailSender, OutgoingMail } from '../chat/ports.ts';
import { optionalEnv, requireEnv } from '../config.ts';

/** Email to visitors through Amazon SES (v2), from the deployment's verified identity. */
export class SesMailSender implements MailSender {
  private readonly client: SESv2Client;

  constructor(
    private readonly from: string,
    options: { endpoint?: string; region?: string } = {},
  ) {
    this.client = new SESv2Client({
      ...(options.region && { region: options.region }),
      ...(options.endpoint && { endpoint: options.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
    });
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.client.send(
      new SendEmailCommand({
        FromEmailAddress: this.from,
        Destination: { ToAddresses: [mail.to] },
        Content: {
          Simple: {
            Subject: { Data: mail.subject, Charset: 'UTF-8' },
            Body: { Text: { Data: mail.text, Charset: 'UTF-8' }, Html: { Data: mail.html, Charset: 'UTF-8' } },
            // One-click unsubscribe (RFC 8058), which mail providers ask of bulk senders.
            ...(mail.unsubscribeUrl && {
              Headers: [
                { Name: 'List-Unsubscribe', Value: `<${mail.unsubscribeUrl}>` },
                { Name: 'List-Unsubscribe-Post', Value: 'List-Unsubscribe=One-Click' },
              ],
            }),
          },
        },
      }),
    );
  }
}

/** The sender from `MAIL_FROM` (the CDK stack's verified identity); `SES_ENDPOINT` points at the local stand-in. */
export function mailFromEnv(env: NodeJS.ProcessEnv = process.env): SesMailSender {
  return new SesMailSender(requireEnv('MAIL_FROM', env), {
    endpoint: optionalEnv('SES_ENDPOINT', env),
    region: optionalEnv('AWS_REGION', env),
  });
}

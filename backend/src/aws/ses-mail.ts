import type { MailSender, OutgoingMail } from '../chat/ports.ts';
import { optionalEnv, requireEnv } from '../config.ts';
import { once } from '../once.ts';

/**
 * Email to visitors through Amazon SES (v2), from the deployment's verified identity. The
 * SDK client is imported on first use: most frames send no email, and a cold start does
 * not load it.
 */
export class SesMailSender implements MailSender {
  private readonly ses;

  constructor(
    private readonly from: string,
    options: { endpoint?: string; region?: string } = {},
  ) {
    this.ses = once(async () => {
      const sdk = await import('@aws-sdk/client-sesv2');
      const client = new sdk.SESv2Client({
        ...(options.region && { region: options.region }),
        ...(options.endpoint && { endpoint: options.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
      });
      return { client, SendEmailCommand: sdk.SendEmailCommand };
    });
  }

  async send(mail: OutgoingMail): Promise<void> {
    const { client, SendEmailCommand } = await this.ses();
    await client.send(
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

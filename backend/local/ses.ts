import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeNow } from './ports.ts';

/** One email as the local SES received it, in the shape `/local/mail.json` serves. */
export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  sentAt: string;
}

export interface LocalSes {
  /** The SES v2 API (http://127.0.0.1:PORT); its own page of received mail is at `/`. */
  endpoint: string;
  /** Every email received since start, oldest first. */
  mails(): Promise<ReceivedMail[]>;
  stop(): Promise<void>;
}

/** The shape aws-ses-v2-local's GET /store lists emails in. */
interface StoredEmail {
  at: number;
  subject?: string;
  destination?: { to?: string[] };
  body?: { text?: string; html?: string };
}

/**
 * Amazon SES v2, from the npm emulator aws-ses-v2-local: it takes SendEmail as SES does
 * (@aws-sdk/client-sesv2 talks to it unchanged) and keeps the emails in memory.
 */
export async function startSes(port: number): Promise<LocalSes> {
  const { default: start } = (await import('aws-ses-v2-local')) as unknown as {
    default: (config: { host: string; port: number }) => Promise<Server>;
  };
  // It passes the port to listen() as given, so 0 binds a free one; the server says which.
  const server = await start({ host: '127.0.0.1', port });
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    async mails() {
      const { emails } = (await (await fetch(`${endpoint}/store`)).json()) as { emails: StoredEmail[] };
      return emails
        .map((email) => ({
          to: email.destination?.to ?? [],
          subject: email.subject ?? '',
          text: email.body?.text ?? '',
          html: email.body?.html ?? '',
          sentAt: new Date(email.at * 1000).toISOString(),
        }))
        .sort((a, b) => a.sentAt.localeCompare(b.sentAt));
    },
    stop: () => closeNow(server),
  };
}

import { Logger } from '@aws-lambda-powertools/logger';
import type { Log, LogValue } from '../chat/ports.ts';

/** The handlers' logger: JSON lines in CloudWatch, an Error's stack kept, no email address in any line. */
export function createLogger(): Log {
  return withoutEmailAddresses(new Logger({ serviceName: 'support-chat' }));
}

/** Anything shaped like an email address. */
const EMAIL_ADDRESS = /[^\s@<>()[\]"',;:]+@[^\s@<>()[\]"',;:]+\.[^\s@<>()[\]"',;:]+/g;

/**
 * A log that writes "[email]" where a line would hold a visitor's address: the code never
 * logs one on purpose, but an error from a service can quote it (SES names a refused
 * recipient in its message), and a visitor's address must never reach the logs.
 */
export function withoutEmailAddresses(log: Log): Log {
  const clean = (extra: Record<string, LogValue>[]) =>
    extra.map((fields) => Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, redact(value)])));
  return {
    info: (message, ...extra) => log.info(redactText(message), ...clean(extra)),
    warn: (message, ...extra) => log.warn(redactText(message), ...clean(extra)),
    error: (message, ...extra) => log.error(redactText(message), ...clean(extra)),
  };
}

function redact(value: LogValue): LogValue {
  if (typeof value === 'string') return redactText(value);
  if (!(value instanceof Error)) return value;
  const error = new Error(redactText(value.message));
  error.name = value.name;
  if (value.stack) error.stack = redactText(value.stack);
  return error;
}

function redactText(text: string): string {
  return text.replace(EMAIL_ADDRESS, '[email]');
}

import { Logger } from '@aws-lambda-powertools/logger';

/** The handlers' logger: JSON lines in CloudWatch, an Error's stack kept. */
export function createLogger(): Logger {
  return new Logger({ serviceName: 'support-chat' });
}

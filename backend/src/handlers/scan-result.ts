import type { GuardDutyScanResultNotificationEvent } from 'aws-lambda';
import { connectionsApiFromEnv } from '../aws/connections-api.ts';
import { fileRefOfKey } from '../aws/s3-bucket.ts';
import { filesFromEnv } from '../aws/s3-files.ts';
import { Delivery } from '../chat/delivery.ts';
import type { ChatDeps } from '../chat/deps.ts';
import { applyScanResult, type ScanResultDeps, type ScanVerdict } from '../chat/scan-result.ts';
import { requireEnv } from '../config.ts';
import { once } from '../once.ts';
import { createLogger } from '../runtime/logger.ts';
import { storesFromEnv } from '../store/from-env.ts';

export type ScanResultHandlerDeps = ScanResultDeps & Pick<ChatDeps, 'gateway'> & { bucket: string };

const VERDICTS: Record<GuardDutyScanResultNotificationEvent['detail']['scanResultDetails']['scanResultStatus'], ScanVerdict> = {
  NO_THREATS_FOUND: 'clean',
  THREATS_FOUND: 'infected',
  UNSUPPORTED: 'unscannable',
  ACCESS_DENIED: 'failed',
  FAILED: 'failed',
};

/**
 * GuardDuty's "Malware Protection Object Scan Result" for a file in the attachments
 * bucket (an EventBridge rule sends them here): the file's message is released, or its
 * file removed (chat/scan-result.ts). A result that cannot be taken yet (its message is
 * not stored yet) or fails throws, and Lambda and EventBridge deliver it again; after their
 * retries it waits in a dead-letter queue. Results for anything but an accepted file
 * (another bucket, another prefix) are ignored.
 */
export function makeScanResultHandler(deps: () => ScanResultHandlerDeps) {
  return async (event: GuardDutyScanResultNotificationEvent): Promise<void> => {
    const { log, gateway, bucket } = deps();
    const { bucketName, objectKey } = event.detail?.s3ObjectDetails ?? {};
    const ref = objectKey === undefined ? undefined : fileRefOfKey(objectKey);
    const verdict = VERDICTS[event.detail?.scanResultDetails?.scanResultStatus];
    if (event.source !== 'aws.guardduty' || bucketName !== bucket || !ref || !verdict) {
      log.warn('ignored an event that is no scan result of an accepted file', { source: event.source, bucketName, objectKey });
      return;
    }
    await applyScanResult({ ...deps(), out: new Delivery(gateway, log) }, ref, verdict);
  };
}

export const handler = makeScanResultHandler(
  once(() => {
    const stores = storesFromEnv();
    return {
      connections: stores.connections(),
      messages: stores.messages(),
      files: filesFromEnv()!,
      bucket: requireEnv('ATTACHMENTS_BUCKET'),
      gateway: connectionsApiFromEnv(),
      log: createLogger(),
    };
  }),
);

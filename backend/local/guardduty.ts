import { randomUUID } from 'node:crypto';
import type { GuardDutyScanResultNotificationEvent } from 'aws-lambda';

export type ScanResultStatus = GuardDutyScanResultNotificationEvent['detail']['scanResultDetails']['scanResultStatus'];

/**
 * The event GuardDuty Malware Protection for S3 publishes through EventBridge once it has
 * scanned an object. GuardDuty has no emulator: the local stack and the tests hand the
 * scan-result handler this, as AWS would.
 */
export function guardDutyScanResult(bucketName: string, objectKey: string, status: ScanResultStatus): GuardDutyScanResultNotificationEvent {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'GuardDuty Malware Protection Object Scan Result',
    source: 'aws.guardduty',
    account: '123456789012',
    time: new Date().toISOString(),
    region: 'eu-west-1',
    resources: ['arn:aws:guardduty:eu-west-1:123456789012:malware-protection-plan/example'],
    detail: {
      schemaVersion: '1.0',
      scanStatus:
        status === 'NO_THREATS_FOUND' || status === 'THREATS_FOUND' ? 'COMPLETED' : status === 'UNSUPPORTED' ? 'SKIPPED' : 'FAILED',
      resourceType: 'S3_OBJECT',
      s3ObjectDetails: { bucketName, objectKey, eTag: 'e2b2f5f2c1', versionId: 'null', s3Throttled: false },
      scanResultDetails: { scanResultStatus: status, threats: status === 'THREATS_FOUND' ? [{ name: 'EICAR-Test-File' }] : null },
    },
  };
}

import type { Log } from '../chat/ports.ts';
import { once } from '../once.ts';
import type { PrivacyStores } from '../privacy/stores.ts';
import { privacyStoresFromEnv } from '../privacy/stores.ts';
import { sweepInForce } from '../privacy/sweep.ts';
import { retentionDaysFromEnv } from '../retention.ts';
import { createLogger } from '../runtime/logger.ts';

/** The scheduled sweep's collaborators: the tables and bucket as stored, the deployment's period, a clock. */
export interface SweepHandlerDeps {
  stores: PrivacyStores;
  deploymentDays: number;
  now: () => number;
  log: Log;
}

/**
 * The daily sweep (an EventBridge rule): deletes what is past the retention in force (the
 * team's setting where it shortens the deployment's), conversations whole with their files,
 * as `npm run privacy -- sweep` does, and records it in the audit as `schedule`. Logs the
 * counts only. A failed run throws: Lambda retries it, and the next day's run catches up
 * (the sweep deletes nothing twice).
 */
export function makeSweepHandler(deps: () => SweepHandlerDeps) {
  return async (): Promise<void> => {
    const { stores, deploymentDays, now, log } = deps();
    const { days, counts } = await sweepInForce(stores, deploymentDays, now, 'schedule');
    log.info('swept expired conversation items', { days, ...counts });
  };
}

export const handler = makeSweepHandler(
  once(() => ({ stores: privacyStoresFromEnv(), deploymentDays: retentionDaysFromEnv(), now: Date.now, log: createLogger() })),
);

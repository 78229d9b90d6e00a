import { optionalEnv } from './config.ts';

/** How long a conversation is kept when the deployment says nothing (`-c retentionDays`). */
export const DEFAULT_RETENTION_DAYS = 365;
/** The longest retention a deployment may set: ten years. */
export const MAX_RETENTION_DAYS = 3650;

const DAY_MS = 86_400_000;

/**
 * How long conversation items are kept, and the clock that says what "now" is (the chat's
 * own clock, so a test that moves it moves what has expired).
 */
export interface Retention {
  readonly days: number;
  now(): number;
}

/** `RETENTION_DAYS` (a whole number of days, 1 to 3650), else 365. */
export function retentionDaysFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = optionalEnv('RETENTION_DAYS', env);
  if (raw === undefined) return DEFAULT_RETENTION_DAYS;
  return checkedRetentionDays(raw, 'RETENTION_DAYS');
}

/** A retention in days, or a clear error naming `setting`. */
export function checkedRetentionDays(raw: string, setting: string): number {
  const days = Number(raw);
  if (!/^\d+$/.test(raw) || days < 1 || days > MAX_RETENTION_DAYS) {
    throw new Error(`${setting}=${raw} is not a whole number of days from 1 to ${MAX_RETENTION_DAYS}.`);
  }
  return days;
}

/**
 * The TTL attribute of an item whose time is `at` (ISO or epoch ms): epoch seconds, when
 * DynamoDB may delete it. DynamoDB deletes expired items in the background, often days
 * late: reads check `isRetained` too, so an expired item is never served meanwhile.
 */
export function expiresAtOf(at: string | number, retention: Pick<Retention, 'days'>): number {
  const time = typeof at === 'number' ? at : Date.parse(at);
  return Math.ceil((time + retention.days * DAY_MS) / 1000);
}

/** The oldest time (ISO) an item may have and still be served now. */
export function retainedSince(retention: Retention): string {
  return new Date(retention.now() - retention.days * DAY_MS).toISOString();
}

/** Whether an item whose time is `at` (ISO) is within the retention period now. */
export function isRetained(at: string | undefined, retention: Retention): boolean {
  return at !== undefined && at >= retainedSince(retention);
}

/** Kept a year, by the process's own clock: stores built without a retention of their own (store tests). */
export const defaultRetention: Retention = { days: DEFAULT_RETENTION_DAYS, now: Date.now };

import { optionalEnv } from './config.ts';
import { MAX_RETENTION_DAYS } from './protocol/limits.ts';

/** How long a conversation is kept when the deployment says nothing (`-c retentionDays`). */
export const DEFAULT_RETENTION_DAYS = 365;

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

/** How long a process trusts what it last read of the team's retention setting. */
export const TEAM_RETENTION_MAX_AGE_MS = 60_000;

/**
 * The retention in force: the team's setting (an admin's, in the console) where it is
 * shorter than the deployment's, else the deployment's. The team may only shorten it: the
 * deployment's period is what its S3 lifecycle rule and its promises to people are built on.
 */
export function retentionInForce(deploymentDays: number, teamDays: number | undefined): number {
  return teamDays === undefined ? deploymentDays : Math.min(deploymentDays, teamDays);
}

/**
 * The retention of a running process: the deployment's, shortened by the team's setting as
 * last read. Every read of the team record tells it (`learn`); a `$default` invocation that
 * finds it older than a minute reads the team record again alongside its first read (see
 * `TeamStore.refreshRetention`), so a change reaches every warm Lambda within a minute and
 * the message path makes no extra sequential round trip.
 */
export class TeamRetention implements Retention {
  private teamDays: number | undefined;
  private learnedAt = Number.NEGATIVE_INFINITY;

  constructor(
    readonly deploymentDays: number,
    readonly now: () => number,
  ) {}

  get days(): number {
    return retentionInForce(this.deploymentDays, this.teamDays);
  }

  /** What the team's settings say now (undefined: nothing set, the deployment's period). */
  learn(teamDays: number | undefined): void {
    this.teamDays = teamDays;
    this.learnedAt = this.now();
  }

  /** Whether the team's setting was never read, or not within the last minute (by the chat's clock, which a test may move back too). */
  get stale(): boolean {
    const age = this.now() - this.learnedAt;
    return !(age >= 0 && age < TEAM_RETENTION_MAX_AGE_MS);
  }
}

/**
 * Exponential backoff with full jitter: a delay drawn uniformly from
 * [0, min(cap, base * 2^attempt)). Thousands of widgets that lost the same server
 * spread their reconnects instead of returning in one wave.
 */
export interface BackoffOptions {
  /** @default 1000 */
  baseMs?: number;
  /** @default 30000 */
  capMs?: number;
}

export function backoffDelay(attempt: number, options: BackoffOptions = {}, random: () => number = Math.random): number {
  const base = options.baseMs ?? 1000;
  const cap = options.capMs ?? 30_000;
  const ceiling = Math.min(cap, base * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}

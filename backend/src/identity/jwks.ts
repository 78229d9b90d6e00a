import type { JsonWebKey } from 'node:crypto';
import { isPlainObject } from './identity-profile.ts';
import type { Jwks } from './verify-identity-token.ts';

/** The company's JWKS could not be read: unreachable, too slow, too large, or not a JWKS. */
export class JwksUnavailableError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'JwksUnavailableError';
  }
}

export interface JwksFetchLimits {
  /** The whole fetch, headers and body. @default 3000 */
  timeoutMs: number;
  /** The body's size: a JWKS of a few keys is a few KB. @default 65536 */
  maxBytes: number;
}

const DEFAULT_LIMITS: JwksFetchLimits = { timeoutMs: 3000, maxBytes: 64 * 1024 };

/**
 * Fetches a JWKS within bounded time and size. Only https, but for a loopback address (the
 * local stack); redirects are refused, so neither can lead to plain http or to another host.
 * Each key is left to the verifier to judge: here only `{ keys: [objects] }` is checked.
 */
export async function fetchJwks(url: string, limits: JwksFetchLimits = DEFAULT_LIMITS): Promise<Jwks> {
  assertJwksUrl(url);
  let body: string;
  try {
    const response = await fetch(url, {
      redirect: 'error',
      signal: AbortSignal.timeout(limits.timeoutMs),
      headers: { accept: 'application/json' },
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw new JwksUnavailableError(`The JWKS at ${url} answered HTTP ${response.status}.`);
    }
    body = await readBounded(response, limits.maxBytes, url);
  } catch (error) {
    if (error instanceof JwksUnavailableError) throw error;
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    const why = timedOut ? `took longer than ${limits.timeoutMs} ms` : 'could not be fetched';
    throw new JwksUnavailableError(`The JWKS at ${url} ${why}.`, { cause: error });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    throw new JwksUnavailableError(`The JWKS at ${url} is not JSON.`, { cause: error });
  }
  if (!isPlainObject(parsed) || !Array.isArray(parsed.keys)) throw new JwksUnavailableError(`The JWKS at ${url} has no "keys" array.`);
  return { keys: parsed.keys.filter(isPlainObject) as JsonWebKey[] };
}

async function readBounded(response: Response, maxBytes: number, url: string): Promise<string> {
  const tooLarge = () => new JwksUnavailableError(`The JWKS at ${url} is larger than ${maxBytes} bytes.`);
  if (Number(response.headers.get('content-length')) > maxBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  // A declared length can be absent or false: count what actually arrives.
  const reader = response.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function assertJwksUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`The JWKS URL is not a URL: ${url}`);
  }
  const loopback = parsed.hostname === 'localhost' || parsed.hostname === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(parsed.hostname);
  if (!(parsed.protocol === 'https:' || (parsed.protocol === 'http:' && loopback))) {
    throw new Error(`The JWKS URL must use https (http only on a loopback address, for the local stack): ${url}`);
  }
}

export interface JwksCacheOptions extends Partial<JwksFetchLimits> {
  /** How long fetched keys are used before they are fetched again. @default 600000 (10 minutes) */
  maxAgeMs?: number;
  /**
   * The least time between two fetches, whatever asks: a flood of tokens naming unknown keys,
   * or a JWKS that is down, costs one fetch per interval. @default 30000
   */
  minIntervalMs?: number;
}

/**
 * One company's JWKS, kept for `maxAgeMs` and shared by concurrent callers. When a fetch
 * fails, the keys last fetched stand in (a Lambda container lives hours, not days), and
 * with none the failure is repeated until the interval has passed.
 */
export class JwksCache {
  private readonly limits: JwksFetchLimits;
  private readonly maxAgeMs: number;
  private readonly minIntervalMs: number;
  private held: { jwks: Jwks; fetchedAt: number } | undefined;
  private lastFailure: JwksUnavailableError | undefined;
  private lastAttemptAt = Number.NEGATIVE_INFINITY;
  private inFlight: Promise<Jwks> | undefined;

  constructor(
    readonly url: string,
    { maxAgeMs = 600_000, minIntervalMs = 30_000, ...limits }: JwksCacheOptions = {},
  ) {
    assertJwksUrl(url);
    this.limits = { ...DEFAULT_LIMITS, ...limits };
    this.maxAgeMs = maxAgeMs;
    this.minIntervalMs = minIntervalMs;
  }

  /** The keys held while they are fresh, else fetched anew. Throws JwksUnavailableError when none can be had. */
  keys(now = Date.now()): Promise<Jwks> {
    if (this.held && now - this.held.fetchedAt < this.maxAgeMs) return Promise.resolve(this.held.jwks);
    return this.fetch(now);
  }

  /** Fetches again, fresh or not (at most once per interval): for a token naming a key not held, just rotated in. */
  refresh(now = Date.now()): Promise<Jwks> {
    return this.fetch(now);
  }

  private fetch(now: number): Promise<Jwks> {
    if (this.inFlight) return this.inFlight;
    if (now - this.lastAttemptAt < this.minIntervalMs) {
      if (this.held) return Promise.resolve(this.held.jwks);
      if (this.lastFailure) return Promise.reject(this.lastFailure);
    }
    this.lastAttemptAt = now;
    this.inFlight = fetchJwks(this.url, this.limits)
      .then(
        (jwks) => {
          this.held = { jwks, fetchedAt: now };
          this.lastFailure = undefined;
          return jwks;
        },
        (error: unknown) => {
          this.lastFailure = error instanceof JwksUnavailableError ? error : new JwksUnavailableError(String(error), { cause: error });
          if (this.held) return this.held.jwks;
          throw this.lastFailure;
        },
      )
      .finally(() => {
        this.inFlight = undefined;
      });
    return this.inFlight;
  }
}

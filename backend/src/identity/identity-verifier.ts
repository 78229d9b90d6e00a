import { optionalEnv, requireEnv } from '../config.ts';
import { parseIdentitySecret } from './identity-secret.ts';
import { JwksCache, JwksUnavailableError } from './jwks.ts';
import { type IdentityCheck, type Jwks, type SharedSecret, verifyIdentityToken } from './verify-identity-token.ts';

/**
 * How a deployment treats its visitors' identity (`IDENTITY_MODE`):
 * - `off`: every visitor is anonymous; a token is refused (the site's developer should know);
 * - `optional`: anonymous visitors chat as before, a visitor with a token must have a good one;
 * - `required`: a customer portal: only visitors with a good token may chat.
 */
export type IdentityMode = 'off' | 'optional' | 'required';
export const IDENTITY_MODES: readonly IdentityMode[] = ['off', 'optional', 'required'];

export function identityModeFromEnv(env: NodeJS.ProcessEnv = process.env): IdentityMode {
  const raw = optionalEnv('IDENTITY_MODE', env) ?? 'off';
  if (!(IDENTITY_MODES as readonly string[]).includes(raw)) throw new Error(`IDENTITY_MODE=${raw}: say off, optional or required.`);
  return raw as IdentityMode;
}

/** Why a token could not be checked at all: no key could be had. Not the token's fault. */
export type IdentityUnavailable = { ok: false; code: 'unavailable'; reason: string };

/** A token's check, or that identity is off here. */
export type IdentityOutcome = IdentityCheck | IdentityUnavailable | { ok: false; code: 'off'; reason: string };

const OFF_REASON = 'This site does not accept identity tokens (its identity mode is off).';
const UNAVAILABLE_REASON = 'The identity keys could not be loaded; try again shortly.';

export interface IdentityVerifierOptions {
  mode: IdentityMode;
  /** What the tokens' `aud` must be. */
  audience?: string;
  /** Reads the shared secrets' current value (Secrets Manager), uncached. */
  readSecret?: () => Promise<string>;
  jwks?: JwksCache;
  /** How long read secrets are used before they are read again. @default 300000 (5 minutes) */
  secretMaxAgeMs?: number;
  /** The least time between two reads of the secret, for tokens naming a kid not held. @default 30000 */
  secretMinIntervalMs?: number;
}

/**
 * Checks customers' identity tokens against the deployment's keys: its shared secrets (read
 * from Secrets Manager, read again every 5 minutes, and at most every 30 s when a token names
 * a kid not held, which is how a rotated-in key starts working without a redeploy) and the
 * company's JWKS (jwks.ts keeps it). Never logs or returns the token.
 */
export class IdentityVerifier {
  readonly mode: IdentityMode;
  private readonly options: IdentityVerifierOptions;
  private secrets: { value: SharedSecret[]; readAt: number } | undefined;
  private lastSecretRead = Number.NEGATIVE_INFINITY;
  private reading: Promise<SharedSecret[]> | undefined;

  constructor(options: IdentityVerifierOptions) {
    this.mode = options.mode;
    this.options = options;
    if (options.mode !== 'off') {
      if (!options.audience) throw new Error('IDENTITY_AUDIENCE must be set when identity tokens are accepted.');
      if (!options.readSecret && !options.jwks) throw new Error('Identity tokens need a key: IDENTITY_SECRET_ARN or IDENTITY_JWKS_URL.');
    }
  }

  async check(token: string, now = Date.now()): Promise<IdentityOutcome> {
    if (this.mode === 'off') return { ok: false, code: 'off', reason: OFF_REASON };
    const audience = this.options.audience!;
    try {
      let keys = await this.keys(now, false);
      let checked = verifyIdentityToken(token, { keys, audience, now });
      if (!checked.ok && checked.code === 'unknown_key') {
        // A kid not held: perhaps rotated in since the keys were read. Read them again (rate-limited).
        keys = await this.keys(now, true);
        checked = verifyIdentityToken(token, { keys, audience, now });
      }
      // With the JWKS down, a token for one of its keys is refused for want of the key, not for itself.
      if (!checked.ok && keys.jwksDown && KEY_REFUSALS.has(checked.code)) throw new JwksUnavailableError('the JWKS is unavailable');
      return checked;
    } catch (error) {
      if (error instanceof JwksUnavailableError || error instanceof SecretUnavailableError) {
        return { ok: false, code: 'unavailable', reason: UNAVAILABLE_REASON };
      }
      throw error;
    }
  }

  private async keys(now: number, fresh: boolean): Promise<{ secrets?: SharedSecret[]; jwks?: Jwks; jwksDown?: true }> {
    const { jwks } = this.options;
    let jwksDown = false;
    const [secrets, set] = await Promise.all([
      this.options.readSecret ? this.sharedSecrets(now, fresh) : undefined,
      jwks
        ? (fresh ? jwks.refresh(now) : jwks.keys(now)).catch((error: unknown) => {
            // With shared secrets too, a JWKS that is down must not refuse HS256 tokens.
            if (!this.options.readSecret) throw error;
            jwksDown = true;
            return undefined;
          })
        : undefined,
    ]);
    return { ...(secrets && { secrets }), ...(set && { jwks: set }), ...((jwksDown as boolean) ? { jwksDown: true as const } : {}) };
  }

  private async sharedSecrets(now: number, fresh: boolean): Promise<SharedSecret[]> {
    const maxAge = this.options.secretMaxAgeMs ?? 300_000;
    const minInterval = this.options.secretMinIntervalMs ?? 30_000;
    const held = this.secrets;
    const stale = !held || now - held.readAt >= maxAge;
    // Held keys are read again at most once per interval, stale or not: else, while Secrets Manager fails, every token waits on a read.
    const wanted = !held || ((stale || fresh) && now - this.lastSecretRead >= minInterval);
    if (!wanted) return held.value;
    // None held: every check reads (concurrent ones share the read). Remembering a failure would
    // refuse every customer for the interval after Secrets Manager is back; a cold container
    // without keys has nothing better to offer than trying.
    this.lastSecretRead = now;
    this.reading ??= this.options.readSecret!()
      // A value that is none of the secret's forms (a bad edit in the console) is a failure to read, not a crash.
      .then(parseIdentitySecret)
      .then(
        (parsed) => {
          this.secrets = { value: parsed, readAt: now };
          return parsed;
        },
        (error: unknown) => {
          // The keys held stand in while Secrets Manager cannot be reached.
          if (this.secrets) return this.secrets.value;
          throw new SecretUnavailableError(String(error), { cause: error });
        },
      )
      .finally(() => {
        this.reading = undefined;
      });
    return this.reading;
  }
}

class SecretUnavailableError extends Error {}

/** Refusals that mean "no such key here": with the JWKS down, the key may well be in it. */
const KEY_REFUSALS: ReadonlySet<string> = new Set(['unknown_key', 'algorithm', 'key_mismatch']);

/**
 * The verifier a handler builds from its environment: `IDENTITY_MODE`, `IDENTITY_AUDIENCE`,
 * `IDENTITY_SECRET_ARN` (HS256 keys in Secrets Manager) and `IDENTITY_JWKS_URL` (the
 * company's public keys, RS256/ES256). `readSecret` is given by the caller (aws/secrets.ts),
 * so this module does not bundle the SDK.
 */
export function identityVerifierFromEnv(
  readSecret: (variable: string, env: NodeJS.ProcessEnv) => () => Promise<string>,
  env: NodeJS.ProcessEnv = process.env,
): IdentityVerifier {
  const mode = identityModeFromEnv(env);
  if (mode === 'off') return new IdentityVerifier({ mode });
  const jwksUrl = optionalEnv('IDENTITY_JWKS_URL', env);
  return new IdentityVerifier({
    mode,
    audience: requireEnv('IDENTITY_AUDIENCE', env),
    ...(optionalEnv('IDENTITY_SECRET_ARN', env) && { readSecret: readSecret('IDENTITY_SECRET_ARN', env) }),
    ...(jwksUrl && { jwks: new JwksCache(jwksUrl) }),
  });
}

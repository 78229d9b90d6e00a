import { AGENTS_GROUP, agentDisplayName } from '@support-chat/backend/protocol/agents';
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserPool,
  type CognitoUserSession,
  type IAuthenticationCallback,
  type ICognitoStorage,
} from 'amazon-cognito-identity-js';

/** What a session needs from `config.json`. */
export interface AgentSessionConfig {
  userPoolId: string;
  userPoolClientId: string;
  /** A Cognito stand-in's endpoint (cognito-local). When set, the password is sent with USER_PASSWORD_AUTH; without it, SRP. */
  cognitoEndpoint?: string;
}

export interface AgentSessionOptions {
  /** The ID token is refreshed this long before it expires. @default 5 minutes */
  refreshMarginMs?: number;
  /** Where the library keeps the session. @default localStorage, so a reload keeps the agent signed in */
  storage?: ICognitoStorage;
}

/** Who is signed in, from the ID token's claims. */
export interface AgentIdentity {
  /** The user's `sub`. */
  id: string;
  email: string;
  /** The `name` claim, or one made from the email, as the server names the agent to visitors. */
  name: string;
  groups: string[];
  /** Whether `cognito:groups` holds `agents`: only then does the chat server accept the token. */
  isAgent: boolean;
  /** When the ID token expires, in this computer's clock (ms since the epoch). */
  expiresAt: number;
}

export type SignInResult =
  | { status: 'signed-in'; identity: AgentIdentity }
  /** First sign-in with a temporary password: call completeNewPassword(). */
  | { status: 'new-password-required'; email: string };

export type AgentSessionErrorCode =
  | 'wrong-credentials'
  | 'too-many-attempts'
  | 'disabled'
  | 'password-reset-required'
  | 'password-policy'
  | 'challenge-expired'
  | 'unsupported-challenge'
  | 'signed-out'
  | 'network'
  | 'failed';

/** A sign-in, challenge or refresh that did not work; `code` says why, `message` is Cognito's. */
export class AgentSessionError extends Error {
  constructor(
    readonly code: AgentSessionErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AgentSessionError';
  }
}

export type AgentSessionEvent = 'signed-in' | 'refreshed' | 'signed-out';

const DEFAULT_REFRESH_MARGIN_MS = 5 * 60_000;
/** However short the margin leaves it, a refresh waits at least this long after the last. */
const MIN_REFRESH_DELAY_MS = 1000;
const SIGN_OUT_TIMEOUT_MS = 5000;

type Listener = (event: AgentSessionEvent, identity: AgentIdentity | undefined) => void;

/** CognitoUser's revokeTokens, which the library's type declarations leave out. */
export interface Revoking {
  revokeTokens(callback: (error?: Error) => void): void;
}

/**
 * An agent's Cognito session in the browser, on amazon-cognito-identity-js: sign-in with
 * email and password (SRP against a real user pool, USER_PASSWORD_AUTH against
 * cognito-local), the new-password challenge of a first sign-in, the session kept in
 * the library's own localStorage entries across reloads, the ID token refreshed ahead of
 * its expiry (listeners hear `refreshed`, so a WebSocket can reconnect with it), and
 * sign-out with the refresh token revoked.
 */
export class AgentSession {
  readonly #config: AgentSessionConfig;
  readonly #pool: CognitoUserPool;
  readonly #refreshMarginMs: number;
  #user: CognitoUser | undefined;
  #session: CognitoUserSession | undefined;
  /** The user half-way through the new-password challenge. */
  #challenged: CognitoUser | undefined;
  #refreshing: Promise<string> | undefined;
  #refreshTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #listeners = new Set<Listener>();

  constructor(config: AgentSessionConfig, options: AgentSessionOptions = {}) {
    this.#config = config;
    this.#refreshMarginMs = options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
    this.#pool = new CognitoUserPool({
      UserPoolId: config.userPoolId,
      ClientId: config.userPoolClientId,
      ...(config.cognitoEndpoint && { endpoint: config.cognitoEndpoint }),
      ...(options.storage && { Storage: options.storage }),
    });
  }

  /** The signed-in agent, or undefined. */
  get identity(): AgentIdentity | undefined {
    return this.#session ? identityOf(this.#session) : undefined;
  }

  /** Hears sign-in, refresh and sign-out; returns the function that stops listening. */
  onChange(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Picks up the session a previous page load left in storage (refreshing it if it expired). */
  async restore(): Promise<AgentIdentity | undefined> {
    const user = this.#pool.getCurrentUser();
    if (!user) return undefined;
    this.#configure(user);
    try {
      const session = await new Promise<CognitoUserSession>((resolve, reject) =>
        user.getSession((error: Error | null, session: CognitoUserSession | null) =>
          error || !session ? reject(error) : resolve(session),
        ),
      );
      this.#user = user;
      this.#accept(session, 'signed-in');
      return this.identity;
    } catch (error) {
      // An unreachable Cognito is worth retrying; a revoked or expired refresh token is not.
      if (isNetworkError(error)) throw toSessionError(error, 'sign-in');
      user.signOut();
      return undefined;
    }
  }

  /** Signs in with email and password. A first sign-in answers `new-password-required`. */
  signIn(email: string, password: string): Promise<SignInResult> {
    const user = new CognitoUser({ Username: email.trim(), Pool: this.#pool });
    this.#configure(user);
    const details = new AuthenticationDetails({ Username: email.trim(), Password: password });
    return new Promise((resolve, reject) => {
      user.authenticateUser(
        details,
        this.#callbacks(user, 'sign-in', resolve, reject, () => {
          this.#challenged = user;
          resolve({ status: 'new-password-required', email: email.trim() });
        }),
      );
    });
  }

  /** Answers the new-password challenge of a first sign-in; the agent is then signed in. */
  async completeNewPassword(newPassword: string): Promise<AgentIdentity> {
    const user = this.#challenged;
    if (!user) throw new AgentSessionError('challenge-expired', 'No sign-in is waiting for a new password.');
    const result = await new Promise<SignInResult>((resolve, reject) => {
      // Attributes other than the required ones (none in this pool) are left as they are.
      user.completeNewPasswordChallenge(newPassword, {}, this.#callbacks(user, 'new-password', resolve, reject));
    });
    if (result.status !== 'signed-in') throw new AgentSessionError('failed', 'Cognito asked for a new password again.');
    return result.identity;
  }

  /** A valid ID token: the current one, or a fresh one if it is about to expire. */
  async idToken(): Promise<string> {
    const session = this.#session;
    if (!session) throw new AgentSessionError('signed-out', 'Not signed in.');
    if (identityOf(session).expiresAt - Date.now() > 30_000) return session.getIdToken().getJwtToken();
    return this.refresh();
  }

  /**
   * Gets new tokens with the refresh token now. Listeners hear `refreshed`. If Cognito
   * refuses the refresh token (revoked, expired), the agent is signed out.
   */
  refresh(): Promise<string> {
    this.#refreshing ??= this.#doRefresh().finally(() => (this.#refreshing = undefined));
    return this.#refreshing;
  }

  /**
   * Signs out: forgets the session, in storage too, at once, then revokes the refresh
   * token (best effort). The library's own signOut(callback) clears storage only once the
   * revocation has answered, so a page loaded meanwhile (a reload, another tab) would
   * restore the session the agent has just left.
   */
  async signOut(): Promise<void> {
    const user = this.#user;
    this.#forget();
    if (!user) return;
    // revokeTokens reads the refresh token and sends its request before returning, so the
    // stored session can go right after.
    const revoked = new Promise<void>((resolve) => (user as unknown as Revoking).revokeTokens(() => resolve()));
    user.signOut();
    await Promise.race([revoked, new Promise<void>((resolve) => setTimeout(resolve, SIGN_OUT_TIMEOUT_MS))]);
    this.#emit('signed-out');
  }

  /** Stops the refresh timer (the element calls it when it leaves the page). */
  dispose(): void {
    clearTimeout(this.#refreshTimer);
    this.#listeners.clear();
  }

  async #doRefresh(): Promise<string> {
    const user = this.#user;
    const session = this.#session;
    if (!user || !session) throw new AgentSessionError('signed-out', 'Not signed in.');
    try {
      const fresh = await new Promise<CognitoUserSession>((resolve, reject) =>
        user.refreshSession(session.getRefreshToken(), (error: unknown, result: CognitoUserSession | null) =>
          error || !result ? reject(error) : resolve(result),
        ),
      );
      if (this.#user !== user) {
        // The library has just stored the fresh tokens: a sign-out meanwhile must leave none behind.
        if (this.#user === undefined) user.signOut();
        throw new AgentSessionError('signed-out', 'Signed out during the refresh.');
      }
      this.#accept(fresh, 'refreshed');
      return fresh.getIdToken().getJwtToken();
    } catch (error) {
      if (error instanceof AgentSessionError) throw error;
      const failure = toSessionError(error, 'refresh');
      if (failure.code === 'network') {
        // Try again shortly; the current token may well still be valid meanwhile.
        this.#schedule(30_000);
      } else if (this.#user === user) {
        this.#forget();
        user.signOut();
        this.#emit('signed-out');
      }
      throw failure;
    }
  }

  #callbacks(
    user: CognitoUser,
    phase: 'sign-in' | 'new-password',
    resolve: (result: SignInResult) => void,
    reject: (error: AgentSessionError) => void,
    newPasswordRequired?: () => void,
  ): IAuthenticationCallback {
    const unsupported = () =>
      reject(
        new AgentSessionError(
          'unsupported-challenge',
          'This account needs a sign-in step (such as MFA) that the console does not support.',
        ),
      );
    return {
      onSuccess: (session) => {
        this.#challenged = undefined;
        this.#user = user;
        this.#accept(session, 'signed-in');
        resolve({ status: 'signed-in', identity: identityOf(session) });
      },
      onFailure: (error: unknown) => reject(toSessionError(error, phase)),
      newPasswordRequired:
        newPasswordRequired ?? (() => reject(new AgentSessionError('password-policy', 'Cognito asked for a new password again.'))),
      mfaRequired: unsupported,
      totpRequired: unsupported,
      customChallenge: unsupported,
      mfaSetup: unsupported,
      selectMFAType: unsupported,
    };
  }

  #configure(user: CognitoUser): void {
    // cognito-local has no SRP; a real user pool gets SRP, the library's default.
    if (this.#config.cognitoEndpoint) user.setAuthenticationFlowType('USER_PASSWORD_AUTH');
  }

  #accept(session: CognitoUserSession, event: AgentSessionEvent): void {
    this.#session = session;
    const { expiresAt } = identityOf(session);
    this.#schedule(expiresAt - this.#refreshMarginMs - Date.now());
    this.#emit(event);
  }

  #schedule(delayMs: number): void {
    clearTimeout(this.#refreshTimer);
    this.#refreshTimer = setTimeout(() => void this.refresh().catch(() => {}), Math.max(delayMs, MIN_REFRESH_DELAY_MS));
  }

  #forget(): void {
    clearTimeout(this.#refreshTimer);
    this.#session = undefined;
    this.#user = undefined;
    this.#challenged = undefined;
  }

  #emit(event: AgentSessionEvent): void {
    const identity = this.identity;
    for (const listener of [...this.#listeners]) listener(event, identity);
  }
}

/** The claims of a session's ID token, as the console needs them. */
function identityOf(session: CognitoUserSession): AgentIdentity {
  const token = session.getIdToken();
  const claims = token.decodePayload() as Record<string, unknown>;
  const groups = Array.isArray(claims['cognito:groups']) ? (claims['cognito:groups'] as unknown[]).map(String) : [];
  const email = typeof claims.email === 'string' ? claims.email : '';
  const name = agentDisplayName(claims);
  return {
    id: String(claims.sub ?? ''),
    email,
    name,
    groups,
    isAgent: groups.includes(AGENTS_GROUP),
    // The library measures the drift between this computer's clock and Cognito's at sign-in
    // (getClockDrift is missing from its type declarations).
    expiresAt: (token.getExpiration() + ((session as { getClockDrift?(): number }).getClockDrift?.() ?? 0)) * 1000,
  };
}

function isNetworkError(error: unknown): boolean {
  const e = error as { message?: string; name?: string } | null;
  return e?.message === 'Network error' || e?.name === 'NetworkError' || error instanceof TypeError;
}

function toSessionError(error: unknown, phase: 'sign-in' | 'new-password' | 'refresh'): AgentSessionError {
  const e = (error ?? {}) as { code?: string; name?: string; message?: string };
  const code = e.code ?? e.name ?? '';
  const message = e.message || code || 'Sign-in failed';
  const make = (kind: AgentSessionErrorCode) => new AgentSessionError(kind, message, { cause: error });
  if (isNetworkError(error)) return make('network');
  switch (code) {
    case 'NotAuthorizedException':
      if (/attempts exceeded/i.test(message)) return make('too-many-attempts');
      if (/disabled/i.test(message)) return make('disabled');
      if (phase === 'new-password') return make('challenge-expired');
      return make(phase === 'refresh' ? 'signed-out' : 'wrong-credentials');
    case 'UserNotFoundException':
      return make(phase === 'refresh' ? 'signed-out' : 'wrong-credentials');
    case 'InvalidPasswordException':
      // cognito-local answers a wrong password so; Cognito, a new password against the policy.
      return make(phase === 'new-password' ? 'password-policy' : 'wrong-credentials');
    case 'PasswordResetRequiredException':
      return make('password-reset-required');
    case 'CodeMismatchException':
    case 'ExpiredCodeException':
      return make('challenge-expired');
    case 'TooManyRequestsException':
    case 'LimitExceededException':
      return make('too-many-attempts');
    default:
      return make('failed');
  }
}

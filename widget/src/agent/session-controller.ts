import type { SiteConfig } from '@support-chat/backend/protocol';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { format } from '../shared/format.ts';
import { type AgentIdentity, AgentSession, AgentSessionError } from './agent-session.ts';
import type { SupportAgentConsoleStrings } from './strings.ts';
import type { GateModel, GateScreen } from './views/gate.ts';

/** After this many connection attempts in a row without an open connection, say so. */
const ATTEMPTS_BEFORE_NOTICE = 3;

/** What the session asks of the console around it. */
export interface SessionCallbacks {
  /** URL of the `config.json` with the WebSocket endpoint and the user pool. */
  configUrl(): string;
  texts(): SupportAgentConsoleStrings;
  /** An agent signed in: the workspace starts. */
  signedIn(identity: AgentIdentity, config: SiteConfig): void;
  /** The workspace stops (sign-out, an ended session, not an agent). */
  stopWorkspace(): void;
  /** The agent was signed out, or the session ended. */
  signedOut(): void;
  /** The ID token was refreshed while signed in. */
  refreshed(): void;
  /** Focus goes to this element after the next render. */
  focus(selector: string): void;
}

/**
 * The agent's Cognito session as the console shows it: `config.json` loaded, the stored
 * session restored, sign-in and the new-password challenge, refreshes, sign-out, and the
 * screen that follows from them (a gate screen, or `console` once an agent is in). Also
 * the token for each connection attempt, which tells a refused connection apart.
 */
export class SessionController implements ReactiveController {
  screen: GateScreen | 'console' = 'loading';
  busy = false;
  formError: string | undefined;
  /** The sign-in form shows the password as typed (the agent's choice, kept across sign-outs). */
  revealPassword = false;
  /** The address the new password is for. */
  challengeEmail = '';
  /** What was wrong with config.json, for `config-error`. */
  configProblem = '';
  /** Connections keep being refused: the console says so. */
  connectionProblem = false;
  siteConfig: SiteConfig | undefined;
  session: AgentSession | undefined;
  #attemptsSinceOpen = 0;
  #starting: Promise<void> | undefined;

  readonly #host: ReactiveControllerHost & { readonly isConnected: boolean };
  readonly #callbacks: SessionCallbacks;

  constructor(host: ReactiveControllerHost & { readonly isConnected: boolean }, callbacks: SessionCallbacks) {
    this.#host = host;
    this.#callbacks = callbacks;
    host.addController(this);
  }

  get identity(): AgentIdentity | undefined {
    return this.session?.identity;
  }

  /** Against the local stack (cognito-local). */
  get isLocal(): boolean {
    return Boolean(this.siteConfig?.cognitoEndpoint);
  }

  hostConnected(): void {
    this.start();
  }

  hostDisconnected(): void {
    this.session?.dispose();
    this.session = undefined;
  }

  /** The gate screen as the session has it: its state, its forms and what they do. */
  gate(screen: GateScreen, alertsUrl: string): GateModel {
    return {
      screen,
      strings: this.#callbacks.texts(),
      busy: this.busy,
      formError: this.formError,
      revealPassword: this.revealPassword,
      configUrl: this.#callbacks.configUrl(),
      configProblem: this.configProblem,
      challengeEmail: this.challengeEmail,
      notAgentEmail: this.identity?.email ?? '',
      local: this.isLocal,
      alertsUrl,
      retry: () => this.start(),
      onSignIn: this.onSignIn,
      onNewPassword: this.onNewPassword,
      toggleRevealPassword: () => {
        this.revealPassword = !this.revealPassword;
        this.#host.requestUpdate();
      },
      backToSignIn: () => this.showSignIn(),
      useAnotherAccount: () => void this.signOut(),
    };
  }

  /** Loads config.json and restores the stored session (again, after a config error). */
  start(): void {
    this.#starting ??= this.#load().finally(() => (this.#starting = undefined));
  }

  showSignIn(error?: string): void {
    this.formError = error;
    this.#set('sign-in');
    this.#callbacks.focus('input[name="email"]');
  }

  /** Signs out: the workspace stops, the session is revoked and forgotten. */
  async signOut(): Promise<void> {
    const session = this.session;
    this.#callbacks.stopWorkspace();
    this.formError = undefined;
    this.showSignIn();
    await session?.signOut();
    this.#callbacks.signedOut();
  }

  /**
   * The token for each connection attempt. A browser cannot read why a WebSocket upgrade
   * was refused (401: token expired or revoked; 403: not an agent), so after a failed
   * attempt the token is refreshed, and the agents group is checked before connecting.
   */
  readonly connectionToken = async (): Promise<string> => {
    const session = this.session;
    if (!session) throw new AgentSessionError('signed-out', 'Not signed in.');
    this.#attemptsSinceOpen++;
    if (this.#attemptsSinceOpen >= ATTEMPTS_BEFORE_NOTICE) this.connectionProblem = true;
    this.#host.requestUpdate();
    const token = this.#attemptsSinceOpen >= 2 ? await session.refresh() : await session.idToken();
    if (!session.identity?.isAgent) {
      queueMicrotask(() => this.#refuseNotAgent());
      throw new AgentSessionError('failed', 'Not an agent.');
    }
    return token;
  };

  /** A connection opened, or a workspace starts or stops: the count of refused attempts starts over. */
  resetAttempts(): void {
    this.#attemptsSinceOpen = 0;
    this.connectionProblem = false;
    this.#host.requestUpdate();
  }

  readonly onSignIn = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const email = String(data.get('email') ?? '').trim();
    const password = String(data.get('password') ?? '');
    if (!email || !password) return;
    await this.#busyWith(
      (session) => session.signIn(email, password),
      (result) => {
        if (result.status === 'signed-in') return this.#enter(result.identity);
        this.challengeEmail = result.email;
        this.#set('new-password');
        this.#callbacks.focus('input[name="new-password"]');
      },
      'input[name="password"]',
    );
  };

  readonly onNewPassword = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const password = String(data.get('new-password') ?? '');
    if (password !== String(data.get('confirm-password') ?? '')) {
      this.formError = this.#callbacks.texts().passwordsDiffer;
      this.#callbacks.focus('input[name="confirm-password"]');
      return;
    }
    await this.#busyWith(
      (session) => session.completeNewPassword(password),
      (identity) => this.#enter(identity),
      'input[name="new-password"]',
    );
  };

  /**
   * Runs a sign-in step with the form busy, then `then` with its result once the form is
   * enabled again (so that focus can land in it). A failure shows on the form; an expired
   * challenge sends the agent back to the sign-in form.
   */
  async #busyWith<T>(step: (session: AgentSession) => Promise<T>, then: (result: T) => void, focusOnError: string): Promise<void> {
    const session = this.session;
    if (!session) return;
    this.busy = true;
    this.formError = undefined;
    this.#host.requestUpdate();
    let result: T;
    try {
      result = await step(session);
    } catch (error) {
      this.busy = false;
      if (error instanceof AgentSessionError && error.code === 'challenge-expired' && this.screen === 'new-password') {
        this.showSignIn(this.#errorText(error));
      } else {
        this.formError = this.#errorText(error);
        this.#callbacks.focus(focusOnError);
      }
      return;
    }
    this.busy = false;
    then(result);
    this.#host.requestUpdate();
  }

  async #load(): Promise<void> {
    this.#set('loading');
    let config: SiteConfig;
    try {
      const response = await fetch(new URL(this.#callbacks.configUrl(), location.href), { credentials: 'omit', cache: 'no-store' });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      config = (await response.json()) as SiteConfig;
      for (const key of ['websocketUrl', 'userPoolId', 'userPoolClientId'] as const) {
        if (typeof config[key] !== 'string' || !config[key]) throw new Error(`it has no ${key}`);
      }
    } catch (error) {
      this.configProblem = error instanceof Error ? error.message : String(error);
      this.#set('config-error');
      return;
    }
    if (!this.#host.isConnected) return;
    this.siteConfig = config;
    const session = new AgentSession(config);
    this.session = session;
    session.onChange((event) => this.#onSessionChange(event));
    try {
      const identity = await session.restore();
      // The element may have left the page meanwhile (and disposed of this session).
      if (this.session !== session) return;
      if (identity) this.#enter(identity);
      else this.showSignIn();
    } catch (error) {
      if (this.session === session) this.showSignIn(this.#errorText(error));
    }
  }

  #onSessionChange(event: 'signed-in' | 'refreshed' | 'signed-out'): void {
    if (event === 'refreshed') {
      // The new token must also still be an agent's.
      if (this.identity && !this.identity.isAgent && this.screen === 'console') this.#refuseNotAgent();
      else this.#callbacks.refreshed();
    } else if (event === 'signed-out' && (this.screen === 'console' || this.screen === 'not-agent')) {
      this.#callbacks.stopWorkspace();
      this.showSignIn(this.#callbacks.texts().sessionEnded);
      this.#callbacks.signedOut();
    }
  }

  /** Signed in: an agent gets the workspace, anyone else a plain explanation. */
  #enter(identity: AgentIdentity): void {
    this.formError = undefined;
    if (!identity.isAgent) {
      this.#refuseNotAgent();
      return;
    }
    this.resetAttempts();
    this.#set('console');
    this.#callbacks.signedIn(identity, this.siteConfig!);
  }

  #refuseNotAgent(): void {
    this.#callbacks.stopWorkspace();
    this.#set('not-agent');
    this.#callbacks.focus('h1');
  }

  #set(screen: GateScreen | 'console'): void {
    this.screen = screen;
    this.#host.requestUpdate();
  }

  #errorText(error: unknown): string {
    const s = this.#callbacks.texts();
    if (!(error instanceof AgentSessionError))
      return format(s.signInFailed, { message: error instanceof Error ? error.message : String(error) });
    switch (error.code) {
      case 'wrong-credentials':
        return s.wrongCredentials;
      case 'too-many-attempts':
        return s.tooManyAttempts;
      case 'disabled':
        return s.accountDisabled;
      case 'password-reset-required':
        return s.passwordResetRequired;
      case 'password-policy':
        return format(s.passwordPolicy, { message: error.message.replace(/^Password does not conform to policy: /, '') });
      case 'challenge-expired':
        return s.challengeExpired;
      case 'unsupported-challenge':
        return s.unsupportedChallenge;
      case 'network':
        return s.signInUnreachable;
      case 'signed-out':
        return s.sessionEnded;
      default:
        return format(s.signInFailed, { message: error.message });
    }
  }
}

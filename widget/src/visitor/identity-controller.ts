import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CustomerToken, VisitorProfile } from '../client/chat-client.ts';
import type { ConnectionController } from '../shared/connection-controller.ts';

/** What the page gives for a signed-in customer: their identity token, or how to get a fresh one. */
export interface IdentitySource {
  token?: string;
  /** Called before the token held expires and when the server refused it. */
  getToken?: () => string | Promise<string>;
}

/**
 * A signed-in customer, as the page says (`SupportChat('identify', { token })` or
 * `{ getToken }`), and their sign-out (`reset`). The token is held in memory only (the page
 * hands it over on each load; one left in storage would outlive the session) and fetched
 * anew when it has less than a minute left. Its claims are read, not verified (the server
 * verifies): `sub` tells one customer from the next on a shared browser. When a connection
 * with it is refused, the public API says why (a browser cannot read a refused upgrade): a
 * first refusal is retried with a fresh token from `getToken`; a second in a row, or one
 * without `getToken`, is shown, and the widget stops rather than chat as someone else.
 */
export class IdentityController implements ReactiveController {
  /** Why the token was refused, while that stands. */
  refusal: string | undefined;
  /** The customer's current source (undefined: anonymous). */
  #source: IdentitySource | undefined;
  #held: (CustomerToken & { expiresAt: number }) | undefined;
  #refusals = 0;
  #unsubscribe: (() => void)[] = [];

  constructor(
    private readonly host: ReactiveControllerHost & { opened: boolean },
    private readonly api: () => Promise<string>,
    private readonly connection: ConnectionController,
  ) {
    host.addController(this);
  }

  get signedIn(): boolean {
    return this.#source !== undefined;
  }

  hostConnected(): void {
    const { client } = this.connection;
    this.#unsubscribe = [
      client.on('identityRefused', () => this.#refused()),
      // Signed out in another tab: here too. Erased: the panel stays as it is, empty.
      client.on('reset', (erased) => this.#forget(erased)),
      client.on('state', (state) => {
        if (state === 'open') this.#refusals = 0;
      }),
    ];
  }

  hostDisconnected(): void {
    for (const off of this.#unsubscribe.splice(0)) off();
  }

  /** The page's `identify`: a signed-in customer with `token` or `getToken`; else a name and an address for the agents, not verified. */
  identify(profile: VisitorProfile & IdentitySource): void {
    if (profile.token !== undefined || profile.getToken !== undefined) {
      this.signIn({
        ...(profile.token !== undefined && { token: profile.token }),
        ...(profile.getToken && { getToken: profile.getToken }),
      });
    } else this.connection.client.identify(profile);
  }

  /** Connects as the signed-in customer from now on (at once if this browser has a conversation, or the panel is open). */
  signIn(source: IdentitySource): void {
    const { client } = this.connection;
    this.#source = source;
    this.#held = source.token ? held(source.token) : undefined;
    this.refusal = undefined;
    this.#refusals = 0;
    client.useIdentity(() => this.#token(source));
    if (client.hasVisitorKey || this.host.opened) client.connect();
    this.host.requestUpdate();
  }

  /** Sign-out: nothing of this customer stays in the widget, and the next person starts anonymous. */
  reset(): void {
    this.connection.client.reset();
    this.#forget();
  }

  #forget(erased?: true): void {
    this.#source = this.#held = this.refusal = this.connection.notice = undefined;
    if (!erased) this.host.opened = false;
  }

  async #token(source: IdentitySource): Promise<CustomerToken> {
    const current = this.#held;
    if (current && (current.expiresAt - Date.now() > 60_000 || !source.getToken)) return current;
    if (!source.getToken) throw new Error('SupportChat: identify needs a token or getToken');
    const fresh = held(await source.getToken());
    if (source === this.#source) this.#held = fresh;
    return fresh;
  }

  /**
   * A connection with the token held closed before it opened. With `getToken`, the next
   * attempt asks for a fresh token at once (the client retries soon, maybe before the answer
   * below); then the public API says whether the token was the reason. A second refusal in
   * a row, or one without `getToken`, stops the widget and shows why.
   */
  #refused(): void {
    const source = this.#source;
    const token = this.#held?.token;
    if (!source || !token) return;
    if (source.getToken) this.#held = undefined;
    void this.#why(source, token);
  }

  async #why(source: IdentitySource, token: string): Promise<void> {
    let answer: { ok: boolean; message?: string };
    try {
      answer = await (await fetch(`${await this.api()}/identity`, { method: 'POST', body: token, credentials: 'omit' })).json();
    } catch {
      // The network, not the token: the client tries again as it does.
      return;
    }
    if (answer.ok || source !== this.#source || (source.getToken && this.#refusals++ === 0)) return;
    this.connection.client.disconnect();
    this.refusal = answer.message;
    this.host.requestUpdate();
  }
}

/** A token with its (unverified) `sub` and `exp`. */
function held(token: string): CustomerToken & { expiresAt: number } {
  let claims: { sub?: unknown; exp?: unknown } = {};
  try {
    // A sub beyond ASCII comes out as its UTF-8 bytes, the same each time: it is only compared.
    claims = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')));
  } catch {
    // Not a JWT: the server says so.
  }
  return { token, sub: String(claims.sub ?? ''), expiresAt: typeof claims.exp === 'number' ? claims.exp * 1000 : 0 };
}

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChatClient } from '../client/chat-client.ts';
import type { ConnectionController } from '../shared/connection-controller.ts';

/** The fragment part of an email's link back into a conversation: `#support-chat-resume=TOKEN`. */
const RESUME = 'support-chat-resume=';

/** What picking up needs of the element. */
export interface ResumeHost extends ReactiveControllerHost {
  readonly client: ChatClient;
  opened: boolean;
}

/**
 * Picks the conversation up where the visitor left it, when the element comes on the
 * page: the panel they left open on another page of the site, a returning visitor's
 * connection (at once, to hear the replies that came meanwhile; a new visitor connects
 * only when they open the chat, so nothing is stored before they act), and an email's
 * link back into a conversation (`#support-chat-resume=TOKEN`).
 */
export class ResumeController implements ReactiveController {
  readonly #host: ResumeHost;
  readonly #api: () => Promise<string>;
  readonly #connection: ConnectionController;

  constructor(host: ResumeHost, api: () => Promise<string>, connection: ConnectionController) {
    this.#host = host;
    this.#api = api;
    this.#connection = connection;
    host.addController(this);
  }

  hostConnected(): void {
    // A visitor who goes to another page of the site mid-conversation finds it still open there.
    if (this.#host.client.tabStore.get('panel') === 'open') this.#host.opened = true;
    // An email's link back into a conversation: out of the address bar at once, checked, then used.
    const parts = location.hash.slice(1).split('&');
    const token = parts.find((part) => part.startsWith(RESUME))?.slice(RESUME.length);
    if (token) {
      const rest = parts.filter((part) => !part.startsWith(RESUME)).join('&');
      history.replaceState(history.state, '', rest ? `#${rest}` : location.pathname + location.search);
      void this.#resume(token);
    } else this.#start();
  }

  #start(): void {
    const { client, opened } = this.#host;
    // A signed-in customer's conversation waits for the page's `identify`: connecting without
    // it would be connecting as somebody else.
    const customers = client.store.get('customer') !== null && !client.signedIn;
    if ((client.hasVisitorKey && !customers) || opened) client.connect();
  }

  /** Checks a link's token (a browser cannot read why a WebSocket upgrade was refused), then connects with it, or says why not. */
  async #resume(token: string): Promise<void> {
    const { client } = this.#host;
    try {
      const answer = (await (await fetch(`${await this.#api()}/resume`, { method: 'POST', body: token, credentials: 'omit' })).json()) as {
        ok: boolean;
        message: string;
      };
      if (answer.ok) {
        client.useResume(token);
        client.store.remove('read');
      } else this.#connection.notice = answer.message;
    } catch (error) {
      this.#connection.notice = String(error);
    }
    // The visitor came for the conversation: it shows, or why it cannot.
    this.#host.opened = true;
    this.#start();
  }
}

import type { Message, ServerEvent } from '@support-chat/backend/protocol';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { ChatClient, type ConnectionState, type ServerError, type VisitorProfile } from '../client/chat-client.ts';
import { AttentionController } from '../shared/attention-controller.ts';
import { draftStatus, fitToContent } from '../shared/composer.ts';
import { ConnectionController } from '../shared/connection-controller.ts';
import { format } from '../shared/format.ts';
import { ICON_CHAT, ICON_CLOSE, icon } from '../shared/icons.ts';
import { StickyScrollController } from '../shared/sticky-scroll-controller.ts';
import { stamp } from '../shared/time.ts';
import { downloadText, today, transcriptText } from '../shared/transcript.ts';
import { TypingController } from '../shared/typing-controller.ts';
import { pickLanguage, STRINGS, type SupportChatStrings } from './strings.ts';
// After the views: the style sheets sit next to the markup they style in the script, which compresses better.
import styles from './styles/index.ts';
import { composerView, prechatView } from './views/composer.ts';
import { headerView } from './views/header.ts';
import { logView, senderName } from './views/log.ts';
import type { PanelModel } from './views/model.ts';

export type { SupportChatStrings } from './strings.ts';

export interface SupportChatMessageDetail {
  message: Message;
  /** False for messages that came in a history page (on load or after a reconnect). */
  live: boolean;
}
export interface SupportChatConnectionDetail {
  state: ConnectionState;
}
export type SupportChatErrorDetail = ServerError;

/** The agents' typing, under one key: the visitor sees that someone is writing back. */
const AGENTS = 'agent';

/**
 * @summary A customer-support chat for a website's visitors: a launcher button and a
 * chat panel that keeps every message through flaky connections and reloads.
 *
 * @event support-chat-open - The panel opened.
 * @event support-chat-close - The panel closed.
 * @event support-chat-message - A message appeared in the conversation (either side). detail: `{ message, live }`.
 * @event support-chat-connection - The connection state changed. detail: `{ state }` (`idle`, `connecting`, `open`, `reconnecting`, `offline`).
 * @event support-chat-error - The server refused something. detail: `{ code, message, action?, clientMsgId? }`.
 *
 * @csspart launcher - The round button that opens and closes the chat.
 * @csspart badge - The unread count on the launcher.
 * @csspart panel - The chat window.
 * @csspart header - The panel's header (title, subtitle, presence, buttons).
 * @csspart title - The title in the header.
 * @csspart subtitle - The subtitle in the header.
 * @csspart presence - The "An agent is here" line.
 * @csspart banner - The reconnecting/offline notice.
 * @csspart error - The notice of a refused request.
 * @csspart log - The scrolling message list.
 * @csspart message - One message row (also `message-visitor`, `message-agent`).
 * @csspart bubble - A message's text bubble.
 * @csspart meta - A message's time and status.
 * @csspart typing - The agent's typing indicator.
 * @csspart composer - The message form.
 * @csspart input - The message text area.
 * @csspart send - The send button.
 * @csspart counter - The characters-left counter.
 * @csspart prechat - The pre-chat form.
 *
 * @cssproperty [--support-chat-accent=#2563eb] - Brand color: launcher, header, visitor bubbles.
 * @cssproperty [--support-chat-accent-text=#ffffff] - Text on the accent color.
 * @cssproperty [--support-chat-text=#1f2430] - Text color (a light default in dark mode).
 * @cssproperty [--support-chat-background=#ffffff] - Panel background (a dark default in dark mode).
 * @cssproperty [--support-chat-radius=16px] - Corner radius of the panel; bubbles and fields follow it.
 * @cssproperty [--support-chat-font=system-ui, sans-serif] - Font family.
 * @cssproperty [--support-chat-z-index=2147483000] - Stacking order of the launcher and panel.
 */
export class SupportChat extends LitElement {
  static override styles = styles;

  static override properties = {
    endpoint: {},
    config: {},
    title: {},
    subtitle: {},
    greeting: {},
    // Reflected because the styles select on it.
    position: { reflect: true },
    lang: {},
    opened: { type: Boolean, reflect: true, attribute: 'open' },
    prechat: { type: Boolean, reflect: true },
    strings: { attribute: false },
    agentsOnline: { state: true },
    unread: { state: true },
    draft: { state: true },
    agentReadSeq: { state: true },
    roomClosed: { state: true },
  };

  /** The WebSocket endpoint (wss://...). Wins over `config`. */
  declare endpoint: string;
  /** The URL of a config.json whose `websocketUrl` is the endpoint. */
  declare config: string;
  /** The header's title. */
  declare title: string;
  /** The header's subtitle. */
  declare subtitle: string;
  /** The first message shown in an empty conversation (it is not sent). */
  declare greeting: string;
  /** Which corner the launcher sits in: `right` or `left`. */
  declare position: 'right' | 'left';
  /** The language of the texts (en, de, es, fr); the browser's when unset. */
  declare lang: string;
  /** Whether the panel is open (attribute `open`). */
  declare opened: boolean;
  /** Ask for name and email (sent with `identify`) before the first message. */
  declare prechat: boolean;
  /** Overrides for any of the texts, in the chosen language. */
  declare strings: Partial<SupportChatStrings>;

  declare private agentsOnline: number | undefined;
  declare private unread: number;
  declare private draft: string;
  declare private agentReadSeq: number;
  declare private roomClosed: boolean;

  /** The chat client under the element: its connection, messages and outbox. */
  readonly client: ChatClient;

  #configPromise: Promise<string> | undefined;
  #configWarned = false;
  // Typing goes first, so that its "stopped" leaves before the connection closes.
  readonly #typing = new TypingController(this, (isTyping) => this.client.setTyping(isTyping));
  readonly #connection: ConnectionController;
  readonly #attention = new AttentionController(this, () => this.#markReadIfSeen());
  readonly #sticky = new StickyScrollController(this, {
    log: () => this.renderRoot.querySelector?.<HTMLElement>('.log'),
    threshold: 48,
    view: () => this.opened,
  });

  constructor() {
    super();
    this.endpoint = '';
    this.config = '';
    this.title = '';
    this.subtitle = '';
    this.greeting = '';
    this.position = 'right';
    this.lang = '';
    this.opened = false;
    this.prechat = false;
    this.strings = {};
    this.unread = 0;
    this.draft = '';
    this.agentReadSeq = 0;
    this.roomClosed = false;
    this.client = new ChatClient({ endpoint: () => this.#resolveEndpoint() });
    this.#connection = new ConnectionController(this, this.client, {
      state: (state) => this.#fire('support-chat-connection', { state }),
      message: (message, live) => this.#onMessage(message, live),
      event: (event) => this.#onEvent(event),
      error: (error) => {
        this.#fire('support-chat-error', error);
        return undefined;
      },
    });
  }

  /** Opens the panel (and connects, creating the visitor's key on first use). */
  open(): void {
    this.opened = true;
  }

  /** Closes the panel; the conversation stays connected. */
  close(): void {
    this.opened = false;
  }

  /** Opens the panel if it is closed, closes it otherwise. */
  toggle(): void {
    this.opened = !this.opened;
  }

  /** Tells the agents who the visitor is (either or both fields). */
  identify(profile: VisitorProfile): void {
    this.client.identify(profile);
  }

  /** The conversation as plain text, as the transcript download has it. */
  transcript(): string {
    const s = this.#texts;
    return transcriptText(
      [`${s.transcript}: ${this.title || s.title}`, stamp(new Date().toISOString())],
      [
        ...this.client.messages().map((m) => ({ at: m.createdAt, who: senderName(m, s), text: m.text })),
        ...this.client
          .pending()
          .map((p) => ({ at: p.createdAt, who: `${s.you} (${p.status === 'failed' ? s.failed : s.sending})`, text: p.text })),
      ],
    );
  }

  /** Saves the transcript as a .txt file. */
  downloadTranscript(): void {
    downloadText(this.renderRoot, `chat-transcript-${today()}.txt`, this.transcript());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // A visitor who goes to another page of the site mid-conversation finds it still open there.
    if (this.client.tabStore.get('panel') === 'open') this.opened = true;
    // A returning visitor is connected at once, to hear replies that came meanwhile;
    // a new one only when they open the chat: nothing is stored before they act.
    if (this.client.hasVisitorKey || this.opened) this.client.connect();
  }

  get #texts(): SupportChatStrings {
    const s = { ...STRINGS[pickLanguage(this.lang)]!, ...this.strings };
    return this.greeting ? { ...s, greeting: this.greeting } : s;
  }

  async #resolveEndpoint(): Promise<string> {
    if (this.endpoint) return this.endpoint;
    if (!this.config) throw new Error('<support-chat> needs an endpoint or a config attribute');
    this.#configPromise ??= fetch(new URL(this.config, location.href), { credentials: 'omit' })
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`${this.config}: HTTP ${r.status}`))))
      .then((c: { websocketUrl?: unknown }) => {
        if (typeof c.websocketUrl !== 'string') throw new Error(`${this.config} has no websocketUrl`);
        return c.websocketUrl;
      });
    try {
      return await this.#configPromise;
    } catch (error) {
      this.#configPromise = undefined;
      // The client retries with backoff; say once why it cannot connect.
      if (!this.#configWarned) console.warn('<support-chat>:', error instanceof Error ? error.message : error);
      this.#configWarned = true;
      throw error;
    }
  }

  // --- reacting to the client ---------------------------------------------------------

  #onMessage(message: Message, live: boolean): void {
    if (message.sender.role === 'agent') {
      this.#typing.show(AGENTS, undefined);
      if (message.seq > this.#lastReadSeq) {
        this.unread = this.#agentMessagesAfter(this.#lastReadSeq).length;
        if (live && !this.opened && !this.#attention.hidden) this.#attention.blip();
      }
    }
    if (message.sender.role === 'visitor') this.roomClosed = false;
    this.#markReadIfSeen();
    this.#fire('support-chat-message', { message, live });
  }

  #onEvent(event: ServerEvent): void {
    if (event.type === 'presence') this.agentsOnline = event.agentsOnline;
    else if (event.type === 'typing' && event.role === 'agent')
      this.#typing.show(AGENTS, event.isTyping ? event.name || this.#texts.agent : undefined);
    else if (event.type === 'read' && event.role === 'agent' && event.seq > this.agentReadSeq) this.agentReadSeq = event.seq;
    else if (event.type === 'roomClosed') this.roomClosed = true;
  }

  // --- unread and read ------------------------------------------------------------------

  /** The number of the last agent message the visitor saw (`support-chat:read`), for the unread count across reloads. */
  get #lastReadSeq(): number {
    return Number(this.client.store.get('read')) || 0;
  }

  #agentMessagesAfter(seq: number): Message[] {
    return this.client.messages().filter((m) => m.sender.role === 'agent' && m.seq > seq);
  }

  /** When the visitor can see the conversation, everything in it is read. */
  #markReadIfSeen(): void {
    if (!this.opened || document.visibilityState !== 'visible') return;
    const latest = this.#agentMessagesAfter(this.#lastReadSeq).at(-1);
    this.unread = 0;
    if (!latest) return;
    this.client.store.set('read', String(latest.seq));
    this.client.markRead(latest.seq);
  }

  // --- lifecycle --------------------------------------------------------------------

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('opened') && this.opened) this.#markReadIfSeen();
  }

  override updated(changed: PropertyValues<this>): void {
    fitToContent(this.renderRoot.querySelector('textarea'));
    if (!changed.has('opened') || (changed.get('opened') === undefined && !this.opened)) return;
    if (this.opened) this.client.tabStore.set('panel', 'open');
    else this.client.tabStore.remove('panel');
    if (this.opened) {
      this.#focusComposer();
      this.#fire('support-chat-open', {});
      this.client.connect();
    } else {
      this.#fire('support-chat-close', {});
    }
  }

  #focusComposer(): void {
    this.renderRoot.querySelector<HTMLElement>('.prechat input, textarea')?.focus();
  }

  #fire<K extends keyof SupportChatEventMap>(type: K, detail: SupportChatEventMap[K]['detail']): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  // --- user actions -----------------------------------------------------------------

  readonly #onLauncher = () => {
    this.#attention.unlockSound();
    this.toggle();
  };

  readonly #onClose = () => {
    this.close();
    // After the render: on phones the launcher is hidden while the panel is open.
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.launcher')?.focus());
  };

  readonly #onKeydown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !this.opened) return;
    event.stopPropagation();
    this.#onClose();
  };

  #submit(): void {
    const { empty, tooLong } = draftStatus(this.draft, this.#texts);
    if (empty || tooLong) return;
    this.#attention.unlockSound();
    this.#typing.stop();
    this.client.sendMessage(this.draft.trim());
    this.draft = '';
    this.#sticky.scrollToEnd();
  }

  readonly #onPrechat = (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    this.identify({ name: String(data.get('name') ?? ''), email: String(data.get('email') ?? '') });
    this.#connection.dismiss();
    void this.updateComplete.then(() => this.#focusComposer());
  };

  // --- rendering --------------------------------------------------------------------

  override render() {
    const s = this.#texts;
    const lang = pickLanguage(this.lang);
    const title = this.title || s.title;
    const client = this.client;
    const showPrechat = this.prechat && !client.profile && client.messages().length === 0 && client.pending().length === 0;
    const launcherLabel = this.opened ? s.closeChat : this.unread ? `${s.openChat}, ${format(s.unread, { n: this.unread })}` : s.openChat;
    const typist = this.#typing.names()[0];
    const m: PanelModel = {
      strings: s,
      lang,
      title,
      subtitle: this.subtitle || s.subtitle,
      client,
      agentsOnline: this.agentsOnline,
      notice: this.#connection.notice,
      agentReadSeq: this.agentReadSeq,
      closed: this.roomClosed,
      typing: typist === undefined ? undefined : format(s.typing, { name: typist }),
      draft: this.draft,
      download: () => this.downloadTranscript(),
      close: this.#onClose,
      dismiss: () => this.#connection.dismiss(),
      input: (value) => {
        this.draft = value;
        this.#typing.typed(value.trim() !== '');
      },
      send: () => this.#submit(),
      stopTyping: () => this.#typing.stop(),
    };

    // title="" keeps the host's title attribute (the header text) from becoming a
    // tooltip over the whole widget; lang tells screen readers the texts' language.
    return html`
      <div class="root" title="" lang=${lang}>
        <section id="panel" part="panel" class="panel ${this.opened ? 'open' : ''}" role="dialog" aria-label=${title} @keydown=${this.#onKeydown}>
          ${headerView(m)} ${logView(m)} ${showPrechat ? prechatView(s, this.#onPrechat) : composerView(m)}
        </section>
        <button
          part="launcher"
          class="launcher"
          aria-expanded=${this.opened ? 'true' : 'false'}
          aria-controls="panel"
          aria-label=${launcherLabel}
          @click=${this.#onLauncher}
        >
          ${icon(this.opened ? ICON_CLOSE : ICON_CHAT, 24)}
          ${this.unread && !this.opened ? html`<span part="badge" class="badge" aria-hidden="true">${this.unread > 99 ? '99+' : this.unread}</span>` : nothing}
        </button>
      </div>
    `;
  }
}

/** The element's events and their details. */
export interface SupportChatEventMap {
  'support-chat-open': CustomEvent<Record<string, never>>;
  'support-chat-close': CustomEvent<Record<string, never>>;
  'support-chat-message': CustomEvent<SupportChatMessageDetail>;
  'support-chat-connection': CustomEvent<SupportChatConnectionDetail>;
  'support-chat-error': CustomEvent<SupportChatErrorDetail>;
}

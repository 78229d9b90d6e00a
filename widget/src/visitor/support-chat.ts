import type { ContextFrame, Message, ServerEvent, TeamStatus } from '@support-chat/backend/protocol';
import { localized, teamAvailability } from '@support-chat/backend/protocol/team';
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
import { PageController, pageContext } from './page-controller.ts';
import { pickLanguage, STRINGS, type SupportChatStrings } from './strings.ts';
// After the views: the style sheets sit next to the markup they style in the script, which compresses better.
import styles from './styles/index.ts';
import { teamLine } from './team-line.ts';
import { composerView, type IdentityForm, identityView } from './views/composer.ts';
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
/** The fragment part of an email's link back into a conversation: `#support-chat-resume=TOKEN`. */
const RESUME = 'support-chat-resume=';
/** Where the panel takes the whole screen, and is a modal dialog. */
const PHONE = matchMedia('(max-width: 480px)');
/** A quarter hour: every opening and closing falls on one (the hours are on quarter hours, and so is every time zone's offset). */
const QUARTER_MS = 900_000;
/** What a page may give per language, or for every language at once (see `strings`). */
export type SupportChatPageStrings = Partial<SupportChatStrings> & { [lang: string]: Partial<SupportChatStrings> | string | undefined };

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
 * @csspart presence - The line under the title: who handles the conversation ("Jane is handling your chat"), "An agent is here", or the team's state ("Online · typically replies in about 5 minutes", "Away · back Tuesday at 9:00 AM").
 * @csspart banner - The reconnecting/offline notice.
 * @csspart error - The notice of a refused request.
 * @csspart log - The scrolling message list.
 * @csspart message - One message row (also `message-visitor`, `message-agent`, and `message-system` for the team's automatic reply).
 * @csspart bubble - A message's text bubble.
 * @csspart meta - A message's time and status.
 * @csspart typing - The agent's typing indicator.
 * @csspart composer - The message form.
 * @csspart input - The message text area.
 * @csspart send - The send button.
 * @csspart counter - The characters-left counter.
 * @csspart prechat - The pre-chat form.
 * @csspart ask - The inline form after the first message ("Get the reply by email"), and its confirmation.
 * @csspart note - A confirmation at the end of the conversation ("We emailed you this conversation.").
 *
 * @cssproperty [--support-chat-accent=#2563eb] - Brand color: launcher, header, visitor bubbles.
 * @cssproperty [--support-chat-accent-text=#ffffff] - Text on the accent color.
 * @cssproperty [--support-chat-text=#1f2430] - Text color (a light default in dark mode).
 * @cssproperty [--support-chat-background=#ffffff] - Panel background (a dark default in dark mode).
 * @cssproperty [--support-chat-radius=16px] - Corner radius of the panel; bubbles and fields follow it.
 * @cssproperty [--support-chat-font=system-ui, sans-serif] - Font family.
 * @cssproperty [--support-chat-z-index=2147483000] - Stacking order of the launcher and panel.
 * @cssproperty [--support-chat-offset-x=20px] - The launcher's and the panel's distance from the side of the window (also `offset-x`).
 * @cssproperty [--support-chat-offset-y=20px] - The launcher's distance from the bottom of the window (also `offset-y`).
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
    prechat: {},
    offsetX: { attribute: 'offset-x' },
    offsetY: { attribute: 'offset-y' },
    strings: { type: Object },
    agentsOnline: { state: true },
    unread: { state: true },
    draft: { state: true },
    agentReadSeq: { state: true },
    roomClosed: { state: true },
    team: { state: true },
    assignee: { state: true },
  };

  /** The WebSocket endpoint (wss://...). Wins over `config`. */
  declare endpoint: string;
  /** The URL of a config.json: its `websocketUrl` is the endpoint, its `publicApiUrl` has the team's hours (team.json). */
  declare config: string;
  /** The header's title. */
  declare title: string;
  /** The header's subtitle (none by default: the line under the title says the team's state). */
  declare subtitle: string;
  /** The first message shown in an empty conversation (it is not sent); the team's configured greeting when unset. */
  declare greeting: string;
  /** Which corner the launcher sits in: `right` or `left`. */
  declare position: 'right' | 'left';
  /** The language of the texts, dates and the automatic reply (en, de, es, fr); the browser's when unset. */
  declare lang: string;
  /** Whether the panel is open (attribute `open`). */
  declare opened: boolean;
  /**
   * Asking for a name and an email (sent with `identify`): `required` before the first
   * message, `optional` (the default) inline after it, `off` never. An empty attribute
   * (the boolean `prechat` of earlier versions) means `required`, as does the property
   * `true`; `false` means `off`.
   */
  declare prechat: string | boolean;
  /** The launcher's and the panel's distance from the side of the window: pixels (`24`) or a CSS length. */
  declare offsetX: string;
  /** The launcher's distance from the bottom of the window: pixels (`96`) or a CSS length. */
  declare offsetY: string;
  /**
   * Any of the texts, for every language (`{ "title": … }`) and per language
   * (`{ "de": { "title": … }, "en": { … } }`, which wins); as an attribute, JSON.
   */
  declare strings: SupportChatPageStrings;

  declare private agentsOnline: number | undefined;
  declare private unread: number;
  declare private draft: string;
  declare private agentReadSeq: number;
  declare private roomClosed: boolean;
  /** The team's settings and availability: from `{publicApiUrl}/team.json` at first, then from the server's `team` events. */
  declare private team: TeamStatus | undefined;
  /** The name of the agent handling the conversation (the server's `assigned`). */
  declare private assignee: string | undefined;

  /** The chat client under the element: its connection, messages and outbox. */
  readonly client: ChatClient;

  #configPromise: Promise<{ websocketUrl?: unknown; publicApiUrl?: unknown }> | undefined;
  #configWarned = false;
  /** Renders again when the hours may open or close. */
  #hoursTimer: ReturnType<typeof setTimeout> | undefined;
  /** The inline form asks for an address to email the transcript to. */
  #wantTranscript = false;
  /** The address the inline form sent, for its confirmation. */
  #emailed = '';
  /** A form sent `identify`: the server's refusal goes back into it (the form shows again). */
  #formSent = false;
  /** The server refused what the form sent. */
  #formError: string | undefined;
  #note: string | undefined;
  /**
   * Between the `presence` that follows a history page and the `team` after it: an
   * `assigned` comes in between when someone handles the conversation, else nobody does.
   */
  #assignment = false;
  /** The last `context` sent, so that a page change that changed nothing sends nothing. */
  #context = '';
  // Typing goes first, so that its "stopped" leaves before the connection closes.
  readonly #typing = new TypingController(this, (isTyping) => this.client.setTyping(isTyping));
  readonly #connection: ConnectionController;
  readonly #attention = new AttentionController(this, () => this.#markReadIfSeen());
  readonly #page = new PageController(this, () => this.#sendContext(false));
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
    this.prechat = 'optional';
    this.offsetX = '';
    this.offsetY = '';
    this.strings = {};
    this.unread = 0;
    this.draft = '';
    this.agentReadSeq = 0;
    this.roomClosed = false;
    this.client = new ChatClient({ endpoint: () => this.#resolveEndpoint(), lang: () => this.#lang });
    this.#connection = new ConnectionController(this, this.client, {
      state: (state) => {
        if (state === 'open') this.#sendContext(true);
        this.#fire('support-chat-connection', { state });
      },
      message: (message, live) => this.#onMessage(message, live),
      event: (event) => this.#onEvent(event),
      error: (error) => {
        this.#fire('support-chat-error', error);
        // Shown where the visitor acted: in the form, or as the transcript's answer.
        if (error.action === 'identify' && this.#formSent) this.#formError = error.message;
        else if (error.action === 'emailTranscript' && error.code === 'rate_limited') this.#note = this.#texts.tooSoon;
        else return undefined;
        return true;
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

  /**
   * Tells the agents that the visitor is on another page, for a single-page app's router
   * (the widget notices popstate, hashchange and the Navigation API's navigatesuccess
   * itself). Sent once a burst of changes has settled, and only once the visitor has acted.
   */
  notePageChange(): void {
    this.#page.note();
  }

  /** The conversation as plain text, as the transcript download has it. */
  transcript(): string {
    const s = this.#texts;
    return transcriptText(
      [`${s.transcript}: ${s.title}`, stamp(new Date().toISOString())],
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

  /** Emails the conversation to the visitor's address (`emailTranscript`), asking for one first when none is known. */
  emailTranscript(): void {
    this.#note = undefined;
    this.#wantTranscript = !this.client.profile?.email;
    if (this.#wantTranscript) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.ask input')?.focus());
    else this.client.send({ action: 'emailTranscript' });
    this.requestUpdate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    PHONE.addEventListener('change', this.#rerender);
    // A visitor who goes to another page of the site mid-conversation finds it still open there.
    if (this.client.tabStore.get('panel') === 'open') this.opened = true;
    // An email's link back into a conversation: out of the address bar at once, checked, then used.
    const parts = location.hash.slice(1).split('&');
    const token = parts.find((part) => part.startsWith(RESUME))?.slice(RESUME.length);
    if (token) {
      const rest = parts.filter((part) => !part.startsWith(RESUME)).join('&');
      history.replaceState(history.state, '', rest ? `#${rest}` : location.pathname + location.search);
      void this.#resume(token);
    } else this.#start();
    // The team's hours and availability, before the visitor connects.
    this.#api()
      .then((api) => fetch(`${api}/team.json`, { credentials: 'omit' }))
      .then((r) => r.json())
      .then((team: TeamStatus) => (this.team ??= team), this.#rerender);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    PHONE.removeEventListener('change', this.#rerender);
    clearTimeout(this.#hoursTimer);
  }

  readonly #rerender = () => this.requestUpdate();

  /**
   * A returning visitor is connected at once, to hear replies that came meanwhile; a new
   * one only when they open the chat: nothing is stored before they act.
   */
  #start(): void {
    if (this.client.hasVisitorKey || this.opened) this.client.connect();
  }

  /** Checks a link's token (a browser cannot read why a WebSocket upgrade was refused), then connects with it, or says why not. */
  async #resume(token: string): Promise<void> {
    try {
      const answer = (await (await fetch(`${await this.#api()}/resume`, { method: 'POST', body: token, credentials: 'omit' })).json()) as {
        ok: boolean;
        message: string;
      };
      if (answer.ok) {
        this.client.useResume(token);
        this.client.store.remove('read');
      } else this.#connection.notice = answer.message;
    } catch (error) {
      this.#connection.notice = String(error);
    }
    // The visitor came for the conversation: it shows, or why it cannot.
    this.opened = true;
    this.#start();
  }

  get #lang(): string {
    return pickLanguage(this.lang);
  }

  /**
   * The visitor's language and time zone (for the automatic reply and the emails), the page
   * and the referrer (for the agents): on every connection (so only once the visitor has
   * acted), and again when the page changed.
   */
  #sendContext(always: boolean): void {
    const frame: ContextFrame = {
      action: 'context',
      lang: this.#lang,
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      ...pageContext(),
    };
    const json = JSON.stringify(frame);
    if ((always || json !== this.#context) && this.client.send(frame)) this.#context = json;
  }

  /** The page's texts for the visitor's language, else the page's for all, else the team's greeting, else the defaults. */
  get #texts(): SupportChatStrings {
    const lang = this.#lang;
    const own = this.strings;
    const given = (texts: object | undefined) => Object.entries(texts ?? {}).filter(([, text]) => text && typeof text === 'string');
    const s = STRINGS[lang]!;
    return {
      ...s,
      greeting: localized(this.team?.settings.greeting, lang) || s.greeting,
      ...Object.fromEntries([
        ...given(own),
        ...given({ title: this.title, subtitle: this.subtitle, greeting: this.greeting }),
        ...given(own[lang] as object),
      ]),
    };
  }

  /** config.json, fetched once (again after a failure). */
  #config(): Promise<{ websocketUrl?: unknown; publicApiUrl?: unknown }> {
    this.#configPromise ??= fetch(new URL(this.config, location.href), { credentials: 'omit' })
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`${this.config}: HTTP ${r.status}`))))
      .catch((error: unknown) => {
        this.#configPromise = undefined;
        throw error;
      });
    return this.#configPromise;
  }

  /** The public HTTP API (team.json, resume): config.json's `publicApiUrl`. */
  async #api(): Promise<string> {
    const { publicApiUrl } = this.config ? await this.#config() : {};
    if (typeof publicApiUrl !== 'string') throw new Error(`<support-chat> needs a config with a publicApiUrl`);
    return publicApiUrl;
  }

  async #resolveEndpoint(): Promise<string> {
    if (this.endpoint) return this.endpoint;
    try {
      if (!this.config) throw new Error('<support-chat> needs an endpoint or a config attribute');
      const { websocketUrl } = await this.#config();
      if (typeof websocketUrl !== 'string') throw new Error(`${this.config} has no websocketUrl`);
      return websocketUrl;
    } catch (error) {
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
    if (event.type === 'presence') {
      this.agentsOnline = event.agentsOnline;
      // After history: whether the conversation was closed, so the notice survives a reload.
      if (event.status) {
        this.roomClosed = event.status === 'closed';
        this.#assignment = true;
      }
    } else if (event.type === 'assigned') {
      this.assignee = event.name;
      this.#assignment = false;
    } else if (event.type === 'typing' && event.role === 'agent')
      this.#typing.show(AGENTS, event.isTyping ? event.name || this.#texts.agent : undefined);
    else if (event.type === 'read' && event.role === 'agent' && event.seq > this.agentReadSeq) this.agentReadSeq = event.seq;
    // An agent closed or reopened it (as the visitor's next message does).
    else if (event.type === 'roomClosed' || event.type === 'roomReopened') this.roomClosed = event.type === 'roomClosed';
    else if (event.type === 'team') {
      // The state after a history page is complete: no `assigned` in it means nobody handles the conversation.
      if (this.#assignment) this.assignee = undefined;
      this.#assignment = false;
      this.team = event.status;
    } else if (event.type === 'transcriptSent') this.#note = this.#texts.transcriptSent;
    else if (event.type === 'profile' && event.email && this.#wantTranscript) this.emailTranscript();
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
    // Set through the CSSOM, which a strict Content-Security-Policy allows (a style attribute it would not).
    for (const [axis, value] of [
      ['x', this.offsetX],
      ['y', this.offsetY],
    ])
      if (value) this.style.setProperty(`--support-chat-offset-${axis}`, /^\d+$/.test(value!) ? `${value}px` : value!);
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
    if (!this.opened) return;
    if (event.key === 'Escape') {
      event.stopPropagation();
      this.#onClose();
    } else if (event.key === 'Tab' && PHONE.matches) {
      // Full screen, the panel is a modal dialog: Tab and Shift+Tab go round inside it.
      const all = [
        ...this.renderRoot.querySelectorAll<HTMLElement>('.panel :is(button, input, textarea, [tabindex="0"], [href]):not(:disabled)'),
      ];
      const edge = event.shiftKey ? all[0] : all.at(-1);
      if ((this.renderRoot as ShadowRoot).activeElement !== edge) return;
      event.preventDefault();
      (event.shiftKey ? all.at(-1) : all[0])?.focus();
    }
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

  /** The pre-chat form and the inline one: what was given goes with `identify`; nothing given is "not now". */
  readonly #onIdentity = (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const name = String(data.get('name') ?? '');
    this.#emailed = String(data.get('email') ?? '').trim();
    this.#formError = undefined;
    if (!name.trim() && !this.#emailed) return this.#onSkip();
    this.#formSent = true;
    this.identify({ name, email: this.#emailed });
    this.#connection.dismiss();
    void this.updateComplete.then(() => this.#focusComposer());
  };

  readonly #onSkip = () => {
    this.client.store.set('ask', 'skipped');
    this.#wantTranscript = false;
    this.requestUpdate();
    void this.updateComplete.then(() => this.#focusComposer());
  };

  // --- rendering --------------------------------------------------------------------

  override render() {
    const s = this.#texts;
    const lang = this.#lang;
    const client = this.client;
    const now = Date.now();
    const team = this.team;
    const availability = team && teamAvailability(team, now);
    const away = availability && !availability.available;
    const afterHours = team?.settings.afterHours;
    const profile = client.profile;
    // The boolean of earlier versions: present (or true) asks first, false never.
    const given = `${this.prechat}`;
    const mode = given === '' || given === 'true' || given === 'required' ? 'required' : given === 'false' ? 'off' : given;
    const wrote = client.messages().some((m) => m.sender.role === 'visitor') || client.pending().length > 0;
    // Before the first message: the form the page asks for, or an address while nobody is there (afterHours: require-email).
    const requireEmail = !!away && afterHours === 'require-email' && !profile?.email;
    const showPrechat = !wrote && !client.messages().length && ((mode === 'required' && !profile) || requireEmail);
    // After it, in the conversation: an address for the reply while nobody is there (below the
    // away reply, when the team has one), a name and an address offered (prechat="optional"),
    // or an address for the transcript.
    const awayAsk =
      !!away &&
      !!team.emailReplies &&
      !profile?.email &&
      (client.messages().some((m) => m.sender.role === 'system') || !localized(team.settings.awayMessage, lang));
    const ask =
      (this.#wantTranscript && !profile?.email) ||
      (wrote && client.store.get('ask') !== 'skipped' && (awayAsk || (mode === 'optional' && !profile && !away)));
    const form = (f: Omit<IdentityForm, 'nameRequired' | 'error'>) =>
      identityView(s, { ...f, nameRequired: mode === 'required', error: this.#formError }, this.#onIdentity);
    const launcherLabel = this.opened ? s.closeChat : this.unread ? `${s.openChat}, ${format(s.unread, { n: this.unread })}` : s.openChat;
    const typist = this.#typing.names()[0];
    const state = client.state;
    const agentHere = !!this.agentsOnline && state === 'open' && !this.roomClosed;
    const phoneModal = this.opened && PHONE.matches;
    // Never beside the closed notice.
    const handling = this.assignee && !this.roomClosed ? format(s.handling, { name: this.assignee }) : undefined;

    // The hours open and close on quarter hours: look again at the next one (the clock needs no tick in between).
    clearTimeout(this.#hoursTimer);
    if (team && this.isConnected) this.#hoursTimer = setTimeout(this.#rerender, QUARTER_MS - (now % QUARTER_MS) + 50);

    const m: PanelModel = {
      strings: s,
      lang,
      title: s.title,
      subtitle: s.subtitle,
      client,
      // Unknown while the connection is lost: none rather than a stale one.
      presence:
        state === 'reconnecting' || state === 'offline'
          ? undefined
          : (handling ?? (agentHere ? s.agentHere : availability && teamLine(team, availability, s, lang, now))),
      here: agentHere || !!availability?.available,
      handling,
      notice: this.#connection.notice,
      note: this.#note,
      ask: ask
        ? form({
            part: 'ask',
            heading: this.#wantTranscript ? s.emailMe : awayAsk ? s.byEmail : s.aboutYou,
            // One field for an address; a name too where the page left it for after the first message.
            name: !this.#wantTranscript && !awayAsk,
            emailRequired: this.#wantTranscript || awayAsk,
            button: s.save,
            skip: this.#onSkip,
          })
        : this.#emailed && profile?.email === this.#emailed
          ? html`<p part="ask" class="aside" role="status">${format(s.emailed, { email: this.#emailed })}</p>`
          : undefined,
      agentReadSeq: this.agentReadSeq,
      closed: this.roomClosed,
      typing: typist === undefined ? undefined : format(s.typing, { name: typist }),
      draft: this.draft,
      download: () => this.downloadTranscript(),
      emailMe: team?.emailReplies && wrote ? () => this.emailTranscript() : undefined,
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
    // After hours with afterHours "hide", no launcher, unless the visitor has a conversation here.
    return html`
      <div class="root" title="" lang=${lang}>
        <section
          id="panel"
          part="panel"
          class="panel ${this.opened ? 'open' : ''}"
          role="dialog"
          aria-modal=${phoneModal ? 'true' : nothing}
          aria-label=${s.title}
          @keydown=${this.#onKeydown}
        >
          ${headerView(m)} ${logView(m)}
          ${
            showPrechat
              ? form({
                  part: 'prechat',
                  heading: requireEmail ? s.byEmail : s.prechat,
                  name: mode !== 'off',
                  emailRequired: requireEmail,
                  button: s.start,
                  skip: undefined,
                })
              : composerView(m)
          }
        </section>
        ${
          away && afterHours === 'hide' && !this.opened && !client.hasVisitorKey
            ? nothing
            : html`<button
              part="launcher"
              class="launcher"
              aria-expanded=${this.opened ? 'true' : 'false'}
              aria-controls="panel"
              aria-label=${launcherLabel}
              @click=${this.#onLauncher}
            >
              ${icon(this.opened ? ICON_CLOSE : ICON_CHAT, 24)}
              ${this.unread && !this.opened ? html`<span part="badge" class="badge" aria-hidden="true">${this.unread > 99 ? '99+' : this.unread}</span>` : nothing}
            </button>`
        }
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

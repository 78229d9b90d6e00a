import type { Message, ServerEvent } from '@support-chat/backend/protocol';
import { MAX_TEXT_LENGTH, textLength } from '@support-chat/backend/protocol/limits';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import {
  ChatClient,
  type ConnectionState,
  type PendingMessage,
  type ServerError,
  type VisitorProfile,
} from '../client/chat-client.ts';
import { icon, ICON_CHAT, ICON_CHEVRON, ICON_CLOSE, ICON_DOWNLOAD, ICON_SEND } from '../shared/icons.ts';
import { linkify } from '../shared/linkify.ts';
import { format, pickLanguage, STRINGS, type SupportChatStrings } from './strings.ts';
import styles from './support-chat.styles.ts';

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

/** The counter appears this close to the limit. */
const COUNTER_FROM = MAX_TEXT_LENGTH - 500;
const TYPING_REPEAT_MS = 3000;
const TYPING_STOP_MS = 4000;
const TYPING_SHOWN_MS = 10_000;

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
 * @csspart message - One message row (also `message-visitor`, `message-agent`, `message-system`).
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
    agentTyping: { state: true },
    unread: { state: true },
    notice: { state: true },
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
  declare private agentTyping: string | undefined;
  declare private unread: number;
  declare private notice: string | undefined;
  declare private draft: string;
  declare private agentReadSeq: number;
  declare private roomClosed: boolean;

  /** The chat client under the element: its connection, messages and outbox. */
  readonly client: ChatClient;

  private unsubscribe: (() => void)[] = [];
  private configPromise: Promise<string> | undefined;
  private configWarned = false;
  private audio: AudioContext | undefined;
  private typingSentAt = 0;
  private typingStop: ReturnType<typeof setTimeout> | undefined;
  private typingShown: ReturnType<typeof setTimeout> | undefined;
  private stickToBottom = true;

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
    this.client = new ChatClient({ endpoint: () => this.resolveEndpoint() });
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
    const s = this.texts;
    const stamp = (iso: string) => {
      const d = new Date(iso);
      const p = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
    };
    const lines = [`${s.transcript}: ${this.title || s.title}`, stamp(new Date().toISOString()), ''];
    for (const m of this.client.messages()) lines.push(`[${stamp(m.createdAt)}] ${this.senderName(m)}: ${m.text}`);
    for (const p of this.client.pending()) lines.push(`[${stamp(p.createdAt)}] ${s.you} (${p.status === 'failed' ? s.failed : s.sending}): ${p.text}`);
    return `${lines.join('\n')}\n`;
  }

  /** Saves the transcript as a .txt file. */
  downloadTranscript(): void {
    const url = URL.createObjectURL(new Blob([this.transcript()], { type: 'text/plain;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `chat-transcript-${new Date().toISOString().slice(0, 10)}.txt`;
    a.hidden = true;
    this.renderRoot.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const c = this.client;
    this.unsubscribe = [
      c.on('change', () => this.requestUpdate()),
      c.on('state', (state) => this.fire('support-chat-connection', { state })),
      c.on('message', (detail) => this.onMessage(detail.message, detail.live)),
      c.on('event', (event) => this.onEvent(event)),
      c.on('error', (error) => this.onError(error)),
    ];
    document.addEventListener('visibilitychange', this.onVisibility);
    // A visitor who goes to another page of the site mid-conversation finds it still open there.
    if (readSession(OPEN_KEY) === 'open') this.opened = true;
    // A returning visitor is connected at once, to hear replies that came meanwhile;
    // a new one only when they open the chat: nothing is stored before they act.
    if (c.hasVisitorKey || this.opened) c.connect();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const off of this.unsubscribe) off();
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.client.disconnect();
  }

  private get texts(): SupportChatStrings {
    const s = { ...STRINGS[pickLanguage(this.lang)]!, ...this.strings };
    return this.greeting ? { ...s, greeting: this.greeting } : s;
  }

  private async resolveEndpoint(): Promise<string> {
    if (this.endpoint) return this.endpoint;
    if (!this.config) throw new Error('<support-chat> needs an endpoint or a config attribute');
    this.configPromise ??= fetch(new URL(this.config, location.href), { credentials: 'omit' })
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`${this.config}: HTTP ${r.status}`))))
      .then((c: { websocketUrl?: unknown }) => {
        if (typeof c.websocketUrl !== 'string') throw new Error(`${this.config} has no websocketUrl`);
        return c.websocketUrl;
      });
    try {
      return await this.configPromise;
    } catch (error) {
      this.configPromise = undefined;
      // The client retries with backoff; say once why it cannot connect.
      if (!this.configWarned) console.warn('<support-chat>:', error instanceof Error ? error.message : error);
      this.configWarned = true;
      throw error;
    }
  }

  // --- reacting to the client ---------------------------------------------------------

  private onMessage(message: Message, live: boolean): void {
    if (message.sender.role === 'agent') {
      this.agentTyping = undefined;
      if (!this.isRead(message.seq)) {
        this.unread = this.agentMessagesAfter(this.lastReadSeq).length;
        if (live && !this.opened && document.visibilityState === 'visible') this.blip();
      }
    }
    if (message.sender.role === 'visitor') this.roomClosed = false;
    this.markReadIfSeen();
    this.fire('support-chat-message', { message, live });
  }

  private onEvent(event: ServerEvent): void {
    switch (event.type) {
      case 'presence':
        this.agentsOnline = event.agentsOnline;
        break;
      case 'typing':
        if (event.role !== 'agent') break;
        this.agentTyping = event.isTyping ? event.name || this.texts.agent : undefined;
        clearTimeout(this.typingShown);
        this.typingShown = setTimeout(() => (this.agentTyping = undefined), TYPING_SHOWN_MS);
        break;
      case 'read':
        if (event.role === 'agent' && event.seq > this.agentReadSeq) this.agentReadSeq = event.seq;
        break;
      case 'roomClosed':
        this.roomClosed = true;
        break;
    }
  }

  private onError(error: ServerError): void {
    this.fire('support-chat-error', error);
    // Typing and read receipts are best effort; a refused message shows on the message.
    if (error.clientMsgId || error.action === 'typing' || error.action === 'read' || error.action === 'ping') return;
    this.notice = error.message;
  }

  private readonly onVisibility = () => this.markReadIfSeen();

  // --- unread and read ------------------------------------------------------------------

  private get lastReadSeq(): number {
    try {
      return Number(localStorage.getItem('support-chat:read')) || 0;
    } catch {
      return 0;
    }
  }

  private isRead(seq: number): boolean {
    return seq <= this.lastReadSeq;
  }

  private agentMessagesAfter(seq: number): Message[] {
    return this.client.messages().filter((m) => m.sender.role === 'agent' && m.seq > seq);
  }

  /** When the visitor can see the conversation, everything in it is read. */
  private markReadIfSeen(): void {
    if (!this.opened || document.visibilityState !== 'visible') return;
    const latest = this.agentMessagesAfter(this.lastReadSeq).at(-1);
    this.unread = 0;
    if (!latest) return;
    try {
      localStorage.setItem('support-chat:read', String(latest.seq));
    } catch {
      // unread counts then restart with the next page load
    }
    this.client.markRead(latest.seq);
  }

  /** A short two-tone blip from an oscillator: no audio file to load. */
  private blip(): void {
    const ctx = this.audio;
    if (!ctx || ctx.state !== 'running') return;
    const t = ctx.currentTime;
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.setValueAtTime(660, t);
    osc.frequency.setValueAtTime(990, t + 0.09);
    gain.gain.setValueAtTime(0.0001, t);
    gain.gain.exponentialRampToValueAtTime(0.12, t + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.28);
    osc.connect(gain).connect(ctx.destination);
    osc.start(t);
    osc.stop(t + 0.3);
  }

  // --- lifecycle --------------------------------------------------------------------

  override willUpdate(changed: PropertyValues<this>): void {
    const log = this.renderRoot.querySelector?.('.log');
    if (log) this.stickToBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 48;
    if (changed.has('opened') && this.opened) this.markReadIfSeen();
  }

  override updated(changed: PropertyValues<this>): void {
    const log = this.renderRoot.querySelector('.log');
    if (log && (this.stickToBottom || changed.has('opened'))) log.scrollTop = log.scrollHeight;
    this.sizeInput();
    if (!changed.has('opened') || (changed.get('opened') === undefined && !this.opened)) return;
    writeSession(OPEN_KEY, this.opened ? 'open' : undefined);
    if (this.opened) {
      this.focusComposer();
      this.fire('support-chat-open', {});
      this.client.connect();
    } else {
      this.fire('support-chat-close', {});
    }
  }

  private focusComposer(): void {
    this.renderRoot.querySelector<HTMLElement>('.prechat input, textarea')?.focus();
  }

  private fire<K extends keyof SupportChatEventMap>(type: K, detail: SupportChatEventMap[K]['detail']): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  // --- user actions -----------------------------------------------------------------

  private readonly onLauncher = () => {
    this.unlockAudio();
    this.toggle();
  };

  private readonly onClose = () => {
    this.close();
    // After the render: on phones the launcher is hidden while the panel is open.
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.launcher')?.focus());
  };

  private readonly onKeydown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !this.opened) return;
    event.stopPropagation();
    this.onClose();
  };

  private readonly onInput = (event: Event) => {
    const input = event.target as HTMLTextAreaElement;
    this.draft = input.value;
    this.sizeInput();
    const now = Date.now();
    if (this.draft.trim() && now - this.typingSentAt > TYPING_REPEAT_MS) {
      this.typingSentAt = now;
      this.client.setTyping(true);
    }
    clearTimeout(this.typingStop);
    this.typingStop = setTimeout(() => this.stopTyping(), TYPING_STOP_MS);
  };

  private stopTyping(): void {
    clearTimeout(this.typingStop);
    if (this.typingSentAt === 0) return;
    this.typingSentAt = 0;
    this.client.setTyping(false);
  }

  private readonly onComposerKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.submit();
    }
  };

  private readonly onSubmit = (event: Event) => {
    event.preventDefault();
    this.submit();
  };

  private submit(): void {
    const text = this.draft.trim();
    if (!text || textLength(text) > MAX_TEXT_LENGTH) return;
    this.unlockAudio();
    this.stopTyping();
    this.client.sendMessage(text);
    this.draft = '';
    this.stickToBottom = true;
  }

  private readonly onPrechat = (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    this.identify({ name: String(data.get('name') ?? ''), email: String(data.get('email') ?? '') });
    this.notice = undefined;
    void this.updateComplete.then(() => this.focusComposer());
  };

  private unlockAudio(): void {
    try {
      this.audio ??= new AudioContext();
      void this.audio.resume();
    } catch {
      // no sound then
    }
  }

  /** Grows the text area with its content, up to the CSS max-height (CSSOM: CSP-safe). */
  private sizeInput(): void {
    const input = this.renderRoot.querySelector?.('textarea');
    if (!input) return;
    input.style.height = 'auto';
    input.style.height = `${input.scrollHeight}px`;
  }

  // --- rendering --------------------------------------------------------------------

  private senderName(m: Message): string {
    if (m.sender.role === 'visitor') return this.texts.you;
    return m.sender.name || this.texts.agent;
  }

  private time(iso: string): string {
    const d = new Date(iso);
    const lang = pickLanguage(this.lang);
    const sameDay = d.toDateString() === new Date().toDateString();
    return new Intl.DateTimeFormat(lang, {
      hour: 'numeric',
      minute: '2-digit',
      ...(!sameDay && { month: 'short', day: 'numeric' }),
    }).format(d);
  }

  override render() {
    const s = this.texts;
    const title = this.title || s.title;
    const state = this.client.state;
    const messages = this.client.messages();
    const pending = this.client.pending();
    const showPrechat = this.prechat && !this.client.profile && messages.length === 0 && pending.length === 0;
    const launcherLabel = this.opened ? s.closeChat : this.unread ? `${s.openChat}, ${format(s.unread, { n: this.unread })}` : s.openChat;
    let previous: Message | undefined;

    // The header is a div: a <header> in the host page's body would be a second "banner" landmark.
    // title="" keeps the host's title attribute (the header text) from becoming a
    // tooltip over the whole widget; lang tells screen readers the texts' language.
    return html`
      <div class="root" title="" lang=${pickLanguage(this.lang)}>
        <section
          id="panel"
          part="panel"
          class="panel ${this.opened ? 'open' : ''}"
          role="dialog"
          aria-label=${title}
          @keydown=${this.onKeydown}
        >
          <div part="header" class="header">
            <div class="avatar" aria-hidden="true">${icon(ICON_CHAT, 24)}</div>
            <div class="heading">
              <h2 part="title">${title}</h2>
              <p part="subtitle">${this.subtitle || s.subtitle}</p>
              ${this.agentsOnline === undefined || state !== 'open'
                ? nothing
                : html`<p part="presence" class="presence ${this.agentsOnline > 0 ? 'here' : ''}">
                    ${this.agentsOnline > 0 ? s.agentHere : s.agentAway}
                  </p>`}
            </div>
            <button class="icon" @click=${() => this.downloadTranscript()} aria-label=${s.download} title=${s.download}>
              ${icon(ICON_DOWNLOAD, 24)}
            </button>
            <button class="icon" @click=${this.onClose} aria-label=${s.closeChat} title=${s.closeChat}>${icon(ICON_CHEVRON, 24)}</button>
          </div>
          ${state === 'reconnecting' || state === 'offline'
            ? html`<div part="banner" class="banner" role="status">${state === 'offline' ? s.offline : s.reconnecting}</div>`
            : nothing}
          ${this.notice
            ? html`<div part="error" class="notice" role="alert">
                <span>${this.notice}</span>
                <button class="link" @click=${() => (this.notice = undefined)}>${s.dismiss}</button>
              </div>`
            : nothing}
          <div part="log" class="log" role="log" aria-live="polite" aria-label=${title} tabindex="0">
            ${this.client.hasOlder()
              ? html`<button class="earlier link" @click=${() => this.client.loadOlder()}>${s.earlier}</button>`
              : nothing}
            ${this.renderRow('agent', '', s.greeting, undefined, true)}
            ${messages.map((m) => {
              const first = previous?.sender.role !== m.sender.role || previous.sender.name !== m.sender.name;
              previous = m;
              const status = m.sender.role === 'visitor' ? (m.seq <= this.agentReadSeq ? s.seen : s.sent) : undefined;
              return this.renderRow(m.sender.role, first ? this.senderName(m) : '', m.text, this.time(m.createdAt), false, status, m.seq);
            })}
            ${pending.map((p, i) => this.renderPending(p, i === 0 && previous?.sender.role !== 'visitor'))}
            ${this.roomClosed ? html`<p class="system">${s.closed}</p>` : nothing}
          </div>
          ${this.agentTyping
            ? html`<div part="typing" class="typing"><span class="dots" aria-hidden="true"><i></i><i></i><i></i></span>${format(s.typing, { name: this.agentTyping })}</div>`
            : nothing}
          ${showPrechat ? this.renderPrechat(s) : this.renderComposer(s)}
        </section>
        <button
          part="launcher"
          class="launcher"
          aria-expanded=${this.opened ? 'true' : 'false'}
          aria-controls="panel"
          aria-label=${launcherLabel}
          @click=${this.onLauncher}
        >
          ${icon(this.opened ? ICON_CLOSE : ICON_CHAT, 24)}
          ${this.unread && !this.opened ? html`<span part="badge" class="badge" aria-hidden="true">${this.unread > 99 ? '99+' : this.unread}</span>` : nothing}
        </button>
      </div>
    `;
  }

  private renderRow(role: string, name: string, text: string, time: string | undefined, greeting: boolean, status?: string, seq?: number) {
    return html`
      <div part="message message-${role}" class="row ${role} ${name ? 'first' : ''} ${greeting ? 'greeting' : ''}" data-seq=${seq ?? nothing}>
        ${name ? html`<div class="name">${name}</div>` : nothing}
        <div part="bubble" class="bubble">${linkify(text)}</div>
        ${time
          ? html`<div part="meta" class="meta">${time}${status ? html`<span aria-hidden="true">·</span><span class="status">${status}</span>` : nothing}</div>`
          : nothing}
      </div>
    `;
  }

  private renderPending(p: PendingMessage, first: boolean) {
    const s = this.texts;
    const failed = p.status === 'failed';
    return html`
      <div part="message message-visitor" class="row visitor pending ${failed ? 'failed' : ''} ${first ? 'first' : ''}" data-client-msg-id=${p.clientMsgId}>
        ${first ? html`<div class="name">${s.you}</div>` : nothing}
        <div part="bubble" class="bubble">${linkify(p.text)}</div>
        <div part="meta" class="meta">
          ${failed
            ? html`<span class="status">${s.failed}${p.error ? `: ${p.error}` : ''}</span>
                <button class="link retry" @click=${() => this.client.retry(p.clientMsgId)}>${s.retry}</button>
                <button class="link discard" @click=${() => this.client.discard(p.clientMsgId)}>${s.discard}</button>`
            : html`<span class="status">${s.sending}</span>`}
        </div>
      </div>
    `;
  }

  private renderComposer(s: SupportChatStrings) {
    const length = textLength(this.draft.trim());
    const over = length - MAX_TEXT_LENGTH;
    return html`
      <form part="composer" class="composer" @submit=${this.onSubmit}>
        <textarea
          part="input"
          rows="1"
          aria-label=${s.placeholder}
          placeholder=${s.placeholder}
          .value=${this.draft}
          @input=${this.onInput}
          @keydown=${this.onComposerKeydown}
          @blur=${() => this.stopTyping()}
        ></textarea>
        <button part="send" class="send" type="submit" aria-label=${s.send} ?disabled=${length === 0 || over > 0}>${icon(ICON_SEND, 24)}</button>
      </form>
      ${length > COUNTER_FROM
        ? html`<p part="counter" class="counter ${over > 0 ? 'over' : ''}" aria-live="polite">
            ${over > 0 ? format(s.tooLong, { n: over }) : format(s.charsLeft, { n: -over })}
          </p>`
        : nothing}
    `;
  }

  private renderPrechat(s: SupportChatStrings) {
    return html`
      <form part="prechat" class="prechat" @submit=${this.onPrechat}>
        <p>${s.prechat}</p>
        <label>${s.name}<input name="name" required maxlength="80" autocomplete="name" /></label>
        <label>${s.email}<input name="email" type="email" maxlength="254" autocomplete="email" /></label>
        <button class="primary" type="submit">${s.start}</button>
      </form>
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

/** sessionStorage: this tab only, gone when it closes. */
const OPEN_KEY = 'support-chat:panel';

function readSession(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null; // storage blocked (sandboxed iframe, strict privacy settings): the panel starts closed
  }
}

function writeSession(key: string, value: string | undefined): void {
  try {
    if (value === undefined) sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, value);
  } catch {
    // storage blocked: the panel simply does not follow the visitor across pages
  }
}

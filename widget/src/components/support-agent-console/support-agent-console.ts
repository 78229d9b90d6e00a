import type { Message, RoomSummary, ServerEvent, SiteConfig } from '@support-chat/backend/protocol';
import { MAX_TEXT_LENGTH, textLength } from '@support-chat/backend/protocol/limits';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ChatClient, type ConnectionState, type PendingMessage, type ServerError } from '../../client/chat-client.ts';
import { linkify } from '../support-chat/linkify.ts';
import { type AgentIdentity, AgentSession, AgentSessionError } from './agent-session.ts';
import { clockTime, dayLabel, fullTime, hueOf, initials, relativeTime, shortId, transcriptText, visitorName } from './format.ts';
import { Inbox } from './inbox.ts';
import { CONSOLE_STRINGS, format, type SupportAgentConsoleStrings } from './strings.ts';
import styles from './support-agent-console.styles.ts';

export type { SupportAgentConsoleStrings } from './strings.ts';
export type { AgentIdentity } from './agent-session.ts';

export interface SupportAgentConsoleSignInDetail {
  email: string;
  name: string;
}
export interface SupportAgentConsoleSelectDetail {
  roomId: string;
}
export interface SupportAgentConsoleMessageDetail {
  message: Message;
  /** False for messages that came in a history page. */
  live: boolean;
}
export interface SupportAgentConsoleConnectionDetail {
  state: ConnectionState;
}
export interface SupportAgentConsoleAttentionDetail {
  roomId: string;
  reason: 'new-conversation' | 'message';
  /** The visitor's name (or "Visitor") and the start of what they wrote. */
  title: string;
  text: string;
}
export type SupportAgentConsoleErrorDetail = ServerError;

type View = 'loading' | 'config-error' | 'sign-in' | 'new-password' | 'not-agent' | 'console';
type Tab = 'open' | 'closed';
type Permission = NotificationPermission | 'unsupported';
/** wide: list, conversation and details; medium: list and conversation; narrow: one at a time. */
type Layout = 'wide' | 'medium' | 'narrow';

interface Typist {
  name: string;
  timer: ReturnType<typeof setTimeout>;
}

const TYPING_REPEAT_MS = 3000;
const TYPING_STOP_MS = 4000;
const TYPING_SHOWN_MS = 10_000;
const COUNTER_FROM = MAX_TEXT_LENGTH - 500;
/** After this many connection attempts in a row without an open connection, say so. */
const ATTEMPTS_BEFORE_NOTICE = 3;

const icon = (d: string, size = 18) =>
  html`<svg viewBox="0 0 24 24" width=${size} height=${size} aria-hidden="true" focusable="false"><path d=${d}></path></svg>`;
const ICON_CHAT = 'M4 5.5A2.5 2.5 0 0 1 6.5 3h11A2.5 2.5 0 0 1 20 5.5v8a2.5 2.5 0 0 1-2.5 2.5H10l-4.2 3.6c-.5.4-1.3 0-1.3-.6V16A2.5 2.5 0 0 1 4 13.5z';
const ICON_BELL = 'M12 3a6 6 0 0 0-6 6v3.6L4.3 16a1 1 0 0 0 .9 1.5h13.6a1 1 0 0 0 .9-1.5L18 12.6V9a6 6 0 0 0-6-6zm-2.4 16a2.5 2.5 0 0 0 4.8 0z';
const ICON_BELL_OFF = 'M4.7 3.3 3.3 4.7l3.2 3.2A6 6 0 0 0 6 9v3.6L4.3 16a1 1 0 0 0 .9 1.5h11.4l2.7 2.7 1.4-1.4zM12 3a6 6 0 0 0-3.9 1.5L18 14.4V9a6 6 0 0 0-6-6zm-2.4 16a2.5 2.5 0 0 0 4.8 0z';
const ICON_DOWNLOAD = 'M11 4h2v8.2l3.3-3.3 1.4 1.4-5.7 5.7-5.7-5.7 1.4-1.4 3.3 3.3zM5 18h14v2H5z';
const ICON_CHECK = 'M9.5 16.2 5.3 12l-1.4 1.4 5.6 5.6L20.1 8.4 18.7 7z';
const ICON_INFO = 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm1 15h-2v-6h2zm0-8h-2V7h2z';
const ICON_BACK = 'M20 11H7.8l5.6-5.6L12 4l-8 8 8 8 1.4-1.4L7.8 13H20z';
const ICON_SEND = 'M3.4 20.4 21 12 3.4 3.6 3.4 10l12.6 2-12.6 2z';
const ICON_AGENT = 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm0 2c-3.3 0-8 1.7-8 5v1h16v-1c0-3.3-4.7-5-8-5z';
const ICON_LOCK = 'M17 9h-1V7a4 4 0 0 0-8 0v2H7a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-8a2 2 0 0 0-2-2zm-7-2a2 2 0 0 1 4 0v2h-4z';
const ICON_WARN = 'M12 2 1 21h22zm1 15h-2v-2h2zm0-4h-2V9h2z';
const ICON_SEARCH = 'M10 3a7 7 0 0 1 5.6 11.2l5.1 5.1-1.4 1.4-5.1-5.1A7 7 0 1 1 10 3zm0 2a5 5 0 1 0 0 10 5 5 0 0 0 0-10z';
const ICON_INBOX = 'M4 4h16l1 1v14l-1 1H4l-1-1V5zm1 2v7h4l1 2h4l1-2h4V6z';

/**
 * @summary The agents' workspace: Cognito sign-in, a live inbox of visitors'
 * conversations, and the conversation itself, with history, typing, read receipts,
 * closing, transcripts and notifications.
 *
 * Signs in against the user pool named in `config.json` (SRP, or USER_PASSWORD_AUTH
 * against cognito-local), keeps the session across reloads, refreshes the ID token before
 * it expires and reconnects the WebSocket with it without losing the open conversation.
 * `#room=ID` in the page's address opens that conversation (alerts link there); the hash
 * follows the selected conversation. While the page is hidden, new conversations and
 * messages count in the page title and, once allowed, raise browser notifications.
 *
 * @event support-agent-console-sign-in - An agent signed in (or was signed in from the stored session). detail: `{ email, name }`.
 * @event support-agent-console-sign-out - The agent signed out, or the session ended.
 * @event support-agent-console-select - A conversation was opened. detail: `{ roomId }`.
 * @event support-agent-console-message - A message appeared in the open conversation. detail: `{ message, live }`.
 * @event support-agent-console-connection - The connection state changed. detail: `{ state }`.
 * @event support-agent-console-attention - While the page is hidden, a new conversation or a visitor's message arrived. detail: `{ roomId, reason, title, text }`. Cancelable: `preventDefault()` stops the browser notification.
 * @event support-agent-console-error - The server refused something. detail: `{ code, message, action? }`.
 *
 * @csspart gate - The sign-in, new-password and not-an-agent screens.
 * @csspart card - The card on those screens.
 * @csspart topbar - The bar across the top of the workspace.
 * @csspart inbox - The list of conversations.
 * @csspart room - One conversation in the list.
 * @csspart conversation - The open conversation.
 * @csspart log - Its scrolling messages.
 * @csspart message - One message (also `message-visitor`, `message-agent`, `message-own`).
 * @csspart composer - The reply form.
 * @csspart profile - The visitor's details beside the conversation.
 *
 * @cssproperty [--support-agent-console-accent=#2563eb] - Buttons, the selected conversation, your messages.
 * @cssproperty [--support-agent-console-accent-text=#ffffff] - Text on the accent color.
 * @cssproperty [--support-agent-console-font=system-ui, sans-serif] - Font family.
 */
export class SupportAgentConsole extends LitElement {
  static override styles = styles;

  static override properties = {
    config: {},
    alertsUrl: { attribute: 'alerts-url' },
    routing: {},
    strings: { attribute: false },
    view: { state: true },
    busy: { state: true },
    formError: { state: true },
    tab: { state: true },
    selected: { state: true },
    filter: { state: true },
    notice: { state: true },
    connectionProblem: { state: true },
    profilePref: { state: true },
    layout: { state: true },
    permission: { state: true },
    revealPassword: { state: true },
    copied: { state: true },
    now: { state: true },
  };

  /** URL of the `config.json` with the WebSocket endpoint and the user pool. */
  declare config: string;
  /** Where the local stack's "Agent alerts" page is; linked from the sign-in screen in local mode. */
  declare alertsUrl: string;
  /** `hash`: `#room=ID` opens a conversation and follows the selected one; `none`: the address is left alone. */
  declare routing: 'hash' | 'none';
  /** Overrides for any of the texts. */
  declare strings: Partial<SupportAgentConsoleStrings>;

  declare private view: View;
  declare private busy: boolean;
  declare private formError: string | undefined;
  declare private tab: Tab;
  declare private selected: string | undefined;
  declare private filter: string;
  declare private notice: string | undefined;
  declare private connectionProblem: boolean;
  /** The visitor-details panel: `auto` shows it when there is room for it. */
  declare private profilePref: 'auto' | 'shown' | 'hidden';
  declare private layout: Layout;
  declare private permission: Permission;
  declare private revealPassword: boolean;
  declare private copied: boolean;
  declare private now: number;

  private siteConfig: SiteConfig | undefined;
  private configProblem = '';
  private agentSession: AgentSession | undefined;
  private chat: ChatClient | undefined;
  private inbox = new Inbox();
  private challengeEmail = '';
  private unsubscribe: (() => void)[] = [];
  private attemptsSinceOpen = 0;
  private readonly typists = new Map<string, Typist>();
  private readonly visitorReadIds = new Map<string, string>();
  private readonly readSent = new Map<string, string>();
  private readonly drafts = new Map<string, string>();
  private readonly notFound = new Set<string>();
  private typingSentAt = 0;
  private typingStop: ReturnType<typeof setTimeout> | undefined;
  private tickTimer: ReturnType<typeof setInterval> | undefined;
  private titleCount = 0;
  private baseTitle: string | undefined;
  private stickToBottom = true;
  /** The log as last rendered: its first message and its scroll geometry, to keep the view steady when older messages go in above. */
  private scrollAnchor: { firstId: string | undefined; height: number; top: number } | undefined;
  private renderedFirstId: string | undefined;
  private loadingOlder = false;
  private focusAfterRender: string | undefined;
  private starting: Promise<void> | undefined;
  private awaitingFirstList = false;
  private readonly resizeObserver =
    typeof ResizeObserver === 'undefined'
      ? undefined
      : new ResizeObserver(([entry]) => {
          const width = entry?.contentRect.width ?? 0;
          this.layout = width >= 1180 ? 'wide' : width >= 720 ? 'medium' : 'narrow';
        });

  constructor() {
    super();
    this.config = '/config.json';
    this.alertsUrl = '';
    this.routing = 'hash';
    this.strings = {};
    this.view = 'loading';
    this.busy = false;
    this.tab = 'open';
    this.filter = '';
    this.connectionProblem = false;
    this.profilePref = 'auto';
    this.layout = 'wide';
    this.permission = typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
    this.revealPassword = false;
    this.copied = false;
    this.now = Date.now();
  }

  // --- public API ---------------------------------------------------------------------

  /** The signed-in agent (from the ID token), or undefined. */
  get identity(): AgentIdentity | undefined {
    return this.agentSession?.identity;
  }

  /** The Cognito session underneath (sign-in, refresh, sign-out). */
  get session(): AgentSession | undefined {
    return this.agentSession;
  }

  /** The chat client of the signed-in agent: its connection, rooms and messages. */
  get client(): ChatClient | undefined {
    return this.chat;
  }

  /** The conversation shown, if any. */
  get roomId(): string | undefined {
    return this.selected;
  }

  /** Opens a conversation: joins it (its history comes back) and leaves the previous one. */
  openRoom(roomId: string): void {
    const client = this.chat;
    if (!client) return;
    if (roomId === this.selected) {
      this.focusAfterRender = 'textarea';
      this.requestUpdate();
      return;
    }
    this.stopTyping();
    if (this.selected) client.leave(this.selected);
    this.selected = roomId;
    this.notFound.delete(roomId);
    this.stickToBottom = true;
    this.scrollAnchor = undefined;
    this.loadingOlder = false;
    const room = this.inbox.get(roomId);
    if (room && room.status !== this.tab && !this.filter) this.tab = room.status;
    client.join(roomId);
    if (this.routing === 'hash' && roomFromHash() !== roomId) history.replaceState(history.state, '', `#room=${encodeURIComponent(roomId)}`);
    this.focusAfterRender = 'textarea';
    this.fire('support-agent-console-select', { roomId });
  }

  /** Closes the conversation (the visitor is told); the visitor's next message reopens it. */
  closeRoom(roomId = this.selected): void {
    if (roomId) this.chat?.send({ action: 'closeRoom', roomId });
  }

  /** Gets a fresh ID token now and reconnects with it; the open conversation stays. (It also happens on its own before the token expires.) */
  async refreshSession(): Promise<void> {
    if (!this.agentSession?.identity) throw new AgentSessionError('signed-out', 'Not signed in.');
    await this.agentSession.refresh();
  }

  /** Signs out: the connection closes, the session is revoked and forgotten. */
  async signOut(): Promise<void> {
    const session = this.agentSession;
    this.stopConsole();
    this.formError = undefined;
    this.view = 'sign-in';
    this.focusAfterRender = 'input[name="email"]';
    await session?.signOut();
    this.fire('support-agent-console-sign-out', {});
  }

  /** A conversation as plain text (the open one by default). */
  transcript(roomId = this.selected): string {
    if (!roomId) return '';
    return transcriptText(roomId, this.inbox.get(roomId), this.chat?.messages(roomId) ?? [], this.texts);
  }

  /** Saves a conversation's transcript as a .txt file. */
  downloadTranscript(roomId = this.selected): void {
    if (!roomId) return;
    const url = URL.createObjectURL(new Blob([this.transcript(roomId)], { type: 'text/plain;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `conversation-${shortId(roomId)}-${new Date().toISOString().slice(0, 10)}.txt`;
    a.hidden = true;
    this.renderRoot.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  /** Asks the browser to allow notifications (call it from a click). */
  async enableNotifications(): Promise<Permission> {
    if (typeof Notification === 'undefined') return (this.permission = 'unsupported');
    this.permission = await Notification.requestPermission();
    return this.permission;
  }

  // --- lifecycle ------------------------------------------------------------------------

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.onVisibility);
    addEventListener('hashchange', this.onHashChange);
    this.tickTimer = setInterval(() => (this.now = Date.now()), 30_000);
    this.resizeObserver?.observe(this);
    this.starting ??= this.start().finally(() => (this.starting = undefined));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.onVisibility);
    removeEventListener('hashchange', this.onHashChange);
    clearInterval(this.tickTimer);
    this.resizeObserver?.disconnect();
    this.stopConsole();
    this.agentSession?.dispose();
    this.agentSession = undefined;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    const log = this.renderRoot.querySelector?.('.log');
    if (!log || roomChanged(changed)) return;
    this.stickToBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 64;
    this.scrollAnchor = { firstId: this.renderedFirstId, height: log.scrollHeight, top: log.scrollTop };
  }

  override updated(changed: PropertyValues<this>): void {
    const log = this.renderRoot.querySelector<HTMLElement>('.log');
    if (log) {
      const first = this.selected ? this.chat?.messages(this.selected)[0]?.id : undefined;
      const anchor = this.scrollAnchor;
      if (anchor && anchor.firstId !== undefined && first !== anchor.firstId && !roomChanged(changed)) {
        // An older page went in above: keep the messages the agent was reading where they were.
        log.scrollTop = anchor.top + (log.scrollHeight - anchor.height);
        this.loadingOlder = false;
      } else if (this.stickToBottom || roomChanged(changed)) {
        log.scrollTop = log.scrollHeight;
      }
      this.renderedFirstId = first;
    } else {
      this.renderedFirstId = undefined;
    }
    this.sizeComposer();
    if (this.focusAfterRender) {
      const target = this.renderRoot.querySelector<HTMLElement>(this.focusAfterRender);
      if (target) {
        this.focusAfterRender = undefined;
        target.focus();
      }
    }
    this.markViewed();
  }

  private get texts(): SupportAgentConsoleStrings {
    return { ...CONSOLE_STRINGS, ...this.strings };
  }

  private get isLocal(): boolean {
    return Boolean(this.siteConfig?.cognitoEndpoint);
  }

  private fire<K extends keyof SupportAgentConsoleEventMap>(
    type: K,
    detail: SupportAgentConsoleEventMap[K]['detail'],
    cancelable = false,
  ): boolean {
    return this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable }));
  }

  // --- configuration and session --------------------------------------------------------------

  private async start(): Promise<void> {
    this.view = 'loading';
    let config: SiteConfig;
    try {
      const response = await fetch(new URL(this.config, location.href), { credentials: 'omit', cache: 'no-store' });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      config = (await response.json()) as SiteConfig;
      for (const key of ['websocketUrl', 'userPoolId', 'userPoolClientId'] as const) {
        if (typeof config[key] !== 'string' || !config[key]) throw new Error(`it has no ${key}`);
      }
    } catch (error) {
      this.configProblem = error instanceof Error ? error.message : String(error);
      this.view = 'config-error';
      return;
    }
    if (!this.isConnected) return;
    this.siteConfig = config;
    const session = new AgentSession(config);
    this.agentSession = session;
    session.onChange((event) => this.onSessionChange(event));
    try {
      const identity = await session.restore();
      // The element may have left the page meanwhile (and disposed of this session).
      if (this.agentSession !== session) return;
      if (identity) this.enter(identity);
      else this.showSignIn();
    } catch (error) {
      if (this.agentSession === session) this.showSignIn(this.sessionErrorText(error));
    }
  }

  private showSignIn(error?: string): void {
    this.formError = error;
    this.view = 'sign-in';
    this.focusAfterRender = 'input[name="email"]';
  }

  private onSessionChange(event: 'signed-in' | 'refreshed' | 'signed-out'): void {
    if (event === 'refreshed') {
      // The new token must also still be an agent's.
      if (this.identity && !this.identity.isAgent && this.view === 'console') this.refuseNotAgent();
      // A refresh during a connection attempt is that attempt's token already.
      else if (this.chat?.state === 'open') this.chat.reconnect();
    } else if (event === 'signed-out' && (this.view === 'console' || this.view === 'not-agent')) {
      this.stopConsole();
      this.showSignIn(this.texts.sessionEnded);
      this.fire('support-agent-console-sign-out', {});
    }
  }

  /** Signed in: an agent gets the workspace, anyone else a plain explanation. */
  private enter(identity: AgentIdentity): void {
    this.formError = undefined;
    if (!identity.isAgent) {
      this.refuseNotAgent();
      return;
    }
    this.fire('support-agent-console-sign-in', { email: identity.email, name: identity.name });
    this.startConsole(identity);
  }

  private refuseNotAgent(): void {
    this.stopConsole();
    this.view = 'not-agent';
    this.focusAfterRender = 'h1';
  }

  private startConsole(identity: AgentIdentity): void {
    const config = this.siteConfig!;
    this.inbox = new Inbox(`support-agent-console:seen:${identity.id}`);
    this.attemptsSinceOpen = 0;
    this.connectionProblem = false;
    const client = new ChatClient({ endpoint: () => config.websocketUrl, token: () => this.connectionToken() });
    this.chat = client;
    this.unsubscribe = [
      client.on('change', () => this.requestUpdate()),
      client.on('state', (state) => this.onState(state)),
      client.on('event', (event) => this.onServerEvent(event)),
      client.on('message', ({ message, live }) => this.onMessage(message, live)),
      client.on('error', (error) => this.onServerError(error)),
    ];
    client.connect();
    this.view = 'console';
    const linked = this.routing === 'hash' ? roomFromHash() : undefined;
    this.awaitingFirstList = !linked;
    if (linked) this.openRoom(linked);
  }

  private stopConsole(): void {
    this.stopTyping();
    for (const off of this.unsubscribe.splice(0)) off();
    this.chat?.disconnect();
    this.chat = undefined;
    this.selected = undefined;
    this.inbox = new Inbox();
    for (const typist of this.typists.values()) clearTimeout(typist.timer);
    this.typists.clear();
    this.visitorReadIds.clear();
    this.readSent.clear();
    this.drafts.clear();
    this.notFound.clear();
    this.notice = undefined;
    this.connectionProblem = false;
    this.resetTitle();
  }

  /**
   * The token for each connection attempt. A browser cannot read why a WebSocket upgrade
   * was refused (401: token expired or revoked; 403: not an agent), so after a failed
   * attempt the token is refreshed, and the agents group is checked before connecting.
   */
  private async connectionToken(): Promise<string> {
    const session = this.agentSession;
    if (!session) throw new AgentSessionError('signed-out', 'Not signed in.');
    this.attemptsSinceOpen++;
    if (this.attemptsSinceOpen >= ATTEMPTS_BEFORE_NOTICE) this.connectionProblem = true;
    const token = this.attemptsSinceOpen >= 2 ? await session.refresh() : await session.idToken();
    if (!session.identity?.isAgent) {
      queueMicrotask(() => this.refuseNotAgent());
      throw new AgentSessionError('failed', 'Not an agent.');
    }
    return token;
  }

  private sessionErrorText(error: unknown): string {
    const s = this.texts;
    if (!(error instanceof AgentSessionError)) return format(s.signInFailed, { message: error instanceof Error ? error.message : String(error) });
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

  private readonly onSignIn = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const email = String(data.get('email') ?? '').trim();
    const password = String(data.get('password') ?? '');
    if (!email || !password || !this.agentSession) return;
    this.busy = true;
    this.formError = undefined;
    try {
      const result = await this.agentSession.signIn(email, password);
      if (result.status === 'new-password-required') {
        this.challengeEmail = result.email;
        this.view = 'new-password';
        this.focusAfterRender = 'input[name="new-password"]';
      } else {
        this.enter(result.identity);
      }
    } catch (error) {
      this.formError = this.sessionErrorText(error);
      this.focusAfterRender = 'input[name="password"]';
    } finally {
      this.busy = false;
    }
  };

  private readonly onNewPassword = async (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const password = String(data.get('new-password') ?? '');
    if (password !== String(data.get('confirm-password') ?? '')) {
      this.formError = this.texts.passwordsDiffer;
      this.focusAfterRender = 'input[name="confirm-password"]';
      return;
    }
    if (!this.agentSession) return;
    this.busy = true;
    this.formError = undefined;
    try {
      this.enter(await this.agentSession.completeNewPassword(password));
    } catch (error) {
      const expired = error instanceof AgentSessionError && error.code === 'challenge-expired';
      if (expired) this.showSignIn(this.sessionErrorText(error));
      else {
        this.formError = this.sessionErrorText(error);
        this.focusAfterRender = 'input[name="new-password"]';
      }
    } finally {
      this.busy = false;
    }
  };

  // --- the server's events -----------------------------------------------------------------

  private onState(state: ConnectionState): void {
    if (state === 'open') {
      this.attemptsSinceOpen = 0;
      this.connectionProblem = false;
      // The inbox as it is now; roomUpdated keeps it current from here on.
      this.chat?.send({ action: 'listRooms', status: 'open', limit: 100 });
      this.chat?.send({ action: 'listRooms', status: 'closed', limit: 100 });
    }
    this.fire('support-agent-console-connection', { state });
  }

  private viewing(roomId: string): boolean {
    return roomId === this.selected && this.view === 'console' && document.visibilityState === 'visible';
  }

  private onServerEvent(event: ServerEvent): void {
    switch (event.type) {
      case 'rooms':
        for (const room of event.rooms) this.inbox.upsert(room, { viewing: this.viewing(room.roomId) });
        // Straight after sign-in, the keyboard starts on the newest conversation.
        if (this.awaitingFirstList && event.rooms.length > 0 && !this.selected && !this.shadowRoot?.activeElement) {
          this.focusAfterRender = '.room[tabindex="0"]';
        }
        this.awaitingFirstList = false;
        break;
      case 'roomUpdated': {
        const { room } = event;
        const change = this.inbox.upsert(room, { live: true, viewing: this.viewing(room.roomId) });
        if (change.newMessage) this.attention(room, change.isNew ? 'new-conversation' : 'message');
        break;
      }
      case 'roomClosed':
        this.inbox.close(event.roomId);
        break;
      case 'presence':
        this.inbox.setAgentsOnline(event.roomId, event.agentsOnline);
        break;
      case 'typing': {
        const key = typistKey(event.roomId, event.role, event.name);
        clearTimeout(this.typists.get(key)?.timer);
        if (!event.isTyping) this.typists.delete(key);
        else {
          const name = event.role === 'visitor' ? visitorName(this.inbox.get(event.roomId), this.texts) : event.name || this.texts.agent;
          const timer = setTimeout(() => {
            this.typists.delete(key);
            this.requestUpdate();
          }, TYPING_SHOWN_MS);
          this.typists.set(key, { name, timer });
        }
        break;
      }
      case 'read':
        if (event.role === 'visitor' && event.messageId > (this.visitorReadIds.get(event.roomId) ?? '')) {
          this.visitorReadIds.set(event.roomId, event.messageId);
        }
        break;
    }
  }

  private onMessage(message: Message, live: boolean): void {
    this.inbox.noteReply(message);
    const key = typistKey(message.roomId, message.sender.role, message.sender.name);
    clearTimeout(this.typists.get(key)?.timer);
    this.typists.delete(key);
    if (message.roomId === this.selected) this.fire('support-agent-console-message', { message, live });
  }

  private onServerError(error: ServerError): void {
    this.fire('support-agent-console-error', error);
    if (error.clientMsgId || error.action === 'typing' || error.action === 'read' || error.action === 'ping') return;
    if (error.code === 'not_found' && (error.action === 'join' || error.action === 'history') && this.selected) {
      this.notFound.add(this.selected);
      return;
    }
    this.notice = error.message;
  }

  // --- attention ---------------------------------------------------------------------------

  /** While the page is hidden: a count in its title and, if allowed, a notification. */
  private attention(room: RoomSummary, reason: 'new-conversation' | 'message'): void {
    if (document.visibilityState !== 'hidden') return;
    const s = this.texts;
    const name = visitorName(room, s);
    this.titleCount++;
    this.baseTitle ??= document.title;
    document.title = `(${this.titleCount}) ${this.baseTitle}`;
    const title = format(reason === 'new-conversation' ? s.newConversation : s.newMessage, { name });
    const text = room.lastMessagePreview;
    const proceed = this.fire('support-agent-console-attention', { roomId: room.roomId, reason, title, text }, true);
    if (!proceed || typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
    try {
      const notification = new Notification(title, { body: text, tag: `support-chat-${room.roomId}` });
      notification.onclick = () => {
        window.focus();
        this.openRoom(room.roomId);
        notification.close();
      };
    } catch {
      // Some browsers only notify from a service worker; the title count remains.
    }
  }

  private resetTitle(): void {
    this.titleCount = 0;
    if (this.baseTitle !== undefined) document.title = this.baseTitle;
    this.baseTitle = undefined;
  }

  private readonly onVisibility = () => {
    if (document.visibilityState !== 'visible') return;
    this.resetTitle();
    this.requestUpdate();
  };

  private readonly onHashChange = () => {
    const roomId = this.routing === 'hash' ? roomFromHash() : undefined;
    if (roomId && this.view === 'console' && roomId !== this.selected) this.openRoom(roomId);
  };

  /** The agent sees the open conversation: it is read, and the visitor hears so. */
  private markViewed(): void {
    const roomId = this.selected;
    const client = this.chat;
    if (!roomId || !client || !this.viewing(roomId)) return;
    this.inbox.markSeen(roomId);
    const latest = client.messages(roomId).findLast((m) => m.sender.role === 'visitor');
    if (!latest || latest.id <= (this.readSent.get(roomId) ?? '')) return;
    this.readSent.set(roomId, latest.id);
    client.markRead(latest.id, roomId);
  }

  // --- the agent's actions ---------------------------------------------------------------------

  private visibleRooms(): RoomSummary[] {
    const query = this.filter.trim().toLowerCase();
    const rooms = this.inbox.list(this.tab);
    if (!query) return rooms;
    return rooms.filter((room) =>
      [room.visitorName, room.visitorEmail, room.lastMessagePreview, room.roomId].some((field) => field?.toLowerCase().includes(query)),
    );
  }

  private step(delta: 1 | -1): void {
    const rooms = this.visibleRooms();
    if (rooms.length === 0) return;
    const index = rooms.findIndex((room) => room.roomId === this.selected);
    const next = rooms[index === -1 ? (delta === 1 ? 0 : rooms.length - 1) : Math.min(rooms.length - 1, Math.max(0, index + delta))];
    if (next) this.openRoom(next.roomId);
  }

  private readonly onConsoleKeydown = (event: KeyboardEvent) => {
    if (event.altKey && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      event.preventDefault();
      this.step(event.key === 'ArrowDown' ? 1 : -1);
      return;
    }
    const target = event.composedPath()[0] as HTMLElement;
    const typing = target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement;
    if (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      this.renderRoot.querySelector<HTMLInputElement>('.filter input')?.focus();
    }
  };

  /** Arrow keys move through the list; Home and End jump to its ends. */
  private readonly onListKeydown = (event: KeyboardEvent) => {
    if (event.altKey || !['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(event.key)) return;
    const buttons = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('.room')];
    const index = buttons.indexOf(event.composedPath()[0] as HTMLButtonElement);
    if (index === -1) return;
    event.preventDefault();
    const next =
      event.key === 'Home' ? 0 : event.key === 'End' ? buttons.length - 1 : Math.min(buttons.length - 1, Math.max(0, index + (event.key === 'ArrowDown' ? 1 : -1)));
    for (const [i, button] of buttons.entries()) button.tabIndex = i === next ? 0 : -1;
    buttons[next]?.focus();
  };

  private readonly onFilterKeydown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      this.renderRoot.querySelector<HTMLElement>('.room')?.focus();
    } else if (event.key === 'Escape' && this.filter) {
      event.preventDefault();
      this.filter = '';
    }
  };

  private readonly onLogScroll = (event: Event) => {
    const log = event.target as HTMLElement;
    const roomId = this.selected;
    if (!roomId || this.loadingOlder || log.scrollTop > 120) return;
    if (this.chat?.loadOlder(roomId)) {
      this.loadingOlder = true;
      this.requestUpdate();
    }
  };

  private loadOlder(): void {
    const roomId = this.selected;
    if (roomId && !this.loadingOlder && this.chat?.loadOlder(roomId)) {
      this.loadingOlder = true;
      this.requestUpdate();
    }
  }

  private readonly onComposerInput = (event: Event) => {
    const roomId = this.selected;
    if (!roomId) return;
    const value = (event.target as HTMLTextAreaElement).value;
    this.drafts.set(roomId, value);
    this.sizeComposer();
    this.requestUpdate();
    const now = Date.now();
    if (value.trim() && now - this.typingSentAt > TYPING_REPEAT_MS) {
      this.typingSentAt = now;
      this.chat?.setTyping(true, roomId);
    }
    clearTimeout(this.typingStop);
    this.typingStop = setTimeout(() => this.stopTyping(), TYPING_STOP_MS);
  };

  private stopTyping(): void {
    clearTimeout(this.typingStop);
    if (this.typingSentAt === 0) return;
    this.typingSentAt = 0;
    if (this.selected) this.chat?.setTyping(false, this.selected);
  }

  private readonly onComposerKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.altKey && !event.isComposing) {
      event.preventDefault();
      this.send();
    }
  };

  private readonly onComposerSubmit = (event: Event) => {
    event.preventDefault();
    this.send();
  };

  private send(): void {
    const roomId = this.selected;
    const text = (roomId && this.drafts.get(roomId)?.trim()) || '';
    if (!roomId || !text || textLength(text) > MAX_TEXT_LENGTH || !this.chat) return;
    this.stopTyping();
    this.chat.sendMessage(text, roomId);
    this.drafts.delete(roomId);
    this.stickToBottom = true;
    this.requestUpdate();
  }

  private async copyRoomId(roomId: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(roomId);
      this.copied = true;
      setTimeout(() => (this.copied = false), 1500);
    } catch {
      // No clipboard permission: the id is selectable text all the same.
    }
  }

  private sizeComposer(): void {
    const input = this.renderRoot.querySelector?.<HTMLTextAreaElement>('.composer textarea');
    if (!input) return;
    input.style.height = 'auto';
    input.style.height = `${input.scrollHeight}px`;
  }

  // --- rendering -----------------------------------------------------------------------------

  override render() {
    return this.view === 'console' ? this.renderConsole() : this.renderGate();
  }

  private renderBrand() {
    return html`<div class="brand"><span class="mark">${icon(ICON_CHAT, 18)}</span><span>${this.texts.product}</span></div>`;
  }

  private renderGate() {
    const s = this.texts;
    let body: TemplateResult;
    switch (this.view) {
      case 'loading':
        body = html`<p class="gate-loading" role="status">${s.loading}</p>`;
        break;
      case 'config-error':
        body = html`
          <div class="gate-icon warn">${icon(ICON_WARN, 22)}</div>
          <p class="form-error" role="alert">${format(s.configError, { url: this.config, message: this.configProblem })}</p>
          <button class="primary wide" @click=${() => void (this.starting ??= this.start().finally(() => (this.starting = undefined)))}>${s.retry}</button>
        `;
        break;
      case 'new-password':
        body = this.renderNewPassword(s);
        break;
      case 'not-agent':
        body = this.renderNotAgent(s);
        break;
      default:
        body = this.renderSignIn(s);
    }
    return html`
      <main class="gate" part="gate">
        <div class="gate-inner">
          ${this.renderBrand()}
          <section class="card" part="card">${body}</section>
          ${this.isLocal && this.view === 'sign-in' ? this.renderLocalNote(s) : nothing}
        </div>
      </main>
    `;
  }

  private renderLocalNote(s: SupportAgentConsoleStrings) {
    return html`
      <p class="local-note">
        <span class="chip">${s.localStack}</span>
        <span>${s.localDemoAgent}</span>
        ${this.alertsUrl ? html`<a href=${this.alertsUrl}>${s.localAlerts}</a>` : nothing}
      </p>
    `;
  }

  private renderFormError() {
    return this.formError ? html`<p class="form-error" role="alert">${icon(ICON_WARN, 16)}<span>${this.formError}</span></p>` : nothing;
  }

  private renderSignIn(s: SupportAgentConsoleStrings) {
    return html`
      <form class="gate-form" @submit=${this.onSignIn}>
        <h1>${s.signInTitle}</h1>
        <p class="lead">${s.signInLead}</p>
        ${this.renderFormError()}
        <label for="email">${s.email}</label>
        <input id="email" name="email" type="email" autocomplete="username" required ?disabled=${this.busy} />
        <label for="password">${s.password}</label>
        <div class="password">
          <input id="password" name="password" type=${this.revealPassword ? 'text' : 'password'} autocomplete="current-password" required ?disabled=${this.busy} />
          <button
            type="button"
            class="reveal"
            aria-pressed=${this.revealPassword ? 'true' : 'false'}
            @click=${() => (this.revealPassword = !this.revealPassword)}
          >
            ${this.revealPassword ? s.hidePassword : s.showPassword}
          </button>
        </div>
        <button class="primary wide" type="submit" ?disabled=${this.busy}>${this.busy ? s.signingIn : s.signIn}</button>
      </form>
    `;
  }

  private renderNewPassword(s: SupportAgentConsoleStrings) {
    return html`
      <form class="gate-form" @submit=${this.onNewPassword}>
        <div class="gate-icon">${icon(ICON_LOCK, 22)}</div>
        <h1>${s.newPasswordTitle}</h1>
        <p class="lead">${format(s.newPasswordLead, { email: this.challengeEmail })}</p>
        ${this.renderFormError()}
        <input type="email" name="username" autocomplete="username" .value=${this.challengeEmail} hidden />
        <label for="new-password">${s.newPassword}</label>
        <input id="new-password" name="new-password" type="password" autocomplete="new-password" required aria-describedby="password-hint" ?disabled=${this.busy} />
        <p class="hint" id="password-hint">${s.passwordHint}</p>
        <label for="confirm-password">${s.confirmPassword}</label>
        <input id="confirm-password" name="confirm-password" type="password" autocomplete="new-password" required ?disabled=${this.busy} />
        <button class="primary wide" type="submit" ?disabled=${this.busy}>${this.busy ? s.signingIn : s.setPassword}</button>
        <button class="link" type="button" @click=${() => this.showSignIn()}>${s.backToSignIn}</button>
      </form>
    `;
  }

  private renderNotAgent(s: SupportAgentConsoleStrings) {
    const email = this.identity?.email ?? '';
    return html`
      <div class="gate-form" role="alert">
        <div class="gate-icon warn">${icon(ICON_WARN, 22)}</div>
        <h1 tabindex="-1">${s.notAgentTitle}</h1>
        <p class="lead">${format(s.notAgentLead, { email })}</p>
        <p class="lead">${s.notAgentAsk}</p>
        <pre class="command"><code>${format(s.notAgentCommand, { email })}</code></pre>
        <button class="primary wide" @click=${() => void this.signOut()}>${s.useAnotherAccount}</button>
      </div>
    `;
  }

  private renderConsole() {
    const s = this.texts;
    const selectedRoom = this.selected;
    return html`
      <div class="console layout-${this.layout} ${selectedRoom ? 'has-room' : ''}" @keydown=${this.onConsoleKeydown}>
        ${this.renderTopbar(s)}
        ${this.connectionProblem ? html`<div class="banner warn" role="alert">${icon(ICON_WARN, 16)}<span>${s.connectionRefused}</span></div>` : nothing}
        ${this.notice
          ? html`<div class="banner" role="alert"><span>${this.notice}</span><button class="link" @click=${() => (this.notice = undefined)}>OK</button></div>`
          : nothing}
        <div class="workspace">
          ${this.renderInbox(s)}
          ${selectedRoom ? this.renderConversation(s, selectedRoom) : this.renderNoConversation(s)}
          ${selectedRoom && this.profileShown ? this.renderProfile(s, selectedRoom) : nothing}
        </div>
      </div>
    `;
  }

  private renderTopbar(s: SupportAgentConsoleStrings) {
    const state = this.chat?.state ?? 'idle';
    const stateText = state === 'open' ? s.connected : state === 'offline' ? s.offline : state === 'reconnecting' ? s.reconnecting : s.connecting;
    const identity = this.identity;
    const permission = this.permission;
    const bell =
      permission === 'granted'
        ? html`<button class="ghost notif on" disabled aria-label=${s.notificationsOn} title=${s.notificationsOn}>${icon(ICON_BELL, 16)}<span>${s.notificationsOn}</span></button>`
        : permission === 'denied'
          ? html`<span class="notif off" role="img" aria-label=${s.notificationsBlockedHelp} title=${s.notificationsBlockedHelp}>${icon(ICON_BELL_OFF, 16)}<span>${s.notificationsBlocked}</span></span>`
          : permission === 'unsupported'
            ? nothing
            : html`<button class="ghost notif" aria-label=${s.notificationsOff} title=${s.notificationsOff} @click=${() => void this.enableNotifications()}>
                ${icon(ICON_BELL, 16)}<span>${s.notificationsOff}</span>
              </button>`;
    return html`
      <header class="topbar" part="topbar">
        ${this.renderBrand()}
        <span class="connection state-${state}" role="status"><i aria-hidden="true"></i>${stateText}</span>
        <span class="spacer"></span>
        ${bell}
        ${identity
          ? html`<span class="me" title=${format(s.account, { name: identity.email })}>
              <span class="avatar small me-avatar" aria-hidden="true">${initials(identity.name)}</span>
              <span class="me-text"><strong>${identity.name}</strong><small>${identity.email}</small></span>
            </span>`
          : nothing}
        <button class="ghost" @click=${() => void this.signOut()}>${s.signOut}</button>
      </header>
    `;
  }

  private renderInbox(s: SupportAgentConsoleStrings) {
    const rooms = this.visibleRooms();
    const focusable = rooms.find((r) => r.roomId === this.selected)?.roomId ?? rooms[0]?.roomId;
    const tab = (name: Tab, label: string) => html`
      <button
        role="tab"
        id="tab-${name}"
        aria-selected=${this.tab === name ? 'true' : 'false'}
        aria-controls="room-list"
        tabindex=${this.tab === name ? 0 : -1}
        @click=${() => (this.tab = name)}
        @keydown=${(e: KeyboardEvent) => {
          if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
          this.tab = this.tab === 'open' ? 'closed' : 'open';
          void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${this.tab}`)?.focus());
        }}
      >
        ${label}<span class="count">${this.inbox.count(name)}</span>
      </button>
    `;
    const empty = this.filter.trim() ? format(s.noMatch, { query: this.filter.trim() }) : this.tab === 'open' ? s.noOpen : s.noClosed;
    return html`
      <nav class="inbox" part="inbox" aria-label=${s.inbox}>
        <div class="inbox-head">
          <div class="tabs" role="tablist" aria-label=${s.inbox}>${tab('open', s.open)}${tab('closed', s.closed)}</div>
          <label class="filter">
            ${icon(ICON_SEARCH, 16)}
            <input
              type="search"
              aria-label=${s.search}
              placeholder=${s.searchPlaceholder}
              .value=${this.filter}
              @input=${(e: Event) => (this.filter = (e.target as HTMLInputElement).value)}
              @keydown=${this.onFilterKeydown}
            />
            <kbd aria-hidden="true">/</kbd>
          </label>
        </div>
        <div class="room-list" id="room-list" role="tabpanel" aria-labelledby="tab-${this.tab}">
          ${rooms.length === 0
            ? html`<p class="inbox-empty">${icon(ICON_INBOX, 28)}<span>${empty}</span></p>`
            : html`<ul @keydown=${this.onListKeydown}>
                ${rooms.map((room) => this.renderRoom(s, room, room.roomId === focusable))}
              </ul>`}
        </div>
      </nav>
    `;
  }

  private othersIn(room: RoomSummary): number {
    // While this agent is in the room, one of its agents is this console.
    return Math.max(0, room.agentsOnline - (room.roomId === this.selected && this.chat?.state === 'open' ? 1 : 0));
  }

  private renderRoom(s: SupportAgentConsoleStrings, room: RoomSummary, focusable: boolean) {
    const name = visitorName(room, s);
    const unread = this.inbox.unreadOf(room.roomId);
    const others = this.othersIn(room);
    const typing = this.typists.has(typistKey(room.roomId, 'visitor'));
    const selected = room.roomId === this.selected;
    return html`
      <li>
        <button
          part="room"
          class="room ${selected ? 'selected' : ''} ${unread ? 'unread' : ''}"
          data-room-id=${room.roomId}
          aria-current=${selected ? 'true' : 'false'}
          tabindex=${focusable ? 0 : -1}
          @click=${() => this.openRoom(room.roomId)}
        >
          <span class="avatar hue-${hueOf(room.roomId)}" aria-hidden="true">${room.visitorName ? initials(room.visitorName) : icon(ICON_AGENT, 16)}</span>
          <span class="room-main">
            <span class="room-line">
              <span class="room-name">${name}</span>
              <span class="room-id">${shortId(room.roomId)}</span>
              <time class="room-time" datetime=${room.lastMessageAt} title=${fullTime(room.lastMessageAt)}>${relativeTime(room.lastMessageAt, s, new Date(this.now))}</time>
            </span>
            ${room.visitorEmail ? html`<span class="room-email">${room.visitorEmail}</span>` : nothing}
            <span class="room-line">
              <span class="room-preview ${typing ? 'typing' : ''}">${typing ? s.typingShort : room.lastMessagePreview}</span>
              ${unread === true
                ? html`<span class="unread-dot"><span class="sr">${s.unreadNew}</span></span>`
                : unread > 0
                  ? html`<span class="unread-count"><span aria-hidden="true">${unread > 99 ? '99+' : unread}</span><span class="sr">${format(s.unreadCount, { n: unread })}</span></span>`
                  : nothing}
            </span>
            ${others > 0
              ? html`<span class="room-agents">${icon(ICON_AGENT, 13)}${format(others === 1 ? s.otherAgents : s.otherAgentsPlural, { n: others })}</span>`
              : nothing}
          </span>
        </button>
      </li>
    `;
  }

  private renderNoConversation(s: SupportAgentConsoleStrings) {
    return html`
      <section class="conversation empty" part="conversation" aria-label=${s.noConversation}>
        <div class="empty-state">
          <span class="empty-icon">${icon(ICON_CHAT, 28)}</span>
          <h2>${s.noConversation}</h2>
          <p>${s.noConversationHelp}</p>
          <dl class="keys" aria-label=${s.shortcuts}>
            <div><dt><kbd>Alt</kbd> <kbd>↓</kbd> <kbd>↑</kbd></dt><dd>${s.shortcutNext}</dd></div>
            <div><dt><kbd>Enter</kbd></dt><dd>${s.shortcutSend}</dd></div>
            <div><dt><kbd>Shift</kbd> <kbd>Enter</kbd></dt><dd>${s.shortcutNewline}</dd></div>
            <div><dt><kbd>/</kbd></dt><dd>${s.shortcutFilter}</dd></div>
          </dl>
        </div>
      </section>
    `;
  }

  private renderConversation(s: SupportAgentConsoleStrings, roomId: string) {
    const client = this.chat!;
    const room = this.inbox.get(roomId);
    const name = visitorName(room, s);
    const closed = room?.status === 'closed';
    const messages = client.messages(roomId);
    const pending = client.pending(roomId);
    const typists = [...this.typists.entries()].filter(([key]) => key.startsWith(`${roomId}\n`)).map(([, t]) => t.name);
    const draft = this.drafts.get(roomId) ?? '';
    const length = textLength(draft.trim());
    const over = length - MAX_TEXT_LENGTH;
    const missing = this.notFound.has(roomId);
    return html`
      <section class="conversation" part="conversation" aria-label=${name}>
        <header class="conv-head">
          <button class="icon back" aria-label=${s.back} title=${s.back} @click=${() => this.leaveToList()}>${icon(ICON_BACK)}</button>
          <span class="avatar hue-${hueOf(roomId)}" aria-hidden="true">${room?.visitorName ? initials(room.visitorName) : icon(ICON_AGENT, 16)}</span>
          <div class="conv-title">
            <h2>${name} <span class="room-id">${shortId(roomId)}</span></h2>
            <p>${room?.visitorEmail ? html`<a href="mailto:${room.visitorEmail}">${room.visitorEmail}</a><span aria-hidden="true"> · </span>` : nothing}${room ? html`${s.profileStarted} ${fullTime(room.createdAt)}` : nothing}</p>
          </div>
          ${room ? html`<span class="chip ${closed ? 'closed' : 'open'}">${closed ? s.statusClosed : s.statusOpen}</span>` : nothing}
          <span class="spacer"></span>
          <button class="ghost" title=${s.downloadLabel} aria-label=${s.downloadLabel} @click=${() => this.downloadTranscript(roomId)} ?disabled=${missing}>
            ${icon(ICON_DOWNLOAD, 16)}<span class="label">${s.download}</span>
          </button>
          ${room && !closed
            ? html`<button class="secondary close-room" title=${s.closeConversationLabel} aria-label=${s.closeConversationLabel} @click=${() => this.closeRoom(roomId)}>
                ${icon(ICON_CHECK, 16)}<span class="label">${s.closeConversation}</span>
              </button>`
            : nothing}
          <button
            class="icon profile-toggle"
            aria-pressed=${this.profileShown ? 'true' : 'false'}
            aria-label=${s.showProfile}
            title=${this.profileShown ? s.hideProfile : s.showProfile}
            @click=${() => (this.profilePref = this.profileShown ? 'hidden' : 'shown')}
          >
            ${icon(ICON_INFO)}
          </button>
        </header>
        ${missing
          ? html`<div class="log empty-log"><p class="system" role="alert">${s.notFound}</p></div>`
          : html`<div part="log" class="log" role="log" aria-live="polite" aria-label=${name} tabindex="0" @scroll=${this.onLogScroll}>
              ${client.hasOlder(roomId)
                ? html`<button class="earlier link" @click=${() => this.loadOlder()} ?disabled=${this.loadingOlder}>${this.loadingOlder ? s.loadingEarlier : s.earlier}</button>`
                : messages.length
                  ? html`<p class="beginning">${s.beginning}</p>`
                  : html`<p class="beginning">${s.loadingConversation}</p>`}
              ${this.renderMessages(s, roomId, room, messages)} ${pending.map((p) => this.renderPending(s, p))}
            </div>`}
        <div class="typing-line" aria-live="polite">
          ${typists.length ? html`<span class="dots" aria-hidden="true"><i></i><i></i><i></i></span>${format(s.typing, { name: typists.join(', ') })}` : nothing}
        </div>
        ${closed ? html`<div class="closed-banner" role="status">${icon(ICON_INFO, 16)}<span>${s.closedBanner}</span></div>` : nothing}
        <form part="composer" class="composer" @submit=${this.onComposerSubmit}>
          <textarea
            rows="1"
            aria-label=${format(s.replyPlaceholder, { name })}
            placeholder=${format(s.replyPlaceholder, { name })}
            .value=${draft}
            ?disabled=${missing}
            @input=${this.onComposerInput}
            @keydown=${this.onComposerKeydown}
            @blur=${() => this.stopTyping()}
          ></textarea>
          <div class="composer-foot">
            <span class="hint">${s.composerHint}</span>
            ${length > COUNTER_FROM
              ? html`<span class="counter ${over > 0 ? 'over' : ''}" aria-live="polite">${over > 0 ? format(s.tooLong, { n: over }) : format(s.charsLeft, { n: -over })}</span>`
              : nothing}
            <button class="primary send" type="submit" ?disabled=${length === 0 || over > 0 || missing}>${icon(ICON_SEND, 16)}<span>${s.send}</span></button>
          </div>
        </form>
      </section>
    `;
  }

  private get profileShown(): boolean {
    return this.profilePref === 'shown' || (this.profilePref === 'auto' && this.layout === 'wide');
  }

  private leaveToList(): void {
    const roomId = this.selected;
    if (!roomId) return;
    this.stopTyping();
    this.chat?.leave(roomId);
    this.selected = undefined;
    if (this.routing === 'hash' && roomFromHash()) history.replaceState(history.state, '', location.pathname + location.search);
    this.focusAfterRender = '.room[tabindex="0"]';
  }

  private renderMessages(s: SupportAgentConsoleStrings, roomId: string, room: RoomSummary | undefined, messages: readonly Message[]) {
    const me = this.identity?.name;
    const seenId = this.visitorReadIds.get(roomId) ?? '';
    // "Seen" goes under the latest agent message the visitor has read.
    const seenMessage = seenId ? messages.findLast((m) => m.sender.role === 'agent' && m.id <= seenId)?.id : undefined;
    const rows: TemplateResult[] = [];
    let previous: Message | undefined;
    const today = new Date(this.now);
    for (const m of messages) {
      if (!previous || new Date(previous.createdAt).toDateString() !== new Date(m.createdAt).toDateString()) {
        rows.push(html`<div class="day" role="separator"><span>${dayLabel(m.createdAt, s, today)}</span></div>`);
        previous = undefined;
      }
      const first =
        !previous ||
        previous.sender.role !== m.sender.role ||
        previous.sender.name !== m.sender.name ||
        Date.parse(m.createdAt) - Date.parse(previous.createdAt) > 5 * 60_000;
      previous = m;
      const own = m.sender.role === 'agent' && m.sender.name === me;
      const kind = m.sender.role === 'agent' ? (own ? 'agent own' : 'agent') : m.sender.role;
      const who = m.sender.role === 'visitor' ? m.sender.name || visitorName(room, s) : own ? s.you : m.sender.name || s.agent;
      rows.push(html`
        <div part="message message-${m.sender.role} ${own ? 'message-own' : ''}" class="msg ${kind} ${first ? 'first' : ''}" data-id=${m.id}>
          ${first ? html`<div class="msg-head"><span class="msg-name">${who}</span><time datetime=${m.createdAt} title=${fullTime(m.createdAt)}>${clockTime(m.createdAt)}</time></div>` : nothing}
          <div class="bubble" title=${first ? nothing : fullTime(m.createdAt)}>${linkify(m.text)}</div>
          ${m.id === seenMessage ? html`<div class="msg-status seen">${icon(ICON_CHECK, 13)}${s.seen}</div>` : nothing}
        </div>
      `);
    }
    return rows;
  }

  private renderPending(s: SupportAgentConsoleStrings, p: PendingMessage) {
    const failed = p.status === 'failed';
    return html`
      <div part="message message-agent message-own" class="msg agent own pending ${failed ? 'failed' : ''}" data-client-msg-id=${p.clientMsgId}>
        <div class="bubble">${linkify(p.text)}</div>
        <div class="msg-status">
          ${failed
            ? html`<span>${s.failed}${p.error ? `: ${p.error}` : ''}</span>
                <button class="link" @click=${() => this.chat?.retry(p.clientMsgId)}>${s.retrySend}</button>
                <button class="link" @click=${() => this.chat?.discard(p.clientMsgId)}>${s.discard}</button>`
            : s.sending}
        </div>
      </div>
    `;
  }

  private renderProfile(s: SupportAgentConsoleStrings, roomId: string) {
    const room = this.inbox.get(roomId);
    const name = visitorName(room, s);
    const others = room ? this.othersIn(room) : 0;
    return html`
      <aside class="profile" part="profile" aria-label=${s.showProfile}>
        <div class="profile-head">
          <span class="avatar large hue-${hueOf(roomId)}" aria-hidden="true">${room?.visitorName ? initials(room.visitorName) : icon(ICON_AGENT, 22)}</span>
          <h3>${name}</h3>
          <p>${room?.visitorEmail ?? s.profile}</p>
        </div>
        <dl>
          <div><dt>${s.profileName}</dt><dd>${room?.visitorName ?? html`<span class="muted">${s.notGiven}</span>`}</dd></div>
          <div>
            <dt>${s.profileEmail}</dt>
            <dd>${room?.visitorEmail ? html`<a href="mailto:${room.visitorEmail}">${room.visitorEmail}</a>` : html`<span class="muted">${s.notGiven}</span>`}</dd>
          </div>
          <div>
            <dt>${s.profileRoom}</dt>
            <dd class="room-full">
              <code>${roomId}</code>
              <button class="link" @click=${() => void this.copyRoomId(roomId)}>${this.copied ? s.copied : s.copy}</button>
            </dd>
          </div>
          ${room
            ? html`
                <div><dt>${s.profileStarted}</dt><dd>${fullTime(room.createdAt)}</dd></div>
                <div><dt>${s.profileLastMessage}</dt><dd>${fullTime(room.lastMessageAt)}</dd></div>
                <div><dt>${s.profileStatus}</dt><dd><span class="chip ${room.status}">${room.status === 'closed' ? s.statusClosed : s.statusOpen}</span></dd></div>
                <div><dt>${s.profileAgents}</dt><dd>${others ? format(s.agentsHereOthers, { n: others }) : s.agentsHere}</dd></div>
              `
            : nothing}
        </dl>
      </aside>
    `;
  }
}

/** Who is typing where: the visitor of a room, or each agent in it by name. */
const typistKey = (roomId: string, role: string, name?: string) => (role === 'agent' ? `${roomId}\nagent\n${name ?? ''}` : `${roomId}\n${role}`);

/** Whether this update shows another conversation (`selected` is private, so PropertyValues does not type it). */
const roomChanged = (changed: PropertyValues) => (changed as Map<PropertyKey, unknown>).has('selected');

/** `#room=ID` in the page's address. */
function roomFromHash(): string | undefined {
  const match = /(?:^#|&)room=([^&]+)/.exec(location.hash);
  if (!match) return undefined;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return undefined;
  }
}

/** The element's events and their details. */
export interface SupportAgentConsoleEventMap {
  'support-agent-console-sign-in': CustomEvent<SupportAgentConsoleSignInDetail>;
  'support-agent-console-sign-out': CustomEvent<Record<string, never>>;
  'support-agent-console-select': CustomEvent<SupportAgentConsoleSelectDetail>;
  'support-agent-console-message': CustomEvent<SupportAgentConsoleMessageDetail>;
  'support-agent-console-connection': CustomEvent<SupportAgentConsoleConnectionDetail>;
  'support-agent-console-attention': CustomEvent<SupportAgentConsoleAttentionDetail>;
  'support-agent-console-error': CustomEvent<SupportAgentConsoleErrorDetail>;
}

import type { Message, RoomSummary, ServerEvent, SiteConfig } from '@support-chat/backend/protocol';
import { MAX_TEXT_LENGTH, textLength } from '@support-chat/backend/protocol/limits';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { ChatClient, type ConnectionState, type ServerError } from '../client/chat-client.ts';
import { icon, ICON_WARN } from '../shared/icons.ts';
import { type AgentIdentity, AgentSession, AgentSessionError } from './agent-session.ts';
import { conversationView, type ConversationModel, noConversationView, profileView, type ProfileModel } from './views/conversation.ts';
import { shortId, transcriptText, visitorName } from './format.ts';
import { type GateModel, type GateScreen, gateView } from './views/gate.ts';
import { Inbox } from './inbox.ts';
import { type InboxModel, inboxView, type Tab } from './views/inbox.ts';
import { CONSOLE_STRINGS, format, type SupportAgentConsoleStrings } from './strings.ts';
import styles from './support-agent-console.styles.ts';
import { type Permission, topbarView } from './views/topbar.ts';

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

type View = GateScreen | 'console';
/** wide: list, conversation and details; medium: list and conversation; narrow: one at a time. */
type Layout = 'wide' | 'medium' | 'narrow';

interface Typist {
  name: string;
  timer: ReturnType<typeof setTimeout>;
}

const TYPING_REPEAT_MS = 3000;
const TYPING_STOP_MS = 4000;
const TYPING_SHOWN_MS = 10_000;
/** After this many connection attempts in a row without an open connection, say so. */
const ATTEMPTS_BEFORE_NOTICE = 3;

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
  private readonly visitorReadSeqs = new Map<string, number>();
  private readonly readSent = new Map<string, number>();
  private readonly drafts = new Map<string, string>();
  private readonly notFound = new Set<string>();
  private typingSentAt = 0;
  private typingStop: ReturnType<typeof setTimeout> | undefined;
  private tickTimer: ReturnType<typeof setInterval> | undefined;
  private titleCount = 0;
  private baseTitle: string | undefined;
  private stickToBottom = true;
  /** The log as last rendered: its first message and its scroll geometry, to keep the view steady when older messages go in above. */
  private scrollAnchor: { firstSeq: number | undefined; height: number; top: number } | undefined;
  private renderedFirstSeq: number | undefined;
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
    this.scrollAnchor = { firstSeq: this.renderedFirstSeq, height: log.scrollHeight, top: log.scrollTop };
  }

  override updated(changed: PropertyValues<this>): void {
    const log = this.renderRoot.querySelector<HTMLElement>('.log');
    if (log) {
      const first = this.selected ? this.chat?.messages(this.selected)[0]?.seq : undefined;
      const anchor = this.scrollAnchor;
      if (anchor && anchor.firstSeq !== undefined && first !== anchor.firstSeq && !roomChanged(changed)) {
        // An older page went in above: keep the messages the agent was reading where they were.
        log.scrollTop = anchor.top + (log.scrollHeight - anchor.height);
        this.loadingOlder = false;
      } else if (this.stickToBottom || roomChanged(changed)) {
        log.scrollTop = log.scrollHeight;
      }
      this.renderedFirstSeq = first;
    } else {
      this.renderedFirstSeq = undefined;
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
    this.visitorReadSeqs.clear();
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
        if (event.role === 'visitor' && event.seq > (this.visitorReadSeqs.get(event.roomId) ?? 0)) {
          this.visitorReadSeqs.set(event.roomId, event.seq);
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
    if (!latest || latest.seq <= (this.readSent.get(roomId) ?? 0)) return;
    this.readSent.set(roomId, latest.seq);
    client.markRead(latest.seq, roomId);
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
    return this.view === 'console' ? this.renderConsole() : gateView(this.gateModel(this.view));
  }

  private gateModel(screen: GateScreen): GateModel {
    return {
      strings: this.texts,
      screen,
      busy: this.busy,
      formError: this.formError,
      revealPassword: this.revealPassword,
      configUrl: this.config,
      configProblem: this.configProblem,
      challengeEmail: this.challengeEmail,
      notAgentEmail: this.identity?.email ?? '',
      local: this.isLocal,
      alertsUrl: this.alertsUrl,
      retry: () => void (this.starting ??= this.start().finally(() => (this.starting = undefined))),
      onSignIn: this.onSignIn,
      onNewPassword: this.onNewPassword,
      toggleRevealPassword: () => (this.revealPassword = !this.revealPassword),
      backToSignIn: () => this.showSignIn(),
      useAnotherAccount: () => void this.signOut(),
    };
  }

  private renderConsole() {
    const s = this.texts;
    const selectedRoom = this.selected;
    return html`
      <div class="console layout-${this.layout} ${selectedRoom ? 'has-room' : ''}" @keydown=${this.onConsoleKeydown}>
        ${topbarView({
          strings: s,
          state: this.chat?.state ?? 'idle',
          permission: this.permission,
          identity: this.identity,
          enableNotifications: () => void this.enableNotifications(),
          signOut: () => void this.signOut(),
        })}
        ${this.connectionProblem ? html`<div class="banner warn" role="alert">${icon(ICON_WARN, 16)}<span>${s.connectionRefused}</span></div>` : nothing}
        ${this.notice
          ? html`<div class="banner" role="alert"><span>${this.notice}</span><button class="link" @click=${() => (this.notice = undefined)}>OK</button></div>`
          : nothing}
        <main class="workspace">
          ${inboxView(this.inboxModel(s))}
          ${selectedRoom ? conversationView(this.conversationModel(s, selectedRoom)) : noConversationView(s)}
          ${selectedRoom && this.profileShown ? profileView(this.profileModel(s, selectedRoom)) : nothing}
        </main>
      </div>
    `;
  }

  private inboxModel(s: SupportAgentConsoleStrings): InboxModel {
    return {
      strings: s,
      inbox: this.inbox,
      tab: this.tab,
      filter: this.filter,
      rooms: this.visibleRooms(),
      selected: this.selected,
      now: this.now,
      othersIn: (room) => this.othersIn(room),
      visitorTyping: (roomId) => this.typists.has(typistKey(roomId, 'visitor')),
      selectTab: (tab) => (this.tab = tab),
      onTabKeydown: this.onTabKeydown,
      setFilter: (filter) => (this.filter = filter),
      onFilterKeydown: this.onFilterKeydown,
      onListKeydown: this.onListKeydown,
      openRoom: (roomId) => this.openRoom(roomId),
    };
  }

  /** Left and right arrows switch between the two tabs. */
  private readonly onTabKeydown = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    this.tab = this.tab === 'open' ? 'closed' : 'open';
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${this.tab}`)?.focus());
  };

  private othersIn(room: RoomSummary): number {
    // While this agent is in the room, one of its agents is this console.
    return Math.max(0, room.agentsOnline - (room.roomId === this.selected && this.chat?.state === 'open' ? 1 : 0));
  }

  private conversationModel(s: SupportAgentConsoleStrings, roomId: string): ConversationModel {
    const client = this.chat!;
    return {
      strings: s,
      roomId,
      room: this.inbox.get(roomId),
      messages: client.messages(roomId),
      pending: client.pending(roomId),
      hasOlder: client.hasOlder(roomId),
      loadingOlder: this.loadingOlder,
      missing: this.notFound.has(roomId),
      typists: [...this.typists.entries()].filter(([key]) => key.startsWith(`${roomId}\n`)).map(([, t]) => t.name),
      draft: this.drafts.get(roomId) ?? '',
      profileShown: this.profileShown,
      me: this.identity?.name,
      seenSeq: this.visitorReadSeqs.get(roomId) ?? 0,
      now: this.now,
      back: () => this.leaveToList(),
      download: () => this.downloadTranscript(roomId),
      close: () => this.closeRoom(roomId),
      toggleProfile: () => (this.profilePref = this.profileShown ? 'hidden' : 'shown'),
      onLogScroll: this.onLogScroll,
      loadOlder: () => this.loadOlder(),
      retry: (clientMsgId) => this.chat?.retry(clientMsgId),
      discard: (clientMsgId) => this.chat?.discard(clientMsgId),
      onComposerSubmit: this.onComposerSubmit,
      onComposerInput: this.onComposerInput,
      onComposerKeydown: this.onComposerKeydown,
      stopTyping: () => this.stopTyping(),
    };
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

  private profileModel(s: SupportAgentConsoleStrings, roomId: string): ProfileModel {
    const room = this.inbox.get(roomId);
    return {
      strings: s,
      roomId,
      room,
      others: room ? this.othersIn(room) : 0,
      copied: this.copied,
      copyRoomId: () => void this.copyRoomId(roomId),
    };
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

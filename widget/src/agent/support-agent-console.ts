import type { ClientFrame, Message, ServerEvent, SiteConfig } from '@support-chat/backend/protocol';
import { html, LitElement, nothing } from 'lit';
import { ChatClient, type ConnectionState, type ServerError } from '../client/chat-client.ts';
import { pageStorage, prefixed, safeStorage } from '../client/storage.ts';
import { fitToContent } from '../shared/composer.ts';
import { ConnectionController } from '../shared/connection-controller.ts';
import { format } from '../shared/format.ts';
import { ICON_WARN, icon } from '../shared/icons.ts';
import { downloadText, today } from '../shared/transcript.ts';
import { TypingController } from '../shared/typing-controller.ts';
import { type AgentIdentity, type AgentSession, AgentSessionError } from './agent-session.ts';
import { ConsoleAttentionController, type Permission } from './attention-controller.ts';
import { ClockController } from './clock-controller.ts';
import { ConversationController } from './conversation-controller.ts';
import type { SupportAgentConsoleEventMap } from './events.ts';
import { FocusController } from './focus-controller.ts';
import { conversationTranscript, shortId, visitorName } from './format.ts';
import { HashRouteController } from './hash-route-controller.ts';
import { KeyboardController } from './keyboard-controller.ts';
import { LayoutController } from './layout-controller.ts';
import { SessionController } from './session-controller.ts';
import { SettingsFormController } from './settings-form-controller.ts';
import { CONSOLE_STRINGS, type SupportAgentConsoleStrings } from './strings.ts';
import styles from './styles/index.ts';
import { TeamController } from './team-controller.ts';
import { noConversationView } from './views/conversation.ts';
import { gateView } from './views/gate.ts';
import { inboxView, type Tab } from './views/inbox.ts';
import { settingsView } from './views/settings.ts';
import { topbarView } from './views/topbar.ts';
import { type Arrival, Workspace } from './workspace.ts';

export type { AgentIdentity } from './agent-session.ts';
export type * from './events.ts';
export type { SupportAgentConsoleStrings } from './strings.ts';

/** Where the console keeps each agent's read marks: the page's localStorage, as `support-agent-console:seen:ID`. */
const consoleStore = () => prefixed(safeStorage(pageStorage('local')), 'support-agent-console');

/** Who is typing where: the visitor of a room, or each agent in it by name. */
const typistKey = (roomId: string, role: string, name?: string) =>
  role === 'agent' ? `${roomId}\nagent\n${name ?? ''}` : `${roomId}\n${role}`;

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
 * The top bar has the agent's Available/Away switch (kept by the server) and what visitors
 * see of the team; admins get the team settings there too (`#settings`).
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
 * @csspart topbar - The bar across the top of the workspace, with the agent's Available/Away switch.
 * @csspart inbox - The list of conversations.
 * @csspart room - One conversation in the list.
 * @csspart conversation - The open conversation.
 * @csspart log - Its scrolling messages.
 * @csspart message - One message (also `message-visitor`, `message-agent`, `message-system` for an automatic reply, `message-own`).
 * @csspart settings - The team settings (admins).
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
    tab: { state: true },
    selected: { state: true },
    filter: { state: true },
    revealPassword: { state: true },
  };

  /** URL of the `config.json` with the WebSocket endpoint and the user pool. */
  declare config: string;
  /** Where the local stack's "Alerts and emails" page is; linked from the sign-in screen in local mode. */
  declare alertsUrl: string;
  /** `hash`: `#room=ID` opens a conversation and follows the selected one; `none`: the address is left alone. */
  declare routing: 'hash' | 'none';
  /** Overrides for any of the texts. */
  declare strings: Partial<SupportAgentConsoleStrings>;

  declare private tab: Tab;
  declare private selected: string | undefined;
  declare private filter: string;
  declare private revealPassword: boolean;

  #workspace = new Workspace();
  #awaitingFirstList = false;

  // Typing goes before the connection, so that its "stopped" leaves before the connection closes.
  readonly #typing = new TypingController(this, (isTyping, roomId) => this.#chat?.setTyping(isTyping, roomId));
  /** The signed-in agent's connection, one per sign-in. */
  #connection: ConnectionController | undefined;
  readonly #auth = new SessionController(this, {
    configUrl: () => this.config,
    texts: () => this.#texts,
    signedIn: (identity, config) => this.#startWorkspace(identity, config),
    stopWorkspace: () => this.#stopWorkspace(),
    signedOut: () => this.#fire('support-agent-console-sign-out', {}),
    refreshed: () => {
      // A refresh during a connection attempt is that attempt's token already.
      if (this.#chat?.state === 'open') this.#chat.reconnect();
    },
    focus: (selector) => this.#focusing.after(selector),
  });
  readonly #attention = new ConsoleAttentionController(this);
  readonly #layout = new LayoutController(this);
  readonly #clock = new ClockController(this, 30_000);
  readonly #focusing = new FocusController(this);
  readonly #sendFrame = (frame: ClientFrame) => this.#chat?.send(frame) ?? false;
  readonly #team = new TeamController(this, this.#sendFrame);
  readonly #settings = new SettingsFormController(this, this.#sendFrame);
  readonly #route = new HashRouteController(this, {
    enabled: () => this.routing === 'hash',
    navigate: (roomId) => {
      if (this.#auth.screen === 'console' && roomId !== this.selected) this.openRoom(roomId);
    },
  });
  readonly #conversation = new ConversationController(this, {
    client: () => this.#chat,
    workspace: () => this.#workspace,
    selected: () => this.selected,
    here: () => this.#here,
    me: () => this.identity?.name,
    typing: this.#typing,
    layout: this.#layout,
    back: () => this.#leaveToList(),
    download: (roomId) => this.downloadTranscript(roomId),
    close: (roomId) => this.closeRoom(roomId),
  });

  constructor() {
    super();
    this.config = '/config.json';
    this.alertsUrl = '';
    this.routing = 'hash';
    this.strings = {};
    this.tab = 'open';
    this.filter = '';
    this.revealPassword = false;
    // Listens on the element itself: nothing else needs to hold it.
    new KeyboardController(this, {
      enabled: () => this.#auth.screen === 'console' && !this.#settingsShown,
      rooms: () => this.#workspace.rooms(this.tab, this.filter),
      selected: () => this.selected,
      open: (roomId) => this.openRoom(roomId),
      clearFilter: () => {
        const had = this.filter !== '';
        this.filter = '';
        return had;
      },
      otherTab: () => (this.tab = this.tab === 'open' ? 'closed' : 'open'),
    });
  }

  // --- public API ---------------------------------------------------------------------

  /** The signed-in agent (from the ID token), or undefined. */
  get identity(): AgentIdentity | undefined {
    return this.#auth.identity;
  }

  /** The Cognito session underneath (sign-in, refresh, sign-out). */
  get session(): AgentSession | undefined {
    return this.#auth.session;
  }

  /** The chat client of the signed-in agent: its connection, rooms and messages. */
  get client(): ChatClient | undefined {
    return this.#chat;
  }

  /** The conversation shown, if any. */
  get roomId(): string | undefined {
    return this.selected;
  }

  /** Opens a conversation: joins it (its history comes back) and leaves the previous one. */
  openRoom(roomId: string): void {
    const client = this.#chat;
    if (!client) return;
    this.#focusing.after('textarea');
    if (roomId === this.selected) return;
    this.#typing.stop();
    if (this.selected) client.leave(this.selected);
    this.selected = roomId;
    this.#workspace.missing.delete(roomId);
    const room = this.#workspace.inbox.get(roomId);
    if (room && room.status !== this.tab && !this.filter) this.tab = room.status;
    client.join(roomId);
    this.#route.follow(roomId);
    this.#fire('support-agent-console-select', { roomId });
  }

  /** Closes the conversation (the visitor is told); the visitor's next message reopens it. */
  closeRoom(roomId = this.selected): void {
    if (roomId) this.#chat?.send({ action: 'closeRoom', roomId });
  }

  /** Gets a fresh ID token now and reconnects with it; the open conversation stays. (It also happens on its own before the token expires.) */
  async refreshSession(): Promise<void> {
    if (!this.#auth.identity) throw new AgentSessionError('signed-out', 'Not signed in.');
    await this.#auth.session!.refresh();
  }

  /** Signs out: the connection closes, the session is revoked and forgotten. */
  signOut(): Promise<void> {
    return this.#auth.signOut();
  }

  /** A conversation as plain text (the open one by default). */
  transcript(roomId = this.selected): string {
    if (!roomId) return '';
    return conversationTranscript(roomId, this.#workspace.inbox.get(roomId), this.#chat?.messages(roomId) ?? [], this.#texts);
  }

  /** Saves a conversation's transcript as a .txt file. */
  downloadTranscript(roomId = this.selected): void {
    if (roomId) downloadText(this.renderRoot, `conversation-${shortId(roomId)}-${today()}.txt`, this.transcript(roomId));
  }

  /** Asks the browser to allow notifications (call it from a click). */
  enableNotifications(): Promise<Permission> {
    return this.#attention.requestPermission();
  }

  // --- signed in, signed out -----------------------------------------------------------

  /** Every text, with the `strings` overrides. */
  get #texts(): SupportAgentConsoleStrings {
    return { ...CONSOLE_STRINGS, ...this.strings };
  }

  /** An agent signed in: the workspace, connected, with the conversation the address names. */
  #startWorkspace(identity: AgentIdentity, config: SiteConfig): void {
    this.#fire('support-agent-console-sign-in', { email: identity.email, name: identity.name });
    this.#workspace = new Workspace(consoleStore(), `seen:${identity.id}`);
    const client = new ChatClient({ endpoint: () => config.websocketUrl, token: this.#auth.connectionToken });
    this.#connection = new ConnectionController(this, client, {
      state: (state) => this.#onState(state),
      event: (event) => this.#onServerEvent(event),
      message: (message, live) => this.#onMessage(message, live),
      error: (error) => this.#onServerError(error),
    });
    client.connect();
    const linked = this.#route.roomId;
    this.#awaitingFirstList = !linked;
    if (linked) this.openRoom(linked);
  }

  #stopWorkspace(): void {
    this.#typing.stop();
    this.#typing.clear();
    this.#connection?.end();
    this.#connection = undefined;
    this.selected = undefined;
    this.#workspace = new Workspace();
    this.#team.reset();
    this.#settings.clear();
    this.#auth.resetAttempts();
    this.#attention.resetTitle();
  }

  // --- lifecycle ------------------------------------------------------------------------

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopWorkspace();
  }

  override updated(): void {
    fitToContent(this.renderRoot.querySelector<HTMLTextAreaElement>('.composer textarea'));
    this.#markViewed();
  }

  get #chat(): ChatClient | undefined {
    return this.#connection?.client;
  }

  /** The room this console is in now, and so counts among the room's agents. */
  get #here(): string | undefined {
    return this.#chat?.state === 'open' ? this.selected : undefined;
  }

  #fire<K extends keyof SupportAgentConsoleEventMap>(
    type: K,
    detail: SupportAgentConsoleEventMap[K]['detail'],
    cancelable = false,
  ): boolean {
    return this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable }));
  }

  // --- the server's events -----------------------------------------------------------------

  #onState(state: ConnectionState): void {
    if (state === 'open') {
      this.#auth.resetAttempts();
      this.#team.connected();
      // The inbox as it is now; roomUpdated keeps it current from here on.
      this.#chat?.send({ action: 'listRooms', status: 'open', limit: 100 });
      this.#chat?.send({ action: 'listRooms', status: 'closed', limit: 100 });
    }
    this.#fire('support-agent-console-connection', { state });
  }

  #viewing(roomId: string): boolean {
    return roomId === this.selected && this.#auth.screen === 'console' && !this.#attention.hidden;
  }

  #onServerEvent(event: ServerEvent): void {
    const arrival = this.#workspace.apply(event, (roomId) => this.#viewing(roomId));
    if (arrival) this.#attend(arrival);
    if (this.#team.event(event)) this.#settings.received(this.#team.status!.settings);
    else if (event.type === 'typing') {
      const { roomId, role, name } = event;
      const shown = role === 'visitor' ? visitorName(this.#workspace.inbox.get(roomId), this.#texts) : name || this.#texts.agent;
      this.#typing.show(typistKey(roomId, role, name), event.isTyping ? shown : undefined);
    } else if (event.type === 'rooms') {
      // Straight after sign-in, the keyboard starts on the newest conversation.
      if (this.#awaitingFirstList && event.rooms.length > 0 && !this.selected && !this.shadowRoot?.activeElement)
        this.#focusing.after('.room[tabindex="0"]');
      this.#awaitingFirstList = false;
    }
  }

  #onMessage(message: Message, live: boolean): void {
    this.#workspace.inbox.noteReply(message);
    this.#typing.show(typistKey(message.roomId, message.sender.role, message.sender.name), undefined);
    if (message.roomId === this.selected) this.#fire('support-agent-console-message', { message, live });
  }

  /** Answers true for the refusals shown their own way. */
  #onServerError(error: ServerError): boolean {
    this.#fire('support-agent-console-error', error);
    this.#team.refused(error);
    return this.#settings.refused(error) || this.#workspace.refused(error, this.selected);
  }

  /** While the page is hidden: a count in its title and, unless the event is cancelled, a notification. */
  #attend({ room, reason }: Arrival): void {
    const s = this.#texts;
    const title = format(reason === 'new-conversation' ? s.newConversation : s.newMessage, { name: visitorName(room, s) });
    const detail = { roomId: room.roomId, reason, title, text: room.lastMessagePreview };
    this.#attention.arrived(
      detail,
      () => this.#fire('support-agent-console-attention', detail, true),
      () => this.openRoom(room.roomId),
    );
  }

  /** The agent sees the open conversation: it is read, and the visitor hears so. */
  #markViewed(): void {
    const roomId = this.selected;
    const client = this.#chat;
    if (!roomId || !client || !this.#viewing(roomId)) return;
    const seq = this.#workspace.viewed(roomId, client.messages(roomId));
    if (seq !== undefined) client.markRead(seq, roomId);
  }

  // --- the agent's actions ---------------------------------------------------------------------

  /** The team settings show: asked for (`#settings`), and this agent is an admin. */
  get #settingsShown(): boolean {
    return this.#route.settings && this.#team.admin;
  }

  #openSettings(): void {
    this.#route.openSettings();
    this.#focusing.after('.settings h2');
  }

  #closeSettings(): void {
    this.#route.closeSettings();
    this.#focusing.after('.settings-entry');
  }

  #leaveToList(): void {
    const roomId = this.selected;
    if (!roomId) return;
    this.#typing.stop();
    this.#chat?.leave(roomId);
    this.selected = undefined;
    this.#route.follow(undefined);
    this.#focusing.after('.room[tabindex="0"]');
  }

  // --- rendering -----------------------------------------------------------------------------

  override render() {
    const auth = this.#auth;
    if (auth.screen !== 'console') {
      return gateView({
        ...auth.gate(auth.screen),
        strings: this.#texts,
        revealPassword: this.revealPassword,
        configUrl: this.config,
        alertsUrl: this.alertsUrl,
        toggleRevealPassword: () => (this.revealPassword = !this.revealPassword),
      });
    }
    const s = this.#texts;
    const roomId = this.selected;
    const notice = this.#connection?.notice;
    return html`
      <div class="console layout-${this.#layout.size} ${roomId ? 'has-room' : ''}">
        ${topbarView({
          strings: s,
          state: this.#chat?.state ?? 'idle',
          permission: this.#attention.permission,
          identity: this.identity,
          status: this.#team.myStatus,
          team: this.#team.availability(this.#clock.now),
          admin: this.#team.admin,
          settingsOpen: this.#settingsShown,
          enableNotifications: () => void this.enableNotifications(),
          setStatus: (status) => this.#team.setStatus(status),
          openSettings: () => this.#openSettings(),
          signOut: () => void this.signOut(),
        })}
        ${auth.connectionProblem ? html`<div class="banner warn" role="alert">${icon(ICON_WARN, 16)}<span>${s.connectionRefused}</span></div>` : nothing}
        ${notice ? html`<div class="banner" role="alert"><span>${notice}</span><button class="link" @click=${() => this.#connection?.dismiss()}>OK</button></div>` : nothing}
        ${
          this.#settingsShown
            ? settingsView({
                strings: s,
                form: this.#settings,
                status: this.#team.status,
                now: this.#clock.now,
                back: () => this.#closeSettings(),
              })
            : this.#renderWorkspace(s)
        }
      </div>
    `;
  }

  #renderWorkspace(s: SupportAgentConsoleStrings) {
    const roomId = this.selected;
    return html`
        <main class="workspace">
          ${inboxView({
            strings: s,
            inbox: this.#workspace.inbox,
            tab: this.tab,
            filter: this.filter,
            rooms: this.#workspace.rooms(this.tab, this.filter),
            selected: roomId,
            now: this.#clock.now,
            othersIn: (room) => this.#workspace.othersIn(room, this.#here),
            visitorTyping: (id) => this.#typing.has(typistKey(id, 'visitor')),
            selectTab: (tab) => (this.tab = tab),
            setFilter: (filter) => (this.filter = filter),
            openRoom: (id) => this.openRoom(id),
          })}
          ${roomId ? this.#conversation.render(s, roomId, this.#clock.now) : noConversationView(s)}
        </main>
    `;
  }
}

import type { ClientFrame } from '@support-chat/backend/protocol';
import { html, LitElement, nothing } from 'lit';
import type { ChatClient } from '../client/chat-client.ts';
import { fitToContent } from '../shared/composer.ts';
import { ICON_WARN, icon } from '../shared/icons.ts';
import { downloadText, today } from '../shared/transcript.ts';
import { TypingController } from '../shared/typing-controller.ts';
import { type AgentIdentity, type AgentSession, AgentSessionError } from './agent-session.ts';
import { ConsoleAttentionController, type Permission } from './attention-controller.ts';
import { ClockController } from './clock-controller.ts';
import { ConversationController } from './conversation-controller.ts';
import { FocusController } from './focus-controller.ts';
import { conversationTranscript, shortId } from './format.ts';
import { HashRouteController } from './hash-route-controller.ts';
import { InboxController } from './inbox-controller.ts';
import { LayoutController } from './layout-controller.ts';
import { ModalController } from './modal-controller.ts';
import { RoomSelectionController } from './room-selection-controller.ts';
import { ScreensController } from './screens-controller.ts';
import type { ServerListener } from './server-listener.ts';
import { SessionController } from './session-controller.ts';
import { CONSOLE_STRINGS, type SupportAgentConsoleStrings } from './strings.ts';
import styles from './styles/index.ts';
import { TeamController } from './team-controller.ts';
import { TeamToolsController } from './team-tools-controller.ts';
import { noConversationView } from './views/conversation.ts';
import { dialogsView } from './views/dialogs.ts';
import { gateView } from './views/gate.ts';
import { topbarView } from './views/topbar.ts';
import type { Workspace } from './workspace.ts';
import { type Fire, typistKey, WorkspaceController } from './workspace-controller.ts';

export type { AgentIdentity } from './agent-session.ts';
export type * from './events.ts';
export type { SupportAgentConsoleStrings } from './strings.ts';

/**
 * @summary The agents' workspace: Cognito sign-in, a live inbox of visitors'
 * conversations (who waits, who handles which), and the conversation itself, with
 * history, typing, read receipts, assignment, notes, saved replies, the visitor's
 * context, closing and reopening, transcripts and notifications.
 *
 * Signs in against the user pool named in `config.json` (SRP, or USER_PASSWORD_AUTH
 * against cognito-local), keeps the session across reloads, refreshes the ID token before
 * it expires and reconnects the WebSocket with it without losing the open conversation.
 * `#room=ID` in the page's address opens that conversation (alerts link there); the hash
 * follows the selected conversation. While the page is hidden, new conversations and
 * messages count in the page title and, once allowed, raise browser notifications.
 * The top bar has the agent's Available/Away switch (kept by the server), what visitors
 * see of the team, and the agent's own profile (name, avatar colour); admins get the team
 * settings there too (`#settings`, with the saved replies, the agents, and privacy requests:
 * find, export or erase one person's data). Every agent has the reports (`#reports`): the
 * team's figures over a range of days, and their own (an admin's: every agent's), with a
 * CSV download.
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
 * @csspart message - One message (also `message-visitor`, `message-agent`, `message-system` for an automatic reply, `message-own`, `message-note` for an internal note).
 * @csspart mark - A mark in the timeline: closed, reopened, assigned, given back, rated (with the rating's face and comment).
 * @csspart settings - The team settings (admins).
 * @csspart reports - The reports.
 * @csspart composer - The reply form.
 * @csspart file - A message's file: a thumbnail or a card (also `attach`, the reply box's file button, and `drop`, the overlay for files dragged on).
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
  };

  /** URL of the `config.json` with the WebSocket endpoint and the user pool. */
  declare config: string;
  /** Where the local stack's "Alerts and emails" page is; linked from the sign-in screen in local mode. */
  declare alertsUrl: string;
  /** `hash`: `#room=ID` opens a conversation and follows the selected one; `none`: the address is left alone. */
  declare routing: 'hash' | 'none';
  /** Overrides for any of the texts. */
  declare strings: Partial<SupportAgentConsoleStrings>;

  /** Fires one of the element's events, bubbling and composed; false when a listener cancelled it. */
  readonly #fire: Fire = (type, detail, cancelable = false) =>
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable }));
  // Typing goes before the connection, so that its "stopped" leaves before the connection closes.
  readonly #typing = new TypingController(this, (isTyping, roomId) => this.#chat?.setTyping(isTyping, roomId));
  readonly #auth = new SessionController(this, {
    configUrl: () => this.config,
    texts: () => this.#texts,
    signedIn: (identity, config) => this.#signedIn.start(identity, config, this.#route.roomId),
    stopWorkspace: () => this.#stopWorkspace(),
    signedOut: () => this.#fire('support-agent-console-sign-out', {}),
    refreshed: () => this.#signedIn.refreshed(),
    focus: (selector) => this.#focusing.after(selector),
  });
  readonly #attention = new ConsoleAttentionController(this);
  readonly #signedIn = new WorkspaceController(this, {
    parts: () => this.#parts,
    selected: () => this.roomId,
    showing: () => this.#auth.screen === 'console',
    texts: () => this.#texts,
    token: () => this.#auth.connectionToken(),
    typing: this.#typing,
    attention: this.#attention,
    fire: this.#fire,
    open: (roomId) => this.openRoom(roomId),
    opened: () => this.#auth.resetAttempts(),
    firstList: () => {
      if (!this.shadowRoot?.activeElement) this.#focusing.after('.room[tabindex="0"]');
    },
  });
  readonly #layout = new LayoutController(this);
  // One tick for every live time: "waiting 4 min", "5m", the visitor's clock, the team's hours.
  readonly #clock = new ClockController(this, 15_000);
  readonly #focusing = new FocusController(this);
  readonly #modal = new ModalController(this);
  readonly #sendFrame = (frame: ClientFrame) => this.#chat?.send(frame) ?? false;
  readonly #team = new TeamController(this, this.#sendFrame);
  readonly #tools = new TeamToolsController(this, this.#sendFrame, this.#modal);
  readonly #route = new HashRouteController(this, {
    enabled: () => this.routing === 'hash',
    navigate: (roomId) => {
      if (this.#auth.screen === 'console' && roomId !== this.roomId) this.openRoom(roomId);
    },
  });
  readonly #screens = new ScreensController(this, {
    send: this.#sendFrame,
    route: this.#route,
    focus: this.#focusing,
    team: this.#team,
    tools: this.#tools,
    showing: () => this.#auth.screen === 'console',
  });
  readonly #selection = new RoomSelectionController(this, {
    client: () => this.#chat,
    workspace: () => this.#workspace,
    leaving: () => this.#conversation.leave(),
    reveal: (room) => this.#inbox.reveal(room),
    route: this.#route,
    focus: this.#focusing,
    fire: this.#fire,
  });
  readonly #inbox = new InboxController(this, {
    workspace: () => this.#workspace,
    me: () => this.#me.agentId,
    selected: () => this.roomId,
    here: () => this.#signedIn.here,
    enabled: () => this.#auth.screen === 'console' && this.#screens.shown === 'conversations',
    visitorTyping: (roomId) => this.#typing.has(typistKey(roomId, 'visitor')),
    open: (roomId) => this.openRoom(roomId),
  });
  readonly #conversation = new ConversationController(this, {
    client: () => this.#chat,
    send: this.#sendFrame,
    workspace: () => this.#workspace,
    selected: () => this.roomId,
    here: () => this.#signedIn.here,
    me: () => this.#me,
    agents: () => this.#tools.roster.agents,
    replies: () => this.#tools.replies.replies,
    typing: this.#typing,
    layout: this.#layout,
    modal: this.#modal,
    back: () => this.#selection.backToList(),
    open: (roomId) => this.openRoom(roomId),
    download: (roomId) => this.downloadTranscript(roomId),
  });
  /** What keeps something of the server's, in the order it hears it. */
  readonly #parts: ServerListener[] = [
    this.#team,
    this.#screens.settings,
    this.#inbox,
    ...this.#tools.parts,
    ...this.#conversation.parts,
    this.#screens.reports,
  ];

  constructor() {
    super();
    this.config = '/config.json';
    this.alertsUrl = '';
    this.routing = 'hash';
    this.strings = {};
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
    return this.#selection.roomId;
  }

  /** Opens a conversation: joins it (its history comes back) and leaves the previous one. */
  openRoom(roomId: string): void {
    this.#selection.open(roomId);
  }

  /**
   * Closes the conversation (the visitor is told) and asks the visitor to rate it, unless
   * `askRating` is false; the visitor's next message reopens it.
   */
  closeRoom(roomId = this.roomId, askRating = true): void {
    if (roomId) this.#conversation.closing.close(roomId, askRating);
  }

  /** Reopens a closed conversation (the visitor is told). */
  reopenRoom(roomId = this.roomId): void {
    if (roomId) this.#conversation.closing.reopen(roomId);
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
  transcript(roomId = this.roomId): string {
    if (!roomId) return '';
    return conversationTranscript(roomId, this.#workspace.inbox.get(roomId), this.#chat?.messages(roomId) ?? [], this.#texts);
  }

  /** Saves a conversation's transcript as a .txt file. */
  downloadTranscript(roomId = this.roomId): void {
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

  /** Who this console is. */
  get #me() {
    return this.#tools.me(this.#team, this.identity?.name);
  }

  /** Signed out, refused, or off the page: the connection ends and the workspace starts over. */
  #stopWorkspace(): void {
    this.#signedIn.stop();
    this.#selection.clear();
    this.#modal.close();
    this.#auth.resetAttempts();
  }

  // --- lifecycle ------------------------------------------------------------------------

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopWorkspace();
  }

  override updated(): void {
    fitToContent(this.renderRoot.querySelector<HTMLTextAreaElement>('.composer textarea'));
  }

  get #chat(): ChatClient | undefined {
    return this.#signedIn.client;
  }

  get #workspace(): Workspace {
    return this.#signedIn.workspace;
  }

  // --- rendering -----------------------------------------------------------------------------

  override render() {
    const auth = this.#auth;
    if (auth.screen !== 'console') return gateView(auth.gate(auth.screen, this.alertsUrl));
    const s = this.#texts;
    const roomId = this.roomId;
    const now = this.#clock.now;
    const notice = this.#signedIn.notice;
    const me = this.#me;
    const screens = this.#screens;
    return html`
      <div class="console layout-${this.#layout.size} ${roomId ? 'has-room' : ''}">
        ${topbarView({
          strings: s,
          state: this.#chat?.state ?? 'idle',
          permission: this.#attention.permission,
          me: this.identity && { name: me.name, email: this.identity.email, color: me.color },
          status: this.#team.myStatus,
          team: this.#team.availability(now),
          admin: this.#team.admin,
          settingsOpen: screens.shown === 'settings',
          reportsOpen: screens.shown === 'reports',
          enableNotifications: () => void this.enableNotifications(),
          setStatus: (status) => this.#team.setStatus(status),
          openSettings: () => screens.openSettings(),
          openReports: () => screens.openReports(),
          openProfile: () => this.#tools.openProfile(),
          signOut: () => void this.signOut(),
        })}
        ${auth.connectionProblem ? html`<div class="banner warn" role="alert">${icon(ICON_WARN, 16)}<span>${s.connectionRefused}</span></div>` : nothing}
        ${notice ? html`<div class="banner" role="alert"><span>${notice}</span><button class="link" @click=${() => this.#signedIn.dismissNotice()}>OK</button></div>` : nothing}
        ${
          screens.render(s, now) ??
          html`
            <main class="workspace">
              ${this.#inbox.render(s, now)} ${roomId ? this.#conversation.render(s, roomId, now) : noConversationView(s)}
            </main>
          `
        }
        ${dialogsView({ strings: s, modal: this.#modal, roster: this.#tools.roster, me })}
      </div>
    `;
  }
}

import type { AgentInfo, SavedReply } from '@support-chat/backend/protocol';
import { html, nothing, type ReactiveElement } from 'lit';
import type { ChatClient } from '../client/chat-client.ts';
import type { TypingController } from '../shared/typing-controller.ts';
import { AssignmentController } from './assignment-controller.ts';
import { ComposerController } from './composer-controller.ts';
import { ConversationFiles } from './conversation-files.ts';
import { CopyController } from './copy-controller.ts';
import { knownName, visitorName } from './format.ts';
import type { LayoutController } from './layout-controller.ts';
import type { ModalController } from './modal-controller.ts';
import { PagingScrollController } from './paging-scroll-controller.ts';
import { RoomClosing } from './room-closing.ts';
import type { SendFrame, ServerListener } from './server-listener.ts';
import type { SupportAgentConsoleStrings } from './strings.ts';
import { composerView } from './views/composer.ts';
import { conversationView } from './views/conversation.ts';
import { profileView } from './views/profile.ts';
import { VisitorRoomsController } from './visitor-rooms-controller.ts';
import type { Workspace } from './workspace.ts';

/** Who the signed-in agent is, as far as the conversation needs: whose messages are "You", what they may do. */
export interface Me {
  agentId: string | undefined;
  /** The name their messages carry. */
  name: string;
  admin: boolean;
}

export interface ConversationOptions {
  client(): ChatClient | undefined;
  send: SendFrame;
  workspace(): Workspace;
  /** The conversation shown. */
  selected(): string | undefined;
  /** The room this console counts among the room's agents. */
  here(): string | undefined;
  me(): Me;
  /** The team's agents, undefined until known; and its saved replies. */
  agents(): AgentInfo[] | undefined;
  replies(): readonly SavedReply[];
  typing: TypingController;
  layout: LayoutController;
  /** Where the close asks first. */
  modal: ModalController;
  back(): void;
  open(roomId: string): void;
  download(roomId: string): void;
}

/**
 * The open conversation beside the list: its log (sticky scroll and older pages), who
 * handles it, closing and reopening it (see RoomClosing), the reply box, and the visitor's
 * details and context, rendered from the client's messages and the workspace's inbox.
 */
export class ConversationController {
  readonly composer: ComposerController;
  readonly assignment: AssignmentController;
  /** The visitor's other conversations. */
  readonly earlier: VisitorRoomsController;
  readonly files: ConversationFiles;
  readonly closing: RoomClosing;
  /** The parts that hear the server: see ServerListener. */
  readonly parts: ServerListener[];
  readonly #options: ConversationOptions;
  readonly #host: ReactiveElement;
  readonly #clipboard: CopyController;
  readonly #sticky: PagingScrollController;

  constructor(host: ReactiveElement, options: ConversationOptions) {
    this.#options = options;
    this.#host = host;
    this.#clipboard = new CopyController(host);
    this.#sticky = new PagingScrollController(host, {
      log: () => host.renderRoot.querySelector?.<HTMLElement>('.log'),
      threshold: 64,
      view: () => options.selected(),
      first: () => {
        const roomId = options.selected();
        return roomId ? options.client()?.messages(roomId)[0]?.seq : undefined;
      },
      loadOlder: () => {
        const roomId = options.selected();
        return Boolean(roomId && options.client()?.loadOlder(roomId));
      },
    });
    this.composer = new ComposerController(host, {
      client: options.client,
      workspace: options.workspace,
      selected: options.selected,
      typing: options.typing,
      replies: options.replies,
      agentName: () => options.me().name,
      sent: () => this.#sticky.scrollToEnd(),
    });
    this.assignment = new AssignmentController(host, options.send);
    this.earlier = new VisitorRoomsController(host, options.send, () => {
      const roomId = options.selected();
      return roomId ? { roomId, email: options.workspace().inbox.get(roomId)?.visitorEmail } : undefined;
    });
    this.files = new ConversationFiles(host, {
      client: options.client,
      room: () => {
        const roomId = options.selected();
        return roomId === undefined || options.workspace().missing.has(roomId) ? undefined : roomId;
      },
      note: (roomId) => this.composer.mode(roomId) === 'note',
      sent: () => this.#sticky.scrollToEnd(),
    });
    this.closing = new RoomClosing({ send: options.send, workspace: options.workspace, modal: options.modal });
    this.parts = [this.assignment, this.earlier, this.files];
  }

  /** Another conversation opens, or none: the agent's typing there stops, the reply box's list and the assign menu close. */
  leave(): void {
    this.#options.typing.stop();
    this.composer.close();
    this.assignment.closeMenu(false);
  }

  /** The panel over the conversation closes; focus goes back to the button that opened it. */
  #hideProfile(): void {
    this.#options.layout.toggleProfile();
    void this.#host.updateComplete.then(() => this.#host.renderRoot.querySelector<HTMLElement>('.profile-toggle')?.focus());
  }

  render(s: SupportAgentConsoleStrings, roomId: string, now: number) {
    const o = this.#options;
    const client = o.client()!;
    const workspace = o.workspace();
    const room = workspace.inbox.get(roomId);
    const me = o.me();
    const missing = workspace.missing.has(roomId);
    const files = this.files.parts(s, roomId);
    return html`
      ${conversationView({
        strings: s,
        roomId,
        room,
        messages: client.messages(roomId),
        pending: this.files.pending(roomId),
        files,
        hasOlder: client.hasOlder(roomId),
        loadingOlder: this.#sticky.loadingOlder,
        missing,
        erased: workspace.erased.has(roomId),
        typists: o.typing.names(`${roomId}\n`),
        profileShown: o.layout.profileShown,
        me: me.name,
        seenSeq: workspace.visitorReadSeq(roomId),
        now,
        assign: { strings: s, me: me.agentId, admin: me.admin, agents: o.agents(), assignment: this.assignment },
        notice: this.assignment.notice(roomId),
        composer: composerView({
          strings: s,
          roomId,
          name: visitorName(room, s),
          draft: workspace.drafts.get(roomId) ?? '',
          disabled: missing,
          composer: this.composer,
          visitorLang: room?.visitor?.lang,
          visitorName: knownName(room),
          agentName: me.name,
          hasReplies: o.replies().length > 0,
          files,
        }),
        back: () => o.back(),
        download: () => o.download(roomId),
        close: (askRating) => this.closing.askToClose(s, roomId, askRating),
        reopen: () => this.closing.reopen(roomId),
        toggleProfile: () => o.layout.toggleProfile(),
        onLogScroll: this.#sticky.onScroll,
        loadOlder: () => this.#sticky.loadOlder(),
        retry: (clientMsgId) => client.retry(clientMsgId),
        discard: (clientMsgId) => client.discard(clientMsgId),
      })}
      ${
        o.layout.profileShown
          ? profileView({
              strings: s,
              roomId,
              room,
              now,
              others: room ? workspace.othersIn(room, o.here()) : 0,
              earlier: this.earlier.of(roomId),
              copied: this.#clipboard.copied,
              copyRoomId: () => void this.#clipboard.copy(roomId),
              open: (id) => o.open(id),
              hide: () => this.#hideProfile(),
            })
          : nothing
      }
    `;
  }
}

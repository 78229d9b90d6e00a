import { MAX_TEXT_LENGTH, textLength } from '@support-chat/backend/protocol/limits';
import { html, nothing, type ReactiveElement } from 'lit';
import type { ChatClient } from '../client/chat-client.ts';
import type { TypingController } from '../shared/typing-controller.ts';
import { CopyController } from './copy-controller.ts';
import type { LayoutController } from './layout-controller.ts';
import { PagingScrollController } from './paging-scroll-controller.ts';
import type { SupportAgentConsoleStrings } from './strings.ts';
import { conversationView } from './views/conversation.ts';
import { profileView } from './views/profile.ts';
import type { Workspace } from './workspace.ts';

export interface ConversationOptions {
  client(): ChatClient | undefined;
  workspace(): Workspace;
  /** The conversation shown. */
  selected(): string | undefined;
  /** The room this console counts among the room's agents. */
  here(): string | undefined;
  /** The signed-in agent's name, whose messages are "You". */
  me(): string | undefined;
  typing: TypingController;
  layout: LayoutController;
  back(): void;
  download(roomId: string): void;
  close(roomId: string): void;
}

/**
 * The open conversation beside the list: its log (sticky scroll and older pages), the
 * agent's draft and sending, the visitor's details, rendered from the client's messages and
 * the workspace's inbox.
 */
export class ConversationController {
  readonly #options: ConversationOptions;
  readonly #host: ReactiveElement;
  readonly #clipboard: CopyController;
  readonly #sticky: PagingScrollController;

  constructor(host: ReactiveElement, options: ConversationOptions) {
    this.#host = host;
    this.#options = options;
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
  }

  readonly #input = (value: string) => {
    const roomId = this.#options.selected();
    if (!roomId) return;
    this.#options.workspace().drafts.set(roomId, value);
    this.#host.requestUpdate();
    this.#options.typing.typed(value.trim() !== '', roomId);
  };

  #send(): void {
    const roomId = this.#options.selected();
    const workspace = this.#options.workspace();
    const client = this.#options.client();
    const text = (roomId && workspace.drafts.get(roomId)?.trim()) || '';
    if (!roomId || !text || textLength(text) > MAX_TEXT_LENGTH || !client) return;
    this.#options.typing.stop();
    client.sendMessage(text, roomId);
    workspace.drafts.delete(roomId);
    this.#sticky.scrollToEnd();
    this.#host.requestUpdate();
  }

  render(s: SupportAgentConsoleStrings, roomId: string, now: number) {
    const o = this.#options;
    const client = o.client()!;
    const workspace = o.workspace();
    const room = workspace.inbox.get(roomId);
    const typing = o.typing;
    return html`
      ${conversationView({
        strings: s,
        roomId,
        room,
        messages: client.messages(roomId),
        pending: client.pending(roomId),
        hasOlder: client.hasOlder(roomId),
        loadingOlder: this.#sticky.loadingOlder,
        missing: workspace.missing.has(roomId),
        typists: typing.names(`${roomId}\n`),
        draft: workspace.drafts.get(roomId) ?? '',
        profileShown: o.layout.profileShown,
        me: o.me(),
        seenSeq: workspace.visitorReadSeq(roomId),
        now,
        back: () => o.back(),
        download: () => o.download(roomId),
        close: () => o.close(roomId),
        toggleProfile: () => o.layout.toggleProfile(),
        onLogScroll: this.#sticky.onScroll,
        loadOlder: () => this.#sticky.loadOlder(),
        retry: (clientMsgId) => client.retry(clientMsgId),
        discard: (clientMsgId) => client.discard(clientMsgId),
        input: this.#input,
        send: () => this.#send(),
        stopTyping: () => typing.stop(),
      })}
      ${
        o.layout.profileShown
          ? profileView({
              strings: s,
              roomId,
              room,
              others: room ? workspace.othersIn(room, o.here()) : 0,
              copied: this.#clipboard.copied,
              copyRoomId: () => void this.#clipboard.copy(roomId),
            })
          : nothing
      }
    `;
  }
}

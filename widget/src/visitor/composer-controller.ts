import type { ReactiveController, ReactiveElement } from 'lit';
import type { ChatClient } from '../client/chat-client.ts';
import type { AttentionController } from '../shared/attention-controller.ts';
import { draftStatus, fitToContent } from '../shared/composer.ts';
import type { StickyScrollController } from '../shared/sticky-scroll-controller.ts';
import type { TypingController } from '../shared/typing-controller.ts';
import type { SupportChatStrings } from './strings.ts';

/** What the composer needs of the element. */
export interface ComposerHost extends ReactiveElement {
  readonly client: ChatClient;
}

/**
 * The message field: the draft, the visitor's typing for the agents, sending (nothing
 * empty or over the limit; the log scrolls to what went), and the field growing with its text.
 */
export class ComposerController implements ReactiveController {
  /** What the visitor is writing. */
  draft = '';
  readonly #host: ComposerHost;
  readonly #typing: TypingController;
  readonly #attention: AttentionController;
  readonly #sticky: StickyScrollController;
  readonly #texts: () => SupportChatStrings;

  constructor(
    host: ComposerHost,
    typing: TypingController,
    attention: AttentionController,
    sticky: StickyScrollController,
    texts: () => SupportChatStrings,
  ) {
    this.#host = host;
    this.#typing = typing;
    this.#attention = attention;
    this.#sticky = sticky;
    this.#texts = texts;
    host.addController(this);
  }

  /** The visitor typed. */
  input(value: string): void {
    this.draft = value;
    this.#typing.typed(value.trim() !== '');
    this.#host.requestUpdate();
  }

  /** The visitor left the field: the agents no longer see them typing. */
  stopTyping(): void {
    this.#typing.stop();
  }

  send(): void {
    const { empty, tooLong } = draftStatus(this.draft, this.#texts());
    if (empty || tooLong) return;
    // The click or the Enter that sends lets sound play from now on.
    this.#attention.unlockSound();
    this.#typing.stop();
    this.#host.client.sendMessage(this.draft.trim());
    this.draft = '';
    this.#host.requestUpdate();
    this.#sticky.scrollToEnd();
  }

  hostUpdated(): void {
    fitToContent(this.#host.renderRoot.querySelector<HTMLTextAreaElement>('[part="input"]'));
  }
}

import type { RoomSummary, SavedReply } from '@support-chat/backend/protocol';
import { MAX_TEXT_LENGTH, textLength } from '@support-chat/backend/protocol/limits';
import type { ReactiveElement } from 'lit';
import type { ChatClient } from '../client/chat-client.ts';
import type { TypingController } from '../shared/typing-controller.ts';
import { knownName } from './format.ts';
import { fillVariables, insertReply, matchReplies, replyText, type SlashQuery, slashQuery } from './saved-replies.ts';
import type { Workspace } from './workspace.ts';

export type ComposerMode = 'reply' | 'note';

export interface ComposerOptions {
  client(): ChatClient | undefined;
  workspace(): Workspace;
  /** The conversation shown. */
  selected(): string | undefined;
  typing: TypingController;
  /** The team's saved replies. */
  replies(): readonly SavedReply[];
  /** The name the agent's messages carry, for `{{agent.name}}`. */
  agentName(): string;
  /** A message went: the log scrolls to it. */
  sent(): void;
}

/** The saved-reply list open under a `/query`. */
export interface ReplyPicker {
  roomId: string;
  at: SlashQuery;
  matches: SavedReply[];
  /** The highlighted match. */
  active: number;
}

/**
 * The reply box: the draft (per conversation), Reply or Note (a note is internal, and
 * sends no typing: the visitor would see "typing…" for something never sent to them), and
 * the saved replies: `/` at the start or after a space opens a list filtered as the agent
 * types; ↑/↓ choose, Enter or Tab insert the reply with its variables filled in (in the
 * visitor's language), Escape closes the list. Several may go into one message.
 */
export class ComposerController {
  picker: ReplyPicker | undefined;
  /** Conversations in Note mode. */
  readonly #notes = new Set<string>();
  /** Where the list was closed with Escape: it stays closed for that `/`. */
  #dismissed: { roomId: string; start: number } | undefined;
  readonly #host: ReactiveElement;
  readonly #options: ComposerOptions;

  constructor(host: ReactiveElement, options: ComposerOptions) {
    this.#host = host;
    this.#options = options;
  }

  mode(roomId: string): ComposerMode {
    return this.#notes.has(roomId) ? 'note' : 'reply';
  }

  setMode(roomId: string, mode: ComposerMode): void {
    if (mode === 'note') {
      this.#notes.add(roomId);
      // Whatever "typing" went out for the reply stops: a note is not for the visitor.
      this.#options.typing.stop();
    } else {
      this.#notes.delete(roomId);
    }
    this.#host.requestUpdate();
  }

  readonly onInput = (event: Event) => {
    const roomId = this.#options.selected();
    const input = event.target as HTMLTextAreaElement;
    if (!roomId) return;
    this.#options.workspace().drafts.set(roomId, input.value);
    if (this.mode(roomId) === 'reply') this.#options.typing.typed(input.value.trim() !== '', roomId);
    this.#follow(input, roomId);
    this.#host.requestUpdate();
  };

  /** The caret moved without typing (a click, the arrow keys): the list follows it. */
  readonly onCaret = (event: Event) => {
    const roomId = this.#options.selected();
    if (roomId && !(event instanceof KeyboardEvent && this.picker && ['ArrowDown', 'ArrowUp'].includes(event.key)))
      this.#follow(event.target as HTMLTextAreaElement, roomId);
  };

  readonly onKeydown = (event: KeyboardEvent) => {
    const picker = this.picker;
    if (picker && !event.isComposing) {
      const step = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
      if (step && picker.matches.length) {
        event.preventDefault();
        picker.active = (picker.active + step + picker.matches.length) % picker.matches.length;
        this.#host.requestUpdate();
        return;
      }
      if ((event.key === 'Enter' || event.key === 'Tab') && !event.shiftKey && picker.matches.length) {
        event.preventDefault();
        this.insert(picker.matches[picker.active]!);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        this.#dismissed = { roomId: picker.roomId, start: picker.at.start };
        this.picker = undefined;
        this.#host.requestUpdate();
        return;
      }
    }
    // Enter sends; Shift+Enter is a new line; Alt+Enter and an IME's Enter are left alone.
    if (event.key !== 'Enter' || event.shiftKey || event.altKey || event.isComposing) return;
    event.preventDefault();
    this.send();
  };

  readonly onBlur = () => {
    this.#options.typing.stop();
  };

  /** Puts a saved reply in place of the `/query`, its variables filled in for this conversation. */
  insert(reply: SavedReply): void {
    const picker = this.picker;
    const input = this.#textarea();
    const roomId = this.#options.selected();
    if (!picker || !input || picker.roomId !== roomId) return;
    const room = this.#room(roomId);
    const text = fillVariables(replyText(reply.text, room?.visitor?.lang), {
      visitorName: knownName(room),
      agentName: this.#options.agentName(),
    });
    const next = insertReply(input.value, picker.at, input.selectionEnd ?? input.value.length, text);
    this.picker = undefined;
    input.value = next.draft;
    input.setSelectionRange(next.caret, next.caret);
    input.focus();
    this.#options.workspace().drafts.set(roomId, next.draft);
    this.#host.requestUpdate();
  }

  send(): void {
    const roomId = this.#options.selected();
    const workspace = this.#options.workspace();
    const client = this.#options.client();
    const text = (roomId && workspace.drafts.get(roomId)?.trim()) || '';
    if (!roomId || !text || textLength(text) > MAX_TEXT_LENGTH || !client) return;
    const note = this.mode(roomId) === 'note';
    if (!note) this.#options.typing.stop();
    client.sendMessage(text, roomId, { internal: note });
    workspace.drafts.delete(roomId);
    this.picker = undefined;
    this.#options.sent();
    this.#host.requestUpdate();
  }

  /** Another conversation opened, or none: its list closes. */
  close(): void {
    this.picker = this.#dismissed = undefined;
  }

  #follow(input: HTMLTextAreaElement, roomId: string): void {
    const at = slashQuery(input.value, input.selectionEnd ?? input.value.length);
    const dismissed = this.#dismissed;
    if (dismissed && (!at || dismissed.roomId !== roomId || dismissed.start !== at.start)) this.#dismissed = undefined;
    if (!at || this.#dismissed) {
      if (this.picker) {
        this.picker = undefined;
        this.#host.requestUpdate();
      }
      return;
    }
    const matches = matchReplies(this.#options.replies(), at.query, this.#room(roomId)?.visitor?.lang);
    const same = this.picker?.roomId === roomId && this.picker.at.query === at.query;
    this.picker = { roomId, at, matches, active: same ? Math.min(this.picker!.active, Math.max(0, matches.length - 1)) : 0 };
    this.#host.requestUpdate();
  }

  #room(roomId: string): RoomSummary | undefined {
    return this.#options.workspace().inbox.get(roomId);
  }

  #textarea(): HTMLTextAreaElement | null {
    return this.#host.renderRoot.querySelector<HTMLTextAreaElement>('.composer textarea');
  }
}

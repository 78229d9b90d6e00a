import type { ModalController } from './modal-controller.ts';
import type { SendFrame } from './server-listener.ts';
import type { SupportAgentConsoleStrings } from './strings.ts';
import type { Workspace } from './workspace.ts';

export interface RoomClosingOptions {
  send: SendFrame;
  workspace(): Workspace;
  modal: ModalController;
}

/**
 * Closing and reopening a conversation, which the visitor is told of. A close asks the
 * visitor to rate the conversation unless the agent chose "Close without asking"; the
 * visitor's next message reopens it. The agent's Close asks first while the visitor's last
 * message is unanswered.
 */
export class RoomClosing {
  readonly #options: RoomClosingOptions;

  constructor(options: RoomClosingOptions) {
    this.#options = options;
  }

  close(roomId: string, askRating: boolean): void {
    this.#options.send({ action: 'closeRoom', roomId, ...(!askRating && { askRating }) });
  }

  /** The conversation's Close buttons (with the rating's question, and without). */
  askToClose(s: SupportAgentConsoleStrings, roomId: string, askRating: boolean): void {
    const { workspace, modal } = this.#options;
    if (!workspace().inbox.get(roomId)?.waitingSince) {
      this.close(roomId, askRating);
      return;
    }
    modal.confirm({
      title: s.closeUnansweredTitle,
      message: s.closeUnanswered,
      confirm: s.closeAnyway,
      run: () => this.close(roomId, askRating),
    });
  }

  reopen(roomId: string): void {
    this.#options.send({ action: 'reopenRoom', roomId });
  }
}

import type { Message } from '@support-chat/backend/protocol';
import type { LitElement, ReactiveController } from 'lit';
import type { ChatClient, PendingMessage } from '../client/chat-client.ts';
import type { ChunkLoader } from './chunk-loader.ts';
import type { SupportChatStrings } from './strings.ts';

/** What the file code needs of the element. */
export interface FilesHost {
  client: ChatClient;
  /** The panel is open. */
  open(): boolean;
  /** The largest file the deployment takes, in bytes; undefined: none (or not known yet). */
  maxBytes(): number | undefined;
  texts(): SupportChatStrings;
  lang(): string;
  /** A file went: the log scrolls to it. */
  sent(): void;
}

/** What the panel's views show of files, once the file code is here. */
export interface VisitorFileViews {
  /** The messages still going: the outbox's, then the files uploading. */
  pending(): PendingMessage[];
  /** A message's file: a thumbnail or a card. */
  attachment(message: Message): unknown;
  /** A file on its way: its card (with progress) and the line under it. */
  pendingFile(p: PendingMessage): unknown;
  /** The composer's file button, where the deployment takes files. */
  button(): unknown;
  /** Why the last file was refused. */
  notice(): unknown;
  /** The drop overlay over the panel, and an image opened full size. */
  overlay(): unknown;
}

/**
 * The visitor's file code (paste, drop, the file button, thumbnails, cards, uploads) comes
 * when first needed, to keep the script small for the many visitors who never send a file:
 * when the panel opens where the deployment takes files, or a message with a file is to
 * be shown. Until then the views show a file's message without its file.
 */
export class FilesLoader implements ReactiveController {
  views: VisitorFileViews | undefined;
  #needed = false;
  readonly #host: LitElement;
  readonly #chunks: ChunkLoader;
  readonly #options: FilesHost;

  constructor(host: LitElement, chunks: ChunkLoader, options: FilesHost) {
    this.#host = host;
    this.#chunks = chunks;
    this.#options = options;
    host.addController(this);
  }

  hostUpdated(): void {
    const { client, open, maxBytes } = this.#options;
    this.#needed ||= (open() && !!maxBytes()) || client.messages().some((m) => m.attachment) || client.pending().some((p) => p.file);
    // Until it comes (and if it never does: the conversation goes on without files).
    const files = this.#needed && !this.views ? this.#chunks.get('files') : undefined;
    if (!files) return;
    this.views = files.visitorFiles(this.#host, this.#options);
    this.#host.requestUpdate();
  }
}

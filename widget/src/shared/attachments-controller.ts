import type { Attachment } from '@support-chat/backend/protocol';
import type { ReactiveController, ReactiveElement } from 'lit';
import type { ChatClient } from '../client/chat-client.ts';
import { ChatFiles, checkFile, FileRefusedError } from '../client/chat-files.ts';
import { fileSize, format } from './format.ts';

/** The texts of files in a conversation, each element's in its language. `{name}`, `{size}`, `{limit}` are filled in. */
export interface AttachmentStrings {
  /** The composer's file button. */
  fileAttach: string;
  /** Over the conversation while a file is dragged onto it. */
  fileDrop: string;
  fileTooLarge: string;
  fileType: string;
  fileEmpty: string;
  /** A file pasted or dropped where the deployment takes none. */
  fileNone: string;
  /** The progress bar's label. */
  fileUploading: string;
  fileCancel: string;
  /** A malware scan is under way. */
  fileChecking: string;
  /** The scan found malware: the file is gone. */
  fileRemoved: string;
  /** The link that shows an image full size, in a tab of its own. */
  fileOpen: string;
  fileClose: string;
  /** The link to a file could not be had. */
  fileUnavailable: string;
  /** An upload broke off (the network, most likely). */
  fileLost: string;
  sending: string;
  failed: string;
  retry: string;
  discard: string;
  dismiss: string;
}

/** Where files go: a room (agents) and whether as a note. */
export interface FileTarget {
  roomId?: string;
  internal?: boolean;
}

export interface AttachmentsOptions {
  client(): ChatClient | undefined;
  /** The largest file the deployment takes, in bytes; undefined: it takes none. */
  maxBytes(): number | undefined;
  /** Where a file goes now; undefined: nowhere (no conversation open). */
  target(): FileTarget | undefined;
  /** Whether a paste or a drag happened where files are taken (the panel, the reply box). */
  within(event: Event): boolean;
  texts(): AttachmentStrings;
  lang(): string;
  /** A file went: the log scrolls to it. */
  sent(): void;
}

/** The image shown full size over the page. */
export interface Lightbox {
  roomId: string;
  attachment: Attachment;
  /** The thumbnail's link: drawn at once, from the browser's cache. */
  src: string;
  /** A fresh link for "open in a tab" (the thumbnail's may be near its end). */
  href?: string;
}

/**
 * Files in a conversation, for both elements: a screenshot pasted into the reply box,
 * files dragged onto the conversation (with the drop overlay), and the file button; each
 * file sent through ChatFiles, or refused before any upload with a sentence in the
 * person's language. Also what showing files takes: the thumbnails' links (each kept once
 * it draws, asked again if it stops working), a card's link at hover or focus, and the
 * image opened full size.
 */
export class AttachmentsController implements ReactiveController {
  /** A file is being dragged over the conversation. */
  dragging = false;
  /** Why the last file was refused, until dismissed or the next one goes. */
  refusal: string | undefined;
  lightbox: Lightbox | undefined;
  readonly #host: ReactiveElement;
  readonly #options: AttachmentsOptions;
  #files: ChatFiles | undefined;
  #unsubscribe: (() => void) | undefined;
  /** dragenter and dragleave come in pairs for every element crossed: the overlay goes when they even out. */
  #depth = 0;
  /** Thumbnails' links by attachment id; `false` once one could not be had. */
  readonly #thumbs = new Map<string, string | false>();
  /** Thumbnails whose link was asked for, and those asked for again after failing to draw. */
  readonly #asked = new Set<string>();
  readonly #askedAgain = new Set<string>();

  constructor(host: ReactiveElement, options: AttachmentsOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** The client's ChatFiles (one per client: the console makes a client per sign-in). */
  get files(): ChatFiles | undefined {
    const client = this.#options.client();
    if (client && this.#files?.client !== client) {
      this.#unsubscribe?.();
      this.#files = new ChatFiles(client);
      this.#unsubscribe = this.#files.onChange(() => this.#host.requestUpdate());
      this.#thumbs.clear();
      this.#asked.clear();
      this.#askedAgain.clear();
    }
    return client && this.#files;
  }

  /** Files can be sent here now. */
  get enabled(): boolean {
    return !!this.#options.maxBytes() && !!this.#options.target() && !!this.#options.client();
  }

  hostConnected(): void {
    const host = this.#host;
    host.addEventListener('paste', this.#onPaste);
    host.addEventListener('dragenter', this.#onDragEnter);
    host.addEventListener('dragover', this.#onDragOver);
    host.addEventListener('dragleave', this.#onDragLeave);
    host.addEventListener('drop', this.#onDrop);
  }

  hostDisconnected(): void {
    const host = this.#host;
    host.removeEventListener('paste', this.#onPaste);
    host.removeEventListener('dragenter', this.#onDragEnter);
    host.removeEventListener('dragover', this.#onDragOver);
    host.removeEventListener('dragleave', this.#onDragLeave);
    host.removeEventListener('drop', this.#onDrop);
  }

  hostUpdated(): void {
    const dialog = this.#host.renderRoot.querySelector?.<HTMLDialogElement>('dialog.lightbox');
    if (dialog && !dialog.open) dialog.showModal();
  }

  /** Sends the files, or says why one cannot go and sends none: the person sees at once what happened to each. */
  send(files: Iterable<File>): void {
    const list = [...files];
    const target = this.#options.target();
    const chat = this.files;
    if (!list.length || !target || !chat) return;
    chat.maxBytes = this.#options.maxBytes();
    this.refusal = undefined;
    for (const file of list) {
      const refused = checkFile(file, chat.maxBytes);
      if (refused instanceof FileRefusedError) this.refusal ??= this.#sentence(refused, file);
    }
    if (!this.refusal) {
      for (const file of list) chat.send(file, target);
      this.#options.sent();
    }
    this.#host.requestUpdate();
  }

  dismiss(): void {
    this.refusal = undefined;
    this.#host.requestUpdate();
  }

  /** The file button: the hidden file field beside it opens the device's picker (a phone offers its camera). */
  readonly pick = (event: Event) => {
    ((event.currentTarget as HTMLElement).nextElementSibling as HTMLInputElement | null)?.click();
  };

  readonly picked = (event: Event) => {
    const input = event.target as HTMLInputElement;
    this.send(input.files ?? []);
    // The same file, picked again later, is a change again.
    input.value = '';
  };

  /** A thumbnail's link, asked for the first time it is shown; undefined until it comes, false if it cannot. */
  thumb(roomId: string, attachment: Attachment): string | false | undefined {
    const known = this.#thumbs.get(attachment.id);
    if (known !== undefined) return known;
    this.#ask(roomId, attachment.id, (url) => this.#thumbs.set(attachment.id, url));
    return undefined;
  }

  /** A thumbnail failed to draw: its link had expired (the browser had not kept the image). Asked again once. */
  thumbFailed(attachment: Attachment): void {
    const { id } = attachment;
    if (this.#askedAgain.has(id)) {
      this.#thumbs.set(id, false);
    } else {
      this.#askedAgain.add(id);
      this.#asked.delete(id);
      this.#thumbs.delete(id);
    }
    this.#host.requestUpdate();
  }

  /** A card's link, while a fresh one is at hand (see prefetch). */
  link(attachment: Attachment): string | undefined {
    return this.files?.cachedUrl(attachment.id);
  }

  /** The pointer or the focus is on a card: its link is asked for now, so that a click can simply follow it. */
  prefetch(roomId: string, attachment: Attachment): void {
    if (this.link(attachment)) return;
    void this.files?.url(roomId, attachment.id).then(
      () => this.#host.requestUpdate(),
      () => undefined,
    );
  }

  /**
   * A card's click: a fresh link is followed as it is (a download: the server names the file
   * an attachment, so the page stays); else the link is asked for first, then followed. A
   * download is no popup: nothing blocks it after the wait.
   */
  download(event: Event, roomId: string, attachment: Attachment): void {
    const href = (event.currentTarget as HTMLAnchorElement).getAttribute('href');
    if (href && href === this.link(attachment)) return;
    event.preventDefault();
    void this.files?.url(roomId, attachment.id).then(
      (url) => {
        const a = document.createElement('a');
        a.href = url;
        a.hidden = true;
        this.#host.renderRoot.append(a);
        a.click();
        a.remove();
        this.#host.requestUpdate();
      },
      () => {
        this.refusal = this.#options.texts().fileUnavailable;
        this.#host.requestUpdate();
      },
    );
  }

  /** Shows an image full size, over the page. */
  open(roomId: string, attachment: Attachment): void {
    const src = this.#thumbs.get(attachment.id);
    if (!src) return;
    const lightbox: Lightbox = { roomId, attachment, src };
    this.lightbox = lightbox;
    this.#host.requestUpdate();
    void this.files?.url(roomId, attachment.id).then(
      (href) => {
        lightbox.href = href;
        this.#host.requestUpdate();
      },
      () => undefined,
    );
  }

  readonly closeLightbox = () => {
    if (!this.lightbox) return;
    this.lightbox = undefined;
    this.#host.requestUpdate();
  };

  #ask(roomId: string, attachmentId: string, got: (url: string | false) => void): void {
    if (this.#asked.has(attachmentId)) return;
    this.#asked.add(attachmentId);
    const settle = (url: string | false) => {
      got(url);
      this.#host.requestUpdate();
    };
    void this.files?.url(roomId, attachmentId).then(settle, () => settle(false));
  }

  #sentence(error: FileRefusedError, file: File): string {
    const s = this.#options.texts();
    const lang = this.#options.lang();
    switch (error.reason) {
      case 'too_large':
        return format(s.fileTooLarge, { size: fileSize(file.size, lang), limit: fileSize(error.limit ?? 0, lang) });
      case 'unsupported_type':
        return s.fileType;
      case 'empty':
        return s.fileEmpty;
      case 'no_files':
        return s.fileNone;
    }
  }

  /** Files carried by a paste or a drag, where files are taken. */
  #carriesFiles(event: Event, data: DataTransfer | null): boolean {
    return !!data && [...data.types].includes('Files') && this.#options.within(event) && this.enabled;
  }

  readonly #onPaste = (event: ClipboardEvent) => {
    const data = event.clipboardData;
    if (!this.#carriesFiles(event, data) || !data!.files.length) return;
    // A file is sent, not its name pasted as text.
    event.preventDefault();
    this.send(data!.files);
  };

  readonly #onDragEnter = (event: DragEvent) => {
    if (!this.#carriesFiles(event, event.dataTransfer)) return;
    event.preventDefault();
    this.#depth++;
    if (!this.dragging) {
      this.dragging = true;
      this.#host.requestUpdate();
    }
  };

  readonly #onDragOver = (event: DragEvent) => {
    // Without this the browser would open a dropped file in place of the page.
    if (this.dragging && this.#carriesFiles(event, event.dataTransfer)) event.preventDefault();
  };

  readonly #onDragLeave = () => {
    if (!this.dragging || --this.#depth > 0) return;
    this.#endDrag();
  };

  readonly #onDrop = (event: DragEvent) => {
    if (!this.dragging) return;
    event.preventDefault();
    this.#endDrag();
    this.send(event.dataTransfer?.files ?? []);
  };

  #endDrag(): void {
    this.#depth = 0;
    this.dragging = false;
    this.#host.requestUpdate();
  }
}

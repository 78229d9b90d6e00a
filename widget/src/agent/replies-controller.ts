import type { LocalizedText, SavedReply, ServerEvent } from '@support-chat/backend/protocol';
import type { ReactiveControllerHost } from 'lit';
import type { ServerError } from '../client/chat-client.ts';
import type { SendFrame, ServerListener } from './server-listener.ts';
import type { TextLanguage } from './settings-form-controller.ts';

/** A saved reply in the admins' editor: a new one has no id. */
export interface ReplyDraft {
  id?: string;
  shortcut: string;
  title: string;
  text: LocalizedText;
}

/** The texts as the server keeps them: trimmed, empty ones left out. */
const tidy = (text: LocalizedText): LocalizedText =>
  Object.fromEntries(Object.entries(text).flatMap(([lang, value]) => (value?.trim() ? [[lang, value.trim()]] : [])));

/**
 * The team's saved replies: `listReplies` on every connect, and the `replies` every change
 * brings to every console, for the composer's `/` list; and the admins' editor (one reply
 * at a time), whose save is done when the list coming back holds it.
 */
export class RepliesController implements ServerListener {
  /** By shortcut, as the server sends them. */
  replies: SavedReply[] = [];
  /** The reply being edited (admins), if any. */
  draft: ReplyDraft | undefined;
  language: TextLanguage = 'en';
  saving = false;
  /** The server's sentence, when it refused a save or a deletion ('' when it could not be sent). */
  error: string | undefined;
  readonly #host: ReactiveControllerHost;
  readonly #send: SendFrame;

  constructor(host: ReactiveControllerHost, send: SendFrame) {
    this.#host = host;
    this.#send = send;
  }

  connected(): void {
    this.#send({ action: 'listReplies' });
  }

  event(event: ServerEvent): void {
    if (event.type !== 'replies') return;
    this.replies = event.replies;
    const draft = this.draft;
    if (this.saving && draft && event.replies.some((r) => r.shortcut === draft.shortcut && r.title === draft.title.trim())) {
      this.saving = false;
      this.draft = undefined;
    }
    this.#host.requestUpdate();
  }

  refused(error: ServerError): boolean {
    if (error.action !== 'saveReply' && error.action !== 'deleteReply') return false;
    this.saving = false;
    this.error = error.message;
    this.#host.requestUpdate();
    return true;
  }

  /** Opens the editor on a reply, or on a new one. */
  edit(reply?: SavedReply): void {
    this.draft = reply
      ? { id: reply.id, shortcut: reply.shortcut, title: reply.title, text: { ...reply.text } }
      : { shortcut: '', title: '', text: {} };
    this.language = 'en';
    this.error = undefined;
    this.saving = false;
    this.#host.requestUpdate();
  }

  change(change: (draft: ReplyDraft) => void): void {
    if (!this.draft) return;
    change(this.draft);
    this.#host.requestUpdate();
  }

  selectLanguage(language: TextLanguage): void {
    this.language = language;
    this.#host.requestUpdate();
  }

  /** Sends the draft; the list coming back with it closes the editor. Answers false when not connected. */
  save(): boolean {
    const draft = this.draft;
    if (!draft || this.saving) return true;
    const reply = { ...(draft.id && { id: draft.id }), shortcut: draft.shortcut.trim(), title: draft.title.trim(), text: tidy(draft.text) };
    draft.shortcut = reply.shortcut;
    const sent = this.#send({ action: 'saveReply', reply });
    this.saving = sent;
    // '': not connected (the view says so in its own words).
    this.error = sent ? undefined : '';
    this.#host.requestUpdate();
    return sent;
  }

  delete(id: string): boolean {
    const sent = this.#send({ action: 'deleteReply', id });
    this.error = sent ? undefined : '';
    if (sent && this.draft?.id === id) this.draft = undefined;
    this.#host.requestUpdate();
    return sent;
  }

  cancel(): void {
    this.draft = undefined;
    this.saving = false;
    this.error = undefined;
    this.#host.requestUpdate();
  }

  reset(): void {
    this.replies = [];
    this.cancel();
  }
}

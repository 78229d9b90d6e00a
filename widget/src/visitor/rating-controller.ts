import type { ServerEvent, ServerEventOf } from '@support-chat/backend/protocol';
import { MAX_RATING_COMMENT_LENGTH, textLength } from '@support-chat/backend/protocol/limits';
import type { LitElement, ReactiveController } from 'lit';
import type { ChatClient, ServerError } from '../client/chat-client.ts';
import type { ChunkLoader } from './chunk-loader.ts';
import type { SupportChatStrings } from './strings.ts';

/** What the closed conversation asks of the visitor: the server's `rating` event. */
export type RatingRequest = Omit<ServerEventOf<'rating'>, 'type' | 'roomId'>;

/**
 * The satisfaction rating a closed conversation asks for: the server's request (live, and
 * after every history page while the conversation asks, so a visitor away at the close sees
 * it when back), the form's state while the visitor picks a face and writes a comment, and
 * sending it. The request ends when the conversation opens again.
 */
export class RatingController implements ReactiveController {
  /** Undefined: nothing to rate (open, or closed without asking). */
  request: RatingRequest | undefined;
  /** The face picked in the form, 1 to 5. */
  score: number | undefined;
  comment = '';
  /** Changing a rating given earlier (the form shows again). */
  editing = false;
  sending = false;
  /** Why the last rating did not go (offline, or the server's refusal). */
  error: string | undefined;
  /** The form asks for a face first. */
  missingScore = false;
  readonly #host: LitElement;
  readonly #client: ChatClient;
  readonly #chunks: ChunkLoader;
  #off: (() => void) | undefined;

  constructor(host: LitElement, client: ChatClient, chunks: ChunkLoader) {
    this.#host = host;
    this.#client = client;
    this.#chunks = chunks;
    host.addController(this);
  }

  hostConnected(): void {
    // A connection lost while a rating was on its way brings no answer: Send is offered again.
    this.#off = this.#client.on('state', (state) => {
      if (state === 'open' || !this.sending) return;
      this.sending = false;
      this.#host.requestUpdate();
    });
  }

  hostDisconnected(): void {
    this.#off?.();
  }

  /** Folds in what the server says: a request, its end, or a refused rating. */
  event(event: ServerEvent): void {
    // The state after a history page: a `rating` follows if the conversation asks for one.
    if ((event.type === 'presence' && event.status) || event.type === 'roomReopened') this.#end();
    else if (event.type === 'rating') {
      // The answer to this tab's Send: focus goes to what replaced the form, not to the page.
      if (this.sending) this.#focus('.rating-change', '.rating.rated');
      this.request = {
        changeable: event.changeable,
        ...(event.rating && { rating: event.rating }),
        ...(event.changeableUntil && { changeableUntil: event.changeableUntil }),
      };
      this.sending = false;
      this.editing = false;
      this.error = undefined;
      this.score = event.rating?.score;
      this.comment = event.rating?.comment ?? '';
    }
  }

  /** The visitor wrote again: the conversation is open, and asks nothing. */
  visitorWrote(): void {
    this.#end();
  }

  /** A refused rating: the server's sentence, and read-only once it says the rating can no longer change. */
  refused(error: ServerError): true | undefined {
    if (error.action !== 'rate') return undefined;
    this.sending = false;
    this.error = error.message;
    if (error.code === 'forbidden' && this.request?.rating) {
      this.request = { ...this.request, changeable: false };
      this.editing = false;
    }
    this.#host.requestUpdate();
    return true;
  }

  /** The card while the closed conversation asks for a rating: its chunk (rating-card.ts) comes with the first request. */
  card(s: SupportChatStrings, lang: string): unknown {
    const card = this.request && this.#chunks.get('rating');
    if (!card) return undefined;
    card.adoptRatingStyles(this.#host);
    return card.ratingView(this, s, lang);
  }

  /** Whether the form shows: nothing rated yet, or a change under way. */
  get asking(): boolean {
    return !!this.request && (!this.request.rating || this.editing);
  }

  /** Whether the given rating may still change (the server's word, and its deadline on this clock). */
  get changeable(): boolean {
    const r = this.request;
    return !!r?.rating && r.changeable && (r.changeableUntil === undefined || Date.now() < Date.parse(r.changeableUntil));
  }

  /** Characters over the comment's limit, 0 within it. */
  get over(): number {
    return Math.max(0, textLength(this.comment.trim()) - MAX_RATING_COMMENT_LENGTH);
  }

  pick(score: number): void {
    this.score = score;
    this.missingScore = false;
    this.#host.requestUpdate();
  }

  write(comment: string): void {
    this.comment = comment;
    this.#host.requestUpdate();
  }

  change(): void {
    this.editing = true;
    this.error = undefined;
    this.#host.requestUpdate();
    this.#focus('.faces input:checked');
  }

  cancel(): void {
    this.editing = false;
    this.error = undefined;
    this.score = this.request?.rating?.score;
    this.comment = this.request?.rating?.comment ?? '';
    this.#host.requestUpdate();
    this.#focus('.rating-change', '.rating.rated');
  }

  /** Sends the rating; `offline` is the sentence for a connection that is down. */
  submit(offline: string): void {
    this.missingScore = this.score === undefined;
    if (this.score !== undefined && this.over === 0 && !this.sending) {
      const sent = this.#client.rate(this.score, this.comment.trim() || undefined);
      this.sending = sent;
      this.error = sent ? undefined : offline;
    }
    this.#host.requestUpdate();
  }

  /** Once the host has rendered, focuses what the first selector that matches finds. */
  #focus(...selectors: string[]): void {
    // An update of its own: the server's events render once the client has told every listener.
    this.#host.requestUpdate();
    void this.#host.updateComplete.then(() => {
      const root = this.#host.renderRoot;
      for (const selector of selectors) {
        const found = root.querySelector<HTMLElement>(selector);
        if (found) return found.focus();
      }
    });
  }

  #end(): void {
    this.request = undefined;
    this.editing = false;
    this.sending = false;
    this.error = undefined;
    this.score = undefined;
    this.comment = '';
  }
}

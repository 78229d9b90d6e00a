import { LitElement, nothing, type PropertyValues } from 'lit';
import { ChatClient, type VisitorProfile } from '../client/chat-client.ts';
import { AttentionController } from '../shared/attention-controller.ts';
import { ConnectionController } from '../shared/connection-controller.ts';
import { StickyScrollController } from '../shared/sticky-scroll-controller.ts';
import { downloadText, today } from '../shared/transcript.ts';
import { TypingController } from '../shared/typing-controller.ts';
import { ChunkLoader } from './chunk-loader.ts';
import { ComposerController } from './composer-controller.ts';
import { ConfigSource } from './config.ts';
import { DialogController } from './dialog-controller.ts';
import type { EmailCaptureController } from './email-capture-controller.ts';
import { emailFormsNeeded, formBeforeFirstMessage, visitorWrote } from './email-forms.ts';
import { fire } from './events.ts';
import { FilesLoader } from './files-loader.ts';
import { IdentityController, type IdentitySource } from './identity-controller.ts';
import { PageController } from './page-controller.ts';
import { RatingController } from './rating-controller.ts';
import { ReadController } from './read-controller.ts';
import { ResumeController } from './resume-controller.ts';
import { StandInController } from './stand-in-controller.ts';
import { pickLanguage, type SupportChatStrings } from './strings.ts';
// After the views: the style sheets sit next to the markup they style in the script, which compresses better.
import styles from './styles/index.ts';
import { TeamStateController } from './team-state-controller.ts';
import { ViewportController } from './viewport-controller.ts';
import { chatView } from './views/chat.ts';
import { composerView, signInView } from './views/composer.ts';
import { launcherView } from './views/launcher.ts';
import type { PanelModel } from './views/model.ts';
import { visitorTranscript } from './views/transcript.ts';
import { type SupportChatPageStrings, visitorTexts } from './visitor-texts.ts';

export type * from './events.ts';
export type { SupportChatStrings } from './strings.ts';
export type { SupportChatPageStrings } from './visitor-texts.ts';

/**
 * @summary A customer-support chat for a website's visitors: a launcher button and a
 * chat panel that keeps every message through flaky connections and reloads.
 *
 * @event support-chat-open - The panel opened.
 * @event support-chat-close - The panel closed.
 * @event support-chat-message - A message appeared in the conversation (either side). detail: `{ message, live }`.
 * @event support-chat-connection - The connection state changed. detail: `{ state }` (`idle`, `connecting`, `open`, `reconnecting`, `offline`).
 * @event support-chat-error - The server refused something. detail: `{ code, message, action?, clientMsgId? }`.
 *
 * @csspart launcher - The round button that opens and closes the chat.
 * @csspart badge - The unread count on the launcher.
 * @csspart panel - The chat window.
 * @csspart header - The panel's header (title, subtitle, presence, buttons).
 * @csspart title - The title in the header.
 * @csspart subtitle - The subtitle in the header.
 * @csspart presence - The line under the title: who handles the conversation ("Jane is handling your chat"), "An agent is here", or the team's state ("Online · typically replies in about 5 minutes", "Away · back Tuesday at 9:00 AM").
 * @csspart banner - The reconnecting/offline notice.
 * @csspart error - The notice of a refused request.
 * @csspart log - The scrolling message list.
 * @csspart message - One message row (also `message-visitor`, `message-agent`, and `message-system` for the team's automatic reply).
 * @csspart bubble - A message's text bubble.
 * @csspart meta - A message's time and status.
 * @csspart file - A message's file: an image's thumbnail, or a card with its name, size and kind.
 * @csspart attach - The composer's file button (where the deployment takes files).
 * @csspart drop - The "Drop to send" overlay while files are dragged over the panel.
 * @csspart typing - The agent's typing indicator.
 * @csspart composer - The message form.
 * @csspart input - The message text area.
 * @csspart send - The send button.
 * @csspart counter - The characters-left counter.
 * @csspart prechat - The pre-chat form.
 * @csspart ask - The inline form after the first message ("Get the reply by email"), and its confirmation.
 * @csspart note - A confirmation at the end of the conversation ("We emailed you this conversation.").
 * @csspart rating - The rating card of a closed conversation that asks for one: five faces, a comment, Send; then the rating given.
 *
 * @cssproperty [--support-chat-accent=#2563eb] - Brand color: launcher, header, visitor bubbles.
 * @cssproperty [--support-chat-accent-text=#ffffff] - Text on the accent color.
 * @cssproperty [--support-chat-text=#1f2430] - Text color (a light default in dark mode).
 * @cssproperty [--support-chat-background=#ffffff] - Panel background (a dark default in dark mode).
 * @cssproperty [--support-chat-radius=16px] - Corner radius of the panel; bubbles and fields follow it.
 * @cssproperty [--support-chat-font=system-ui, sans-serif] - Font family.
 * @cssproperty [--support-chat-z-index=2147483000] - Stacking order of the launcher and panel.
 * @cssproperty [--support-chat-offset-x=20px] - The launcher's and the panel's distance from the side of the window (also `offset-x`).
 * @cssproperty [--support-chat-offset-y=20px] - The launcher's distance from the bottom of the window (also `offset-y`).
 */
export class SupportChat extends LitElement {
  static override styles = styles;

  static override properties = {
    endpoint: {},
    config: {},
    title: {},
    subtitle: {},
    greeting: {},
    // Reflected because the styles select on it.
    position: { reflect: true },
    lang: {},
    opened: { type: Boolean, reflect: true, attribute: 'open' },
    prechat: {},
    offsetX: { attribute: 'offset-x' },
    offsetY: { attribute: 'offset-y' },
    strings: { type: Object },
  };

  /** The WebSocket endpoint (wss://...). Wins over `config`. */
  declare endpoint: string;
  /** The URL of a config.json: its `websocketUrl` is the endpoint, its `publicApiUrl` has the team's hours (team.json). */
  declare config: string;
  /** The header's title. */
  declare title: string;
  /** The header's subtitle (none by default: the line under the title says the team's state). */
  declare subtitle: string;
  /** The first message shown in an empty conversation (it is not sent); the team's configured greeting when unset. */
  declare greeting: string;
  /** Which corner the launcher sits in: `right` or `left`. */
  declare position: 'right' | 'left';
  /** The language of the texts, dates and the automatic reply (en, de, es, fr); the browser's when unset. */
  declare lang: string;
  /** Whether the panel is open (attribute `open`). */
  declare opened: boolean;
  /**
   * Asking for a name and an email (sent with `identify`): `required` before the first
   * message, `optional` (the default) inline after it, `off` never. An empty attribute
   * (the boolean `prechat` of earlier versions) means `required`, as does the property
   * `true`; `false` means `off`.
   */
  declare prechat: string | boolean;
  /** The launcher's and the panel's distance from the side of the window: pixels (`24`) or a CSS length. */
  declare offsetX: string;
  /** The launcher's distance from the bottom of the window: pixels (`96`) or a CSS length. */
  declare offsetY: string;
  /**
   * Any of the texts, for every language (`{ "title": … }`) and per language
   * (`{ "de": { "title": … }, "en": { … } }`, which wins); as an attribute, JSON.
   */
  declare strings: SupportChatPageStrings;

  /** The chat client under the element: its connection, messages and outbox. */
  readonly client: ChatClient;

  readonly #config = new ConfigSource(this);
  // Controllers start and stop in the order they are made: typing before the connection
  // (made in the constructor), so that its "stopped" leaves before the connection closes;
  // the connection listens before the resume controller connects.
  readonly #typing = new TypingController(this, (isTyping) => this.client.setTyping(isTyping));
  readonly #connection: ConnectionController;
  readonly #attention = new AttentionController(this, () => this.#read.markIfSeen());
  readonly #page = new PageController(this, () => this.#lang);
  readonly #sticky = new StickyScrollController(this, {
    log: () => this.renderRoot.querySelector?.<HTMLElement>('.log'),
    threshold: 48,
    view: () => this.opened,
  });
  readonly #dialog = new DialogController(this);
  readonly #chunks = new ChunkLoader(this);
  readonly #team: TeamStateController;
  readonly #read = new ReadController(this, this.#attention);
  readonly #composer = new ComposerController(this, this.#typing, this.#attention, this.#sticky, () => this.#texts);
  /** The forms asking for a name and an address, from the email chunk once one may show. */
  #email: EmailCaptureController | undefined;
  /** `emailTranscript` was called before the email chunk was here: it runs when it comes. */
  #transcriptAsked = false;
  readonly #files: FilesLoader;
  readonly #identity: IdentityController;
  readonly #rating: RatingController;

  constructor() {
    super();
    this.endpoint = '';
    this.config = '';
    this.title = '';
    this.subtitle = '';
    this.greeting = '';
    this.position = 'right';
    this.lang = '';
    this.opened = false;
    this.prechat = 'optional';
    this.offsetX = '';
    this.offsetY = '';
    this.strings = {};
    this.client = new ChatClient({ endpoint: () => this.#config.endpoint(), lang: () => this.#lang });
    this.#connection = new ConnectionController(this, this.client, {
      state: (state) => {
        if (state === 'open') this.#page.send(true);
        fire(this, 'support-chat-connection', { state });
      },
      message: (message, live) => {
        this.#team.message(message);
        if (message.sender.role === 'visitor') this.#rating.visitorWrote();
        this.#read.message(message, live);
        fire(this, 'support-chat-message', { message, live });
      },
      event: (event) => {
        this.#team.event(event);
        this.#email?.event(event);
        this.#rating.event(event);
        this.#read.event(event);
      },
      error: (error) => {
        fire(this, 'support-chat-error', error);
        return this.#email?.refused(error) ?? this.#rating.refused(error);
      },
    });
    const api = () => this.#config.api();
    // Before the resume controller: a page's identify, queued before the element, is in before it connects.
    this.#identity = new IdentityController(this, api, this.#connection);
    new ResumeController(this, api, this.#connection);
    // Keeps a phone's full-screen panel above the on-screen keyboard.
    new ViewportController(this, () => this.renderRoot.querySelector?.<HTMLElement>('.log'));
    new StandInController(this);
    this.#team = new TeamStateController(this, api, this.#chunks, this.#typing);
    this.#rating = new RatingController(this, this.client, this.#chunks);
    this.#files = new FilesLoader(this, this.#chunks, {
      client: this.client,
      open: () => this.opened,
      maxBytes: () => this.#team.status?.attachmentMaxBytes,
      texts: () => this.#texts,
      lang: () => this.#lang,
      sent: () => this.#sticky.scrollToEnd(),
    });
  }

  /** Opens the panel (and connects, creating the visitor's key on first use). */
  open(): void {
    this.opened = true;
  }

  /** Closes the panel; the conversation stays connected. */
  close(): void {
    this.opened = false;
  }

  /** Opens the panel if it is closed, closes it otherwise. */
  toggle(): void {
    this.opened = !this.opened;
  }

  /**
   * Tells the agents who the visitor is. With `token` (or `getToken`, which the widget calls
   * for a fresh one before it expires and when it is refused): a signed-in customer, whom
   * the company's backend vouches for, with one conversation on all their devices. Without:
   * a name and/or email the visitor typed, shown to agents as not verified.
   */
  identify(profile: VisitorProfile & IdentitySource): void {
    this.#identity.identify(profile);
  }

  /** Sign-out on a shared computer: forgets the conversation, closes the panel; the next visitor starts anonymous. */
  reset(): void {
    this.#composer.draft = '';
    this.#identity.reset();
  }

  /** The site chats with signed-in customers only, and none is signed in. */
  get #signInRequired(): boolean {
    return this.#team.status?.identity === 'required' && !this.#identity.signedIn;
  }

  /**
   * Tells the agents that the visitor is on another page, for a single-page app's router
   * (the widget notices popstate, hashchange and the Navigation API's navigatesuccess
   * itself). Sent once a burst of changes has settled, and only once the visitor has acted.
   */
  notePageChange(): void {
    this.#page.note();
  }

  /** The conversation as plain text, as the transcript download has it (a file by its name and size). */
  transcript(): string {
    return visitorTranscript(this.#texts, this.#lang, this.client.messages(), this.#files.views?.pending() ?? this.client.pending());
  }

  /** Saves the transcript as a .txt file. */
  downloadTranscript(): void {
    downloadText(this.renderRoot, `chat-transcript-${today()}.txt`, this.transcript());
  }

  /** Emails the conversation to the visitor's address (`emailTranscript`), asking for one first when none is known. */
  emailTranscript(): void {
    if (this.#email) this.#email.emailTranscript();
    else {
      this.#transcriptAsked = true;
      this.requestUpdate();
    }
  }

  get #lang(): string {
    return pickLanguage(this.lang);
  }

  get #texts(): SupportChatStrings {
    return visitorTexts(this, this.#lang, this.#chunks, this.#team.status);
  }

  /**
   * Rendered, with what it draws a stand-in for until it comes (ChunkLoader's `hold`: the
   * visitor's texts, the form before the first message). The other chunks come as
   * team.json does, and render when they do.
   */
  protected override getUpdateComplete(): Promise<boolean> {
    return this.#chunks.rendered(() => super.getUpdateComplete());
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('opened') && this.opened) this.#read.markIfSeen();
    if (!this.#email && (this.#transcriptAsked || emailFormsNeeded(this, this.#team.away))) {
      const chunk = formBeforeFirstMessage(this, this.#team) ? this.#chunks.hold('email') : this.#chunks.get('email');
      if (!chunk) return;
      this.#email = new chunk.EmailCaptureController(this, this.#team, this.#dialog, this.#connection, () => this.#texts);
      if (this.#transcriptAsked) this.#email.emailTranscript();
    }
  }

  override updated(changed: PropertyValues<this>): void {
    // The panel opened before team.json said that this site chats with signed-in customers only.
    if (this.#signInRequired && this.client.state !== 'idle') this.client.disconnect();
    // Set through the CSSOM, which a strict Content-Security-Policy allows (a style attribute it would not).
    for (const [axis, value] of [
      ['x', this.offsetX],
      ['y', this.offsetY],
    ])
      if (value) this.style.setProperty(`--support-chat-offset-${axis}`, /^\d+$/.test(value!) ? `${value}px` : value!);
    if (!changed.has('opened') || (changed.get('opened') === undefined && !this.opened)) return;
    if (this.opened) {
      this.client.tabStore.set('panel', 'open');
      this.#dialog.focusComposer();
      fire(this, 'support-chat-open', {});
      if (!this.#signInRequired) this.client.connect();
    } else {
      this.client.tabStore.remove('panel');
      fire(this, 'support-chat-close', {});
    }
  }

  /**
   * The composer, or instead the pre-chat form (nothing while its code is on its way: the
   * first message waits for the form), or why the visitor cannot chat as they are.
   */
  #composerView(m: PanelModel, prechat: unknown) {
    const refusal = this.#identity.refusal;
    if (refusal || this.#signInRequired) return signInView(m.strings.signInToChat, refusal);
    if (!this.#email && !this.#chunks.failed('email') && formBeforeFirstMessage(this, this.#team)) return nothing;
    return prechat ?? composerView(m, this.#composer);
  }

  readonly #onLauncher = () => {
    this.#attention.unlockSound();
    this.toggle();
  };

  override render() {
    const s = this.#texts;
    const lang = this.#lang;
    const client = this.client;
    const team = this.#team;
    const email = this.#email?.view(s, lang);

    const m: PanelModel = {
      strings: s,
      lang,
      client,
      files: this.#files.views,
      ...team.line(s, lang, client.state),
      notice: this.#connection.notice,
      note: this.#email?.note,
      ask: email?.ask,
      agentReadSeq: this.#read.agentReadSeq,
      closed: team.closed,
      rating: this.#rating.card(s, lang),
      download: () => this.downloadTranscript(),
      emailMe: team.status?.emailReplies && visitorWrote(client) ? () => this.emailTranscript() : undefined,
      close: this.#dialog.close,
      dismiss: () => this.#connection.dismiss(),
    };

    // After hours with afterHours "hide", no launcher, unless the visitor has a conversation here.
    const hidden = team.away && team.status!.settings.afterHours === 'hide' && !this.opened && !client.hasVisitorKey;
    const launcher = hidden ? nothing : launcherView(s, this.opened, this.#read.unread, this.#onLauncher);
    return chatView(m, this.opened, this.#dialog, this.#composerView(m, email?.prechat), launcher);
  }
}

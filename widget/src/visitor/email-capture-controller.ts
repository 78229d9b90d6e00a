import type { ServerEvent } from '@support-chat/backend/protocol';
import { localized } from '@support-chat/backend/protocol/team';
import { html, type ReactiveElement, type TemplateResult } from 'lit';
import type { ChatClient, ServerError, VisitorProfile } from '../client/chat-client.ts';
import type { ConnectionController } from '../shared/connection-controller.ts';
import { format } from '../shared/format.ts';
import { adopt } from './adopt-styles.ts';
import type { DialogController } from './dialog-controller.ts';
import { addressRequired, formBeforeFirstMessage, prechatMode, visitorWrote } from './email-forms.ts';
import type { SupportChatStrings } from './strings.ts';
import formStyles from './styles/forms.styles.ts';
import type { TeamStateController } from './team-state-controller.ts';
import { type IdentityForm, identityView } from './views/identity-form.ts';

/** What asking for an address needs of the element. */
export interface EmailCaptureHost extends ReactiveElement {
  readonly client: ChatClient;
  prechat: string | boolean;
  identify(profile: VisitorProfile): void;
  emailTranscript(): void;
}

/** The forms to show, if any. */
export interface EmailCaptureView {
  /** The form before the first message, in place of the composer. */
  prechat: TemplateResult | undefined;
  /** The inline form at the end of the conversation, or its confirmation. */
  ask: TemplateResult | undefined;
}

/**
 * Asking the visitor for a name and an email address, sent with `identify` (a chunk of its
 * own, load-extra.ts, from when a form may show: see emailFormsNeeded): the pre-chat
 * form (`prechat="required"`, or an address while nobody is there with afterHours
 * "require-email"), the inline one after the first message (a name and an address offered
 * with `prechat="optional"`, an address for the reply while nobody is there), and
 * emailing the transcript (asking for an address first when none is known). The server's
 * refusal goes back into the form; its confirmations end the conversation.
 */
export class EmailCaptureController {
  /** A confirmation at the end of the conversation ("We emailed you this conversation."). */
  note: string | undefined;
  /** The inline form asks for an address to email the transcript to. */
  #wantTranscript = false;
  /** The address the inline form sent, for its confirmation. */
  #emailed = '';
  /** A form sent `identify`: the server's refusal goes back into it (the form shows again). */
  #formSent = false;
  /** The server refused what the form sent. */
  #formError: string | undefined;
  readonly #host: EmailCaptureHost;
  readonly #team: TeamStateController;
  readonly #dialog: DialogController;
  readonly #connection: ConnectionController;
  readonly #texts: () => SupportChatStrings;

  constructor(
    host: EmailCaptureHost,
    team: TeamStateController,
    dialog: DialogController,
    connection: ConnectionController,
    texts: () => SupportChatStrings,
  ) {
    this.#host = host;
    this.#team = team;
    this.#dialog = dialog;
    this.#connection = connection;
    this.#texts = texts;
    adopt(host, [formStyles]);
  }

  /** Emails the conversation to the visitor's address (`emailTranscript`), asking for one first when none is known. */
  emailTranscript(): void {
    const host = this.#host;
    this.note = undefined;
    this.#wantTranscript = !host.client.profile?.email;
    if (this.#wantTranscript) void host.updateComplete.then(() => host.renderRoot.querySelector<HTMLElement>('.ask input')?.focus());
    else host.client.send({ action: 'emailTranscript' });
    host.requestUpdate();
  }

  /** A refusal of the server: true when it shows here, where the visitor acted (in the form, or as the transcript's answer). */
  refused(error: ServerError): true | undefined {
    if (error.action === 'identify' && this.#formSent) this.#formError = error.message;
    else if (error.action === 'emailTranscript' && error.code === 'rate_limited') this.note = this.#texts().tooSoon;
    else return undefined;
    return true;
  }

  event(event: ServerEvent): void {
    if (event.type === 'transcriptSent') this.note = this.#texts().transcriptSent;
    // The address the transcript waited for.
    else if (event.type === 'profile' && event.email && this.#wantTranscript) this.#host.emailTranscript();
  }

  /** The forms for now, in the visitor's language. */
  view(s: SupportChatStrings, lang: string): EmailCaptureView {
    const { client, prechat } = this.#host;
    const team = this.#team;
    const away = team.away;
    const profile = client.profile;
    const mode = prechatMode(prechat);
    const wrote = visitorWrote(client);
    const requireEmail = addressRequired(this.#host, team);
    const showPrechat = formBeforeFirstMessage(this.#host, team);
    // After it, in the conversation: an address for the reply while nobody is there (below the
    // away reply, when the team has one), a name and an address offered (prechat="optional"),
    // or an address for the transcript.
    const awayAsk =
      away &&
      !!team.status!.emailReplies &&
      !profile?.email &&
      (client.messages().some((m) => m.sender.role === 'system') || !localized(team.status!.settings.awayMessage, lang));
    const ask =
      (this.#wantTranscript && !profile?.email) ||
      (wrote && client.store.get('ask') !== 'skipped' && (awayAsk || (mode === 'optional' && !profile && !away)));
    const form = (f: Omit<IdentityForm, 'nameRequired' | 'error'>) =>
      identityView(s, { ...f, nameRequired: mode === 'required', error: this.#formError }, this.#onIdentity);
    return {
      prechat: showPrechat
        ? form({
            part: 'prechat',
            heading: requireEmail ? s.byEmail : s.prechat,
            name: mode !== 'off',
            emailRequired: requireEmail,
            button: s.start,
            skip: undefined,
          })
        : undefined,
      ask: ask
        ? form({
            part: 'ask',
            heading: this.#wantTranscript ? s.emailMe : awayAsk ? s.byEmail : s.aboutYou,
            // One field for an address; a name too where the page left it for after the first message.
            name: !this.#wantTranscript && !awayAsk,
            emailRequired: this.#wantTranscript || awayAsk,
            button: s.save,
            skip: this.#onSkip,
          })
        : this.#emailed && profile?.email === this.#emailed
          ? html`<p part="ask" class="aside" role="status">${format(s.emailed, { email: this.#emailed })}</p>`
          : undefined,
    };
  }

  /** The pre-chat form and the inline one: what was given goes with `identify`; nothing given is "not now". */
  readonly #onIdentity = (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const name = String(data.get('name') ?? '');
    this.#emailed = String(data.get('email') ?? '').trim();
    this.#formError = undefined;
    if (!name.trim() && !this.#emailed) return this.#onSkip();
    this.#formSent = true;
    this.#host.identify({ name, email: this.#emailed });
    this.#connection.dismiss();
    void this.#host.updateComplete.then(() => this.#dialog.focusComposer());
  };

  readonly #onSkip = () => {
    this.#host.client.store.set('ask', 'skipped');
    this.#wantTranscript = false;
    this.#host.requestUpdate();
    void this.#host.updateComplete.then(() => this.#dialog.focusComposer());
  };
}

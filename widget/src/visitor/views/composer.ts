import { html, nothing } from 'lit';
import { draftStatus } from '../../shared/composer.ts';
import { ICON_SEND, icon } from '../../shared/icons.ts';
import type { SupportChatStrings } from '../strings.ts';
import type { PanelModel } from './model.ts';

/** The message form, with the characters-left counter near the limit. */
export function composerView(m: PanelModel) {
  const s = m.strings;
  const status = draftStatus(m.draft, s);
  return html`
    ${m.files?.notice()}
    <form
      part="composer"
      class="composer"
      @submit=${(event: Event) => {
        event.preventDefault();
        m.send();
      }}
    >
      ${m.files?.button()}
      <textarea
        part="input"
        rows="1"
        aria-label=${s.placeholder}
        placeholder=${s.placeholder}
        .value=${m.draft}
        @input=${(event: Event) => m.input((event.target as HTMLTextAreaElement).value)}
        @keydown=${(event: KeyboardEvent) => {
          // Enter sends; Shift+Enter is a new line; an IME's Enter is left alone.
          if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
          event.preventDefault();
          m.send();
        }}
        @blur=${m.stopTyping}
      ></textarea>
      <button part="send" class="send" type="submit" aria-label=${s.send} ?disabled=${status.empty || status.tooLong}>${icon(ICON_SEND, 24)}</button>
    </form>
    ${
      status.counter
        ? html`<p part="counter" class="counter ${status.tooLong ? 'over' : ''}" aria-live="polite">${status.counter}</p>`
        : nothing
    }
  `;
}

/** What an identity form asks, and how. */
export interface IdentityForm {
  /** `prechat`: before the first message; `ask`: inline, after it. */
  part: 'prechat' | 'ask';
  heading: string;
  /** Ask for a name too (required or optional). */
  name: boolean;
  nameRequired: boolean;
  emailRequired: boolean;
  button: string;
  /** The server refused the address. */
  error: string | undefined;
  skip: (() => void) | undefined;
}

/**
 * A name and an email address, sent with `identify`: the pre-chat form, or the inline
 * one after the first message. The browser checks the fields (an address's form, what
 * is required) and says what is wrong, on the field itself.
 */
export function identityView(s: SupportChatStrings, f: IdentityForm, submit: (event: SubmitEvent) => void) {
  const label = (text: string, required: boolean) => (required ? text : `${text} (${s.optional})`);
  return html`
    <form part=${f.part} class="form ${f.part}" @submit=${submit}>
      <p>${f.heading}</p>
      ${
        f.name
          ? html`<label>${label(s.name, f.nameRequired)}<input name="name" ?required=${f.nameRequired} maxlength="80" autocomplete="name" /></label>`
          : nothing
      }
      <label
        >${label(s.email, f.emailRequired)}<input
          name="email"
          type="email"
          ?required=${f.emailRequired}
          maxlength="254"
          autocomplete="email"
          aria-invalid=${f.error ? 'true' : nothing}
          aria-describedby=${f.error ? 'form-error' : nothing}
      /></label>
      ${f.error ? html`<p id="form-error" class="form-error" role="alert">${f.error}</p>` : nothing}
      <div class="actions">
        <button class="primary" type="submit">${f.button}</button>
        ${f.skip ? html`<button class="link" type="button" @click=${f.skip}>${s.skip}</button>` : nothing}
      </div>
    </form>
  `;
}

/** In place of the composer when the visitor cannot chat as they are: not signed in where the site requires it, or their sign-in refused. */
export function signInView(text: string, reason?: string) {
  return html`<p part="composer" class="composer signin" role="status">${text}${reason ? html`<small>${reason}</small>` : nothing}</p>`;
}

import { html, nothing } from 'lit';
import type { SupportChatStrings } from '../strings.ts';

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

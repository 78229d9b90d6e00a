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
    <form
      part="composer"
      class="composer"
      @submit=${(event: Event) => {
        event.preventDefault();
        m.send();
      }}
    >
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

/** The pre-chat form: a name (and an optional email) before the first message. */
export function prechatView(s: SupportChatStrings, submit: (event: SubmitEvent) => void) {
  return html`
    <form part="prechat" class="prechat" @submit=${submit}>
      <p>${s.prechat}</p>
      <label>${s.name}<input name="name" required maxlength="80" autocomplete="name" /></label>
      <label>${s.email}<input name="email" type="email" maxlength="254" autocomplete="email" /></label>
      <button class="primary" type="submit">${s.start}</button>
    </form>
  `;
}

import { html, nothing } from 'lit';
import { draftStatus } from '../../shared/composer.ts';
import { ICON_SEND, icon } from '../../shared/icons.ts';
import type { ComposerController } from '../composer-controller.ts';
import type { PanelModel } from './model.ts';

/** The message form, with the characters-left counter near the limit. */
export function composerView(m: PanelModel, c: ComposerController) {
  const s = m.strings;
  const status = draftStatus(c.draft, s);
  return html`
    ${m.files?.notice()}
    <form
      part="composer"
      class="composer"
      @submit=${(event: Event) => {
        event.preventDefault();
        c.send();
      }}
    >
      ${m.files?.button()}
      <textarea
        part="input"
        rows="1"
        aria-label=${s.placeholder}
        placeholder=${s.placeholder}
        .value=${c.draft}
        @input=${(event: Event) => c.input((event.target as HTMLTextAreaElement).value)}
        @keydown=${(event: KeyboardEvent) => {
          // Enter sends; Shift+Enter is a new line; an IME's Enter is left alone.
          if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
          event.preventDefault();
          c.send();
        }}
        @blur=${() => c.stopTyping()}
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

/** In place of the composer when the visitor cannot chat as they are: not signed in where the site requires it, or their sign-in refused. */
export function signInView(text: string, reason?: string) {
  return html`<p part="composer" class="composer signin" role="status">${text}${reason ? html`<small>${reason}</small>` : nothing}</p>`;
}

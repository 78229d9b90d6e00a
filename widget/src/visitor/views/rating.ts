import { MAX_RATING_COMMENT_LENGTH, MAX_RATING_SCORE, textLength } from '@support-chat/backend/protocol/limits';
import { html, nothing } from 'lit';
import { format } from '../../shared/format.ts';
import { ratingFace } from '../../shared/rating-faces.ts';
import type { RatingController } from '../rating-controller.ts';
import { RATING_STRINGS, type SupportChatRatingStrings } from '../rating-strings.ts';
import type { SupportChatStrings } from '../strings.ts';

const SCORES = Array.from({ length: MAX_RATING_SCORE }, (_, i) => i + 1);

/**
 * The rating card at the end of a closed conversation that asks for one: five faces as a
 * radio group (arrow keys move between them), an optional comment with its counter, and
 * Send; once rated, the face given, the comment, and Change while the rating may change.
 */
export function ratingView(c: RatingController, texts: SupportChatStrings, lang: string) {
  if (!c.request) return nothing;
  const s: SupportChatRatingStrings & SupportChatStrings = { ...RATING_STRINGS[lang]!, ...texts };
  const labels = s.ratingLabels.split('|');
  const rating = c.request.rating;
  if (!c.asking && rating) {
    return html`
      <section part="rating" class="rating rated" aria-label=${s.ratingQuestion} tabindex="-1">
        <p class="rating-given">${ratingFace(rating.score)}<span>${format(s.ratingYours, { label: labels[rating.score - 1] ?? String(rating.score) })}</span></p>
        ${rating.comment ? html`<q class="rating-comment">${rating.comment}</q>` : nothing}
        <p class="rating-note" role="status">${c.error ?? s.ratingThanks}</p>
        ${
          c.changeable
            ? html`<p class="rating-note">${format(s.ratingUntil, { t: until(c.request.changeableUntil, lang) })}
              <button class="link rating-change" type="button" @click=${() => c.change()}>${s.ratingChange}</button></p>`
            : nothing
        }
      </section>
    `;
  }
  const over = c.over;
  const counter = format(over > 0 ? s.tooLong : s.charsLeft, {
    n: over > 0 ? over : MAX_RATING_COMMENT_LENGTH - textLength(c.comment.trim()),
  });
  return html`
    <form part="rating" class="rating" @submit=${(event: SubmitEvent) => {
      event.preventDefault();
      c.submit(s.ratingOffline);
    }}>
      <fieldset class="faces" role="radiogroup" aria-labelledby="rating-question" aria-describedby=${c.missingScore ? 'rating-pick' : nothing}>
        <legend id="rating-question">${s.ratingQuestion}</legend>
        ${SCORES.map(
          (score) => html`<label class="face-choice">
            <input type="radio" name="rating-score" .value=${String(score)} .checked=${c.score === score} @change=${() => c.pick(score)} />
            ${ratingFace(score, 32)}<span>${labels[score - 1]}</span>
          </label>`,
        )}
      </fieldset>
      ${c.missingScore ? html`<p id="rating-pick" class="form-error" role="alert">${s.ratingPick}</p>` : nothing}
      <label class="rating-comment-field">${s.ratingComment}
        <textarea
          name="rating-comment"
          rows="2"
          .value=${c.comment}
          aria-invalid=${over > 0 ? 'true' : nothing}
          aria-describedby="rating-counter"
          @input=${(event: InputEvent) => c.write((event.target as HTMLTextAreaElement).value)}
        ></textarea>
      </label>
      <p id="rating-counter" class="counter ${over > 0 ? 'over' : ''}" aria-live="polite">${counter}</p>
      ${c.error ? html`<p class="form-error" role="alert">${c.error}</p>` : nothing}
      <div class="actions">
        <button class="primary" type="submit" ?disabled=${c.sending}>${c.sending ? s.ratingSending : s.ratingSend}</button>
        ${c.editing ? html`<button class="link" type="button" @click=${() => c.cancel()}>${s.ratingCancel}</button>` : nothing}
      </div>
    </form>
  `;
}

/** The day and time a rating can be changed until, in the visitor's language. */
function until(iso: string | undefined, lang: string): string {
  if (!iso) return '';
  return new Date(iso).toLocaleString(lang, { weekday: 'long', hour: 'numeric', minute: '2-digit' });
}

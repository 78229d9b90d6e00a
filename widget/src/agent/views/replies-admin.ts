import type { SavedReply } from '@support-chat/backend/protocol';
import { MAX_NAME_LENGTH, MAX_SHORTCUT_LENGTH, MAX_TEXT_LENGTH } from '@support-chat/backend/protocol/limits';
import { html, nothing } from 'lit';
import { format } from '../../shared/format.ts';
import type { RepliesController, ReplyDraft } from '../replies-controller.ts';
import type { TextLanguage } from '../settings-form-controller.ts';
import type { SupportAgentConsoleStrings } from '../strings.ts';
import { languageName, TEXT_LANGUAGES } from './settings.ts';

/** What the admins' saved-replies page shows, and what its buttons do. */
export interface RepliesAdminModel {
  strings: SupportAgentConsoleStrings;
  replies: RepliesController;
  /** Asks before deleting (the console's confirmation dialog). */
  confirmDelete(reply: SavedReply): void;
}

/** The languages a reply has a text in, as a person reads them. */
const filledLanguages = (s: SupportAgentConsoleStrings, reply: SavedReply) =>
  TEXT_LANGUAGES.filter((lang) => reply.text[lang]?.trim())
    .map((lang) => languageName(s, lang))
    .join(', ');

export function repliesAdminView(m: RepliesAdminModel) {
  const s = m.strings;
  const r = m.replies;
  const error = r.error !== undefined && !r.draft ? r.error || s.notConnected : undefined;
  return html`
    <section class="card replies-admin" aria-labelledby="replies-title">
      <div class="card-head">
        <h3 id="replies-title">${s.repliesTitle}</h3>
        ${r.draft ? nothing : html`<button class="primary small new-reply" @click=${() => r.edit()}>+ ${s.newReply}</button>`}
      </div>
      <p class="help">${s.repliesLead}</p>
      <p class="help"><code>{{visitor.name|there}}</code>, <code>{{agent.name}}</code>: ${s.repliesVariables}</p>
      ${error !== undefined ? html`<p class="save-state error" role="alert">${format(s.replyRefused, { message: error })}</p>` : nothing}
      ${r.draft && !r.draft.id ? editor(m, r.draft) : nothing}
      ${
        r.replies.length === 0
          ? html`<p class="muted">${s.repliesNone}</p>`
          : html`<ul class="reply-list">
            ${r.replies.map((reply) =>
              r.draft?.id === reply.id
                ? html`<li>${editor(m, r.draft)}</li>`
                : html`<li class="reply-item" data-shortcut=${reply.shortcut}>
                  <div class="reply-summary">
                    <span class="reply-line"><code>/${reply.shortcut}</code><strong>${reply.title}</strong></span>
                    <span class="reply-preview">${Object.values(reply.text).find((t) => t?.trim()) ?? ''}</span>
                    <small class="muted">${s.languagesFilled}: ${filledLanguages(s, reply)}</small>
                  </div>
                  <div class="reply-actions">
                    <button class="ghost small" aria-label=${format(s.editReplyLabel, { shortcut: reply.shortcut })} @click=${() => r.edit(reply)}>${s.editReply}</button>
                    <button class="ghost small danger-text" aria-label=${format(s.deleteReplyLabel, { shortcut: reply.shortcut })} @click=${() => m.confirmDelete(reply)}>${s.deleteReply}</button>
                  </div>
                </li>`,
            )}
          </ul>`
      }
    </section>
  `;
}

/** One reply's shortcut, title and texts per language, saved with `saveReply`. */
function editor(m: RepliesAdminModel, draft: ReplyDraft) {
  const s = m.strings;
  const r = m.replies;
  const lang = r.language;
  const submit = (event: Event) => {
    event.preventDefault();
    r.save();
  };
  const onTabKey = (e: KeyboardEvent) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    e.preventDefault();
    const next = TEXT_LANGUAGES[(TEXT_LANGUAGES.indexOf(lang) + step + TEXT_LANGUAGES.length) % TEXT_LANGUAGES.length]!;
    r.selectLanguage(next);
    const list = (e.currentTarget as HTMLElement).closest('[role="tablist"]');
    void Promise.resolve().then(() => list?.querySelector<HTMLElement>(`#reply-lang-${next}`)?.focus());
  };
  const refusal = r.error !== undefined ? r.error || s.notConnected : undefined;
  const tab = (l: TextLanguage) => html`<button type="button" role="tab" id="reply-lang-${l}" aria-selected=${l === lang ? 'true' : 'false'}
    aria-controls="reply-lang-panel" tabindex=${l === lang ? 0 : -1} @click=${() => r.selectLanguage(l)} @keydown=${onTabKey}>
    ${languageName(s, l)}${draft.text[l]?.trim() ? html`<i class="filled" aria-hidden="true"></i>` : nothing}
  </button>`;
  return html`
    <form class="reply-editor" @submit=${submit} @keydown=${(e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        r.cancel();
      }
    }}>
      <div class="reply-fields">
        <label class="field shortcut-field">
          <span>${s.shortcut}</span>
          <span class="shortcut-input"><span aria-hidden="true">/</span><input name="shortcut" required maxlength=${MAX_SHORTCUT_LENGTH}
            autocomplete="off" spellcheck="false" .value=${draft.shortcut} aria-describedby="shortcut-help"
            @input=${(e: Event) => r.change((d) => (d.shortcut = (e.target as HTMLInputElement).value.toLowerCase()))} /></span>
          <small class="help" id="shortcut-help">${s.shortcutHelp}</small>
        </label>
        <label class="field">
          <span>${s.replyTitle}</span>
          <input name="title" required maxlength=${MAX_NAME_LENGTH} .value=${draft.title}
            @input=${(e: Event) => r.change((d) => (d.title = (e.target as HTMLInputElement).value))} />
        </label>
      </div>
      <div class="lang-tabs" role="tablist" aria-label=${s.languages}>${TEXT_LANGUAGES.map(tab)}</div>
      <div id="reply-lang-panel" role="tabpanel" aria-labelledby="reply-lang-${lang}">
        <label class="field">
          <span>${s.replyTextLabel} (${languageName(s, lang)})</span>
          <textarea name="text" rows="4" maxlength=${MAX_TEXT_LENGTH} .value=${draft.text[lang] ?? ''}
            @input=${(e: Event) => r.change((d) => (d.text[lang] = (e.target as HTMLTextAreaElement).value))}></textarea>
          <small class="help">${s.replyTextHelp}</small>
        </label>
      </div>
      ${refusal !== undefined ? html`<p class="save-state error" role="alert">${format(s.replyRefused, { message: refusal })}</p>` : nothing}
      <div class="editor-actions">
        <button type="button" class="ghost" @click=${() => r.cancel()}>${s.cancel}</button>
        <button type="submit" class="primary save-reply" ?disabled=${r.saving}>${r.saving ? s.replySaving : s.saveReply}</button>
      </div>
    </form>
  `;
}

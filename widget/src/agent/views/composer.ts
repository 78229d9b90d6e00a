import type { SavedReply } from '@support-chat/backend/protocol';
import { html, nothing } from 'lit';
import { draftStatus } from '../../shared/composer.ts';
import { format } from '../../shared/format.ts';
import { ICON_SEND, icon } from '../../shared/icons.ts';
import type { ComposerController, ReplyPicker } from '../composer-controller.ts';
import type { FileParts } from '../conversation-files.ts';
import { fillVariables, replyText } from '../saved-replies.ts';
import type { SupportAgentConsoleStrings } from '../strings.ts';

/** What the reply box shows: the draft, Reply or Note, and the saved replies under a `/`. */
export interface ComposerModel {
  strings: SupportAgentConsoleStrings;
  roomId: string;
  /** Who the reply is for ("Sam Rivera", "Visitor"). */
  name: string;
  draft: string;
  /** The room does not exist: nothing to send. */
  disabled: boolean;
  composer: ComposerController;
  /** For the previews: the visitor's language and name, and this agent's name. */
  visitorLang: string | undefined;
  visitorName: string | undefined;
  agentName: string;
  /** Whether the team has any saved reply at all. */
  hasReplies: boolean;
  /** The file button, where files may go. */
  files: Pick<FileParts, 'button'>;
}

const PICKER_ID = 'saved-replies';
const optionId = (reply: SavedReply) => `saved-reply-${reply.id}`;

export function composerView(m: ComposerModel) {
  const s = m.strings;
  const c = m.composer;
  const note = c.mode(m.roomId) === 'note';
  const status = draftStatus(m.draft, s);
  const picker = c.picker?.roomId === m.roomId ? c.picker : undefined;
  const active = picker?.matches[picker.active];
  const placeholder = format(note ? s.notePlaceholder : s.replyPlaceholder, { name: m.name });
  return html`
    <form part="composer" class="composer ${note ? 'note' : ''}" @submit=${(event: Event) => {
      event.preventDefault();
      c.send();
    }}>
      ${picker ? pickerView(m, picker) : nothing}
      <div class="composer-mode" role="radiogroup" aria-label=${s.composerMode}>
        ${(['reply', 'note'] as const).map(
          (mode) => html`<label class="mode-${mode}">
            <input type="radio" name="composer-mode" value=${mode} .checked=${c.mode(m.roomId) === mode} @change=${() => c.setMode(m.roomId, mode)} />
            <span>${mode === 'note' ? s.modeNote : s.modeReply}</span>
          </label>`,
        )}
      </div>
      <textarea
        rows="1"
        aria-label=${placeholder}
        placeholder=${placeholder}
        aria-autocomplete="list"
        aria-controls=${picker?.matches.length ? PICKER_ID : nothing}
        aria-activedescendant=${active ? optionId(active) : nothing}
        .value=${m.draft}
        ?disabled=${m.disabled}
        @input=${c.onInput}
        @keydown=${c.onKeydown}
        @keyup=${c.onCaret}
        @click=${c.onCaret}
        @blur=${c.onBlur}
      ></textarea>
      <div class="composer-foot">
        ${m.disabled ? nothing : m.files.button}
        <span class="hint">${note ? s.noteHint : s.composerHint}</span>
        ${status.counter ? html`<span class="counter ${status.tooLong ? 'over' : ''}" aria-live="polite">${status.counter}</span>` : nothing}
        <button class="primary send" type="submit" ?disabled=${status.empty || status.tooLong || m.disabled}>${icon(ICON_SEND, 16)}<span>${note ? s.addNote : s.send}</span></button>
      </div>
    </form>
  `;
}

/** The saved replies that match the `/query`: shortcut, title and the start of the text as it would go in. */
function pickerView(m: ComposerModel, picker: ReplyPicker) {
  const s = m.strings;
  const c = m.composer;
  const count = picker.matches.length;
  const empty = !m.hasReplies ? s.noSavedReplies : format(s.noReplyMatch, { query: picker.at.query });
  return html`
    <div class="reply-picker">
      <p class="sr" role="status">${count ? format(s.savedRepliesCount, { n: count }) : empty}</p>
      ${
        count
          ? html`<ul id=${PICKER_ID} role="listbox" aria-label=${s.savedReplies}>
            ${picker.matches.map((reply, i) => {
              const preview = fillVariables(replyText(reply.text, m.visitorLang), { visitorName: m.visitorName, agentName: m.agentName });
              return html`<li
                id=${optionId(reply)}
                role="option"
                aria-selected=${i === picker.active ? 'true' : 'false'}
                class="reply-option ${i === picker.active ? 'active' : ''}"
                @mousedown=${(event: Event) => event.preventDefault()}
                @click=${() => c.insert(reply)}
              >
                <span class="reply-line"><code>/${reply.shortcut}</code><strong>${reply.title}</strong></span>
                <span class="reply-preview">${preview}</span>
              </li>`;
            })}
          </ul>`
          : html`<p class="reply-empty" aria-hidden="true">${empty}</p>`
      }
    </div>
  `;
}

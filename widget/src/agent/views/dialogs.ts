import { MAX_NAME_LENGTH } from '@support-chat/backend/protocol/limits';
import { html, nothing } from 'lit';
import { format } from '../../shared/format.ts';
import { ICON_CHECK, icon } from '../../shared/icons.ts';
import { AVATAR_COLORS, agentAvatar, colorClass } from '../format.ts';
import type { ModalController } from '../modal-controller.ts';
import type { RosterController } from '../roster-controller.ts';
import type { SupportAgentConsoleStrings } from '../strings.ts';

/** What the open dialog (if any) needs. */
export interface DialogsModel {
  strings: SupportAgentConsoleStrings;
  modal: ModalController;
  roster: RosterController;
  /** The signed-in agent: their id, the name their messages carry, their avatar colour. */
  me: { agentId: string | undefined; name: string; color: string | undefined };
}

/** The console's modal dialog: a confirmation, or the agent's own profile. */
export function dialogsView(m: DialogsModel) {
  const open = m.modal.open;
  if (!open) return nothing;
  const s = m.strings;
  const dismiss = (event: Event) => {
    event.preventDefault();
    m.modal.close();
  };
  if (open.kind === 'confirm') {
    const r = open.request;
    return html`
      <dialog class="modal confirm" aria-labelledby="dialog-title" aria-describedby="dialog-message" @cancel=${dismiss}>
        <h2 id="dialog-title">${r.title}</h2>
        <p id="dialog-message">${r.message}</p>
        <div class="dialog-actions">
          <button class="secondary" autofocus @click=${() => m.modal.close()}>${s.cancel}</button>
          <button class="primary ${r.danger ? 'danger' : ''} confirm-yes" @click=${() => m.modal.accept()}>${r.confirm}</button>
        </div>
      </dialog>
    `;
  }
  return profileDialog(m, dismiss);
}

/** The agent's display name and avatar colour, saved with `updateProfile`. */
function profileDialog(m: DialogsModel, dismiss: (event: Event) => void) {
  const s = m.strings;
  const roster = m.roster;
  const saving = roster.pending === 'updateProfile';
  const refusal = roster.refusal?.action === 'updateProfile' ? roster.refusal.message || s.notConnected : undefined;
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const name = String(data.get('name') ?? '').trim();
    const color = String(data.get('color') ?? '') || undefined;
    if (name && m.me.agentId) roster.updateProfile(m.me.agentId, name, color);
  };
  return html`
    <dialog class="modal profile-editor" aria-labelledby="dialog-title" @cancel=${dismiss}>
      <form @submit=${submit}>
        <h2 id="dialog-title">${s.profileTitle}</h2>
        <p class="help">${s.profileLead}</p>
        <div class="profile-preview">${agentAvatar({ name: m.me.name, color: m.me.color })}</div>
        <label class="field">
          <span>${s.displayName}</span>
          <input name="name" required maxlength=${MAX_NAME_LENGTH} autocomplete="name" .value=${m.me.name} />
        </label>
        <fieldset class="palette">
          <legend>${s.avatarColor}</legend>
          ${AVATAR_COLORS.map(
            (color, i) => html`<label class="swatch" title=${format(s.colorName, { n: i + 1 })}>
              <input type="radio" name="color" value=${color} .checked=${(m.me.color ?? AVATAR_COLORS[0]) === color} aria-label=${format(s.colorName, { n: i + 1 })} />
              <span class="swatch-color ${colorClass(color)}"></span>
            </label>`,
          )}
        </fieldset>
        <p class="dialog-state" role="status">${!refusal && roster.profileSaved ? html`${icon(ICON_CHECK, 16)}${s.profileSaved}` : nothing}</p>
        ${refusal ? html`<p class="dialog-state error" role="alert">${format(s.agentRefused, { message: refusal })}</p>` : nothing}
        <div class="dialog-actions">
          <button type="button" class="secondary" @click=${() => m.modal.close()}>${s.close}</button>
          <button type="submit" class="primary" ?disabled=${saving || !m.me.agentId}>${saving ? s.saving : s.saveProfile}</button>
        </div>
      </form>
    </dialog>
  `;
}

import { PERSON_SELECTOR_KINDS, type PersonCounts, type PersonSelectorKind } from '@support-chat/backend/protocol';
import { html, nothing } from 'lit';
import { fileSize, format } from '../../shared/format.ts';
import { shortId } from '../format.ts';
import type { PrivacyController } from '../privacy-controller.ts';
import type { SupportAgentConsoleStrings } from '../strings.ts';

/** What the admins' privacy page shows, and what its buttons do. */
export interface PrivacyAdminModel {
  strings: SupportAgentConsoleStrings;
  privacy: PrivacyController;
  /** Asks before erasing (the console's confirmation dialog). */
  confirmErase(): void;
}

const kindLabel = (s: SupportAgentConsoleStrings, kind: PersonSelectorKind) =>
  ({ email: s.privacyByEmail, room: s.privacyByRoom, customer: s.privacyByCustomer })[kind];

export function privacyAdminView(m: PrivacyAdminModel) {
  const s = m.strings;
  const p = m.privacy;
  const busy = p.pending !== undefined;
  return html`
    <section class="card privacy-admin" aria-labelledby="privacy-title">
      <h3 id="privacy-title">${s.privacyTitle}</h3>
      <p class="help">${s.privacyLead}</p>
      <form class="privacy-find" @submit=${(e: Event) => {
        e.preventDefault();
        p.find();
      }}>
        <label class="field">
          <span>${s.privacyFindBy}</span>
          <select name="kind" .value=${p.kind} @change=${(e: Event) => p.edit((e.target as HTMLSelectElement).value as PersonSelectorKind, p.value)}>
            ${PERSON_SELECTOR_KINDS.map((kind) => html`<option value=${kind} ?selected=${p.kind === kind}>${kindLabel(s, kind)}</option>`)}
          </select>
        </label>
        <label class="field grow">
          <span>${kindLabel(s, p.kind)}</span>
          <input name="value" required autocomplete="off" spellcheck="false" maxlength="320" .value=${p.value}
            @input=${(e: Event) => p.edit(p.kind, (e.target as HTMLInputElement).value)} />
        </label>
        <button type="submit" class="primary find" ?disabled=${busy || !p.value.trim()}>${p.pending === 'findPerson' ? s.privacyFinding : s.privacyFind}</button>
      </form>
      ${p.refusal !== undefined ? html`<p class="save-state error" role="alert">${format(s.agentRefused, { message: p.refusal || s.notConnected })}</p>` : nothing}
      ${p.erased ? html`<p class="save-state erased" role="status">${format(s.privacyErased, { items: total(p.erased.counts, false), files: p.erased.counts.files ?? 0 })}</p>` : nothing}
      ${p.found ? foundView(m) : nothing}
    </section>
  `;
}

function foundView(m: PrivacyAdminModel) {
  const s = m.strings;
  const p = m.privacy;
  const found = p.found!;
  if (found.roomIds.length === 0) return html`<p class="muted privacy-none" role="status">${s.privacyNothing}</p>`;
  const rows: [string, number][] = [
    [s.privacyCountRoomItems, found.counts.roomItems ?? 0],
    [s.privacyCountMessages, found.counts.messages ?? 0],
    [s.privacyCountBindings, found.counts.customerBindings ?? 0],
    [s.privacyCountConnections, found.counts.connections ?? 0],
    [s.privacyCountFiles, found.counts.files ?? 0],
  ];
  const busy = p.pending !== undefined;
  return html`
    <div class="privacy-found" role="status">
      <p>${format(found.roomIds.length === 1 ? s.privacyFoundOne : s.privacyFound, { n: found.roomIds.length })}
        ${found.roomIds.map((roomId) => html`<code title=${roomId}>${shortId(roomId)}</code> `)}</p>
      <dl class="privacy-counts">${rows.map(([label, n]) => html`<div><dt>${label}</dt><dd>${n}</dd></div>`)}</dl>
      <div class="privacy-actions">
        <button class="ghost export" ?disabled=${busy} @click=${() => p.export()}>${p.pending === 'exportPerson' ? s.privacyExporting : s.privacyExport}</button>
        <button class="ghost danger-text erase" ?disabled=${busy} @click=${() => m.confirmErase()}>${s.privacyErase}</button>
      </div>
      ${p.exported ? exportedView(m) : nothing}
    </div>
  `;
}

function exportedView(m: PrivacyAdminModel) {
  const s = m.strings;
  const exported = m.privacy.exported!;
  return html`
    <div class="privacy-exported">
      <p>${s.privacyExported}</p>
      ${
        exported.files.length
          ? html`<p class="help">${s.privacyFilesLead}</p>
            <ul class="privacy-files">${exported.files.map(
              (file) =>
                html`<li><a href=${file.url} download=${file.name ?? ''} target="_blank" rel="noopener">${file.name ?? file.key}</a> <span class="muted">${fileSize(file.size)}</span></li>`,
            )}</ul>`
          : nothing
      }
    </div>
  `;
}

/** Every item counted (files apart, with `files` false). */
function total(counts: PersonCounts, files: boolean): number {
  return Object.entries(counts).reduce((sum, [kind, n]) => (kind === 'files' && !files ? sum : sum + n), 0);
}

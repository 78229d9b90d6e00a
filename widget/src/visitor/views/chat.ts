import { html, nothing } from 'lit';
import type { DialogController } from '../dialog-controller.ts';
import { headerView } from './header.ts';
import { logView } from './log.ts';
import type { PanelModel } from './model.ts';

/**
 * The panel, a dialog (the header, the log, then `composer`: the composer or what takes its
 * place), and the launcher. title="" keeps the host's title attribute (the header text)
 * from becoming a tooltip over the whole widget; lang tells screen readers the texts' language.
 */
export function chatView(m: PanelModel, opened: boolean, dialog: DialogController, composer: unknown, launcher: unknown) {
  return html`
    <div class="root" title="" lang=${m.lang}>
      <section
        id="panel"
        part="panel"
        class="panel ${opened ? 'open' : ''}"
        role="dialog"
        aria-modal=${dialog.modal ? 'true' : nothing}
        aria-label=${m.strings.title}
        @keydown=${dialog.keydown}
      >
        ${headerView(m)} ${logView(m)} ${composer}
      </section>
      ${launcher}
    </div>
  `;
}

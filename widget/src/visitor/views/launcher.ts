import { html, nothing } from 'lit';
import { format } from '../../shared/format.ts';
import { ICON_CHAT, ICON_CLOSE, icon } from '../../shared/icons.ts';
import type { SupportChatStrings } from '../strings.ts';

/** The round button that opens and closes the panel, with the count of unread replies while it is closed. */
export function launcherView(s: SupportChatStrings, opened: boolean, unread: number, toggle: () => void) {
  const label = opened ? s.closeChat : unread ? `${s.openChat}, ${format(s.unread, { n: unread })}` : s.openChat;
  return html`<button
    part="launcher"
    class="launcher"
    aria-expanded=${opened ? 'true' : 'false'}
    aria-controls="panel"
    aria-label=${label}
    @click=${toggle}
  >
    ${icon(opened ? ICON_CLOSE : ICON_CHAT, 24)}
    ${unread && !opened ? html`<span part="badge" class="badge" aria-hidden="true">${unread > 99 ? '99+' : unread}</span>` : nothing}
  </button>`;
}

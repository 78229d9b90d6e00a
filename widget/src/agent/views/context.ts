import type { RoomSummary, VisitorContext } from '@support-chat/backend/protocol';
import { html, nothing } from 'lit';
import { format } from '../../shared/format.ts';
import { clockTime, fullTime, relativeTime } from '../../shared/time.ts';
import type { SupportAgentConsoleStrings } from '../strings.ts';

/** What the visitor's browser told: the page, where they came from, their browser, clock and language, and their other conversations. */
export interface ContextModel {
  strings: SupportAgentConsoleStrings;
  context: VisitorContext | undefined;
  now: number;
  /** The visitor's other conversations (same email); undefined: not known (no email, or not asked yet). */
  earlier: RoomSummary[] | undefined;
  open(roomId: string): void;
}

/** "Tue 3:05 PM" in the visitor's time zone, or nothing for a zone this browser does not know. */
function localTime(timeZone: string, now: number): string | undefined {
  try {
    return new Intl.DateTimeFormat(undefined, { timeZone, weekday: 'short', hour: 'numeric', minute: '2-digit' }).format(now);
  } catch {
    return undefined;
  }
}

/** "German (Austria)" for de-AT, in the agent's own language; the tag itself where the browser cannot name it. */
function languageName(tag: string): string {
  try {
    return new Intl.DisplayNames(undefined, { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** A URL as a person reads it: host and path, without the scheme. */
const shortUrl = (url: string) => url.replace(/^https?:\/\//, '').replace(/\/$/, '');

/** Rows for what the visitor sent, and none for what they did not. */
export function contextRows(m: ContextModel) {
  const s = m.strings;
  const c = m.context ?? {};
  const time = c.timeZone ? localTime(c.timeZone, m.now) : undefined;
  const system = [c.browser, c.os].filter(Boolean).join(' · ');
  return html`
    ${
      c.page
        ? html`<div class="ctx-page">
          <dt>${s.contextPage}</dt>
          <dd>
            <a href=${c.page.url} target="_blank" rel="noopener noreferrer">${c.page.title || shortUrl(c.page.url)}</a>
            ${c.page.title ? html`<span class="ctx-url">${shortUrl(c.page.url)}</span>` : nothing}
            <span class="ctx-since muted">${format(s.contextSince, { time: clockTime(c.page.at) })}</span>
          </dd>
        </div>`
        : nothing
    }
    ${
      c.referrer
        ? html`<div class="ctx-referrer"><dt>${s.contextReferrer}</dt><dd><a href=${c.referrer} target="_blank" rel="noopener noreferrer">${shortUrl(c.referrer)}</a></dd></div>`
        : nothing
    }
    ${system ? html`<div class="ctx-browser"><dt>${s.contextBrowser}</dt><dd>${system}</dd></div>` : nothing}
    ${time ? html`<div class="ctx-time"><dt>${s.contextLocalTime}</dt><dd>${time} <span class="muted">(${c.timeZone})</span></dd></div>` : nothing}
    ${c.lang ? html`<div class="ctx-lang"><dt>${s.contextLanguage}</dt><dd>${languageName(c.lang)}</dd></div>` : nothing}
  `;
}

/** The visitor's other conversations, newest first: each opens on a click. */
export function earlierRooms(m: ContextModel) {
  const s = m.strings;
  if (m.earlier === undefined) return nothing;
  return html`
    <section class="ctx-earlier" aria-labelledby="ctx-earlier">
      <h4 id="ctx-earlier">${s.contextEarlier}</h4>
      ${
        m.earlier.length === 0
          ? html`<p class="muted">${s.contextNoEarlier}</p>`
          : html`<ul>
            ${m.earlier.map((room) => {
              const when = relativeTime(room.lastMessageAt, s, new Date(m.now));
              return html`<li>
                <button class="earlier-room" data-room-id=${room.roomId} title=${fullTime(room.lastMessageAt)}
                  aria-label=${format(s.contextOpenRoom, { when: fullTime(room.lastMessageAt), preview: room.lastMessagePreview })}
                  @click=${() => m.open(room.roomId)}>
                  <span class="earlier-head"><span class="chip ${room.status}">${room.status === 'closed' ? s.statusClosed : s.statusOpen}</span><time datetime=${room.lastMessageAt}>${when}</time></span>
                  <span class="earlier-preview">${room.lastMessagePreview}</span>
                </button>
              </li>`;
            })}
          </ul>`
      }
    </section>
  `;
}

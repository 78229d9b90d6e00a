import type { Rating, RoomSummary } from '@support-chat/backend/protocol';
import { html, nothing } from 'lit';
import { format } from '../../shared/format.ts';
import { ICON_AGENT, ICON_CLOSE, icon } from '../../shared/icons.ts';
import { ratingFace } from '../../shared/rating-faces.ts';
import { fullTime } from '../../shared/time.ts';
import { hueOf, initials, knownName, shownEmail, visitorName } from '../format.ts';
import type { SupportAgentConsoleStrings } from '../strings.ts';
import { contextRows, earlierRooms } from './context.ts';
import { customerDetails, notVerifiedTag, sameAsVerified, verifiedMark } from './customer.ts';

/** What the visitor-details panel shows. */
export interface ProfileModel {
  strings: SupportAgentConsoleStrings;
  roomId: string;
  room: RoomSummary | undefined;
  now: number;
  /** Other agents in the room, not counting this console. */
  others: number;
  /** The visitor's other conversations; undefined: not known. */
  earlier: RoomSummary[] | undefined;
  copied: boolean;
  copyRoomId(): void;
  open(roomId: string): void;
  /** Hides the panel (where it lies over the conversation). */
  hide(): void;
}

export function profileView(m: ProfileModel) {
  const { strings: s, roomId, room, others } = m;
  const name = visitorName(room, s);
  const known = knownName(room);
  const email = shownEmail(room);
  return html`
    <aside class="profile" part="profile" aria-label=${s.showProfile}>
      <button class="icon profile-close" aria-label=${s.hideProfile} title=${s.hideProfile} @click=${() => m.hide()}>${icon(ICON_CLOSE)}</button>
      <div class="profile-head">
        <span class="avatar large hue-${hueOf(roomId)}" aria-hidden="true">${known ? initials(known) : icon(ICON_AGENT, 22)}</span>
        <h3>${name}${room?.customer ? verifiedMark(s, 16) : nothing}</h3>
        <p>${email ? html`${email.email}${email.verified ? nothing : html` ${notVerifiedTag(s)}`}` : s.profile}</p>
      </div>
      ${room?.customer ? customerDetails(s, room.customer, m.now) : nothing}
      <dl>
        ${contextRows({ strings: s, context: room?.visitor, now: m.now, earlier: m.earlier, open: m.open })}
        ${typedRows(s, room)}
        <div>
          <dt>${s.profileRoom}</dt>
          <dd class="room-full">
            <code>${roomId}</code>
            <button class="link" @click=${() => m.copyRoomId()}>${m.copied ? s.copied : s.copy}</button>
          </dd>
        </div>
        ${
          room
            ? html`
              <div><dt>${s.profileStarted}</dt><dd>${fullTime(room.createdAt)}</dd></div>
              <div><dt>${s.profileLastMessage}</dt><dd>${fullTime(room.lastMessageAt)}</dd></div>
              ${room.rating ? ratingRow(s, room.rating) : nothing}
              <div><dt>${s.profileStatus}</dt><dd><span class="chip ${room.status}">${room.status === 'closed' ? s.statusClosed : s.statusOpen}</span></dd></div>
              <div><dt>${s.profileAgents}</dt><dd>${others ? format(s.agentsHereOthers, { n: others }) : s.agentsHere}</dd></div>
            `
            : nothing
        }
      </dl>
      ${earlierRooms({ strings: s, context: room?.visitor, now: m.now, earlier: m.earlier, open: m.open })}
    </aside>
  `;
}

/** The visitor's satisfaction rating: its face and score, when given and changed, and the comment. */
function ratingRow(s: SupportAgentConsoleStrings, rating: Rating) {
  return html`<div class="rating">
    <dt>${s.profileRating}</dt>
    <dd>
      <span class="rating-score">${ratingFace(rating.score, 20)}${format(s.ratingScore, { score: String(rating.score) })}</span>
      <span class="muted">${fullTime(rating.changedAt ?? rating.ratedAt)}${rating.changedAt ? ` · ${s.ratingChanged}` : ''}</span>
      ${rating.comment ? html`<q class="rating-comment">${rating.comment}</q>` : nothing}
    </dd>
  </div>`;
}

/**
 * What the visitor typed themselves, tagged "not verified". Beside a verified customer, only
 * what says something else than the verified name or email (and then as "typed").
 */
function typedRows(s: SupportAgentConsoleStrings, room: RoomSummary | undefined) {
  const customer = room?.customer;
  const typed = (shown: unknown) => html`${shown} ${notVerifiedTag(s)}`;
  const notGiven = html`<span class="muted">${s.notGiven}</span>`;
  const name = room?.visitorName;
  const email = room?.visitorEmail;
  const mail = email ? html`<a href="mailto:${email}">${email}</a>` : nothing;
  if (!customer) {
    return html`
      <div class="typed-name"><dt>${s.profileName}</dt><dd>${name ? typed(name) : notGiven}</dd></div>
      <div class="typed-email"><dt>${s.profileEmail}</dt><dd>${email ? typed(mail) : notGiven}</dd></div>
    `;
  }
  return html`
    ${name && !sameAsVerified(name, customer.name, 'name') ? html`<div class="typed-name"><dt>${s.typedName}</dt><dd>${typed(name)}</dd></div>` : nothing}
    ${email && !sameAsVerified(email, customer.email, 'email') ? html`<div class="typed-email"><dt>${s.typedEmail}</dt><dd>${typed(mail)}</dd></div>` : nothing}
  `;
}

import type { Message, RoomSummary } from '@support-chat/backend/protocol';
import { html } from 'lit';
import { format } from '../shared/format.ts';
import { stamp } from '../shared/time.ts';
import { transcriptText, withFile } from '../shared/transcript.ts';
import type { SupportAgentConsoleStrings } from './strings.ts';
import { markText } from './views/timeline.ts';

/** The first characters of a room id: enough to tell rooms apart at a glance, and to say on the phone. */
export const shortId = (roomId: string) => roomId.slice(0, 6);

type Who = Pick<RoomSummary, 'visitorName' | 'customer'> | undefined;

/** The visitor's name, if any is known: the verified customer's, else the one they typed. */
export const knownName = (room: Who) => room?.customer?.name || room?.visitorName || undefined;

/** "Sam Rivera" (verified, else typed), or "Visitor" when there is no name. */
export const visitorName = (room: Who, s: SupportAgentConsoleStrings) => knownName(room) || s.visitor;

/** The visitor's email to show: the verified customer's, else the one they typed (`verified` says which). */
export function shownEmail(
  room: Pick<RoomSummary, 'visitorEmail' | 'customer'> | undefined,
): { email: string; verified: boolean } | undefined {
  if (room?.customer?.email) return { email: room.customer.email, verified: true };
  return room?.visitorEmail ? { email: room.visitorEmail, verified: false } : undefined;
}

/** Up to two initials for an avatar. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0]![0], words.at(-1)![0]] : [...(words[0] ?? '?')].slice(0, 1);
  return letters.join('').toUpperCase();
}

/** One of eight avatar hues, the same for a room every time. */
export function hueOf(roomId: string): number {
  let h = 0;
  for (const c of roomId) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h % 8;
}

/** The conversation as plain text: who and which room, then one line per message; notes and marks say what they are. */
export function conversationTranscript(
  roomId: string,
  room: RoomSummary | undefined,
  messages: readonly Message[],
  s: SupportAgentConsoleStrings,
): string {
  const name = visitorName(room, s);
  const email = shownEmail(room)?.email;
  const heading = [
    format(s.transcriptTitle, { name: email ? `${name} <${email}>` : name }),
    `${s.transcriptRoom}: ${roomId}`,
    ...(room ? [`${s.profileStarted}: ${stamp(room.createdAt)}`] : []),
  ];
  return transcriptText(
    heading,
    messages.map((m) => {
      // Names, never "You": a transcript is read by others.
      if (m.event) return { at: m.createdAt, who: s.transcriptMark, text: markText(m.event, s, undefined) };
      const who =
        m.sender.role === 'visitor' ? m.sender.name || name : m.sender.role === 'system' ? s.automaticReply : m.sender.name || s.agent;
      return {
        at: m.createdAt,
        who: m.internal ? format(s.transcriptNote, { name: who }) : who,
        text: withFile(m.text, m.attachment, navigator.language),
      };
    }),
  );
}

/** The avatar colours an agent picks from: each carries white initials at 4.5:1 or better. */
export const AVATAR_COLORS = ['#2563eb', '#0f766e', '#15803d', '#a16207', '#c2410c', '#be123c', '#7c3aed', '#475569'] as const;

/**
 * The class that gives an element one of the avatar colours (`--agent-color`), none for a
 * colour outside them. A class, not a style attribute: pages with a strict CSP refuse those.
 */
export const colorClass = (color: string | undefined) => {
  const index = (AVATAR_COLORS as readonly string[]).indexOf(color?.toLowerCase() ?? '');
  return index === -1 ? '' : `agent-color-${index}`;
};

/** An agent's avatar: their initials on their colour (the console's accent until they pick one). */
export function agentAvatar(agent: { name: string; color?: string | undefined }, size: 'tiny' | 'small' | '' = '') {
  return html`<span class="avatar agent-avatar ${size} ${colorClass(agent.color)}" aria-hidden="true">${initials(agent.name)}</span>`;
}

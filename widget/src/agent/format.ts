import type { Message, RoomSummary } from '@support-chat/backend/protocol';
import { format } from '../shared/format.ts';
import { stamp } from '../shared/time.ts';
import { transcriptText } from '../shared/transcript.ts';
import type { SupportAgentConsoleStrings } from './strings.ts';

/** The first characters of a room id: enough to tell rooms apart at a glance, and to say on the phone. */
export const shortId = (roomId: string) => roomId.slice(0, 6);

/** "Sam Rivera", or "Visitor" when the visitor gave no name. */
export const visitorName = (room: Pick<RoomSummary, 'visitorName'> | undefined, s: SupportAgentConsoleStrings) =>
  room?.visitorName || s.visitor;

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

/** The conversation as plain text: who and which room, then one line per message. */
export function conversationTranscript(
  roomId: string,
  room: RoomSummary | undefined,
  messages: readonly Message[],
  s: SupportAgentConsoleStrings,
): string {
  const name = visitorName(room, s);
  const heading = [
    format(s.transcriptTitle, { name: room?.visitorEmail ? `${name} <${room.visitorEmail}>` : name }),
    `${s.transcriptRoom}: ${roomId}`,
    ...(room ? [`${s.profileStarted}: ${stamp(room.createdAt)}`] : []),
  ];
  return transcriptText(
    heading,
    messages.map((m) => ({
      at: m.createdAt,
      who: m.sender.role === 'visitor' ? m.sender.name || name : m.sender.role === 'system' ? s.automaticReply : m.sender.name || s.agent,
      text: m.text,
    })),
  );
}

import type { Message, RoomSummary } from '@support-chat/backend/protocol';
import { format, type SupportAgentConsoleStrings } from './strings.ts';

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

const sameDay = (a: Date, b: Date) => a.toDateString() === b.toDateString();

/** A compact time for lists: "now", "5m", "3h", "Yesterday", "Mon", "12 Mar", "12 Mar 2024". */
export function relativeTime(iso: string, s: SupportAgentConsoleStrings, now = new Date()): string {
  const then = new Date(iso);
  const seconds = Math.max(0, (now.getTime() - then.getTime()) / 1000);
  if (seconds < 60) return 'now';
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
  if (sameDay(then, now) || seconds < 6 * 3600) return `${Math.floor(seconds / 3600)}h`;
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (sameDay(then, yesterday)) return s.yesterday;
  if (seconds < 6 * 86400) return new Intl.DateTimeFormat('en', { weekday: 'short' }).format(then);
  return new Intl.DateTimeFormat('en', {
    day: 'numeric',
    month: 'short',
    ...(then.getFullYear() !== now.getFullYear() && { year: 'numeric' }),
  }).format(then);
}

/** "14:05" */
export const clockTime = (iso: string) => new Intl.DateTimeFormat('en', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));

/** "Today", "Yesterday" or "Tuesday, 12 March 2024": the separator between days in a conversation. */
export function dayLabel(iso: string, s: SupportAgentConsoleStrings, now = new Date()): string {
  const then = new Date(iso);
  if (sameDay(then, now)) return s.today;
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (sameDay(then, yesterday)) return s.yesterday;
  return new Intl.DateTimeFormat('en', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(then);
}

/** "12 Mar 2025, 14:05" */
export const fullTime = (iso: string) =>
  new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));

/** "2025-03-12 14:05" in local time: sorts, and reads the same everywhere. */
export function stamp(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The conversation as plain text: a heading with who and which room, then one line per message. */
export function transcriptText(roomId: string, room: RoomSummary | undefined, messages: readonly Message[], s: SupportAgentConsoleStrings): string {
  const name = visitorName(room, s);
  const lines = [
    format(s.transcriptTitle, { name: room?.visitorEmail ? `${name} <${room.visitorEmail}>` : name }),
    `${s.transcriptRoom}: ${roomId}`,
    ...(room ? [`${s.profileStarted}: ${stamp(room.createdAt)}`] : []),
    '',
  ];
  for (const m of messages) {
    const who = m.sender.role === 'visitor' ? m.sender.name || name : m.sender.name || s.agent;
    lines.push(`[${stamp(m.createdAt)}] ${who}: ${m.text}`);
  }
  return `${lines.join('\n')}\n`;
}

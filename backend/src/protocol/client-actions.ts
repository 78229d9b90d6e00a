// The namespace import lets a bundler keep only the schema builders used here: the
// named `z` export carries all of zod (454 kB of a handler's bundle, against 90 kB).
import * as z from 'zod';
import {
  CLIENT_MSG_ID_PATTERN,
  MAX_EMAIL_LENGTH,
  MAX_HOLIDAYS,
  MAX_NAME_LENGTH,
  MAX_PAGE_SIZE,
  MAX_TEAM_TEXT_LENGTH,
  ROOM_ID_PATTERN,
} from './limits.ts';
import { CLOCK_PATTERN, clockMinutes, DATE_PATTERN, isTimeZone } from './schedule.ts';

/**
 * Frames a client sends. Every schema is strict: a field the protocol does not name is
 * a bad_request, so a typo never silently does nothing. The text length is checked
 * separately (see parseClientFrame) because "too long" has its own error code.
 */
const roomId = z.string().regex(ROOM_ID_PATTERN, 'roomId must be a 43-character room id');
const seq = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const limit = z.number().int().min(1).max(MAX_PAGE_SIZE);

export const sendMessageSchema = z.strictObject({
  action: z.literal('sendMessage'),
  clientMsgId: z.string().regex(CLIENT_MSG_ID_PATTERN, 'clientMsgId must be 1-64 of [A-Za-z0-9_-]'),
  text: z.string(),
  roomId: roomId.optional(),
});

export const historySchema = z
  .strictObject({
    action: z.literal('history'),
    roomId: roomId.optional(),
    before: seq.optional(),
    after: seq.optional(),
    limit: limit.optional(),
  })
  .refine((f) => f.before === undefined || f.after === undefined, {
    message: 'give before or after, not both',
  });

export const typingSchema = z.strictObject({
  action: z.literal('typing'),
  roomId: roomId.optional(),
  isTyping: z.boolean(),
});

export const readSchema = z.strictObject({
  action: z.literal('read'),
  roomId: roomId.optional(),
  seq,
});

export const identifySchema = z
  .strictObject({
    action: z.literal('identify'),
    name: z.string().trim().min(1).max(MAX_NAME_LENGTH).optional(),
    email: z.string().trim().max(MAX_EMAIL_LENGTH).pipe(z.email()).optional(),
  })
  .refine((f) => f.name !== undefined || f.email !== undefined, {
    message: 'give a name, an email or both',
  });

export const joinSchema = z.strictObject({ action: z.literal('join'), roomId });
export const leaveSchema = z.strictObject({ action: z.literal('leave'), roomId });
export const listRoomsSchema = z.strictObject({
  action: z.literal('listRooms'),
  status: z.enum(['open', 'closed']).optional(),
  limit: limit.optional(),
});
export const closeRoomSchema = z.strictObject({ action: z.literal('closeRoom'), roomId });
export const pingSchema = z.strictObject({ action: z.literal('ping') });

const timeZone = z.string().max(64).refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin');

/** The visitor's language (a BCP 47 tag such as "de" or "pt-BR") and time zone, for replies and emails in them. */
export const contextSchema = z.strictObject({
  action: z.literal('context'),
  lang: z.string().regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,3}$/, 'must be a language tag such as de or pt-BR'),
  timeZone: timeZone.optional(),
});
export const emailTranscriptSchema = z.strictObject({ action: z.literal('emailTranscript') });
export const setStatusSchema = z.strictObject({ action: z.literal('setStatus'), status: z.enum(['available', 'away']) });
export const getTeamSchema = z.strictObject({ action: z.literal('getTeam') });

const text = z.string().trim().max(MAX_TEAM_TEXT_LENGTH);
const localizedText = z.strictObject({
  en: text.optional(),
  de: text.optional(),
  es: text.optional(),
  fr: text.optional(),
  default: text.optional(),
});
const span = z
  .strictObject({
    from: z.string().regex(CLOCK_PATTERN, 'must be HH:MM on a quarter hour'),
    to: z.string().regex(CLOCK_PATTERN, 'must be HH:MM on a quarter hour'),
  })
  .refine((s) => clockMinutes(s.from) < clockMinutes(s.to), 'must end after it starts');
/** A day's openings, at most four, in order and not overlapping. */
const spans = z
  .array(span)
  .max(4)
  .refine(
    (list) => list.every((s, i) => i === 0 || clockMinutes(list[i - 1]!.to) <= clockMinutes(s.from)),
    'must be in order, without overlaps',
  );
export const teamSettingsSchema = z.strictObject({
  name: z.string().trim().min(1).max(MAX_NAME_LENGTH),
  hours: z.strictObject({
    timeZone,
    weekly: z.strictObject({
      sun: spans.optional(),
      mon: spans.optional(),
      tue: spans.optional(),
      wed: spans.optional(),
      thu: spans.optional(),
      fri: spans.optional(),
      sat: spans.optional(),
    }),
    holidays: z.array(z.string().regex(DATE_PATTERN, 'must be a date, YYYY-MM-DD')).max(MAX_HOLIDAYS),
  }),
  greeting: localizedText,
  awayMessage: localizedText,
  replyTime: z.union([z.strictObject({ mode: z.literal('measured') }), z.strictObject({ mode: z.literal('fixed'), text: localizedText })]),
  afterHours: z.enum(['ask-email', 'require-email', 'hide']),
});
export const updateSettingsSchema = z.strictObject({ action: z.literal('updateSettings'), settings: teamSettingsSchema });

/** Each action's schema, keyed by its name: the router and the parser read this table. */
export const clientActionSchemas = {
  sendMessage: sendMessageSchema,
  history: historySchema,
  typing: typingSchema,
  read: readSchema,
  identify: identifySchema,
  join: joinSchema,
  leave: leaveSchema,
  listRooms: listRoomsSchema,
  closeRoom: closeRoomSchema,
  ping: pingSchema,
  context: contextSchema,
  emailTranscript: emailTranscriptSchema,
  setStatus: setStatusSchema,
  getTeam: getTeamSchema,
  updateSettings: updateSettingsSchema,
} as const;

export type ClientAction = keyof typeof clientActionSchemas;
export type ClientFrameOf<A extends ClientAction> = z.output<(typeof clientActionSchemas)[A]>;
export type ClientFrame = { [A in ClientAction]: ClientFrameOf<A> }[ClientAction];

export type SendMessageFrame = ClientFrameOf<'sendMessage'>;
export type HistoryFrame = ClientFrameOf<'history'>;
export type TypingFrame = ClientFrameOf<'typing'>;
export type ReadFrame = ClientFrameOf<'read'>;
export type IdentifyFrame = ClientFrameOf<'identify'>;
export type JoinFrame = ClientFrameOf<'join'>;
export type LeaveFrame = ClientFrameOf<'leave'>;
export type ListRoomsFrame = ClientFrameOf<'listRooms'>;
export type CloseRoomFrame = ClientFrameOf<'closeRoom'>;
export type ContextFrame = ClientFrameOf<'context'>;
export type SetStatusFrame = ClientFrameOf<'setStatus'>;
export type UpdateSettingsFrame = ClientFrameOf<'updateSettings'>;

/** Actions only an agent may send; a visitor sending one gets `forbidden`. */
export const AGENT_ONLY_ACTIONS: ReadonlySet<ClientAction> = new Set([
  'join',
  'leave',
  'listRooms',
  'closeRoom',
  'setStatus',
  'getTeam',
  'updateSettings',
]);
/** Actions only a visitor may send. */
export const VISITOR_ONLY_ACTIONS: ReadonlySet<ClientAction> = new Set(['identify', 'context', 'emailTranscript']);
/** Actions only an agent in the admins group may send. */
export const ADMIN_ONLY_ACTIONS: ReadonlySet<ClientAction> = new Set(['updateSettings']);

export function isClientAction(value: unknown): value is ClientAction {
  return typeof value === 'string' && Object.hasOwn(clientActionSchemas, value);
}

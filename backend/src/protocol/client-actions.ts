import * as z from 'zod/mini';
import { agentActionSchemas } from './agent-actions.ts';
import { ATTACHMENT_ID_PATTERN, ATTACHMENT_TYPES, type AttachmentType, MAX_ATTACHMENT_NAME_LENGTH } from './attachments.ts';
import {
  CLIENT_MSG_ID_PATTERN,
  MAX_EMAIL_LENGTH,
  MAX_NAME_LENGTH,
  MAX_PAGE_SIZE,
  MAX_RATING_COMMENT_LENGTH,
  MAX_RATING_SCORE,
  MIN_RATING_SCORE,
  ROOM_ID_PATTERN,
  textLength,
} from './limits.ts';
import { privacyActionSchemas } from './privacy-actions.ts';
import { reportActionSchemas } from './report-actions.ts';
import { teamActionSchemas } from './team-actions.ts';
import './zod-messages.ts';

/**
 * Frames a client sends. Every schema is strict: a field the protocol does not name is
 * a bad_request, so a typo never silently does nothing. The text length is checked
 * separately (see parseClientFrame) because "too long" has its own error code.
 */
export const roomId = z.string().check(z.regex(ROOM_ID_PATTERN, 'roomId must be a 43-character room id'));
const seq = z.int().check(z.minimum(0), z.maximum(Number.MAX_SAFE_INTEGER));
export const limit = z.int().check(z.minimum(1), z.maximum(MAX_PAGE_SIZE));

const clientMsgId = z.string().check(z.regex(CLIENT_MSG_ID_PATTERN, 'clientMsgId must be 1-64 of [A-Za-z0-9_-]'));
const attachmentId = z.string().check(z.regex(ATTACHMENT_ID_PATTERN, 'attachmentId must be the id an uploadSlot gave'));

export const sendMessageSchema = z.strictObject({
  action: z.literal('sendMessage'),
  clientMsgId,
  /** May be empty when the message carries a file. */
  text: z.string(),
  roomId: z.optional(roomId),
  /** Agents: a note for colleagues, never shown to the visitor. */
  internal: z.optional(z.literal(true)),
  /** A file uploaded into the slot that `uploadSlot` gave for this room. */
  attachment: z.optional(z.strictObject({ id: attachmentId })),
});

/** Asks where to upload a file: the answer is a presigned S3 POST for this one file. */
export const uploadSlotSchema = z.strictObject({
  action: z.literal('uploadSlot'),
  /** The message the file will go with: the answer carries it back. */
  clientMsgId,
  roomId: z.optional(roomId),
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_ATTACHMENT_NAME_LENGTH)),
  type: z.enum(Object.keys(ATTACHMENT_TYPES) as [AttachmentType, ...AttachmentType[]]),
  size: z.int().check(z.minimum(1), z.maximum(Number.MAX_SAFE_INTEGER)),
});

/** Asks for a short-lived link to a file of a message in a room the caller may read. */
export const attachmentUrlSchema = z.strictObject({
  action: z.literal('attachmentUrl'),
  roomId: z.optional(roomId),
  attachmentId,
});

export const historySchema = z
  .strictObject({
    action: z.literal('history'),
    roomId: z.optional(roomId),
    before: z.optional(seq),
    after: z.optional(seq),
    limit: z.optional(limit),
  })
  .check(z.refine((f) => f.before === undefined || f.after === undefined, 'give before or after, not both'));

export const typingSchema = z.strictObject({
  action: z.literal('typing'),
  roomId: z.optional(roomId),
  isTyping: z.boolean(),
});

export const readSchema = z.strictObject({
  action: z.literal('read'),
  roomId: z.optional(roomId),
  seq,
});

export const identifySchema = z
  .strictObject({
    action: z.literal('identify'),
    name: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_NAME_LENGTH))),
    email: z.optional(z.pipe(z.string().check(z.trim(), z.maxLength(MAX_EMAIL_LENGTH)), z.email())),
  })
  .check(z.refine((f) => f.name !== undefined || f.email !== undefined, 'give a name, an email or both'));

export const joinSchema = z.strictObject({ action: z.literal('join'), roomId });
export const leaveSchema = z.strictObject({ action: z.literal('leave'), roomId });
export const listRoomsSchema = z.strictObject({
  action: z.literal('listRooms'),
  status: z.optional(z.enum(['open', 'closed'])),
  limit: z.optional(limit),
});
export const closeRoomSchema = z.strictObject({
  action: z.literal('closeRoom'),
  roomId,
  /** Ask the visitor to rate the conversation (the default); false: close without asking. */
  askRating: z.optional(z.boolean()),
});

/**
 * The visitor rates the conversation an agent closed and asked about: a score from 1 (very
 * bad) to 5 (very good) and an optional comment, counted in characters after trimming. Sent
 * again, it changes the rating (for 24 hours after the first).
 */
export const rateSchema = z.strictObject({
  action: z.literal('rate'),
  roomId: z.optional(roomId),
  score: z.int().check(z.minimum(MIN_RATING_SCORE), z.maximum(MAX_RATING_SCORE)),
  comment: z.optional(
    z.string().check(
      z.trim(),
      z.refine((text) => textLength(text) <= MAX_RATING_COMMENT_LENGTH, `must be at most ${MAX_RATING_COMMENT_LENGTH} characters`),
    ),
  ),
});
export const pingSchema = z.strictObject({ action: z.literal('ping') });

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
  rate: rateSchema,
  ping: pingSchema,
  uploadSlot: uploadSlotSchema,
  attachmentUrl: attachmentUrlSchema,
  ...teamActionSchemas,
  ...agentActionSchemas,
  ...privacyActionSchemas,
  ...reportActionSchemas,
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
export type RateFrame = ClientFrameOf<'rate'>;
export type ContextFrame = ClientFrameOf<'context'>;
export type SetStatusFrame = ClientFrameOf<'setStatus'>;
export type UpdateSettingsFrame = ClientFrameOf<'updateSettings'>;
export type AssignFrame = ClientFrameOf<'assign'>;
export type UnassignFrame = ClientFrameOf<'unassign'>;
export type ReopenRoomFrame = ClientFrameOf<'reopenRoom'>;
export type SaveReplyFrame = ClientFrameOf<'saveReply'>;
export type DeleteReplyFrame = ClientFrameOf<'deleteReply'>;
export type UpdateProfileFrame = ClientFrameOf<'updateProfile'>;
export type InviteAgentFrame = ClientFrameOf<'inviteAgent'>;
export type RemoveAgentFrame = ClientFrameOf<'removeAgent'>;
export type SetAdminFrame = ClientFrameOf<'setAdmin'>;
export type VisitorRoomsFrame = ClientFrameOf<'visitorRooms'>;
export type UploadSlotFrame = ClientFrameOf<'uploadSlot'>;
export type AttachmentUrlFrame = ClientFrameOf<'attachmentUrl'>;
export type FindPersonFrame = ClientFrameOf<'findPerson'>;
export type ExportPersonFrame = ClientFrameOf<'exportPerson'>;
export type ErasePersonFrame = ClientFrameOf<'erasePerson'>;
export type ReportFrame = ClientFrameOf<'report'>;

/** Actions only an agent may send; a visitor sending one gets `forbidden`. */
export const AGENT_ONLY_ACTIONS: ReadonlySet<ClientAction> = new Set([
  'join',
  'leave',
  'listRooms',
  'closeRoom',
  'reopenRoom',
  'assign',
  'unassign',
  'visitorRooms',
  'setStatus',
  'getTeam',
  'updateSettings',
  'listReplies',
  'saveReply',
  'deleteReply',
  'updateProfile',
  'listAgents',
  'inviteAgent',
  'removeAgent',
  'setAdmin',
  'findPerson',
  'exportPerson',
  'erasePerson',
  'report',
]);
/** Actions only a visitor may send. */
export const VISITOR_ONLY_ACTIONS: ReadonlySet<ClientAction> = new Set(['identify', 'context', 'emailTranscript', 'rate']);
/** Actions only an agent in the admins group may send. */
export const ADMIN_ONLY_ACTIONS: ReadonlySet<ClientAction> = new Set([
  'findPerson',
  'exportPerson',
  'erasePerson',
  'updateSettings',
  'saveReply',
  'deleteReply',
  'inviteAgent',
  'removeAgent',
  'setAdmin',
]);

export function isClientAction(value: unknown): value is ClientAction {
  return typeof value === 'string' && Object.hasOwn(clientActionSchemas, value);
}

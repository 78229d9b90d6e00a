// The namespace import lets a bundler keep only the schema builders used here: the
// named `z` export carries all of zod (454 kB of a handler's bundle, against 90 kB).
import * as z from 'zod';
import { agentActionSchemas } from './agent-actions.ts';
import { ATTACHMENT_ID_PATTERN, ATTACHMENT_TYPES, type AttachmentType, MAX_ATTACHMENT_NAME_LENGTH } from './attachments.ts';
import { CLIENT_MSG_ID_PATTERN, MAX_EMAIL_LENGTH, MAX_NAME_LENGTH, MAX_PAGE_SIZE, ROOM_ID_PATTERN } from './limits.ts';
import { teamActionSchemas } from './team-actions.ts';

/**
 * Frames a client sends. Every schema is strict: a field the protocol does not name is
 * a bad_request, so a typo never silently does nothing. The text length is checked
 * separately (see parseClientFrame) because "too long" has its own error code.
 */
export const roomId = z.string().regex(ROOM_ID_PATTERN, 'roomId must be a 43-character room id');
const seq = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
export const limit = z.number().int().min(1).max(MAX_PAGE_SIZE);

const clientMsgId = z.string().regex(CLIENT_MSG_ID_PATTERN, 'clientMsgId must be 1-64 of [A-Za-z0-9_-]');
const attachmentId = z.string().regex(ATTACHMENT_ID_PATTERN, 'attachmentId must be the id an uploadSlot gave');

export const sendMessageSchema = z.strictObject({
  action: z.literal('sendMessage'),
  clientMsgId,
  /** May be empty when the message carries a file. */
  text: z.string(),
  roomId: roomId.optional(),
  /** Agents: a note for colleagues, never shown to the visitor. */
  internal: z.literal(true).optional(),
  /** A file uploaded into the slot that `uploadSlot` gave for this room. */
  attachment: z.strictObject({ id: attachmentId }).optional(),
});

/** Asks where to upload a file: the answer is a presigned S3 POST for this one file. */
export const uploadSlotSchema = z.strictObject({
  action: z.literal('uploadSlot'),
  /** The message the file will go with: the answer carries it back. */
  clientMsgId,
  roomId: roomId.optional(),
  name: z.string().trim().min(1).max(MAX_ATTACHMENT_NAME_LENGTH),
  type: z.enum(Object.keys(ATTACHMENT_TYPES) as [AttachmentType, ...AttachmentType[]]),
  size: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
});

/** Asks for a short-lived link to a file of a message in a room the caller may read. */
export const attachmentUrlSchema = z.strictObject({
  action: z.literal('attachmentUrl'),
  roomId: roomId.optional(),
  attachmentId,
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
  uploadSlot: uploadSlotSchema,
  attachmentUrl: attachmentUrlSchema,
  ...teamActionSchemas,
  ...agentActionSchemas,
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
]);
/** Actions only a visitor may send. */
export const VISITOR_ONLY_ACTIONS: ReadonlySet<ClientAction> = new Set(['identify', 'context', 'emailTranscript']);
/** Actions only an agent in the admins group may send. */
export const ADMIN_ONLY_ACTIONS: ReadonlySet<ClientAction> = new Set([
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

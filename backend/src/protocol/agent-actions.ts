import * as z from 'zod/mini';
import { MAX_EMAIL_LENGTH, MAX_NAME_LENGTH, MAX_SHORTCUT_LENGTH, MAX_TEXT_LENGTH, SHORTCUT_PATTERN } from './limits.ts';
import './zod-messages.ts';

/**
 * The agents' actions on a conversation (assignment, reopening, the visitor's other
 * conversations), on the team's saved replies, on their own profile, and the admins' on
 * the team's agents.
 */

const roomId = z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/, 'roomId must be a 43-character room id'));
/** A Cognito user's id (its `sub`). */
const agentId = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,128}$/, 'agentId must be an agent id'));
const replyText = z.string().check(z.trim(), z.maxLength(MAX_TEXT_LENGTH));

export const assignSchema = z.strictObject({
  action: z.literal('assign'),
  roomId,
  /** The colleague to hand the conversation to; absent: the agent takes it. */
  agentId: z.optional(agentId),
});
export const unassignSchema = z.strictObject({ action: z.literal('unassign'), roomId });
export const reopenRoomSchema = z.strictObject({ action: z.literal('reopenRoom'), roomId });
export const visitorRoomsSchema = z.strictObject({ action: z.literal('visitorRooms'), roomId });

export const listRepliesSchema = z.strictObject({ action: z.literal('listReplies') });
export const saveReplySchema = z.strictObject({
  action: z.literal('saveReply'),
  reply: z.strictObject({
    /** Absent for a new reply. */
    id: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a reply id'))),
    shortcut: z.string().check(z.regex(SHORTCUT_PATTERN, `must be 1 to ${MAX_SHORTCUT_LENGTH} of a-z, 0-9, - and _`)),
    title: z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_NAME_LENGTH)),
    text: z
      .strictObject({
        en: z.optional(replyText),
        de: z.optional(replyText),
        es: z.optional(replyText),
        fr: z.optional(replyText),
        default: z.optional(replyText),
      })
      .check(
        z.refine(
          (text) => Object.values(text).some((value) => value !== undefined && value !== ''),
          'give the text in one language at least',
        ),
      ),
  }),
});
export const deleteReplySchema = z.strictObject({
  action: z.literal('deleteReply'),
  id: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a reply id')),
});

export const updateProfileSchema = z.strictObject({
  action: z.literal('updateProfile'),
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_NAME_LENGTH)),
  color: z.optional(z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour such as #2563eb'))),
});
export const listAgentsSchema = z.strictObject({ action: z.literal('listAgents') });
export const inviteAgentSchema = z.strictObject({
  action: z.literal('inviteAgent'),
  email: z.pipe(z.string().check(z.trim(), z.maxLength(MAX_EMAIL_LENGTH)), z.email()),
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_NAME_LENGTH)),
  admin: z.optional(z.boolean()),
});
export const removeAgentSchema = z.strictObject({ action: z.literal('removeAgent'), agentId });
export const setAdminSchema = z.strictObject({ action: z.literal('setAdmin'), agentId, admin: z.boolean() });

export const agentActionSchemas = {
  assign: assignSchema,
  unassign: unassignSchema,
  reopenRoom: reopenRoomSchema,
  visitorRooms: visitorRoomsSchema,
  listReplies: listRepliesSchema,
  saveReply: saveReplySchema,
  deleteReply: deleteReplySchema,
  updateProfile: updateProfileSchema,
  listAgents: listAgentsSchema,
  inviteAgent: inviteAgentSchema,
  removeAgent: removeAgentSchema,
  setAdmin: setAdminSchema,
} as const;

import { randomUUID } from 'node:crypto';
import { BadRequestError, NotFoundError } from '../../errors.ts';
import { type DeleteReplyFrame, MAX_SAVED_REPLIES, type SavedReply, type SaveReplyFrame } from '../../protocol/index.ts';
import type { ChatContext } from '../deps.ts';
import { AGENT_INBOX, type AgentConnection } from '../model.ts';

/** The team's saved replies, which admins manage and every agent inserts with "/" in the composer. */

export async function listReplies(ctx: ChatContext, caller: AgentConnection): Promise<void> {
  await ctx.out.send([caller.connectionId], { type: 'replies', replies: await ctx.team.replies() });
}

export async function saveReply(ctx: ChatContext, _caller: AgentConnection, frame: SaveReplyFrame): Promise<void> {
  const text = Object.fromEntries(Object.entries(frame.reply.text).filter(([, value]) => value !== undefined && value !== ''));
  const reply: SavedReply = {
    id: frame.reply.id ?? randomUUID(),
    shortcut: frame.reply.shortcut,
    title: frame.reply.title,
    text,
    updatedAt: new Date(ctx.now()).toISOString(),
  };
  const saved = await ctx.team.saveReply(reply);
  if (saved === 'full') throw new BadRequestError(`The team has ${MAX_SAVED_REPLIES} saved replies, as many as it can keep.`);
  if (saved === 'shortcut taken') throw new BadRequestError(`reply.shortcut: /${reply.shortcut} is taken by another reply.`);
  await broadcastReplies(ctx);
}

export async function deleteReply(ctx: ChatContext, _caller: AgentConnection, frame: DeleteReplyFrame): Promise<void> {
  if (!(await ctx.team.deleteReply(frame.id))) throw new NotFoundError('No such saved reply.');
  await broadcastReplies(ctx);
}

async function broadcastReplies(ctx: ChatContext): Promise<void> {
  const [replies, consoles] = await Promise.all([ctx.team.replies(), ctx.connections.members(AGENT_INBOX)]);
  await ctx.out.send(consoles, { type: 'replies', replies });
}

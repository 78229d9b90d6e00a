import { ConflictError, ForbiddenError, RoomNotFoundError } from '../../errors.ts';
import type { AgentRef, AssignFrame, UnassignFrame } from '../../protocol/index.ts';
import { colleague } from '../agents.ts';
import { moveAssignment } from '../assignment.ts';
import type { ChatContext } from '../deps.ts';
import type { AgentConnection, RoomRecord } from '../model.ts';
import { countAgents, toSummary } from '../presence.ts';

/**
 * An agent takes a conversation (no `agentId`, or their own), or hands it to a colleague.
 * Taking needs the conversation unassigned: of two agents taking at once, one gets it and
 * the other is told who did. Handing over needs it unassigned, or the caller's, or an admin.
 */
export async function assign(ctx: ChatContext, caller: AgentConnection, frame: AssignFrame): Promise<void> {
  const room = await ctx.rooms.get(frame.roomId);
  if (!room) throw new RoomNotFoundError();
  const me: AgentRef = { agentId: caller.agentId, name: caller.name };
  const taking = frame.agentId === undefined || frame.agentId === caller.agentId;
  const to = taking ? me : await colleague(ctx, frame.agentId!);
  if (room.assignee?.agentId === to.agentId) return tellCaller(ctx, caller, room);
  if (room.assignee && room.assignee.agentId !== caller.agentId) {
    if (taking) return refuse(ctx, caller, room, `${room.assignee.name} is handling this conversation.`);
    if (!caller.admin)
      throw new ForbiddenError(`${room.assignee.name} is handling this conversation: only they or an admin can hand it over.`);
  }
  const moved = await moveAssignment(ctx, room.roomId, room.assignee, to, { type: 'assigned', to: to.name, by: caller.name });
  if (!moved) throw new RoomNotFoundError();
  if (moved.conflict) {
    const winner = moved.room.assignee?.name;
    return refuse(
      ctx,
      caller,
      moved.room,
      winner ? `${winner} took this conversation first.` : 'The conversation changed meanwhile: try again.',
    );
  }
}

/** An agent gives a conversation back to Unassigned: its assignee, or an admin. */
export async function unassign(ctx: ChatContext, caller: AgentConnection, frame: UnassignFrame): Promise<void> {
  const room = await ctx.rooms.get(frame.roomId);
  if (!room) throw new RoomNotFoundError();
  const from = room.assignee;
  if (!from) return tellCaller(ctx, caller, room);
  if (from.agentId !== caller.agentId && !caller.admin) {
    throw new ForbiddenError(`Only ${from.name} or an admin can give this conversation back.`);
  }
  const moved = await moveAssignment(ctx, room.roomId, from, undefined, { type: 'unassigned', from: from.name, by: caller.name });
  if (!moved) throw new RoomNotFoundError();
  if (moved.conflict) return refuse(ctx, caller, moved.room, 'The conversation changed meanwhile: try again.');
}

/** Nothing to change: the caller's console gets the room as it is. */
async function tellCaller(ctx: ChatContext, caller: AgentConnection, room: RoomRecord): Promise<void> {
  const members = await ctx.connections.members(room.roomId);
  await ctx.out.send([caller.connectionId], { type: 'roomUpdated', room: toSummary(room, countAgents(members)) });
}

/** Someone else holds it: the caller's console learns who, then the refusal says so. */
async function refuse(ctx: ChatContext, caller: AgentConnection, room: RoomRecord, message: string): Promise<never> {
  await tellCaller(ctx, caller, room);
  throw new ConflictError(message);
}

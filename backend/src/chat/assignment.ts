import type { AgentRef, RoomEvent } from '../protocol/index.ts';
import type { ChatDeps, Context } from './deps.ts';
import { markRoom } from './marks.ts';
import type { RoomRecord } from './model.ts';
import { announceRoom } from './presence.ts';

/** What moving a conversation between agents needs: the actions have it, and so has the check that unassigns an absent agent. */
export type AssignmentContext = Context<Pick<ChatDeps, 'connections' | 'rooms' | 'messages' | 'log' | 'now'>>;

/**
 * Moves a room from `from` (its assignee as the caller found it; undefined: nobody) to `to`
 * (undefined: nobody) on the condition that nobody changed it meanwhile, so of two agents
 * taking a room at once exactly one gets it. Then: the mark in the agents' timeline, the
 * visitor's "who is handling your chat", and every inbox. Undefined when the room is gone;
 * `conflict` with the room as it is now when someone else changed it first.
 */
export async function moveAssignment(
  ctx: AssignmentContext,
  roomId: string,
  from: AgentRef | undefined,
  to: AgentRef | undefined,
  event: RoomEvent,
): Promise<{ room: RoomRecord; conflict: boolean } | undefined> {
  const result = await ctx.rooms.assign(roomId, to, from?.agentId, new Date(ctx.now()).toISOString());
  if (!result || result.conflict) return result;
  const members = await ctx.connections.members(roomId);
  await markRoom(ctx, result.room, event, members);
  await ctx.out.send(
    members.filter((member) => member.role === 'visitor'),
    { type: 'assigned', roomId, ...(to && { name: to.name }) },
  );
  const room = (await ctx.rooms.get(roomId)) ?? result.room;
  await announceRoom(ctx, room, members);
  return { room, conflict: false };
}

import { BadRequestError, ConflictError, NotFoundError } from '../../errors.ts';
import type { InviteAgentFrame, RemoveAgentFrame, SetAdminFrame, UpdateProfileFrame } from '../../protocol/index.ts';
import { broadcastRoster, renameConnection, roster } from '../agents.ts';
import { moveAssignment } from '../assignment.ts';
import type { ChatContext } from '../deps.ts';
import { AGENT_INBOX, type AgentConnection } from '../model.ts';
import { AgentExistsError } from '../ports.ts';

/**
 * An agent's own profile (the name visitors see, an avatar colour), and the admins'
 * management of the team's agents, as `npm run agents` does it from a terminal.
 */

export async function updateProfile(ctx: ChatContext, caller: AgentConnection, frame: UpdateProfileFrame): Promise<void> {
  const [current] = [...(await ctx.team.profiles([caller.agentId])).values()];
  await ctx.team.saveProfile({
    agentId: caller.agentId,
    name: frame.name,
    ...((current?.email ?? caller.email) !== undefined && { email: current?.email ?? caller.email }),
    ...(frame.color !== undefined && { color: frame.color }),
    chosen: true,
  });
  // Every console the agent has open goes by the new name, in every room it is in.
  const consoles = (await ctx.connections.members(AGENT_INBOX)).filter((member) => member.agentId === caller.agentId);
  await Promise.all(
    consoles.map(async ({ connectionId }) => {
      const connection = await ctx.connections.get(connectionId);
      if (connection?.role === 'agent') await renameConnection(ctx, connection, frame.name);
    }),
  );
  await broadcastRoster(ctx);
}

export async function listAgents(ctx: ChatContext, caller: AgentConnection): Promise<void> {
  await ctx.out.send([caller.connectionId], { type: 'agents', agents: await roster(ctx) });
}

/** An admin invites an agent: the directory mails them a temporary password (or, where it cannot, the admin is given it). */
export async function inviteAgent(ctx: ChatContext, caller: AgentConnection, frame: InviteAgentFrame): Promise<void> {
  let invited: { agentId: string; temporaryPassword?: string };
  try {
    invited = await ctx.directory.invite({ email: frame.email, name: frame.name, admin: frame.admin === true });
  } catch (error) {
    if (error instanceof AgentExistsError) throw new ConflictError('An agent with this email exists already.');
    throw error;
  }
  await ctx.team.saveProfile({ agentId: invited.agentId, name: frame.name, email: frame.email, chosen: true });
  ctx.log.info('an admin invited an agent', { by: caller.agentId, agentId: invited.agentId });
  await ctx.out.send([caller.connectionId], {
    type: 'agentInvited',
    email: frame.email,
    ...(invited.temporaryPassword !== undefined && { temporaryPassword: invited.temporaryPassword }),
  });
  await broadcastRoster(ctx);
}

/** An admin removes an agent: they can no longer sign in, their consoles close, their conversations go back to Unassigned. */
export async function removeAgent(ctx: ChatContext, caller: AgentConnection, frame: RemoveAgentFrame): Promise<void> {
  if (frame.agentId === caller.agentId) throw new BadRequestError('You cannot remove yourself: ask another admin.');
  const agent = await ctx.directory.get(frame.agentId);
  if (!agent) throw new NotFoundError('No such agent.');
  await ctx.directory.remove(frame.agentId);
  const [rooms, consoles] = await Promise.all([ctx.rooms.assignedTo(frame.agentId), ctx.connections.members(AGENT_INBOX)]);
  for (const room of rooms) {
    const from = room.assignee!;
    await moveAssignment(ctx, room.roomId, from, undefined, { type: 'unassigned', from: from.name, by: caller.name });
  }
  await Promise.all(
    consoles.filter((member) => member.agentId === frame.agentId).map((member) => ctx.gateway.disconnect(member.connectionId)),
  );
  await ctx.team.forgetAgent(frame.agentId);
  ctx.log.info('an admin removed an agent', { by: caller.agentId, agentId: frame.agentId });
  await broadcastRoster(ctx);
}

/** An admin makes an agent an admin, or no longer one (from their next sign-in or token refresh). */
export async function setAdmin(ctx: ChatContext, caller: AgentConnection, frame: SetAdminFrame): Promise<void> {
  if (frame.agentId === caller.agentId && !frame.admin)
    throw new BadRequestError('You cannot revoke your own admin role: ask another admin.');
  if (!(await ctx.directory.get(frame.agentId))) throw new NotFoundError('No such agent.');
  await ctx.directory.setAdmin(frame.agentId, frame.admin);
  ctx.log.info('an admin changed an agent’s role', { by: caller.agentId, agentId: frame.agentId, admin: frame.admin });
  await broadcastRoster(ctx);
}

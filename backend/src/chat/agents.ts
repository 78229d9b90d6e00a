import { NotFoundError } from '../errors.ts';
import { agentDisplayName } from '../protocol/agents.ts';
import type { AgentInfo, AgentRef } from '../protocol/server-events.ts';
import { asError } from './delivery.ts';
import type { ChatContext } from './deps.ts';
import { AGENT_INBOX, type AgentConnection, type AgentProfile, partitionsOf } from './model.ts';

/**
 * The team's agents: how each is shown (their profile in the Team table: a name they chose,
 * else the `name` their identity provider holds, else one made from their email), who may
 * sign in (the directory, Cognito), who is online (the agents' inbox).
 */

/** A colleague to hand a conversation to: someone the directory knows. */
export async function colleague(ctx: ChatContext, agentId: string): Promise<AgentRef> {
  const [profiles, listed] = await Promise.all([ctx.team.profiles([agentId]), ctx.directory.get(agentId)]);
  if (!listed) throw new NotFoundError('No such agent.');
  return { agentId, name: profiles.get(agentId)?.name ?? listed.name ?? agentDisplayName({ email: listed.email }) };
}

/**
 * The caller's profile, settled as a console connects: a name the agent chose stays; else
 * the `name` their identity provider holds (Cognito's `name` attribute, which a local
 * Cognito leaves out of tokens, and which `npm run agents -- add --name` sets), read again
 * on each connection so that a change there shows; else the one their token gave. The
 * connection goes by it from then on.
 */
export async function ensureProfile(ctx: ChatContext, caller: AgentConnection): Promise<AgentProfile> {
  let profile = (await ctx.team.profiles([caller.agentId])).get(caller.agentId);
  if (!profile?.chosen) {
    const listed = await ctx.directory.get(caller.agentId).catch((error: unknown) => {
      ctx.log.warn('could not read an agent from the directory', { agentId: caller.agentId, error: asError(error) });
      return undefined;
    });
    const email = listed?.email ?? profile?.email ?? caller.email;
    const fresh: AgentProfile = {
      ...profile,
      agentId: caller.agentId,
      name: listed?.name ?? profile?.name ?? caller.name,
      ...(email !== undefined && { email }),
    };
    if (fresh.name !== profile?.name || fresh.email !== profile?.email) await ctx.team.saveProfile(fresh);
    profile = fresh;
  }
  if (profile.name !== caller.name) await renameConnection(ctx, caller, profile.name);
  return profile;
}

/** The caller's connection goes by `name` from now on: on its record and its memberships. */
export async function renameConnection(ctx: ChatContext, caller: AgentConnection, name: string): Promise<void> {
  const current = await ctx.connections.get(caller.connectionId);
  await ctx.connections.rename(caller.connectionId, name, partitionsOf(current?.role === 'agent' ? current : caller));
  caller.name = name;
}

/** Every agent of the team, with how they are shown, their role, switch and whether they are online. */
export async function roster(ctx: ChatContext): Promise<AgentInfo[]> {
  const [listed, online] = await Promise.all([ctx.directory.list(), ctx.connections.members(AGENT_INBOX)]);
  const ids = listed.map((agent) => agent.agentId);
  const [profiles, switches] = await Promise.all([ctx.team.profiles(ids), ctx.team.switches(ids)]);
  const onlineIds = new Set(online.flatMap((member) => (member.agentId ? [member.agentId] : [])));
  return listed
    .map((agent): AgentInfo => {
      const profile = profiles.get(agent.agentId);
      return {
        agentId: agent.agentId,
        name: profile?.name ?? agent.name ?? agentDisplayName({ email: agent.email }),
        email: agent.email,
        ...(profile?.color !== undefined && { color: profile.color }),
        admin: agent.admin,
        status: switches.get(agent.agentId)?.status ?? 'available',
        online: onlineIds.has(agent.agentId),
        ...(agent.invited && { invited: true }),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Tells every console the team's agents as they are now. */
export async function broadcastRoster(ctx: ChatContext): Promise<void> {
  const [agents, consoles] = await Promise.all([roster(ctx), ctx.connections.members(AGENT_INBOX)]);
  await ctx.out.send(consoles, { type: 'agents', agents });
}

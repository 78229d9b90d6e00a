import { BadRequestError } from '../../errors.ts';
import type { SetStatusFrame, UpdateSettingsFrame } from '../../protocol/index.ts';
import { ensureProfile } from '../agents.ts';
import type { ChatContext } from '../deps.ts';
import type { Connection } from '../model.ts';
import { broadcastTeam, publishAvailability, teamStatus } from '../team.ts';

type Agent = Connection & { role: 'agent' };

/**
 * The team's settings and availability to the asking agent, with their own switch and
 * role. A console asks first thing on every connection: the moment to settle the name the
 * connection goes by (the agent's profile).
 */
export async function getTeam(ctx: ChatContext, caller: Agent): Promise<void> {
  const profile = await ensureProfile(ctx, caller);
  const [status, switches] = await Promise.all([teamStatus(ctx), ctx.team.switches([caller.agentId])]);
  const me = { status: switches.get(caller.agentId)!.status, admin: caller.admin, agentId: caller.agentId, name: profile.name };
  await ctx.out.send([caller.connectionId], { type: 'team', status, me });
}

/** An agent flips their Available/Away switch; every console they have open hears it, and visitors if the team's availability changed. */
export async function setStatus(ctx: ChatContext, caller: Agent, frame: SetStatusFrame): Promise<void> {
  await ctx.team.setSwitch(caller.agentId, frame.status, ctx.now());
  await getTeam(ctx, caller);
  await publishAvailability(ctx);
}

/**
 * An admin saves the team's settings: every widget and console hears them at once. A
 * retention may only shorten the deployment's (which the schema cannot know).
 */
export async function updateSettings(ctx: ChatContext, caller: Agent, frame: UpdateSettingsFrame): Promise<void> {
  const days = frame.settings.retentionDays;
  if (days !== undefined) {
    const { deploymentRetentionDays: most } = await ctx.team.get();
    if (days > most) throw new BadRequestError(`settings.retentionDays: must be at most ${most}, the deployment's period`);
  }
  await ctx.team.saveSettings(frame.settings, caller.agentId, ctx.now());
  ctx.log.info('team settings changed', { agentId: caller.agentId });
  await broadcastTeam(ctx);
}

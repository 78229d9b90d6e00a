import { ForbiddenError } from '../../errors.ts';
import { agentDisplayName } from '../../protocol/agents.ts';
import type { ReportAgent, ReportFrame } from '../../protocol/index.ts';
import type { ChatContext } from '../deps.ts';
import type { AgentConnection } from '../model.ts';
import type { ReportItem } from '../ports.ts';
import { daysOf, figuresOf, hoursOf, sum, teamFiguresOf } from '../report-figures.ts';

/**
 * The team's figures over a range of days, with the agents' an agent may see: an admin
 * every agent's (or the one asked for), any other agent their own; the team's for all.
 * One Query of the report aggregates (never a Scan); the schema has bounded the range.
 */
export async function report(ctx: ChatContext, caller: AgentConnection, frame: ReportFrame): Promise<void> {
  if (frame.agentId !== undefined && frame.agentId !== caller.agentId && !caller.admin) {
    throw new ForbiddenError("Only admins see other agents' figures.");
  }
  const [team, items] = await Promise.all([ctx.team.get(), ctx.reports.read(frame.from, frame.to)]);
  const teamItems = items.filter((item) => item.agentId === undefined);
  const only = frame.agentId ?? (caller.admin ? undefined : caller.agentId);
  await ctx.out.send([caller.connectionId], {
    type: 'report',
    report: {
      from: frame.from,
      to: frame.to,
      timeZone: team.settings.hours.timeZone,
      team: teamFiguresOf(sum(teamItems.map((item) => item.counts))),
      days: daysOf(frame.from, frame.to, teamItems),
      hours: hoursOf(teamItems),
      agents: await agentsOf(ctx, items, only),
    },
  });
}

/** The agents' figures: every agent the directory lists and any other with figures (removed since), or only one. */
async function agentsOf(ctx: ChatContext, items: ReportItem[], only: string | undefined): Promise<ReportAgent[]> {
  const byAgent = new Map<string, ReportItem[]>();
  for (const item of items) if (item.agentId !== undefined) byAgent.set(item.agentId, [...(byAgent.get(item.agentId) ?? []), item]);
  // One agent's figures need one agent's entry, not the whole directory.
  const listed = only !== undefined ? [await ctx.directory.get(only)].filter((agent) => agent !== undefined) : await ctx.directory.list();
  const ids = only !== undefined ? [only] : [...new Set([...listed.map((agent) => agent.agentId), ...byAgent.keys()])];
  const profiles = await ctx.team.profiles(ids);
  return ids
    .map((agentId): ReportAgent => {
      const agent = listed.find((candidate) => candidate.agentId === agentId);
      const name = profiles.get(agentId)?.name ?? agent?.name ?? (agent && agentDisplayName({ email: agent.email }));
      return {
        agentId,
        ...(name !== undefined && { name }),
        figures: figuresOf(sum((byAgent.get(agentId) ?? []).map((item) => item.counts))),
      };
    })
    .sort((a, b) => (a.name ?? '\uffff').localeCompare(b.name ?? '\uffff'));
}

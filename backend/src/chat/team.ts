import type { AgentsAvailability, TeamStatus } from '../protocol/index.ts';
import type { Delivery } from './delivery.ts';
import { AGENT_INBOX, VISITORS } from './model.ts';
import type { ConnectionStore, Log, TeamStore } from './ports.ts';
import { medianMinutes, windowDays } from './reply-time.ts';

/** What reading and publishing the team's status needs: a $connect and a $disconnect have it too. */
export interface TeamContext {
  connections: ConnectionStore;
  team: TeamStore;
  emailReplies: boolean;
  attachmentMaxBytes: number | undefined;
  log: Log;
  now: () => number;
  out: Delivery;
}

/** The measured reply time is worked out again at most this often. */
const REMEASURE_MS = 60 * 60 * 1000;
/** A publisher checks again after publishing, so that two racing ones end on the truth. */
const PUBLISH_ROUNDS = 3;

/** The team's status as visitors see it, measuring the reply time again when it is an hour old. */
export async function teamStatus(ctx: Pick<TeamContext, 'team' | 'emailReplies' | 'attachmentMaxBytes' | 'now'>): Promise<TeamStatus> {
  const record = await ctx.team.get();
  let { replyMinutes } = record;
  const now = ctx.now();
  if (record.settings.replyTime.mode === 'measured' && (record.replyMeasuredAt ?? 0) < now - REMEASURE_MS) {
    replyMinutes = medianMinutes(await ctx.team.firstResponses(...windowDays(now)));
    await ctx.team.saveReplyMinutes(replyMinutes, now);
  }
  return {
    settings: record.settings,
    agents: record.agents,
    emailReplies: ctx.emailReplies,
    deploymentRetentionDays: record.deploymentRetentionDays,
    ...(replyMinutes !== undefined && { replyMinutes }),
    ...(ctx.attachmentMaxBytes !== undefined && { attachmentMaxBytes: ctx.attachmentMaxBytes }),
  };
}

/** Who is available now: the agents with a console connected whose switch says available. */
export async function agentsAvailability(ctx: Pick<TeamContext, 'connections' | 'team'>): Promise<AgentsAvailability> {
  const members = await ctx.connections.members(AGENT_INBOX);
  const agentIds = [...new Set(members.flatMap((m) => (m.agentId ? [m.agentId] : [])))];
  const switches = await ctx.team.switches(agentIds);
  const available = [...switches.values()].filter((s) => s.status === 'available');
  const since = Math.max(0, ...available.map((s) => s.since ?? 0));
  return { available: available.length > 0, ...(since > 0 && { since }) };
}

/**
 * Tells every visitor and agent connection when who is available has changed (an agent
 * connected, left or flipped their switch). Only a change is published, once. `except`:
 * a connection still in its $connect, which API Gateway cannot post to yet.
 */
export async function publishAvailability(ctx: TeamContext, except?: string): Promise<void> {
  for (let round = 0; round < PUBLISH_ROUNDS; round++) {
    const agents = await agentsAvailability(ctx);
    if (!(await ctx.team.publishAgents(agents))) return;
    await broadcastTeam(ctx, except);
  }
}

/** Sends the team's status to every visitor and agent connection (but `except`). */
export async function broadcastTeam(ctx: TeamContext, except?: string): Promise<void> {
  const [status, visitors, agents] = await Promise.all([
    teamStatus(ctx),
    ctx.connections.members(VISITORS),
    ctx.connections.members(AGENT_INBOX),
  ]);
  const recipients = [...visitors, ...agents].filter((m) => m.connectionId !== except);
  await ctx.out.send(recipients, { type: 'team', status });
}

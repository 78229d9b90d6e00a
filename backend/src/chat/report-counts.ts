import { DURATION_BUCKETS } from '../protocol/reports.ts';
import { localDayHour } from '../protocol/schedule.ts';
import { asError } from './delivery.ts';
import type { ChatDeps } from './deps.ts';
import type { ClosedRoom, RecordedMessage } from './model.ts';
import type { ReportCounts } from './ports.ts';

/**
 * The report aggregates, kept up to date as events happen: each event adds to one day's
 * counters of the team and of the agent who acted, one UpdateItem each (see
 * store/report-store.ts). Counters only: no visitor, message or room is named in them.
 *
 * A conversation's figures count under the day (and hour) it started, in the team's time
 * zone, so the conversations of a range and their answers, times and closes are the same
 * conversations; a rating counts under the day it was given. docs/agents.md defines each.
 * A count that cannot be written is logged, and never fails what the agent or visitor did.
 */

type ReportDeps = Pick<ChatDeps, 'reports' | 'team' | 'log'>;

/** The bucket a duration (seconds) counts in: the first whose upper bound holds it. */
export function bucketOf(seconds: number): number {
  return DURATION_BUCKETS.findIndex((bound) => seconds <= bound);
}

/** Whether the message recorded started a conversation (the room had none under way). */
export function startedConversation(recorded: RecordedMessage): boolean {
  return recorded.before?.conversationStartedAt === undefined && recorded.after.conversationStartedAt !== undefined;
}

/** A visitor's message started a conversation: counted under its day and hour. */
export async function countConversation(deps: ReportDeps, startedAt: string): Promise<void> {
  await counting(deps, 'a conversation', async (timeZone) => {
    const { day, hour } = localDayHour(timeZone, Date.parse(startedAt));
    await deps.reports.add(day, undefined, { conversations: 1, [`h${hour}`]: 1 });
  });
}

/** An agent's first reply in the conversation that started at `startedAt`: answered, and how long it took. */
export async function countFirstReply(deps: ReportDeps, reply: { startedAt: string; at: string; agentId?: string }): Promise<void> {
  await countDuration(deps, 'a first reply', reply, { count: 'answered', bucket: 'f' });
}

/**
 * A close that ended a conversation (`closed.ended`): resolved, and how long it took. A
 * reply stored before the close whose claim to be the first (after-message.ts) had not
 * landed yet finds the conversation gone and counts nothing: the close counts it instead,
 * from the room's last agent message, so it counts once either way.
 */
export async function countClose(deps: ReportDeps, closed: ClosedRoom, close: { at: string; agentId: string }): Promise<void> {
  const { room, ended } = closed;
  if (!ended) return;
  const unclaimedReply = ended.repliedAt === undefined && room.lastAgentAt !== undefined && room.lastAgentAt >= ended.startedAt;
  await Promise.all([
    countDuration(deps, 'a resolution', { startedAt: ended.startedAt, ...close }, { count: 'resolved', bucket: 'r' }),
    unclaimedReply &&
      countFirstReply(deps, {
        startedAt: ended.startedAt,
        at: room.lastAgentAt!,
        ...(room.lastSender?.agentId !== undefined && { agentId: room.lastSender.agentId }),
      }),
  ]);
}

/**
 * A visitor's rating (1 to 5) of a conversation, counted for the team and for the agent
 * it names, under the day it was given. `previous`: the score it replaces, when the
 * visitor changed their rating: then only the share of 4 and 5 moves.
 */
export async function countRating(
  deps: ReportDeps,
  rating: { roomId: string; agentId?: string; at: number; previous?: number; score: number },
): Promise<void> {
  const good = (score: number | undefined) => (score !== undefined && score >= 4 ? 1 : 0);
  const counts = { ratings: rating.previous === undefined ? 1 : 0, goodRatings: good(rating.score) - good(rating.previous) };
  await counting(deps, 'a rating', async (timeZone) => {
    const { day } = localDayHour(timeZone, rating.at);
    await addForTeamAndAgent(deps, day, rating.agentId, counts);
  });
}

async function countDuration(
  deps: ReportDeps,
  what: string,
  span: { startedAt: string; at: string; agentId?: string },
  names: { count: string; bucket: string },
): Promise<void> {
  await counting(deps, what, async (timeZone) => {
    const started = Date.parse(span.startedAt);
    const seconds = Math.max(0, (Date.parse(span.at) - started) / 1000);
    const { day } = localDayHour(timeZone, started);
    await addForTeamAndAgent(deps, day, span.agentId, { [names.count]: 1, [`${names.bucket}${bucketOf(seconds)}`]: 1 });
  });
}

async function addForTeamAndAgent(deps: ReportDeps, day: string, agentId: string | undefined, counts: ReportCounts): Promise<void> {
  await Promise.all([deps.reports.add(day, undefined, counts), agentId !== undefined && deps.reports.add(day, agentId, counts)]);
}

/** Runs one count in the team's time zone (as its settings say now); a failure is logged. */
async function counting(deps: ReportDeps, what: string, count: (timeZone: string) => Promise<void>): Promise<void> {
  try {
    await count((await deps.team.get()).settings.hours.timeZone);
  } catch (error) {
    deps.log.error(`could not count ${what} for the reports`, { error: asError(error) });
  }
}

import type { RoomSummary, VisitorContext } from '../protocol/index.ts';
import type { ChatDeps, Context, PresenceContext } from './deps.ts';
import { agentsOf } from './marks.ts';
import { AGENT_INBOX, consolesOf, type Member, type RecordedMessage, type RoomRecord } from './model.ts';

/** What the room and the agents' inboxes hear about who is where: presence and room summaries. */

/** The agents in a room: one agent with the conversation open in two tabs or on two devices counts once. */
export function countAgents(members: Member[]): number {
  return new Set(members.filter((m) => m.role === 'agent').map((m) => m.agentId ?? m.connectionId)).size;
}

export function toSummary(room: RoomRecord, agentsOnline: number): RoomSummary {
  const summary: RoomSummary = {
    roomId: room.roomId,
    status: room.status,
    createdAt: room.createdAt,
    lastMessageAt: room.lastMessageAt ?? room.createdAt,
    lastMessagePreview: room.lastMessagePreview ?? '',
    agentsOnline,
  };
  if (room.revision !== undefined) summary.revision = room.revision;
  if (room.visitorName !== undefined) summary.visitorName = room.visitorName;
  if (room.visitorEmail !== undefined) summary.visitorEmail = room.visitorEmail;
  if (room.customer !== undefined) summary.customer = room.customer;
  if (room.lastSender !== undefined) summary.lastSender = room.lastSender;
  if (room.waitingSince !== undefined) summary.waitingSince = room.waitingSince;
  if (room.assignee !== undefined) summary.assignee = room.assignee;
  if (room.rating !== undefined) {
    const { closedAt: _close, changes: _changes, alerted: _alerted, ...rating } = room.rating;
    summary.rating = rating;
  }
  const visitor = visitorContext(room);
  if (visitor) summary.visitor = visitor;
  return summary;
}

function visitorContext(room: RoomRecord): VisitorContext | undefined {
  const context: VisitorContext = {};
  if (room.visitorLang !== undefined) context.lang = room.visitorLang;
  if (room.visitorTimeZone !== undefined) context.timeZone = room.visitorTimeZone;
  if (room.visitorPage !== undefined) context.page = room.visitorPage;
  if (room.visitorReferrer !== undefined) context.referrer = room.visitorReferrer;
  if (room.visitorBrowser !== undefined) context.browser = room.visitorBrowser;
  if (room.visitorOs !== undefined) context.os = room.visitorOs;
  return Object.keys(context).length > 0 ? context : undefined;
}

/** Tells every agent connection about a room's new state (the inbox's live update). */
export async function announceRoom(ctx: Context<Pick<ChatDeps, 'connections'>>, room: RoomRecord, roomMembers?: Member[]): Promise<void> {
  // A room without messages is not in the inbox yet; agents hear of it with its first message.
  if (room.lastMessageAt === undefined) return;
  const [agents, members] = await Promise.all([ctx.connections.members(AGENT_INBOX), roomMembers ?? ctx.connections.members(room.roomId)]);
  await ctx.out.send(agents, { type: 'roomUpdated', room: toSummary(room, countAgents(members)) });
}

/**
 * The inbox after a message: every agent connection hears of it only when it changes what
 * every inbox shows of the room (it appears, starts or stops waiting for an answer, opens
 * again), which is once per turn of the conversation, not once per message. Every message
 * goes to the consoles that follow the room: the agents in it (their inbox row moves with
 * the conversation they see) and the consoles of its assignee. So a steady conversation's
 * message reads and posts the same whatever the number of agents online.
 */
export async function announceMessage(
  ctx: Context<Pick<ChatDeps, 'connections'>>,
  { before, after }: RecordedMessage,
  members: Member[],
): Promise<void> {
  if (changesEveryInbox(before, after)) return announceRoom(ctx, after, members);
  const assigneeConsoles = after.assignee ? await ctx.connections.members(consolesOf(after.assignee.agentId)) : [];
  await ctx.out.send([...agentsOf(members), ...assigneeConsoles], { type: 'roomUpdated', room: toSummary(after, countAgents(members)) });
}

/** Whether a room changed in a way every inbox shows: its tab, whether it is listed, or whether its visitor waits. */
function changesEveryInbox(before: RoomRecord | undefined, after: RoomRecord): boolean {
  if (before?.lastMessageAt === undefined) return after.lastMessageAt !== undefined;
  return (
    before.status !== after.status ||
    (before.waitingSince === undefined) !== (after.waitingSince === undefined) ||
    before.assignee?.agentId !== after.assignee?.agentId
  );
}

/**
 * Tells a room (and the inbox) how many agents are in it now, counted after the change:
 * on join and leave, and when an agent's connection closes or is found gone.
 */
export async function announcePresence(
  ctx: PresenceContext,
  roomId: string,
  event: 'joined' | 'left',
  name: string,
  alsoTell?: string,
): Promise<void> {
  const members = await ctx.connections.members(roomId);
  await ctx.out.send([...members, ...(alsoTell ? [alsoTell] : [])], {
    type: 'presence',
    roomId,
    agentsOnline: countAgents(members),
    event,
    name,
  });
  const room = await ctx.rooms.get(roomId);
  if (room) await announceRoom(ctx, room, members);
}

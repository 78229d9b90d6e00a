import { randomUUID } from 'node:crypto';
import type { Message, RoomEvent } from '../protocol/index.ts';
import type { ChatDeps, Context } from './deps.ts';
import type { Member, RoomRecord } from './model.ts';

/** The sentence a mark's text carries, for clients that do not render marks themselves. */
function describe(event: RoomEvent): string {
  switch (event.type) {
    case 'closed':
      return event.noRating ? `${event.by} closed the conversation without asking for a rating.` : `${event.by} closed the conversation.`;
    case 'rated': {
      const rated =
        event.previous === undefined
          ? `The visitor rated the conversation ${event.score} of 5`
          : `The visitor changed their rating from ${event.previous} to ${event.score} of 5`;
      return event.comment ? `${rated}: “${event.comment}”` : `${rated}.`;
    }
    case 'reopened':
      return event.by ? `${event.by} reopened the conversation.` : 'The visitor wrote again: the conversation is open.';
    case 'assigned':
      return event.to === event.by ? `${event.by} took the conversation.` : `${event.by} assigned the conversation to ${event.to}.`;
    case 'unassigned':
      if (event.offline) return `${event.from} was offline too long: the conversation is unassigned.`;
      return event.by && event.by !== event.from
        ? `${event.by} took the conversation back from ${event.from}.`
        : `${event.from} gave the conversation back.`;
  }
}

/**
 * A mark in the room's timeline for agents (closed, reopened, assigned): an internal
 * message at the room's next number, delivered to the agents in the room and never to
 * its visitor.
 */
export async function markRoom(
  ctx: Context<Pick<ChatDeps, 'connections' | 'rooms' | 'messages' | 'now'>>,
  room: RoomRecord,
  event: RoomEvent,
  members?: Member[],
): Promise<Message> {
  const now = ctx.now();
  const message = await ctx.messages.append(
    {
      roomId: room.roomId,
      clientMsgId: `mark-${randomUUID()}`,
      sender: { role: 'system' },
      text: describe(event),
      createdAt: new Date(now).toISOString(),
      internal: true,
      event,
    },
    room.lastSeq ?? 0,
  );
  const inRoom = members ?? (await ctx.connections.members(room.roomId));
  await Promise.all([
    ctx.out.send(agentsOf(inRoom), { type: 'message', message }),
    ctx.rooms.recordMessage(room.roomId, { seq: message.seq, at: message.createdAt, preview: '', role: 'system', internal: true }),
  ]);
  return message;
}

/** The members a message may go to: everyone, or for an internal one (a note, a mark) the agents alone. */
export function audienceOf(message: Message, members: Member[]): Member[] {
  return message.internal ? agentsOf(members) : members;
}

export function agentsOf(members: Member[]): Member[] {
  return members.filter((member) => member.role === 'agent');
}

import type { IdentifyFrame } from '../../protocol/index.ts';
import type { ChatContext } from '../deps.ts';
import { hasUnreadReplies, scheduleFollowUp } from '../follow-up.ts';
import type { Connection, RoomRecord } from '../model.ts';
import { announceRoom } from '../presence.ts';

/**
 * The visitor gives a name and/or email: stored on the room, echoed to the visitor, shown
 * to agents. An email given after replies came in gets those replies if they stay unread.
 */
export async function identify(ctx: ChatContext, caller: Connection & { role: 'visitor' }, frame: IdentifyFrame): Promise<void> {
  const room = await ctx.rooms.setProfile(caller.roomId, { name: frame.name, email: frame.email }, new Date(ctx.now()).toISOString());
  const members = await ctx.connections.members(caller.roomId);
  // Every tab the visitor has open shows the same profile.
  const visitorTabs = members.filter((m) => m.role === 'visitor');
  await ctx.out.send(visitorTabs.length > 0 ? visitorTabs : [caller.connectionId], {
    type: 'profile',
    roomId: caller.roomId,
    ...(room.visitorName !== undefined && { name: room.visitorName }),
    ...(room.visitorEmail !== undefined && { email: room.visitorEmail }),
  });
  await Promise.all([announceRoom(ctx, room, members), frame.email ? followUpEarlierReplies(ctx, room) : undefined]);
}

/** Replies that came before the address did, and are unread, go by email like any other. */
async function followUpEarlierReplies(ctx: ChatContext, room: RoomRecord): Promise<void> {
  if (await hasUnreadReplies(ctx, room)) await scheduleFollowUp(ctx, room);
}

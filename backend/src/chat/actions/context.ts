import type { ContextFrame } from '../../protocol/index.ts';
import type { ChatContext } from '../deps.ts';
import { agentsOf } from '../marks.ts';
import type { VisitorConnection } from '../model.ts';
import { countAgents, toSummary } from '../presence.ts';
import { describeUserAgent } from '../user-agent.ts';

/**
 * What the visitor's browser tells once they have acted, kept on the room: their language
 * and time zone (automatic replies and emails use them), the page they are on and where
 * they came from, and the browser and system their connection says. The agents in the
 * room see it change as the visitor moves from page to page.
 */
export async function context(ctx: ChatContext, caller: VisitorConnection, frame: ContextFrame): Promise<void> {
  const room = await ctx.rooms.setContext(
    caller.roomId,
    {
      lang: frame.lang,
      ...(frame.timeZone && { timeZone: frame.timeZone }),
      ...(frame.page && { page: frame.page }),
      ...(frame.referrer && { referrer: frame.referrer }),
      ...describeUserAgent(ctx.userAgent),
    },
    new Date(ctx.now()).toISOString(),
  );
  if (room.lastMessageAt === undefined) return;
  const members = await ctx.connections.members(caller.roomId);
  const agents = agentsOf(members);
  if (agents.length > 0) await ctx.out.send(agents, { type: 'roomUpdated', room: toSummary(room, countAgents(members)) });
}

import type { ContextFrame } from '../../protocol/index.ts';
import type { ChatContext } from '../deps.ts';
import type { Connection } from '../model.ts';

/** The visitor's language and time zone, kept on the room: automatic replies and emails use them. */
export async function context(ctx: ChatContext, caller: Connection & { role: 'visitor' }, frame: ContextFrame): Promise<void> {
  await ctx.rooms.setContext(
    caller.roomId,
    { lang: frame.lang, ...(frame.timeZone && { timeZone: frame.timeZone }) },
    new Date(ctx.now()).toISOString(),
  );
}

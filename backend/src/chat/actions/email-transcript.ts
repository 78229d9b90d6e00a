import { BadRequestError, RateLimitedError } from '../../errors.ts';
import type { Message } from '../../protocol/index.ts';
import type { ChatContext } from '../deps.ts';
import { LINK_LIFETIME_MS } from '../follow-up.ts';
import type { Connection } from '../model.ts';

/** One transcript email per conversation in this time: a button pressed twice sends one. */
const TRANSCRIPT_QUIET_MS = 5 * 60_000;

/** The visitor asks for the conversation by email, to the address they gave. */
export async function emailTranscript(ctx: ChatContext, caller: Connection & { role: 'visitor' }): Promise<void> {
  if (!ctx.mail) throw new BadRequestError('This site does not send email.');
  const room = await ctx.rooms.get(caller.roomId);
  if (!room?.visitorEmail) throw new BadRequestError('Give an email address first.');
  const now = ctx.now();
  if (!(await ctx.rooms.claimTranscript(room.roomId, now, now - TRANSCRIPT_QUIET_MS))) {
    throw new RateLimitedError('The conversation was emailed a moment ago.');
  }
  const messages: Message[] = [];
  for (let cursor = 0, more = true; more; ) {
    const page = await ctx.messages.page(room.roomId, { after: cursor, limit: 100 });
    messages.push(...page.messages);
    more = page.hasMore && page.messages.length > 0;
    cursor = page.messages.at(-1)?.seq ?? cursor;
  }
  // The emails' texts and layout are a chunk of their own in a bundle: only this and a follow-up use them.
  const [{ settings }, { transcriptEmail }] = await Promise.all([ctx.team.get(), import('../emails.ts')]);
  await ctx.mail.send(
    transcriptEmail({
      to: room.visitorEmail,
      lang: room.visitorLang ?? 'en',
      timeZone: room.visitorTimeZone,
      teamName: settings.name,
      messages,
      conversationUrl: await ctx.links.conversationUrl(room.roomId, now + LINK_LIFETIME_MS),
      unsubscribeUrl: await ctx.links.unsubscribeUrl(room.roomId),
    }),
  );
  const tabs = (await ctx.connections.members(room.roomId)).filter((m) => m.role === 'visitor');
  await ctx.out.send(tabs.length ? tabs : [caller.connectionId], { type: 'transcriptSent', roomId: room.roomId });
}

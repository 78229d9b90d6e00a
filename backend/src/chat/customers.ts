import { roomIdForCustomer } from '../auth/visitor-key.ts';
import type { Message, VerifiedCustomer } from '../protocol/index.ts';
import { previewOf } from './attachments.ts';
import { asError } from './delivery.ts';
import type { ChatDeps, Context } from './deps.ts';
import type { FileStore } from './ports.ts';
import { announceRoom } from './presence.ts';

export type CustomerContext = Context<Pick<ChatDeps, 'rooms' | 'customers' | 'messages' | 'claims' | 'connections' | 'log' | 'now'>> & {
  files?: Pick<FileStore, 'copy'>;
};

/**
 * The room a signed-in customer connects to: theirs, on every device. The first time, it is
 * the anonymous conversation this browser had (`handoverRoomId`, proven by its visitor key)
 * if that one is nobody else's, so the conversation simply carries on; else a new room. If
 * they already have a room (from another device), this browser's anonymous conversation is
 * copied into it, so nothing is lost either way. Nothing is ever joined by email or name.
 */
export async function customerRoom(ctx: CustomerContext, customer: VerifiedCustomer, handoverRoomId?: string): Promise<string> {
  const bound = await ctx.customers.roomOf(customer.id);
  if (bound) {
    await ctx.customers.renew(customer.id);
    if (handoverRoomId && handoverRoomId !== bound) await carryOver(ctx, customer, handoverRoomId, bound);
    await verified(ctx, bound, customer);
    return bound;
  }
  const handover = handoverRoomId ? await ctx.rooms.get(handoverRoomId) : undefined;
  // An anonymous conversation with messages becomes theirs, unless it is someone else's already.
  const handedOver = handover?.lastSeq !== undefined ? await ctx.rooms.verifyCustomer(handover.roomId, customer) : undefined;
  const candidate = handedOver ? handover!.roomId : roomIdForCustomer(customer.id);
  const room = await ctx.customers.bind(customer.id, candidate);
  // Another device bound them first, at the same moment: this conversation carries on there.
  if (room !== candidate && candidate === handoverRoomId) await carryOver(ctx, customer, candidate, room);
  // The handed-over room has just been written with what the token says; another is written now.
  await verified(ctx, room, customer, room === candidate ? handedOver : undefined);
  return room;
}

/**
 * Records what the token says of the customer on their room (unless `done` already did). The
 * inbox hears of it only when that changed: a customer reconnecting (a network blip, a new
 * tab) costs no post to every agent console.
 */
async function verified(
  ctx: CustomerContext,
  roomId: string,
  customer: VerifiedCustomer,
  done?: Awaited<ReturnType<CustomerContext['rooms']['verifyCustomer']>>,
): Promise<void> {
  const verification = done ?? (await ctx.rooms.verifyCustomer(roomId, customer));
  if (!verification) {
    ctx.log.error("a customer's bound room belongs to someone else", { roomId });
    return;
  }
  if (!verification.changed) return;
  await announceRoom(ctx, verification.room).catch((error: unknown) =>
    ctx.log.warn('could not announce a verified room', { roomId, error: asError(error) }),
  );
}

const PAGE = 100;

/**
 * Copies an anonymous conversation into the customer's room, oldest first, then leaves it
 * closed with a pointer there. Each copy is claimed in the target room under its original
 * client message id, so a copy interrupted and finished by the next connection, or a
 * message the visitor's outbox sends again, is never stored twice. Files are copied too.
 */
async function carryOver(ctx: CustomerContext, customer: VerifiedCustomer, fromRoomId: string, intoRoomId: string): Promise<void> {
  const from = await ctx.rooms.get(fromRoomId);
  if (from?.lastSeq === undefined || (from.mergedInto !== undefined && from.mergedInto !== intoRoomId)) return;
  const marked = await ctx.rooms.mergeInto(fromRoomId, customer, intoRoomId);
  if (!marked) {
    ctx.log.warn('did not carry over a conversation that is another customer’s', { roomId: fromRoomId });
    return;
  }
  let copied = 0;
  for (let after = 0; ; ) {
    const page = await ctx.messages.page(fromRoomId, { after, limit: PAGE, internal: true });
    for (const message of page.messages) if (await copyMessage(ctx, message, intoRoomId)) copied++;
    const last = page.messages.at(-1);
    if (!page.hasMore || !last) break;
    after = last.seq;
  }
  ctx.log.info('carried an anonymous conversation over to its signed-in customer', { roomId: fromRoomId, into: intoRoomId, copied });
  await announceRoom(ctx, marked).catch(() => {});
}

async function copyMessage(ctx: CustomerContext, message: Message, roomId: string): Promise<boolean> {
  if (await ctx.claims.claim(roomId, message.clientMsgId, ctx.now())) return false;
  const { seq: _seq, roomId: from, ...rest } = message;
  if (rest.attachment && ctx.files) {
    const copiedFile = await ctx.files
      .copy({ roomId: from, attachmentId: rest.attachment.id }, { roomId, attachmentId: rest.attachment.id })
      .catch((error: unknown) => {
        ctx.log.error('could not copy a file to the customer’s room', { roomId, error: asError(error) });
        return false;
      });
    if (!copiedFile) rest.attachment = { ...rest.attachment, status: 'removed' };
  }
  const before = await ctx.rooms.get(roomId);
  const stored = await ctx.messages.append({ ...rest, roomId }, before?.lastSeq ?? 0);
  await Promise.all([
    ctx.claims.complete(roomId, message.clientMsgId, stored.seq),
    ctx.rooms.recordMessage(roomId, {
      seq: stored.seq,
      at: stored.createdAt,
      preview: previewOf(stored),
      role: stored.sender.role,
      ...(stored.sender.role !== 'system' && { sender: { ...stored.sender, role: stored.sender.role } }),
      ...(stored.internal && { internal: true }),
    }),
  ]);
  return true;
}

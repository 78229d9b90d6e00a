import { ForbiddenError } from '../../errors.ts';
import type { Attachment, Message, SendMessageFrame } from '../../protocol/index.ts';
import { afterAgentMessage, afterVisitorMessage } from '../after-message.ts';
import { acceptAttachment, filesOf, previewOf } from '../attachments.ts';
import { asError } from '../delivery.ts';
import type { ChatContext } from '../deps.ts';
import { audienceOf } from '../marks.ts';
import { type AgentConnection, type Connection, type ExistingClaim, type RoomRecord, StoreOutcomeUnknownError } from '../model.ts';
import { resolveRoom } from '../rooms.ts';

/**
 * How long a claimed send may still be in progress. Past it, the attempt that claimed
 * it cannot be running any more: the $default Lambda is stopped after 29 s
 * (backend/infra/constructs/chat-handlers.ts), and the margin covers the clocks of two
 * Lambdas disagreeing. A retry may then take the send over.
 */
export const SEND_LEASE_MS = 60_000;

/**
 * Stores a message once per (room, clientMsgId) at the room's next number, then
 * delivers it to everyone in the room (the sender's copy is its acknowledgement); then
 * what follows a message (after-message.ts): the inbox, alerts, the away reply, the
 * email follow-up.
 *
 * Exactly once: the attempt that claims the clientMsgId is the only one that stores and
 * broadcasts it. A retry of a stored message gets the original back, alone; a retry
 * while the first attempt is still in progress gets nothing (that attempt answers, to
 * the whole room, which includes the sender's other tabs); a retry after an attempt that
 * died mid-way takes over and finishes it, storing nothing twice.
 *
 * A message with a file takes it (chat/attachments.ts) once it holds the claim and before
 * it stores anything: a file refused gives the claim back, so nothing of it remains, and a
 * retry of a stored message gets it back without touching the file again.
 */
export async function sendMessage(ctx: ChatContext, caller: Connection, frame: SendMessageFrame): Promise<void> {
  if (frame.internal && caller.role !== 'agent') throw new ForbiddenError('Only agents write internal notes.');
  if (frame.attachment) filesOf(ctx);
  const { roomId, room: agentsRoom } = await resolveRoom(ctx, caller, frame.roomId);
  const startedAt = ctx.now();
  const [claim, roomBefore, members] = await Promise.all([
    ctx.claims.claim(roomId, frame.clientMsgId, startedAt),
    agentsRoom ?? ctx.rooms.get(roomId),
    ctx.connections.members(roomId),
  ]);
  const recipients = (message: Message) => [...audienceOf(message, members), caller.connectionId];

  if (claim) {
    const settled = await settleRetry(ctx, caller, roomId, frame.clientMsgId, claim, startedAt);
    if (settled === 'answered') return;
    if (settled) return void (await ctx.out.send(recipients(settled), { type: 'message', message: settled }));
  }

  let message: Message;
  try {
    const attachment: Attachment | undefined =
      frame.attachment && (await acceptAttachment(ctx, { roomId, attachmentId: frame.attachment.id }, frame.clientMsgId));
    message = await ctx.messages.append(
      {
        roomId,
        clientMsgId: frame.clientMsgId,
        sender: senderOf(caller, roomBefore),
        text: frame.text,
        createdAt: new Date(startedAt).toISOString(),
        ...(frame.internal && { internal: true }),
        ...(attachment && { attachment }),
      },
      roomBefore?.lastSeq ?? 0,
    );
  } catch (error) {
    // Nothing stored: free the claim, so the client's retry does not wait out the lease.
    // If that cannot be known, the claim stays, and a retry after the lease finds out.
    if (!(error instanceof StoreOutcomeUnknownError)) {
      await ctx.claims.release(roomId, frame.clientMsgId, startedAt).catch(() => {});
    }
    throw error;
  }

  // Stored: from here on the message counts as sent. The bookkeeping after it must not
  // turn into an error for the sender, whose copy is on its way as the acknowledgement.
  const [, recorded, completed] = await Promise.allSettled([
    ctx.out.send(recipients(message), { type: 'message', message }),
    ctx.rooms.recordMessage(roomId, {
      seq: message.seq,
      at: message.createdAt,
      preview: previewOf(message),
      role: caller.role,
      sender:
        caller.role === 'agent'
          ? { role: 'agent', name: caller.name, agentId: caller.agentId }
          : { role: 'visitor', ...(message.sender.name !== undefined && { name: message.sender.name }) },
      ...(message.internal && { internal: true }),
    }),
    ctx.claims.complete(roomId, frame.clientMsgId, message.seq),
  ]);
  // A retry finds an uncompleted claim's message after the lease, so neither is lost.
  if (completed.status === 'rejected') ctx.log.error('could not complete a send claim', { roomId, error: asError(completed.reason) });
  if (recorded.status === 'rejected') {
    ctx.log.error('could not record a message on its room', { roomId, error: asError(recorded.reason) });
    return;
  }
  // A note changes nothing a visitor or the inbox sees: no email, no reply time, no preview.
  if (message.internal) return;
  await (caller.role === 'visitor'
    ? afterVisitorMessage(ctx, recorded.value, members, message, caller.lang)
    : afterAgentMessage(ctx, recorded.value, members, { agentId: (caller as AgentConnection).agentId, at: message.createdAt }));
}

/**
 * A send whose clientMsgId was claimed before. 'answered' when nothing is left to do;
 * a message when a dead attempt had stored it (to deliver again: clients keep each
 * number once); undefined when this attempt has taken the send over and must store it.
 */
async function settleRetry(
  ctx: ChatContext,
  caller: Connection,
  roomId: string,
  clientMsgId: string,
  claim: ExistingClaim,
  now: number,
): Promise<'answered' | Message | undefined> {
  if (claim.seq !== undefined) {
    const original = await ctx.messages.get(roomId, claim.seq);
    // A visitor never gets an internal message back, even by guessing a note's clientMsgId.
    if (original && !(original.internal && caller.role !== 'agent')) {
      await ctx.out.send([caller.connectionId], { type: 'message', message: original });
    }
    return 'answered';
  }
  if (now - claim.claimedAt < SEND_LEASE_MS) return 'answered';
  if (!(await ctx.claims.takeOver(roomId, clientMsgId, claim, now))) return 'answered';
  ctx.log.warn('taking over a send whose first attempt did not finish', { roomId });
  const stored = await ctx.messages.findByClientMsgId(roomId, clientMsgId);
  if (!stored) return undefined;
  if (stored.internal && caller.role !== 'agent') return 'answered';
  await ctx.claims.complete(roomId, clientMsgId, stored.seq);
  return stored;
}

function senderOf(caller: Connection, room: RoomRecord | undefined): Message['sender'] {
  if (caller.role === 'agent') return { role: 'agent', name: caller.name };
  return room?.visitorName ? { role: 'visitor', name: room.visitorName } : { role: 'visitor' };
}

import type { Message, SendMessageFrame } from '../../protocol/index.ts';
import { ALERT_QUIET_MS, PREVIEW_LENGTH } from '../../protocol/limits.ts';
import { asError } from '../delivery.ts';
import type { ChatContext } from '../deps.ts';
import { type Connection, type ExistingClaim, type Member, type RoomRecord, StoreOutcomeUnknownError } from '../model.ts';
import { announceRoom, countAgents } from '../presence.ts';
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
 * delivers it to everyone in the room (the sender's copy is its acknowledgement),
 * updates the agents' inbox and, by the alert rules, alerts agents.
 *
 * Exactly once: the attempt that claims the clientMsgId is the only one that stores and
 * broadcasts it. A retry of a stored message gets the original back, alone; a retry
 * while the first attempt is still in progress gets nothing (that attempt answers, to
 * the whole room, which includes the sender's other tabs); a retry after an attempt that
 * died mid-way takes over and finishes it, storing nothing twice.
 */
export async function sendMessage(ctx: ChatContext, caller: Connection, frame: SendMessageFrame): Promise<void> {
  const { roomId, room: agentsRoom } = await resolveRoom(ctx, caller, frame.roomId);
  const startedAt = ctx.now();
  const [claim, roomBefore, members] = await Promise.all([
    ctx.claims.claim(roomId, frame.clientMsgId, startedAt),
    agentsRoom ?? ctx.rooms.get(roomId),
    ctx.connections.members(roomId),
  ]);
  const recipients = [...members, caller.connectionId];

  if (claim) {
    const settled = await settleRetry(ctx, caller, roomId, frame.clientMsgId, claim, startedAt);
    if (settled === 'answered') return;
    if (settled) return void (await ctx.out.send(recipients, { type: 'message', message: settled }));
  }

  let message: Message;
  try {
    message = await ctx.messages.append(
      {
        roomId,
        clientMsgId: frame.clientMsgId,
        sender: senderOf(caller, roomBefore),
        text: frame.text,
        createdAt: new Date(startedAt).toISOString(),
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
    ctx.out.send(recipients, { type: 'message', message }),
    ctx.rooms.recordMessage(roomId, {
      seq: message.seq,
      at: message.createdAt,
      preview: preview(frame.text),
      reopen: caller.role === 'visitor',
    }),
    ctx.claims.complete(roomId, frame.clientMsgId, message.seq),
  ]);
  // A retry finds an uncompleted claim's message after the lease, so neither is lost.
  if (completed.status === 'rejected') ctx.log.error('could not complete a send claim', { roomId, error: asError(completed.reason) });
  if (recorded.status === 'rejected') {
    ctx.log.error('could not record a message on its room', { roomId, error: asError(recorded.reason) });
    return;
  }
  // The inbox hears of visitors' messages (new room, new question, reopen). An agent's
  // reply is seen by the agents in the room; telling every agent of every reply would
  // multiply the fan-out for a preview the next listRooms shows anyway.
  if (caller.role !== 'visitor') return;
  await announceRoom(ctx, recorded.value.after, members);
  await alertIfUnattended(ctx, recorded.value.before, recorded.value.after, members, message);
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
    if (original) await ctx.out.send([caller.connectionId], { type: 'message', message: original });
    return 'answered';
  }
  if (now - claim.claimedAt < SEND_LEASE_MS) return 'answered';
  if (!(await ctx.claims.takeOver(roomId, clientMsgId, claim, now))) return 'answered';
  ctx.log.warn('taking over a send whose first attempt did not finish', { roomId });
  const stored = await ctx.messages.findByClientMsgId(roomId, clientMsgId);
  if (!stored) return undefined;
  await ctx.claims.complete(roomId, clientMsgId, stored.seq);
  return stored;
}

function senderOf(caller: Connection, room: RoomRecord | undefined): Message['sender'] {
  if (caller.role === 'agent') return { role: 'agent', name: caller.name };
  return room?.visitorName ? { role: 'visitor', name: room.visitorName } : { role: 'visitor' };
}

function preview(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  const chars = [...oneLine];
  return chars.length <= PREVIEW_LENGTH ? oneLine : `${chars.slice(0, PREVIEW_LENGTH - 1).join('')}…`;
}

/**
 * Alerts agents on a room's first visitor message, and when a visitor writes while no
 * agent is in the room and the room had no alert in the quiet window. Never fails the
 * message: by now it is stored and delivered.
 */
async function alertIfUnattended(
  ctx: ChatContext,
  before: RoomRecord | undefined,
  after: RoomRecord,
  members: Member[],
  message: Message,
): Promise<void> {
  const firstMessage = before?.lastMessageAt === undefined;
  if (!firstMessage && countAgents(members) > 0) return;
  try {
    const now = ctx.now();
    const claimed = await ctx.rooms.claimAlert(
      after.roomId,
      new Date(now).toISOString(),
      new Date(now - ALERT_QUIET_MS).toISOString(),
    );
    if (!claimed) return;
    await ctx.alerts.publish({
      roomId: after.roomId,
      visitorName: after.visitorName,
      visitorEmail: after.visitorEmail,
      text: message.text,
      firstMessage,
    });
    ctx.log.info('alerted agents', { roomId: after.roomId, firstMessage });
  } catch (error) {
    ctx.log.error('could not alert agents', { roomId: after.roomId, error: asError(error) });
  }
}

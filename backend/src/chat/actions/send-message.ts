import type { Message, SendMessageFrame } from '../../protocol/index.ts';
import { ALERT_QUIET_MS, PREVIEW_LENGTH } from '../../protocol/limits.ts';
import type { Connection, Member } from '../../store/connection-store.ts';
import type { RoomRecord } from '../../store/room-store.ts';
import type { ChatDeps } from '../deps.ts';
import { sendTo, sendToAll } from '../fanout.ts';
import { announceRoom, countAgents, resolveRoom } from '../rooms.ts';

/**
 * Stores a message once per (room, clientMsgId), then delivers it to everyone in the
 * room (the sender's copy is its acknowledgement), updates the agents' inbox and, by the
 * alert rules, alerts agents. A retry of a stored message gets the original back, alone.
 */
export async function sendMessage(deps: ChatDeps, caller: Connection, frame: SendMessageFrame): Promise<void> {
  const { roomId, room: roomBefore } = await resolveRoom(deps, caller, frame.roomId);
  const candidateId = deps.newMessageId();
  const claimedId = await deps.rooms.claimClientMsgId(roomId, frame.clientMsgId, candidateId);
  if (claimedId !== undefined) {
    const original = await deps.messages.get(roomId, claimedId);
    if (original) {
      await sendTo(deps, caller.connectionId, { type: 'message', message: original });
      return;
    }
    // The claim exists but its message does not: an earlier attempt died in between.
    // Finish that attempt under the claimed id.
  }

  const messageId = claimedId ?? candidateId;
  const createdAt = new Date(deps.now()).toISOString();
  const recorded = await deps.rooms.recordMessage(roomId, {
    at: createdAt,
    preview: preview(frame.text),
    reopen: caller.role === 'visitor',
  });
  const message: Message = {
    id: messageId,
    roomId,
    clientMsgId: frame.clientMsgId,
    sender: senderOf(caller, recorded.before ?? roomBefore),
    text: frame.text,
    createdAt,
  };
  await deps.messages.put(message);

  const members = await deps.connections.members(roomId);
  const recipients = members.map((m) => m.connectionId);
  if (!recipients.includes(caller.connectionId)) recipients.push(caller.connectionId);
  await sendToAll(deps, recipients, { type: 'message', message });
  // The inbox hears of visitors' messages (new room, new question, reopen). An agent's
  // reply is seen by the agents in the room; telling every agent of every reply would
  // multiply the fan-out for a preview the next listRooms shows anyway.
  if (caller.role !== 'visitor') return;
  await announceRoom(deps, recorded.after, members);
  await alertIfUnattended(deps, recorded.before, recorded.after, members, message);
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
  deps: ChatDeps,
  before: RoomRecord | undefined,
  after: RoomRecord,
  members: Member[],
  message: Message,
): Promise<void> {
  const firstMessage = before?.lastMessageAt === undefined;
  if (!firstMessage && countAgents(members) > 0) return;
  try {
    const now = deps.now();
    const claimed = await deps.rooms.claimAlert(
      after.roomId,
      new Date(now).toISOString(),
      new Date(now - ALERT_QUIET_MS).toISOString(),
    );
    if (!claimed) return;
    await deps.alerts.publish({
      roomId: after.roomId,
      visitorName: after.visitorName,
      visitorEmail: after.visitorEmail,
      text: message.text,
      firstMessage,
    });
    deps.log.info('alerted agents', { roomId: after.roomId, firstMessage });
  } catch (error) {
    deps.log.error('could not alert agents', { roomId: after.roomId, error: String(error) });
  }
}

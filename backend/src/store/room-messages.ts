import type { RecordedMessage, RoomRecord } from '../chat/model.ts';
import type { MessageRecord, RoomStore } from '../chat/ports.ts';
import { type RoomRecords, toRoom } from './room-records.ts';

/** Recording each stored message on its room record: its latest message, status, and the wait for an answer. */
export function roomMessages(records: RoomRecords): Pick<RoomStore, 'recordMessage'> {
  /**
   * Records a stored message on its room, unless a later message is recorded already
   * (concurrent sends finish in any order; the room shows the latest). A visitor's
   * message creates or (re)opens the room and starts its wait for an answer; an agent's
   * ends that wait (`before.waitingSince` says since when it waited) and leaves the status
   * alone; a system message (an automatic reply) and an internal one (a note, a mark) only
   * move the room's last number. A visitor's message into a room with no conversation under
   * way starts one (`conversationStartedAt`: see RoomRecord).
   */
  async function recordMessage(roomId: string, update: MessageRecord): Promise<RecordedMessage> {
    const role = update.internal ? 'system' : update.role;
    const touch = records.touched(update.at);
    const sets = ['lastSeq = :seq', ...touch.set];
    const removes: string[] = [];
    const values: Record<string, unknown> = { ':seq': update.seq, ...touch.values };
    if (role !== 'system') {
      sets.push('lastMessageAt = :at', 'lastMessagePreview = :preview', 'lastSender = :sender');
      Object.assign(values, { ':at': update.at, ':preview': update.preview, ':sender': update.sender ?? { role } });
    }
    if (role === 'visitor') {
      sets.push(
        '#status = :open',
        'createdAt = if_not_exists(createdAt, :at)',
        'waitingSince = if_not_exists(waitingSince, :at)',
        'conversationStartedAt = if_not_exists(conversationStartedAt, :at)',
      );
      values[':open'] = 'open';
    }
    if (role === 'agent') {
      sets.push('lastAgentAt = :at');
      removes.push('waitingSince');
    }
    const outcome = await records.revise(roomId, {
      expression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
      condition: `(attribute_not_exists(lastSeq) OR lastSeq < :seq) AND ${touch.condition}`,
      names: role === 'visitor' ? { '#status': 'status' } : undefined,
      values,
      returnValues: 'ALL_OLD',
      failedItem: true,
    });
    if (outcome.applied) {
      const before = outcome.output ? toRoom(outcome.output) : undefined;
      return { before, after: applied(before, roomId, { ...update, role }) };
    }
    const failed = outcome.item!;
    if (await records.purgeExpired(roomId, failed)) return recordMessage(roomId, update);
    const before = toRoom(failed);
    // A later message is recorded already. Only a visitor's message into a room closed
    // since still has something to change.
    if (role !== 'visitor' || before.status === 'open') return { before, after: before };
    // The room as this update found it is the one to compare with: it may have opened meanwhile.
    const found = (await records.update(roomId, {
      set: ['#status = :open', 'conversationStartedAt = if_not_exists(conversationStartedAt, :at)'],
      names: { '#status': 'status' },
      values: { ':open': 'open', ':at': update.at },
      returnOld: true,
    }))!;
    return {
      before: found,
      after: {
        ...found,
        status: 'open',
        conversationStartedAt: found.conversationStartedAt ?? update.at,
        revision: (found.revision ?? 0) + 1,
      },
    };
  }
  return { recordMessage };
}

/** The room after recordMessage's update, worked out from the room before it. */
function applied(before: RoomRecord | undefined, roomId: string, update: MessageRecord): RoomRecord {
  const after: RoomRecord = {
    ...(before ?? { roomId, status: 'open', createdAt: update.at }),
    lastSeq: update.seq,
    revision: (before?.revision ?? 0) + 1,
  };
  if (update.role === 'system') return after;
  Object.assign(after, {
    lastMessageAt: update.at,
    lastMessagePreview: update.preview,
    lastSender: update.sender ?? { role: update.role },
  });
  if (update.role === 'visitor') {
    Object.assign(after, {
      status: 'open',
      waitingSince: before?.waitingSince ?? update.at,
      conversationStartedAt: before?.conversationStartedAt ?? update.at,
    });
  }
  if (update.role === 'agent') {
    after.lastAgentAt = update.at;
    delete after.waitingSince;
  }
  return after;
}

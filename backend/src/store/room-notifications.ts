import type { RoomStore } from '../chat/ports.ts';
import type { RoomRecords } from './room-records.ts';

type Notifications =
  | 'claimAlert'
  | 'claimAwayReply'
  | 'claimFollowUp'
  | 'releaseFollowUp'
  | 'recordEmail'
  | 'optOutOfEmail'
  | 'claimTranscript';

/**
 * What a room sent out, as its record keeps it: agents' alerts, away replies and emails to
 * the visitor, each behind a slot that concurrent writers race for, so it goes out once.
 */
export function roomNotifications(records: RoomRecords): Pick<RoomStore, Notifications> {
  /** Sets `attribute` to `value` unless it was set since `since` (and `orFree` does not hold either): false when there is no such room. */
  const claimSlot = (roomId: string, attribute: string, value: unknown, since: unknown, orFree = '') =>
    records.claim(
      roomId,
      attribute,
      value,
      `attribute_exists(roomId) AND (attribute_not_exists(${attribute}) OR ${attribute} < :since${orFree})`,
      since,
    );

  return {
    /**
     * Takes the room's alert slot if no alert went out since `quietSince`. The condition
     * makes concurrent messages race for one slot, so agents get one alert, not several.
     */
    async claimAlert(roomId: string, now: string, quietSince: string): Promise<boolean> {
      return claimSlot(roomId, 'lastAlertAt', now, quietSince);
    },

    /** Takes the room's away-reply slot: none sent since `quietSince`, or an agent wrote since the last. */
    async claimAwayReply(roomId: string, now: string, quietSince: string): Promise<boolean> {
      return claimSlot(roomId, 'awayRepliedAt', now, quietSince, ' OR awayRepliedAt < lastAgentAt');
    },

    /** Takes the room's next email follow-up check, unless one is due already (and not stale, i.e. not before `staleBefore`). */
    async claimFollowUp(roomId: string, dueAt: number, staleBefore: number): Promise<boolean> {
      return claimSlot(roomId, 'followUpDueAt', dueAt, staleBefore);
    },

    /** Ends the follow-up check due at `dueAt` (a later one stays). */
    async releaseFollowUp(roomId: string, dueAt: number): Promise<void> {
      await records.update(roomId, { set: [], remove: ['followUpDueAt'], condition: 'followUpDueAt = :due', values: { ':due': dueAt } });
    },

    /** An email went to the visitor, covering the messages up to `throughSeq`. */
    async recordEmail(roomId: string, throughSeq: number, at: number): Promise<void> {
      await records.update(roomId, {
        set: ['lastEmailAt = :at', 'emailedThroughSeq = :seq'],
        condition: 'attribute_not_exists(emailedThroughSeq) OR emailedThroughSeq < :seq',
        values: { ':at': at, ':seq': throughSeq },
      });
    },

    /** The visitor unsubscribed from this conversation's emails. False when there is no such room. */
    async optOutOfEmail(roomId: string): Promise<boolean> {
      return (
        (await records.update(roomId, { set: ['emailOptOut = :yes'], condition: 'attribute_exists(roomId)', values: { ':yes': true } })) !==
        undefined
      );
    },

    /** Takes the slot for mailing the conversation on request: none sent since `quietSince`. */
    async claimTranscript(roomId: string, now: number, quietSince: number): Promise<boolean> {
      return claimSlot(roomId, 'transcriptSentAt', now, quietSince);
    },
  };
}

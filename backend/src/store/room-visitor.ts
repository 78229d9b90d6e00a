import type { RoomRecord } from '../chat/model.ts';
import type { RoomStore, VisitorContextUpdate } from '../chat/ports.ts';
import type { RoomRecords } from './room-records.ts';

/** What a room record keeps of its visitor: their name and email, what their browser told, how far they read. */
export function roomVisitor(records: RoomRecords): Pick<RoomStore, 'setProfile' | 'setContext' | 'recordVisitorRead'> {
  return {
    /** Sets the visitor's name and/or email, creating the room record if need be. */
    async setProfile(roomId: string, profile: { name?: string; email?: string }, now: string): Promise<RoomRecord> {
      const set = ['createdAt = if_not_exists(createdAt, :now)', '#status = if_not_exists(#status, :open)'];
      const values: Record<string, unknown> = { ':now': now, ':open': 'open' };
      if (profile.name !== undefined) {
        set.push('visitorName = :name');
        values[':name'] = profile.name;
      }
      if (profile.email !== undefined) {
        set.push('visitorEmail = :email', 'visitorRef = :ref');
        values[':email'] = profile.email;
        values[':ref'] = profile.email.toLowerCase();
      }
      return (await records.update(roomId, { set, values, names: { '#status': 'status' }, activeAt: now }))!;
    },

    /** What the visitor's browser told, creating the room record if need be. */
    async setContext(roomId: string, context: VisitorContextUpdate, now: string): Promise<RoomRecord> {
      const set = ['createdAt = if_not_exists(createdAt, :now)', '#status = if_not_exists(#status, :open)', 'visitorLang = :lang'];
      const values: Record<string, unknown> = { ':now': now, ':open': 'open', ':lang': context.lang };
      const optional: [string, string, unknown][] = [
        ['visitorTimeZone', ':tz', context.timeZone],
        ['visitorPage', ':page', context.page && { ...context.page, at: now }],
        ['visitorReferrer', ':referrer', context.referrer],
        ['visitorBrowser', ':browser', context.browser],
        ['visitorOs', ':os', context.os],
      ];
      for (const [attribute, name, value] of optional) {
        if (value === undefined) continue;
        set.push(`${attribute} = ${name}`);
        values[name] = value;
      }
      return (await records.update(roomId, { set, values, names: { '#status': 'status' }, activeAt: now }))!;
    },

    /** Keeps the highest message number the visitor has read. */
    async recordVisitorRead(roomId: string, seq: number): Promise<void> {
      await records.update(roomId, {
        set: ['visitorReadSeq = :seq'],
        condition: 'attribute_exists(roomId) AND (attribute_not_exists(visitorReadSeq) OR visitorReadSeq < :seq)',
        values: { ':seq': seq },
      });
    },
  };
}

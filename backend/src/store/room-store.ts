import { type DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { RecordedMessage, RoomRecord } from '../chat/model.ts';
import type { RoomStore } from '../chat/ports.ts';
import type { Role, RoomStatus } from '../protocol/index.ts';
import { roomsTable } from '../tables.ts';
import { isConditionFailure, itemOfFailedCondition } from './dynamo.ts';

const ROOM = 'room';

interface Update {
  set: string[];
  remove?: string[];
  condition?: string;
  values?: Record<string, unknown>;
  names?: Record<string, string>;
}

/** Room records: status, visitor profile and context, latest activity, alert, away-reply and email state. */
export class DynamoRoomStore implements RoomStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(roomId: string): Promise<RoomRecord | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { roomId, sk: ROOM }, ConsistentRead: true }));
    return Item ? toRoom(Item) : undefined;
  }

  /**
   * Records a stored message on its room, unless a later message is recorded already
   * (concurrent sends finish in any order; the room shows the latest). A visitor's
   * message creates or (re)opens the room and starts its wait for an answer; an agent's
   * ends that wait (`before.waitingSince` says since when it waited) and leaves the status
   * alone; a system message (an automatic reply) only moves the room's last number.
   */
  async recordMessage(roomId: string, update: { seq: number; at: string; preview: string; role: Role }): Promise<RecordedMessage> {
    const sets = ['lastSeq = :seq'];
    const removes: string[] = [];
    if (update.role !== 'system') sets.push('lastMessageAt = :at', 'lastMessagePreview = :preview');
    if (update.role === 'visitor')
      sets.push('#status = :open', 'createdAt = if_not_exists(createdAt, :at)', 'waitingSince = if_not_exists(waitingSince, :at)');
    if (update.role === 'agent') {
      sets.push('lastAgentAt = :at');
      removes.push('waitingSince');
    }
    try {
      const { Attributes } = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { roomId, sk: ROOM },
          UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
          ConditionExpression: 'attribute_not_exists(lastSeq) OR lastSeq < :seq',
          ExpressionAttributeNames: update.role === 'visitor' ? { '#status': 'status' } : undefined,
          ExpressionAttributeValues: {
            ':seq': update.seq,
            ...(update.role !== 'system' && { ':at': update.at, ':preview': update.preview }),
            ...(update.role === 'visitor' && { ':open': 'open' }),
          },
          ReturnValues: 'ALL_OLD',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      const before = Attributes ? toRoom(Attributes) : undefined;
      return { before, after: applied(before, roomId, update) };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const before = toRoom(itemOfFailedCondition(error)!);
      // A later message is recorded already. Only a visitor's message into a room closed
      // since still has something to change.
      if (update.role !== 'visitor' || before.status === 'open') return { before, after: before };
      return {
        before,
        after: (await this.update(roomId, { set: ['#status = :open'], names: { '#status': 'status' }, values: { ':open': 'open' } }))!,
      };
    }
  }

  /** Sets the visitor's name and/or email, creating the room record if need be. */
  async setProfile(roomId: string, profile: { name?: string; email?: string }, now: string): Promise<RoomRecord> {
    const set = ['createdAt = if_not_exists(createdAt, :now)', '#status = if_not_exists(#status, :open)'];
    const values: Record<string, unknown> = { ':now': now, ':open': 'open' };
    if (profile.name !== undefined) {
      set.push('visitorName = :name');
      values[':name'] = profile.name;
    }
    if (profile.email !== undefined) {
      set.push('visitorEmail = :email');
      values[':email'] = profile.email;
    }
    return (await this.update(roomId, { set, values, names: { '#status': 'status' } }))!;
  }

  /** The visitor's language and time zone, creating the room record if need be. */
  async setContext(roomId: string, context: { lang: string; timeZone?: string }, now: string): Promise<RoomRecord> {
    const set = ['createdAt = if_not_exists(createdAt, :now)', '#status = if_not_exists(#status, :open)', 'visitorLang = :lang'];
    const values: Record<string, unknown> = { ':now': now, ':open': 'open', ':lang': context.lang };
    if (context.timeZone !== undefined) {
      set.push('visitorTimeZone = :tz');
      values[':tz'] = context.timeZone;
    }
    return (await this.update(roomId, { set, values, names: { '#status': 'status' } }))!;
  }

  /** Keeps the highest message number the visitor has read. */
  async recordVisitorRead(roomId: string, seq: number): Promise<void> {
    await this.update(roomId, {
      set: ['visitorReadSeq = :seq'],
      condition: 'attribute_exists(roomId) AND (attribute_not_exists(visitorReadSeq) OR visitorReadSeq < :seq)',
      values: { ':seq': seq },
    });
  }

  /** Closes a room; undefined when there is no such room. */
  async close(roomId: string): Promise<RoomRecord | undefined> {
    return this.update(roomId, {
      set: ['#status = :closed'],
      condition: 'attribute_exists(roomId)',
      names: { '#status': 'status' },
      values: { ':closed': 'closed' },
    });
  }

  /**
   * Takes the room's alert slot if no alert went out since `quietSince`. The condition
   * makes concurrent messages race for one slot, so agents get one alert, not several.
   */
  async claimAlert(roomId: string, now: string, quietSince: string): Promise<boolean> {
    return this.claim(
      roomId,
      'lastAlertAt',
      now,
      'attribute_exists(roomId) AND (attribute_not_exists(lastAlertAt) OR lastAlertAt < :since)',
      quietSince,
    );
  }

  /** Takes the room's away-reply slot: none sent since `quietSince`, or an agent wrote since the last. */
  async claimAwayReply(roomId: string, now: string, quietSince: string): Promise<boolean> {
    return this.claim(
      roomId,
      'awayRepliedAt',
      now,
      'attribute_exists(roomId) AND (attribute_not_exists(awayRepliedAt) OR awayRepliedAt < :since OR awayRepliedAt < lastAgentAt)',
      quietSince,
    );
  }

  /** Takes the room's next email follow-up check, unless one is due already (and not stale, i.e. not before `staleBefore`). */
  async claimFollowUp(roomId: string, dueAt: number, staleBefore: number): Promise<boolean> {
    return this.claim(
      roomId,
      'followUpDueAt',
      dueAt,
      'attribute_exists(roomId) AND (attribute_not_exists(followUpDueAt) OR followUpDueAt < :since)',
      staleBefore,
    );
  }

  /** Ends the follow-up check due at `dueAt` (a later one stays). */
  async releaseFollowUp(roomId: string, dueAt: number): Promise<void> {
    await this.update(roomId, { set: [], remove: ['followUpDueAt'], condition: 'followUpDueAt = :due', values: { ':due': dueAt } });
  }

  /** An email went to the visitor, covering the messages up to `throughSeq`. */
  async recordEmail(roomId: string, throughSeq: number, at: number): Promise<void> {
    await this.update(roomId, {
      set: ['lastEmailAt = :at', 'emailedThroughSeq = :seq'],
      condition: 'attribute_not_exists(emailedThroughSeq) OR emailedThroughSeq < :seq',
      values: { ':at': at, ':seq': throughSeq },
    });
  }

  /** The visitor unsubscribed from this conversation's emails. False when there is no such room. */
  async optOutOfEmail(roomId: string): Promise<boolean> {
    return (
      (await this.update(roomId, { set: ['emailOptOut = :yes'], condition: 'attribute_exists(roomId)', values: { ':yes': true } })) !==
      undefined
    );
  }

  /** Takes the slot for mailing the conversation on request: none sent since `quietSince`. */
  async claimTranscript(roomId: string, now: number, quietSince: number): Promise<boolean> {
    return this.claim(
      roomId,
      'transcriptSentAt',
      now,
      'attribute_exists(roomId) AND (attribute_not_exists(transcriptSentAt) OR transcriptSentAt < :since)',
      quietSince,
    );
  }

  /** Rooms with at least one message, newest activity first. */
  async list(status: RoomStatus, limit: number): Promise<RoomRecord[]> {
    const { Items = [] } = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: roomsTable.globalIndexes[0].indexName,
        KeyConditionExpression: '#status = :status',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':status': status },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return Items.map(toRoom);
  }

  /** Sets one attribute to `value` if `condition` holds (`:since` bound to `since`): a slot only one writer gets. */
  private async claim(roomId: string, attribute: string, value: unknown, condition: string, since: unknown): Promise<boolean> {
    const updated = await this.update(roomId, { set: [`${attribute} = :value`], condition, values: { ':value': value, ':since': since } });
    return updated !== undefined;
  }

  /** One conditional update of the room record: the record after it, or undefined when the condition failed. */
  private async update(roomId: string, { set, remove = [], condition, values, names }: Update): Promise<RoomRecord | undefined> {
    const expression = [set.length ? `SET ${set.join(', ')}` : '', remove.length ? `REMOVE ${remove.join(', ')}` : ''].join(' ').trim();
    try {
      const { Attributes } = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { roomId, sk: ROOM },
          UpdateExpression: expression,
          ConditionExpression: condition,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes ? toRoom(Attributes) : undefined;
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  }
}

/** The room after recordMessage's update, worked out from the room before it. */
function applied(
  before: RoomRecord | undefined,
  roomId: string,
  update: { seq: number; at: string; preview: string; role: Role },
): RoomRecord {
  const after: RoomRecord = { ...(before ?? { roomId, status: 'open', createdAt: update.at }), lastSeq: update.seq };
  if (update.role === 'system') return after;
  Object.assign(after, { lastMessageAt: update.at, lastMessagePreview: update.preview });
  if (update.role === 'visitor') Object.assign(after, { status: 'open', waitingSince: before?.waitingSince ?? update.at });
  if (update.role === 'agent') {
    after.lastAgentAt = update.at;
    delete after.waitingSince;
  }
  return after;
}

function toRoom(item: Record<string, unknown>): RoomRecord {
  const { sk: _sk, ...room } = item;
  return room as unknown as RoomRecord;
}

import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ClosedRoom, RecordedMessage, RoomRecord, StoredRating } from '../chat/model.ts';
import type { MessageRecord, RoomStore, VisitorContextUpdate } from '../chat/ports.ts';
import type { AgentRef, RoomStatus, VerifiedCustomer } from '../protocol/index.ts';
import { defaultRetention, expiresAtOf, type Retention, retainedSince } from '../retention.ts';
import { roomsTable } from '../tables.ts';
import { isConditionFailure, itemOfFailedCondition } from './dynamo.ts';
import { applied, sortedKeys, toRoom } from './room-record.ts';

const ROOM = 'room';

interface Update {
  /** The record as it was (ALL_OLD: {} for one that did not exist), rather than as it is after the update. */
  returnOld?: boolean;
  /** Activity at this time (ISO): the record's retention starts again from it (see `touched`). */
  activeAt?: string;
  set: string[];
  remove?: string[];
  condition?: string;
  values?: Record<string, unknown>;
  names?: Record<string, string>;
}

/** Every write of a room record adds one to its revision (RoomRecord.revision). */
const REVISED = { expression: ' ADD #revision :one', names: { '#revision': 'revision' }, values: { ':one': 1 } };

/**
 * Room records: status, visitor profile and context, latest activity, alert, away-reply and email state.
 *
 * A record is kept for the retention period after its latest activity (`activeAt`: a
 * message, the visitor's profile or context, a customer's connection, an assignment), when
 * DynamoDB's TTL (`expiresAt`) deletes it. Until then, reads leave an expired record out,
 * and activity on it first deletes it: what comes next starts a new record, rather than
 * bring the expired one's name, email and state back.
 */
export class DynamoRoomStore implements RoomStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly retention: Retention = defaultRetention,
  ) {}

  async get(roomId: string): Promise<RoomRecord | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { roomId, sk: ROOM }, ConsistentRead: true }));
    return Item && this.retained(Item) ? toRoom(Item) : undefined;
  }

  /** Whether a record's latest activity is within the retention period (before `activeAt` was kept: its latest message, or its creation). */
  private retained(item: Record<string, unknown>): boolean {
    const at = (item.activeAt ?? item.lastMessageAt ?? item.createdAt) as string | undefined;
    return at === undefined || at >= retainedSince(this.retention);
  }

  /** The retained records of a query's items. */
  private retainedRooms(items: Record<string, unknown>[]): RoomRecord[] {
    return items.filter((item) => this.retained(item)).map(toRoom);
  }

  /**
   * What a write at `at` adds: the new activity time and expiry, on the condition that the
   * record is not expired; `retry` after `purgeExpired` when that condition failed.
   */
  private touched(at: string) {
    return {
      set: ['activeAt = :activeAt', 'expiresAt = :expiresAt'],
      condition: '(attribute_not_exists(activeAt) OR activeAt >= :retainedSince)',
      values: { ':activeAt': at, ':expiresAt': expiresAtOf(at, this.retention), ':retainedSince': retainedSince(this.retention) },
    };
  }

  /** Deletes an expired record that a write found (unless it was written since): true when `item` was one. */
  private async purgeExpired(roomId: string, item: Record<string, unknown> | undefined): Promise<boolean> {
    if (!item || this.retained(item)) return false;
    try {
      await this.doc.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { roomId, sk: ROOM },
          ...(item.revision === undefined
            ? { ConditionExpression: 'attribute_not_exists(#revision)' }
            : { ConditionExpression: '#revision = :revision', ExpressionAttributeValues: { ':revision': item.revision } }),
          ExpressionAttributeNames: { '#revision': 'revision' },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    return true;
  }

  /**
   * Records a stored message on its room, unless a later message is recorded already
   * (concurrent sends finish in any order; the room shows the latest). A visitor's
   * message creates or (re)opens the room and starts its wait for an answer; an agent's
   * ends that wait (`before.waitingSince` says since when it waited) and leaves the status
   * alone; a system message (an automatic reply) and an internal one (a note, a mark) only
   * move the room's last number. A visitor's message into a room with no conversation under
   * way starts one (`conversationStartedAt`: see RoomRecord).
   */
  async recordMessage(roomId: string, update: MessageRecord): Promise<RecordedMessage> {
    const role = update.internal ? 'system' : update.role;
    const touch = this.touched(update.at);
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
    try {
      const { Attributes } = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { roomId, sk: ROOM },
          UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}${REVISED.expression}`,
          ConditionExpression: `(attribute_not_exists(lastSeq) OR lastSeq < :seq) AND ${touch.condition}`,
          ExpressionAttributeNames: { ...(role === 'visitor' && { '#status': 'status' }), ...REVISED.names },
          ExpressionAttributeValues: { ...values, ...REVISED.values },
          ReturnValues: 'ALL_OLD',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      const before = Attributes ? toRoom(Attributes) : undefined;
      return { before, after: applied(before, roomId, { ...update, role }) };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const failed = itemOfFailedCondition(error)!;
      if (await this.purgeExpired(roomId, failed)) return this.recordMessage(roomId, update);
      const before = toRoom(failed);
      // A later message is recorded already. Only a visitor's message into a room closed
      // since still has something to change.
      if (role !== 'visitor' || before.status === 'open') return { before, after: before };
      // The room as this update found it is the one to compare with: it may have opened meanwhile.
      const found = (await this.update(roomId, {
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
      set.push('visitorEmail = :email', 'visitorRef = :ref');
      values[':email'] = profile.email;
      values[':ref'] = profile.email.toLowerCase();
    }
    return (await this.update(roomId, { set, values, names: { '#status': 'status' }, activeAt: now }))!;
  }

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
    return (await this.update(roomId, { set, values, names: { '#status': 'status' }, activeAt: now }))!;
  }

  /** Keeps the highest message number the visitor has read. */
  async recordVisitorRead(roomId: string, seq: number): Promise<void> {
    await this.update(roomId, {
      set: ['visitorReadSeq = :seq'],
      condition: 'attribute_exists(roomId) AND (attribute_not_exists(visitorReadSeq) OR visitorReadSeq < :seq)',
      values: { ':seq': seq },
    });
  }

  /**
   * Closes a room at `at`, asking for a rating or not (the previous rating stays until a new
   * one), and ends its conversation: of two closes at once, one finds the conversation under
   * way (`ended`), so it is counted once. Undefined when there is no such room.
   */
  async close(roomId: string, at: string, askRating: boolean): Promise<ClosedRoom | undefined> {
    const before = await this.update(roomId, {
      set: ['#status = :closed', 'closedAt = :at', ...(askRating ? ['ratingAskedAt = :at'] : [])],
      remove: ['conversationStartedAt', 'conversationRepliedAt', ...(askRating ? [] : ['ratingAskedAt'])],
      condition: 'attribute_exists(roomId)',
      names: { '#status': 'status' },
      values: { ':closed': 'closed', ':at': at },
      returnOld: true,
    });
    if (!before) return undefined;
    const { conversationStartedAt: startedAt, conversationRepliedAt: repliedAt, ratingAskedAt: _asked, ...rest } = before;
    return {
      room: { ...rest, status: 'closed', closedAt: at, ...(askRating && { ratingAskedAt: at }), revision: (before.revision ?? 0) + 1 },
      ...(startedAt !== undefined && { ended: { startedAt, ...(repliedAt !== undefined && { repliedAt }) } }),
    };
  }

  /** Stores a rating if the room is as read (`revision`), closed, and asking about the close the rating is of. */
  async saveRating(roomId: string, rating: StoredRating, revision: number | undefined): Promise<RoomRecord | undefined> {
    return this.update(roomId, {
      set: ['rating = :rating'],
      condition: `#status = :closed AND ratingAskedAt = :asked AND ${revision === undefined ? 'attribute_not_exists(#revision)' : '#revision = :revision'}`,
      names: { '#status': 'status' },
      values: {
        ':rating': rating,
        ':closed': 'closed',
        ':asked': rating.closedAt,
        ...(revision !== undefined && { ':revision': revision }),
      },
    });
  }

  /** Of concurrent replies, the one that sets `conversationRepliedAt` first is the conversation's first. */
  async claimFirstReply(roomId: string, startedAt: string, at: string): Promise<boolean> {
    return this.claim(
      roomId,
      'conversationRepliedAt',
      at,
      'conversationStartedAt = :since AND attribute_not_exists(conversationRepliedAt)',
      startedAt,
    );
  }

  /** Reopens a closed room: the room, or undefined when there is no such room or it was open. */
  async reopen(roomId: string): Promise<RoomRecord | undefined> {
    return this.update(roomId, {
      set: ['#status = :open'],
      condition: 'attribute_exists(roomId) AND #status = :closed',
      names: { '#status': 'status' },
      values: { ':open': 'open', ':closed': 'closed' },
    });
  }

  /**
   * Sets or clears the assignee, on the condition that the current one is `expected`: two
   * agents who take a room at once both condition on "nobody", and one of them wins.
   */
  async assign(
    roomId: string,
    to: AgentRef | undefined,
    expected: string | undefined,
    now: string,
  ): Promise<{ room: RoomRecord; conflict: boolean } | undefined> {
    const holds = expected === undefined ? 'attribute_not_exists(assignee)' : 'assignee.agentId = :expected';
    try {
      const { Attributes } = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { roomId, sk: ROOM },
          UpdateExpression: (to ? 'SET assignee = :to, assignedAt = :now' : 'REMOVE assignee, assignedAt') + REVISED.expression,
          ConditionExpression: `attribute_exists(roomId) AND ${holds}`,
          ExpressionAttributeNames: REVISED.names,
          ExpressionAttributeValues: {
            ...(to && { ':to': to, ':now': now }),
            ...(expected !== undefined && { ':expected': expected }),
            ...REVISED.values,
          },
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { room: toRoom(Attributes!), conflict: false };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const item = itemOfFailedCondition(error);
      return item ? { room: toRoom(item), conflict: true } : undefined;
    }
  }

  /** Open rooms assigned to an agent: the open rooms (one partition of the activity index), filtered. */
  async assignedTo(agentId: string): Promise<RoomRecord[]> {
    const rooms: RoomRecord[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: roomsTable.globalIndexes[0].indexName,
          KeyConditionExpression: '#status = :open',
          FilterExpression: 'assignee.agentId = :agent',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':open': 'open', ':agent': agentId },
          ExclusiveStartKey: start,
        }),
      );
      rooms.push(...this.retainedRooms(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    // The index is eventually consistent: the records themselves say who holds each room now.
    const current = await Promise.all(rooms.map((room) => this.get(room.roomId)));
    return current.filter((room): room is RoomRecord => room?.status === 'open' && room.assignee?.agentId === agentId);
  }

  /** The rooms of a visitor, by their email (index `byVisitor`), newest first. */
  async byVisitor(visitorRef: string, limit: number): Promise<RoomRecord[]> {
    const { Items = [] } = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: roomsTable.globalIndexes[1].indexName,
        KeyConditionExpression: 'visitorRef = :ref',
        ExpressionAttributeValues: { ':ref': visitorRef },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return this.retainedRooms(Items);
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
    // The oldest activity comes last: an expired room only shortens the page's tail.
    return this.retainedRooms(Items);
  }

  async verifyCustomer(roomId: string, customer: VerifiedCustomer): Promise<{ room: RoomRecord; changed: boolean } | undefined> {
    const before = await this.update(roomId, {
      set: [
        'createdAt = if_not_exists(createdAt, :now)',
        '#status = if_not_exists(#status, :open)',
        'customer = :customer',
        'customerId = :id',
      ],
      condition: '(attribute_not_exists(customerId) OR customerId = :id) AND attribute_not_exists(mergedInto)',
      names: { '#status': 'status' },
      values: { ':now': customer.verifiedAt, ':open': 'open', ':customer': customer, ':id': customer.id },
      returnOld: true,
      activeAt: customer.verifiedAt,
    });
    if (!before) return undefined;
    const room: RoomRecord = {
      ...before,
      roomId,
      createdAt: before.createdAt ?? customer.verifiedAt,
      status: before.status ?? 'open',
      customer,
      customerId: customer.id,
      revision: (before.revision ?? 0) + 1,
    };
    const { verifiedAt: _old, ...was } = before.customer ?? ({} as Partial<VerifiedCustomer>);
    const { verifiedAt: _now, ...is } = customer;
    return { room, changed: JSON.stringify(sortedKeys(was)) !== JSON.stringify(sortedKeys(is)) };
  }

  async mergeInto(roomId: string, customer: VerifiedCustomer, into: string): Promise<RoomRecord | undefined> {
    return this.update(roomId, {
      set: ['customer = :customer', 'customerId = :id', 'mergedInto = :into', '#status = :closed'],
      condition:
        'attribute_exists(roomId) AND (attribute_not_exists(customerId) OR customerId = :id) AND (attribute_not_exists(mergedInto) OR mergedInto = :into)',
      names: { '#status': 'status' },
      values: { ':customer': customer, ':id': customer.id, ':into': into, ':closed': 'closed' },
    });
  }

  /** Sets one attribute to `value` if `condition` holds (`:since` bound to `since`): a slot only one writer gets. */
  private async claim(roomId: string, attribute: string, value: unknown, condition: string, since: unknown): Promise<boolean> {
    const updated = await this.update(roomId, { set: [`${attribute} = :value`], condition, values: { ':value': value, ':since': since } });
    return updated !== undefined;
  }

  /**
   * One conditional update of the room record: the record after it, or undefined when the
   * condition failed. With `activeAt`, the record's retention starts again, and an expired
   * record is deleted first.
   */
  private async update(roomId: string, update: Update): Promise<RoomRecord | undefined> {
    const touch = update.activeAt === undefined ? undefined : this.touched(update.activeAt);
    const { remove = [], names, returnOld } = update;
    const set = [...update.set, ...(touch?.set ?? [])];
    const values = { ...update.values, ...touch?.values };
    const condition = [update.condition && `(${update.condition})`, touch?.condition].filter(Boolean).join(' AND ') || undefined;
    const expression =
      [set.length ? `SET ${set.join(', ')}` : '', remove.length ? `REMOVE ${remove.join(', ')}` : ''].join(' ').trim() + REVISED.expression;
    try {
      const { Attributes } = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { roomId, sk: ROOM },
          UpdateExpression: expression,
          ConditionExpression: condition,
          ExpressionAttributeNames: { ...names, ...REVISED.names },
          ExpressionAttributeValues: { ...values, ...REVISED.values },
          ReturnValues: returnOld ? 'ALL_OLD' : 'ALL_NEW',
          ...(touch && { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const }),
        }),
      );
      if (returnOld) return toRoom(Attributes ?? {});
      return Attributes ? toRoom(Attributes) : undefined;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      if (touch && (await this.purgeExpired(roomId, itemOfFailedCondition(error)))) return this.update(roomId, update);
      return undefined;
    }
  }
}

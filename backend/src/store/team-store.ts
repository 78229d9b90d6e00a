import {
  BatchGetCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { AgentProfile, AgentSwitch, TeamRecord } from '../chat/model.ts';
import type { TeamStore } from '../chat/ports.ts';
import { BUCKETS, bucketOf } from '../chat/reply-time.ts';
import { MAX_SAVED_REPLIES } from '../protocol/limits.ts';
import type { AgentStatus, SavedReply } from '../protocol/server-events.ts';
import type { AgentsAvailability, TeamSettings } from '../protocol/team.ts';
import type { TeamRetention } from '../retention.ts';
import { isConditionFailure } from './dynamo.ts';

/** The team record's key: its settings, and what visitors are told of the agents. */
export const TEAM_SETTINGS_KEY = { pk: 'team', sk: 'settings' };
const agentKey = (agentId: string) => ({ pk: 'agent', sk: agentId });
const dayKey = (day: string) => ({ pk: 'stats', sk: `firstResponse#${day}` });
const replyKey = (id: string) => ({ pk: 'reply', sk: id });

/** The Team table: settings, agents' switches and profiles, saved replies, first-response counts (see tables.ts). */
export class DynamoTeamStore implements TeamStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    /** The deployment's settings until an admin saves others. */
    private readonly defaults: TeamSettings,
    /** The process's retention, told the team's setting on every read and save of the settings. */
    private readonly retention: TeamRetention,
  ) {}

  async get(): Promise<TeamRecord> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: TEAM_SETTINGS_KEY, ConsistentRead: true }));
    const record: TeamRecord = {
      settings: (Item?.settings as TeamSettings | undefined) ?? this.defaults,
      agents: {
        available: Item?.agentsAvailable === true,
        ...(typeof Item?.agentsSince === 'number' && Item.agentsSince > 0 && { since: Item.agentsSince }),
      },
      deploymentRetentionDays: this.retention.deploymentDays,
    };
    if (typeof Item?.replyMinutes === 'number') record.replyMinutes = Item.replyMinutes;
    if (typeof Item?.replyMeasuredAt === 'number') record.replyMeasuredAt = Item.replyMeasuredAt;
    this.retention.learn(record.settings.retentionDays);
    return record;
  }

  async refreshRetention(): Promise<void> {
    if (this.retention.stale) await this.get();
  }

  async saveSettings(settings: TeamSettings, changedBy: string, now: number): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: TEAM_SETTINGS_KEY,
        UpdateExpression: 'SET settings = :settings, settingsChangedBy = :by, settingsChangedAt = :now',
        ExpressionAttributeValues: { ':settings': settings, ':by': changedBy, ':now': now },
      }),
    );
    this.retention.learn(settings.retentionDays);
  }

  async publishAgents(agents: AgentsAvailability): Promise<boolean> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: TEAM_SETTINGS_KEY,
          UpdateExpression: 'SET agentsAvailable = :available, agentsSince = :since',
          // Only a change is published: concurrent connects and switches tell visitors once.
          ConditionExpression: 'attribute_not_exists(agentsAvailable) OR agentsAvailable <> :available OR agentsSince <> :since',
          ExpressionAttributeValues: { ':available': agents.available, ':since': agents.since ?? 0 },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async switches(agentIds: string[]): Promise<Map<string, AgentSwitch>> {
    const switches = new Map<string, AgentSwitch>(agentIds.map((id) => [id, { status: 'available' }]));
    for (const item of await this.agentItems(agentIds)) {
      if (item.status === undefined) continue;
      switches.set(String(item.sk), {
        status: item.status as AgentStatus,
        ...(typeof item.since === 'number' && { since: item.since }),
      });
    }
    return switches;
  }

  async profiles(agentIds: string[]): Promise<Map<string, AgentProfile>> {
    const profiles = new Map<string, AgentProfile>();
    for (const item of await this.agentItems(agentIds)) {
      if (typeof item.name !== 'string') continue;
      profiles.set(String(item.sk), {
        agentId: String(item.sk),
        name: item.name,
        ...(typeof item.email === 'string' && { email: item.email }),
        ...(typeof item.color === 'string' && { color: item.color }),
        ...(item.chosen === true && { chosen: true }),
      });
    }
    return profiles;
  }

  async saveProfile(profile: AgentProfile): Promise<void> {
    const set = ['#name = :name', 'chosen = :chosen'];
    const values: Record<string, unknown> = { ':name': profile.name, ':chosen': profile.chosen === true };
    const remove: string[] = [];
    for (const field of ['email', 'color'] as const) {
      if (profile[field] === undefined) remove.push(field);
      else {
        set.push(`${field} = :${field}`);
        values[`:${field}`] = profile[field];
      }
    }
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: agentKey(profile.agentId),
        UpdateExpression: `SET ${set.join(', ')}${remove.length ? ` REMOVE ${remove.join(', ')}` : ''}`,
        ExpressionAttributeNames: { '#name': 'name' },
        ExpressionAttributeValues: values,
      }),
    );
  }

  async forgetAgent(agentId: string): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: agentKey(agentId) }));
  }

  async setOfflineSince(agentId: string, at: number): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: agentKey(agentId),
        UpdateExpression: 'SET offlineSince = :at',
        ExpressionAttributeValues: { ':at': at },
      }),
    );
  }

  async offlineSince(agentId: string): Promise<number | undefined> {
    const [item] = await this.agentItems([agentId]);
    return typeof item?.offlineSince === 'number' ? item.offlineSince : undefined;
  }

  async replies(): Promise<SavedReply[]> {
    const replies: SavedReply[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': 'reply' },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) replies.push(item.reply as SavedReply);
      start = page.LastEvaluatedKey;
    } while (start);
    return replies.sort((a, b) => a.shortcut.localeCompare(b.shortcut));
  }

  /**
   * Saves a reply. The limit and the unique shortcut are checked against the replies as
   * read just before: two admins saving at the same instant could pass both checks, which
   * costs nothing worse than one reply over the limit or two replies to pick from.
   */
  async saveReply(reply: SavedReply): Promise<'saved' | 'full' | 'shortcut taken'> {
    const existing = await this.replies();
    if (existing.some((other) => other.shortcut === reply.shortcut && other.id !== reply.id)) return 'shortcut taken';
    if (!existing.some((other) => other.id === reply.id) && existing.length >= MAX_SAVED_REPLIES) return 'full';
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: { ...replyKey(reply.id), reply } }));
    return 'saved';
  }

  async deleteReply(id: string): Promise<boolean> {
    const { Attributes } = await this.doc.send(
      new DeleteCommand({ TableName: this.tableName, Key: replyKey(id), ReturnValues: 'ALL_OLD' }),
    );
    return Attributes !== undefined;
  }

  /** The agents' items (switch and profile), read in batches of 100. */
  private async agentItems(agentIds: string[]): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    for (let i = 0; i < agentIds.length; i += 100) {
      let keys: Record<string, unknown>[] | undefined = agentIds.slice(i, i + 100).map(agentKey);
      for (let attempt = 0; keys && keys.length > 0; attempt++) {
        if (attempt === 5) throw new Error('DynamoDB left agent records unread after 5 attempts');
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
        const result = await this.doc.send(
          new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys, ConsistentRead: true } } }),
        );
        items.push(...(result.Responses?.[this.tableName] ?? []));
        keys = result.UnprocessedKeys?.[this.tableName]?.Keys as Record<string, unknown>[] | undefined;
      }
    }
    return items;
  }

  async setSwitch(agentId: string, status: AgentStatus, now: number): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: agentKey(agentId),
        UpdateExpression: 'SET #status = :status, since = :now',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':status': status, ':now': now },
      }),
    );
  }

  async recordFirstResponse(day: string, minutes: number): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: dayKey(day),
        UpdateExpression: `ADD b${bucketOf(minutes)} :one`,
        ExpressionAttributeValues: { ':one': 1 },
      }),
    );
  }

  async firstResponses(fromDay: string, toDay: string): Promise<number[]> {
    const counts = BUCKETS.map(() => 0);
    const { Items = [] } = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': 'stats', ':from': dayKey(fromDay).sk, ':to': dayKey(toDay).sk },
      }),
    );
    for (const item of Items) for (const i of counts.keys()) counts[i]! += Number(item[`b${i}`] ?? 0);
    return counts;
  }

  async saveReplyMinutes(minutes: number | undefined, now: number): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: TEAM_SETTINGS_KEY,
        UpdateExpression:
          minutes === undefined ? 'SET replyMeasuredAt = :now REMOVE replyMinutes' : 'SET replyMeasuredAt = :now, replyMinutes = :minutes',
        ExpressionAttributeValues: { ':now': now, ...(minutes !== undefined && { ':minutes': minutes }) },
      }),
    );
  }
}

import { BatchGetCommand, type DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AgentSwitch, TeamRecord } from '../chat/model.ts';
import type { TeamStore } from '../chat/ports.ts';
import { BUCKETS, bucketOf } from '../chat/reply-time.ts';
import type { AgentStatus, AgentsAvailability, TeamSettings } from '../protocol/index.ts';
import { isConditionFailure } from './dynamo.ts';

const TEAM = { pk: 'team', sk: 'settings' };
const agentKey = (agentId: string) => ({ pk: 'agent', sk: agentId });
const dayKey = (day: string) => ({ pk: 'stats', sk: `firstResponse#${day}` });

/** The Team table: settings, agents' switches, first-response counts (see tables.ts). */
export class DynamoTeamStore implements TeamStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    /** The deployment's settings until an admin saves others. */
    private readonly defaults: TeamSettings,
  ) {}

  async get(): Promise<TeamRecord> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: TEAM, ConsistentRead: true }));
    const record: TeamRecord = {
      settings: (Item?.settings as TeamSettings | undefined) ?? this.defaults,
      agents: {
        available: Item?.agentsAvailable === true,
        ...(typeof Item?.agentsSince === 'number' && Item.agentsSince > 0 && { since: Item.agentsSince }),
      },
    };
    if (typeof Item?.replyMinutes === 'number') record.replyMinutes = Item.replyMinutes;
    if (typeof Item?.replyMeasuredAt === 'number') record.replyMeasuredAt = Item.replyMeasuredAt;
    return record;
  }

  async saveSettings(settings: TeamSettings, changedBy: string, now: number): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: TEAM,
        UpdateExpression: 'SET settings = :settings, settingsChangedBy = :by, settingsChangedAt = :now',
        ExpressionAttributeValues: { ':settings': settings, ':by': changedBy, ':now': now },
      }),
    );
  }

  async publishAgents(agents: AgentsAvailability): Promise<boolean> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: TEAM,
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
    for (let i = 0; i < agentIds.length; i += 100) {
      let keys: Record<string, unknown>[] | undefined = agentIds.slice(i, i + 100).map(agentKey);
      for (let attempt = 0; keys && keys.length > 0; attempt++) {
        if (attempt === 5) throw new Error('DynamoDB left agent switches unread after 5 attempts');
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
        const result = await this.doc.send(
          new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys, ConsistentRead: true } } }),
        );
        for (const item of result.Responses?.[this.tableName] ?? []) {
          switches.set(String(item.sk), {
            status: item.status as AgentStatus,
            ...(typeof item.since === 'number' && { since: item.since }),
          });
        }
        keys = result.UnprocessedKeys?.[this.tableName]?.Keys as Record<string, unknown>[] | undefined;
      }
    }
    return switches;
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
        Key: TEAM,
        UpdateExpression:
          minutes === undefined ? 'SET replyMeasuredAt = :now REMOVE replyMinutes' : 'SET replyMeasuredAt = :now, replyMinutes = :minutes',
        ExpressionAttributeValues: { ':now': now, ...(minutes !== undefined && { ':minutes': minutes }) },
      }),
    );
  }
}

import { type DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ReportCounts, ReportItem, ReportStore } from '../chat/ports.ts';

const REPORT = 'report';
const TEAM = 'team';
const AGENT = 'agent#';

/**
 * The report aggregates, in the Team table: one item per day (the team's time zone) for
 * the team (sk `{day}#team`) and one per agent with figures that day (sk
 * `{day}#agent#{agentId}`), all under pk `report`, so a range of days is one Query. Each
 * item is counters only, added to with one UpdateItem per event (see tables.ts).
 */
export class DynamoReportStore implements ReportStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Adds `counts` to one day's counters with one ADD: concurrent events never lose a count. */
  async add(day: string, agentId: string | undefined, counts: ReportCounts): Promise<void> {
    const entries = Object.entries(counts).filter(([, n]) => n !== 0);
    if (entries.length === 0) return;
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: REPORT, sk: `${day}#${agentId === undefined ? TEAM : AGENT + agentId}` },
        UpdateExpression: `ADD ${entries.map((_, i) => `#c${i} :c${i}`).join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries(entries.map(([name], i) => [`#c${i}`, name])),
        ExpressionAttributeValues: Object.fromEntries(entries.map(([, n], i) => [`:c${i}`, n])),
      }),
    );
  }

  /** Every day item from `from` to `to` (YYYY-MM-DD, inclusive): one Query, page by page. */
  async read(from: string, to: string): Promise<ReportItem[]> {
    const items: ReportItem[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          // '#' sorts before every character of an agent id and of 'team': `{to}$` ends just after the last day.
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': REPORT, ':from': `${from}#`, ':to': `${to}$` },
          ExclusiveStartKey: start,
        }),
      );
      for (const { pk: _pk, sk, ...counts } of page.Items ?? []) {
        const [day, scope] = [String(sk).slice(0, 10), String(sk).slice(11)];
        items.push({
          day,
          ...(scope.startsWith(AGENT) && { agentId: scope.slice(AGENT.length) }),
          counts: counts as ReportCounts,
        });
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  }
}

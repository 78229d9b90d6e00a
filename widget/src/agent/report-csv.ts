import type { DurationMedian, Report, ReportFigures } from '@support-chat/backend/protocol/reports';

/**
 * A report as CSV (RFC 4180: comma-separated, CRLF line ends, a field with a comma, quote
 * or line break quoted, its quotes doubled): one row for the team over the range, one per
 * day and one per agent, under one header, so a spreadsheet reads it as one table.
 * Durations in seconds, as their median's bucket: above `over`, at most `up_to`.
 */
const HEADER = [
  'scope',
  'day_or_agent',
  'conversations',
  'answered',
  'response_rate',
  'first_response_median_over_s',
  'first_response_median_up_to_s',
  'resolved',
  'resolution_median_over_s',
  'resolution_median_up_to_s',
  'ratings',
  'good_ratings',
  'csat',
];

type Field = string | number | undefined;

/** One field, quoted when it must be. A name a spreadsheet would run as a formula (=, +, -, @) is kept as text. */
export function csvField(value: Field): string {
  if (value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A share as a decimal to four places; empty where nothing was there to share. */
const share = (part: number, whole: number | undefined): Field => (whole ? (part / whole).toFixed(4) : undefined);
const median = (m: DurationMedian | undefined): Field[] => (m ? [m.over, m.upTo] : [undefined, undefined]);

function row(scope: string, key: string, figures: ReportFigures, conversations?: number): string {
  return [
    scope,
    key,
    conversations,
    figures.answered,
    share(figures.answered, conversations),
    ...median(figures.firstResponse),
    figures.resolved,
    ...median(figures.resolution),
    figures.ratings,
    figures.goodRatings,
    share(figures.goodRatings, figures.ratings),
  ]
    .map(csvField)
    .join(',');
}

/** `removedAgent`: the name of an agent removed from the team since. */
export function reportCsv(report: Report, removedAgent: string): string {
  const lines = [
    HEADER.join(','),
    row('team', `${report.from}/${report.to}`, report.team, report.team.conversations),
    ...report.days.map((day) => row('day', day.day, day, day.conversations)),
    ...report.agents.map((agent) => row('agent', agent.name ?? `${removedAgent} ${agent.agentId}`, agent.figures)),
  ];
  return `${lines.join('\r\n')}\r\n`;
}

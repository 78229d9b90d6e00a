/**
 * The bench's output: bench-results.json, the Markdown table printed at the end, and the
 * tables of docs/performance.md, all from the same figures.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import type { Figure } from './figures.ts';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  os: string;
}

export interface BenchResults {
  /** "full" is the issue's load; "quick" a reduced one that only checks the bench works. */
  mode: 'full' | 'quick';
  startedAt: string;
  durationSeconds: number;
  machine: Machine;
  figures: Figure[];
}

export function describeMachine(): Machine {
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${process.platform} ${process.arch}`,
  };
}

/**
 * One table per measure: figure, ours, baseline, ratio, and a note where there is one;
 * or, when the measure's figures say where they sit, a grid of "ours vs baseline" cells.
 */
export function markdownTables(figures: readonly Figure[]): string {
  const measures = [...new Set(figures.map((f) => f.measure))];
  return measures
    .map((measure) => {
      const ofMeasure = figures.filter((f) => f.measure === measure);
      if (ofMeasure.every((f) => f.cell)) return grid(measure, ofMeasure);
      const rows = ofMeasure.map((f) => {
        const baseline = f.baseline
          ? `${formatValue(f.baseline.value, f.unit)} (${f.baseline.name}${f.baseline.cited ? ', cited, not measured' : ''})`
          : '';
        const ratio = f.ratio === undefined ? '' : `${formatRatio(f.ratio)}`;
        return `| ${f.name} | ${formatValue(f.value, f.unit)} | ${baseline} | ${ratio} | ${f.note ?? ''} |`;
      });
      return [`**${measure}**`, '', '| figure | ours | baseline | ratio | note |', '| --- | ---: | --- | ---: | --- |', ...rows].join('\n');
    })
    .join('\n\n');
}

function grid(measure: string, figures: readonly Figure[]): string {
  const rows = [...new Set(figures.map((f) => f.cell!.row))];
  const columns = [...new Set(figures.map((f) => f.cell!.column))];
  const baselines = [...new Set(figures.map((f) => f.baseline?.name).filter((name) => name !== undefined))];
  const at = (row: string, column: string) => figures.find((f) => f.cell!.row === row && f.cell!.column === column);
  const unitOf = (column: string) => figures.find((f) => f.cell!.column === column)!.unit;
  const cell = (f: Figure | undefined) => {
    if (!f) return '';
    const ours = formatNumber(f.value);
    if (!f.baseline) return ours;
    return `${ours} vs ${formatNumber(f.baseline.value)}${f.ratio === undefined ? '' : ` (${formatRatio(f.ratio)})`}`;
  };
  return [
    `**${measure}**${baselines.length > 0 ? ` (ours vs ${baselines.join(', ')})` : ''}`,
    '',
    `| | ${columns.map((column) => (column.includes(unitOf(column)) ? column : `${column} (${unitOf(column)})`)).join(' | ')} |`,
    `| --- |${columns.map(() => ' ---: |').join('')}`,
    ...rows.map((row) => `| ${row} | ${columns.map((column) => cell(at(row, column))).join(' | ')} |`),
  ].join('\n');
}

export function machineLine(results: BenchResults): string {
  const { machine } = results;
  return (
    `${results.mode === 'full' ? 'Full run' : 'Quick run (reduced load)'} of ${results.startedAt.slice(0, 10)}, ` +
    `${Math.round(results.durationSeconds)} s: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ` +
    `Node ${machine.node}, ${machine.os}.`
  );
}

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

/** Rewrites a page between its bench markers with these results. */
export async function updateTables(pagePath: string, results: BenchResults): Promise<void> {
  const page = await readFile(pagePath, 'utf8');
  const start = page.indexOf(START);
  const end = page.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${pagePath} has no ${START} ... ${END} section to update`);
  const section = [START, '', machineLine(results), '', markdownTables(results.figures), '', END].join('\n');
  await writeFile(pagePath, page.slice(0, start) + section + page.slice(end + END.length));
}

function formatValue(value: number | null, unit: string): string {
  return value === null ? 'n/a' : `${formatNumber(value)} ${unit}`;
}

function formatNumber(value: number | null): string {
  if (value === null) return 'n/a';
  const digits = Math.abs(value) >= 100 || Number.isInteger(value) ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

/** Two significant digits below 10 (0.0004×, 0.52×, 2.4×), whole numbers above. */
function formatRatio(ratio: number): string {
  if (ratio === 0) return '0×';
  return `${ratio.toLocaleString('en-US', ratio >= 10 ? { maximumFractionDigits: 0 } : { maximumSignificantDigits: 2 })}×`;
}

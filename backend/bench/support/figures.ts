import type { BuiltSite } from './demo-site.ts';

/** One measured figure, as bench-results.json stores it and the table prints it. */
export interface Figure {
  /** The claim it belongs to, e.g. "Fan-out cost per message". */
  measure: string;
  name: string;
  /** null when the figure could not be measured (the note says why). */
  value: number | null;
  unit: string;
  /** What it is compared with, measured in the same run unless `cited`. */
  baseline?: Baseline;
  /** value / baseline.value, when both are numbers and the baseline is not zero. */
  ratio?: number;
  note?: string;
  /** Where the printed table puts it, for measures shown as a grid (rows by columns). */
  cell?: { row: string; column: string };
}

export interface Baseline {
  name: string;
  value: number | null;
  /** A published figure quoted for comparison, not measured here. */
  cited?: boolean;
}

/** A figure, with its ratio to the baseline worked out. */
export function figure(
  measure: string,
  name: string,
  value: number | null,
  unit: string,
  extra: { baseline?: Baseline; note?: string; cell?: Figure['cell'] } = {},
): Figure {
  const result: Figure = { measure, name, value, unit };
  if (extra.baseline) {
    result.baseline = extra.baseline;
    const base = extra.baseline.value;
    if (value !== null && base !== null && base !== 0) result.ratio = value / base;
  }
  if (extra.note) result.note = extra.note;
  if (extra.cell) result.cell = extra.cell;
  return result;
}

export interface MeasureOptions {
  /** The reduced load of `--quick`. */
  quick: boolean;
  log: (line: string) => void;
  /** The demo site's production build, made once for the measures that load it. */
  site: () => Promise<BuiltSite>;
  /** The same, as the baseline commit built it (`--baseline`), for the widget's figures beside today's. */
  baseline: () => Promise<BuiltSite & { commit: string }>;
}

/** What every measure module exports. */
export interface Measure {
  /** Printed as the section's title and stored on each figure. */
  title: string;
  run(options: MeasureOptions): Promise<Figure[]>;
}

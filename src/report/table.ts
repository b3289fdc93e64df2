import type { VerdictKind } from '../backtest/index.js';
import {
  describeCosts,
  describeFill,
  describePending,
  describePositioning,
  describeStrategy,
  formatCount,
  formatPercent,
  formatPValue,
  formatRatio,
  formatStat,
  formatTime,
  heldAtEnd,
  isIntraday,
} from './format.js';
import { explain } from './glossary.js';
import { describeLookahead } from './lookahead.js';
import { comparisonLines, formatRow, statRows, VERDICT_LABELS } from './rows.js';
import type { RunReport, SpreadStat } from './types.js';

export interface TableOptions {
  /** ANSI colours (default false: plain text for files and pipes). */
  color?: boolean;
}

type Align = 'left' | 'right';

const ANSI = { bold: '1', dim: '2', red: '31', green: '32', yellow: '33' } as const;

const VERDICT_COLOURS: Record<VerdictKind, keyof typeof ANSI> = {
  edge: 'green',
  'no-edge': 'red',
  inconclusive: 'yellow',
  invalid: 'red',
};

function painter(enabled: boolean) {
  return (text: string, style: keyof typeof ANSI): string =>
    enabled ? `\x1b[${ANSI[style]}m${text}\x1b[0m` : text;
}

/** Pads every column to its widest cell; colours are applied afterwards so they do not skew widths. */
function alignRows(rows: string[][], align: Align[], gap = 2): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  const spacer = ' '.repeat(gap);
  return rows.map((row) =>
    row
      .map((cell, i) => (align[i] === 'right' ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join(spacer)
      .trimEnd(),
  );
}

function period(report: RunReport, intraday: boolean): string {
  const { start, end } = report.data;
  return `${formatTime(start, intraday)} to ${formatTime(end, intraday)}`;
}

function spreadCells(label: string, stat: SpreadStat, format: (v: number | null) => string) {
  return [label, format(stat.min), format(stat.median), format(stat.max)];
}

/** The terminal comparison of one run: header, statistics side by side, verdict, pending signal. */
export function renderTable(report: RunReport, options: TableOptions = {}): string {
  const paint = painter(options.color ?? false);
  const intraday = isIntraday(report.series.time);
  const { data, options: run } = report;
  const lines: string[] = [];

  lines.push(
    paint(
      `${report.strategy.name} vs ${report.baseline.name}: ${data.symbol} (${report.tool})`,
      'bold',
    ),
  );
  const header: string[][] = [
    ['File', data.file],
    ['Symbol', data.symbol],
    ['Period', `${period(report, intraday)} (${formatCount(data.bars)} bars)`],
    ['Annualisation', run.annualisationBasis],
    ['Costs', describeCosts(run)],
    ['Fill', describeFill(run)],
    ['Positions', describePositioning(run)],
    ['Seed', String(report.seed)],
    ['Strategy', describeStrategy(report.strategy.name, report.strategy.params)],
    ['Baseline', describeStrategy(report.baseline.name, report.baseline.params)],
    ['Lookahead', describeLookahead(report.lookahead, intraday)],
  ];
  lines.push(...alignRows(header, ['left', 'left']).map((line) => `  ${line}`));
  if (report.warnings.length > 0) {
    lines.push('', paint('Warnings', 'bold'));
    for (const warning of report.warnings) lines.push(paint(`  ! ${warning}`, 'yellow'));
  }

  const stats: string[][] = [['', report.strategy.name, report.baseline.name]];
  for (const row of statRows(report)) {
    stats.push([row.label, formatRow(row, report.strategy), formatRow(row, report.baseline)]);
  }
  const statLines = alignRows(stats, ['left', 'right', 'right']);
  lines.push('', paint(statLines[0], 'bold'), ...statLines.slice(1));

  const c = report.comparison;
  const figures = comparisonLines(report);
  const comparison = alignRows(
    figures.map(([label, value, kind]) => [label, formatStat(value, kind)]),
    ['left', 'right'],
  ).map((line, i) => (figures[i][3] === '' ? line : `${line}  (${figures[i][3]})`));
  lines.push('', paint('Comparison', 'bold'), ...comparison.map((line) => `  ${line}`));

  const spread = report.seedSpread;
  if (spread) {
    const rows = [
      ['', 'min', 'median', 'max'],
      spreadCells('Sharpe', spread.sharpe, (v) => formatRatio(v)),
      spreadCells('Total return', spread.totalReturn, (v) => formatPercent(v)),
      spreadCells('p-value', spread.pValue, formatPValue),
    ];
    lines.push(
      '',
      paint(`Seed spread (${spread.seeds.length} seeds: ${spread.seeds.join(', ')})`, 'bold'),
      ...alignRows(rows, ['left', 'right', 'right', 'right']).map((line) => `  ${line}`),
      `  baseline: Sharpe ${formatRatio(spread.baselineSharpe)}, ` +
        `total return ${formatPercent(spread.baselineReturn)}`,
    );
  }

  lines.push(
    '',
    `${paint(`Verdict (${VERDICT_LABELS[c.verdictKind]}):`, 'bold')} ${paint(c.verdict, VERDICT_COLOURS[c.verdictKind])}`,
    `${paint('Pending:', 'bold')} ${describePending(report.strategy.pending, run.fill, intraday, heldAtEnd(report.strategy.trades))}`,
  );
  return `${lines.join('\n')}\n`;
}

/** "Label: meaning" for every figure the report's table shows, for `--explain`. */
export function renderExplanations(report: RunReport): string {
  const labels = [
    ...statRows(report).map((row) => row.label),
    ...comparisonLines(report).map(([label]) => label),
    'Verdict',
    'Pending',
  ];
  const lines = labels.map((label) => `  ${label}: ${explain(label)}`);
  return `What the figures mean\n${lines.join('\n')}\n`;
}

/** One row per file, for runs over several files or symbols. */
export function renderSummaryTable(reports: RunReport[], options: TableOptions = {}): string {
  const paint = painter(options.color ?? false);
  if (reports.length === 0) return 'No results.\n';
  const pairs = new Set(reports.map((r) => `${r.strategy.name} vs ${r.baseline.name}`));
  const mixed = pairs.size > 1;
  const head = [
    'File',
    'Symbol',
    'Period',
    ...(mixed ? ['Strategy'] : []),
    'Return',
    'Sharpe',
    'Max DD',
    'Base return',
    'Base Sharpe',
    'Base max DD',
    'p-value',
    'Verdict',
  ];
  const rows = reports.map((r) => {
    const s = r.strategy.stats;
    const b = r.baseline.stats;
    return [
      r.data.file,
      r.data.symbol,
      period(r, isIntraday(r.series.time)),
      ...(mixed ? [`${r.strategy.name} vs ${r.baseline.name}`] : []),
      formatPercent(s.totalReturn),
      formatRatio(s.sharpe),
      formatPercent(s.maxDrawdown),
      formatPercent(b.totalReturn),
      formatRatio(b.sharpe),
      formatPercent(b.maxDrawdown),
      formatPValue(r.comparison.pValue),
      VERDICT_LABELS[r.comparison.verdictKind],
    ];
  });
  const textColumns = mixed ? 4 : 3;
  const align: Align[] = head.map((_, i) => (i < textColumns ? 'left' : 'right'));
  const aligned = alignRows([head, ...rows], align);
  const count = (kind: VerdictKind) =>
    reports.filter((r) => r.comparison.verdictKind === kind).length;
  const edges = count('edge');
  const lines = [
    ...(mixed ? [] : [paint([...pairs][0], 'bold')]),
    paint(aligned[0], 'bold'),
    ...aligned.slice(1),
    '',
    `Edge in ${edges} of ${reports.length} ${reports.length === 1 ? 'file' : 'files'}; no edge in ${count('no-edge')}, inconclusive in ${count('inconclusive')}.`,
  ];
  const invalid = reports.filter((r) => r.lookahead.found).length;
  if (invalid > 0) {
    lines.push(
      paint(`INVALID in ${invalid}: the strategy read future bars (lookahead found).`, 'red'),
    );
  }
  if (reports.length > 1) {
    lines.push(
      'p-values are per file (adjusted only for the trials given), not corrected for testing several files.',
    );
  }
  return `${lines.join('\n')}\n`;
}

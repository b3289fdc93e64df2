import type { SweepReport } from './sweep.js';
import type { UniverseSweepReport } from './universe.js';

const fixed = (x: number | null, digits = 2) => (x === null ? 'n/a' : x.toFixed(digits));
const pct = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`);
const pValue = (x: number | null) => (x === null ? 'n/a' : x.toPrecision(2));

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c])))
      .join('  ');
  return [line(header), ...rows.map(line)].map((text) => `  ${text}`).join('\n');
}

/** The terminal view of a sweep: what was searched, the top trials and the verdict lines. */
export function renderSweepTable(report: SweepReport): string {
  const keys = report.grid.map((axis) => axis.key);
  const withSeed = report.seeds > 1;
  const ranked = report.metric !== 'sharpe';
  const header = [
    'rank',
    ...keys,
    ...(withSeed ? ['seed'] : []),
    ...(ranked ? [report.metric] : []),
    'sharpe',
    'return',
    'max dd',
    'trades',
    'p alone',
  ];
  const rows = report.top.map((trial, rank) => [
    String(rank + 1),
    ...keys.map((key) => String(trial.params[key])),
    ...(withSeed ? [String(trial.seed)] : []),
    ...(ranked ? [fixed(trial.metric, 3)] : []),
    fixed(trial.sharpe),
    pct(trial.totalReturn),
    pct(trial.maxDrawdown),
    String(trial.trades),
    pValue(trial.pValue),
  ]);
  const v = report.verdict;
  const skipped =
    report.skipped > 0 ? `, ${report.skipped} grid points refused by the strategy` : '';
  return [
    `Sweep of ${report.strategy} on ${report.file} (${report.symbol}), ${report.window.from} to ${report.window.to}, ${report.window.bars} bars`,
    `${report.trials} trials${skipped}; best by ${report.metric}; baseline ${report.baseline.name} Sharpe ${fixed(report.baselineStats.sharpe)}`,
    '',
    table(header, rows),
    '',
    `  p alone ${pValue(v.pValueNaive)}   Reality Check ${pValue(v.pValueRealityCheck)}   SPA ${pValue(v.pValueSpa)}   Deflated Sharpe ${pct(v.deflatedSharpe)}   PBO ${pct(v.pbo)}`,
    `  Trial Sharpes: mean ${fixed(report.trialSharpes.mean)}, sd ${fixed(report.trialSharpes.std)}; the best of ${report.trials} trials with no skill would reach ${fixed(v.expectedMaxSharpe)} by chance`,
    '',
    `Verdict (${v.kind}): ${v.text}`,
    ...(report.walkForward ? ['', ...walkForwardLines(report)] : []),
  ].join('\n');
}

/** The walk-forward steps (parameters chosen when) and their verdict. */
function walkForwardLines(report: SweepReport): string[] {
  const wf = report.walkForward!;
  const keys = report.grid.map((axis) => axis.key);
  const rows = wf.steps.map((step) => [
    `${step.testFrom} to ${step.testTo}`,
    ...keys.map((key) => String(step.params[key])),
  ]);
  return [
    `Walk-forward optimisation: choose on ${wf.train} bars, trade the next ${wf.test}`,
    '',
    table(['traded', ...keys], rows),
    '',
    `  Out of sample: Sharpe ${fixed(wf.sharpe)} vs baseline ${fixed(wf.baselineSharpe)}, return ${pct(wf.totalReturn)} vs ${pct(wf.baselineTotalReturn)}, max dd ${pct(wf.maxDrawdown)} vs ${pct(wf.baselineMaxDrawdown)}, switching costs ${pct(wf.switchingCost)}, p ${pValue(wf.pValue)}`,
    `Verdict (${wf.kind}): ${wf.text}`,
  ];
}

/** Several symbols: each symbol's table, then the universe lines. */
export function renderUniverseTable(report: UniverseSweepReport): string {
  const rows = report.symbols.map((s) => [
    s.symbol,
    s.best
      ? Object.entries(s.best)
          .map(([k, v]) => `${k}=${String(v)}`)
          .join(' ')
      : 'n/a',
    pValue(s.pValueSpa),
    pValue(s.qValue),
    s.discovery ? 'edge' : '-',
  ]);
  return [
    ...report.sweeps.map(renderSweepTable),
    '',
    table(['symbol', 'best', 'SPA p', 'BH q', 'verdict'], rows),
    '',
    report.text,
  ].join('\n');
}

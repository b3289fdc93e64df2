import type { Comparison, Stat } from '../backtest/index.js';
import {
  formatBars,
  formatCount,
  formatDuration,
  formatRatio,
  formatStat,
  type StatKind,
} from './format.js';
import type { RunReport, SideReport } from './types.js';

/** One line of the side-by-side statistics, shared by the terminal table and the HTML report. */
export interface StatRow {
  label: string;
  kind: StatKind;
  value: (side: SideReport) => Stat | undefined;
  /** Spans of bars also show their calendar length (at the side's bars per year). */
  duration?: boolean;
}

/** A row's value for one side, formatted as the table and the HTML report show it. */
export function formatRow(row: StatRow, side: SideReport): string {
  const value = row.value(side);
  return row.duration
    ? formatDuration(value, side.stats.periodsPerYear)
    : formatStat(value, row.kind);
}

const STAT_ROWS: readonly StatRow[] = [
  { label: 'Total return', kind: 'percent', value: (s) => s.stats.totalReturn },
  { label: 'CAGR', kind: 'percent', value: (s) => s.stats.cagr },
  { label: 'Annual return', kind: 'percent', value: (s) => s.stats.annualReturn },
  { label: 'Annual volatility', kind: 'percent', value: (s) => s.stats.annualVolatility },
  { label: 'Sharpe ratio', kind: 'ratio', value: (s) => s.stats.sharpe },
  { label: 'Sortino ratio', kind: 'ratio', value: (s) => s.stats.sortino },
  { label: 'Calmar ratio', kind: 'ratio', value: (s) => s.stats.calmar },
  { label: 'Max drawdown', kind: 'percent', value: (s) => s.stats.maxDrawdown },
  { label: 'Avg drawdown', kind: 'percent', value: (s) => s.stats.avgDrawdown },
  {
    label: 'Max drawdown duration',
    kind: 'bars',
    value: (s) => s.stats.maxDrawdownDuration,
    duration: true,
  },
  { label: 'Exposure time', kind: 'percent', value: (s) => s.stats.exposureTime },
  { label: 'Trades', kind: 'count', value: (s) => s.stats.trades },
  { label: 'Win rate', kind: 'percent', value: (s) => s.stats.winRate },
  { label: 'Best trade', kind: 'percent', value: (s) => s.stats.bestTrade },
  { label: 'Worst trade', kind: 'percent', value: (s) => s.stats.worstTrade },
  { label: 'Avg trade', kind: 'percent', value: (s) => s.stats.avgTrade },
  {
    label: 'Avg trade duration',
    kind: 'bars',
    value: (s) => s.stats.avgTradeDuration,
    duration: true,
  },
  { label: 'Profit factor', kind: 'ratio', value: (s) => s.stats.profitFactor },
  { label: 'Expectancy (P&L per trade)', kind: 'money', value: (s) => s.stats.expectancy },
  { label: 'SQN', kind: 'ratio', value: (s) => s.stats.sqn },
  { label: 'Turnover (per year)', kind: 'ratio', value: (s) => s.stats.turnover },
  { label: 'Total costs', kind: 'money', value: (s) => s.stats.totalCosts },
  { label: 'Final equity', kind: 'money', value: (s) => s.stats.equityFinal },
];

const SIGNAL_ROWS: readonly StatRow[] = [
  { label: 'Hit rate', kind: 'percent', value: (s) => s.signalQuality?.hitRate },
  { label: 'AUC', kind: 'score', value: (s) => s.signalQuality?.auc },
  { label: 'Brier score', kind: 'score', value: (s) => s.signalQuality?.brier },
];

/** The statistic rows, with signal-quality rows when either side reports them. */
export function statRows(report: RunReport): readonly StatRow[] {
  const quality = report.strategy.signalQuality ?? report.baseline.signalQuality;
  return quality ? [...STAT_ROWS, ...SIGNAL_ROWS] : STAT_ROWS;
}

/** The comparison figures in reading order: label, value, how to format it, and a short note. */
export function comparisonLines(report: RunReport): [string, number | null, StatKind, string][] {
  const c = report.comparison;
  const ci = c.sharpeDiffCI;
  const interval =
    ci === null
      ? 'no interval: too little data'
      : `${Math.round(c.confidence * 100)}% interval ${formatRatio(ci[0])} to ${formatRatio(ci[1])}`;
  const trials = `${formatCount(c.trials)} trial${c.trials === 1 ? '' : 's'}`;
  return [
    ['Excess return (strategy - baseline)', c.excessReturn, 'percent', ''],
    ['Beta', c.beta, 'ratio', ''],
    ['Alpha (annual)', c.alpha, 'percent', ''],
    ['Tracking error', c.trackingError, 'percent', ''],
    ['Information ratio', c.informationRatio, 'ratio', ''],
    ['Sharpe difference', c.sharpeDiff, 'ratio', `annual, strategy - baseline; ${interval}`],
    [
      'Detectable difference',
      c.minDetectableDiff,
      'ratio',
      'smallest Sharpe difference this sample detects 80% of the time',
    ],
    [
      'p-value',
      c.pValue,
      'pvalue',
      `one-sided, strategy Sharpe > baseline Sharpe; ${c.testMethod === 'normal-approximation' ? 'normal approximation of the bootstrap' : `${formatCount(c.resamples)} resamples`}, block length ${formatBars(c.blockLength)} (${BLOCK_LENGTH_METHODS[c.blockLengthMethod]})`,
    ],
    [
      'Adjusted p-value',
      c.pValueAdjusted,
      'pvalue',
      `Bonferroni for ${trials}: min(1, p x trials); the verdict uses this one`,
    ],
  ];
}

/** How the bootstrap's block length was chosen, in words. */
export const BLOCK_LENGTH_METHODS: Record<Comparison['blockLengthMethod'], string> = {
  'politis-white': 'Politis-White automatic',
  'cube-root': 'n^(1/3): too few returns for automatic selection',
  user: 'set by the user',
};

/** The verdict kind as a short label. */
export const VERDICT_LABELS: Record<Comparison['verdictKind'], string> = {
  edge: 'edge',
  'no-edge': 'no edge',
  inconclusive: 'inconclusive',
  invalid: 'INVALID',
};

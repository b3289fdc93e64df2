import type { Stat } from '../backtest/types.js';
import type { StatKind } from './format.js';
import type { RunReport, SideReport } from './types.js';

/** One line of the side-by-side statistics, shared by the terminal table and the HTML report. */
export interface StatRow {
  label: string;
  kind: StatKind;
  value: (side: SideReport) => Stat | undefined;
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
    label: 'Max drawdown duration (bars)',
    kind: 'bars',
    value: (s) => s.stats.maxDrawdownDuration,
  },
  { label: 'Exposure time', kind: 'percent', value: (s) => s.stats.exposureTime },
  { label: 'Trades', kind: 'count', value: (s) => s.stats.trades },
  { label: 'Win rate', kind: 'percent', value: (s) => s.stats.winRate },
  { label: 'Best trade', kind: 'percent', value: (s) => s.stats.bestTrade },
  { label: 'Worst trade', kind: 'percent', value: (s) => s.stats.worstTrade },
  { label: 'Avg trade', kind: 'percent', value: (s) => s.stats.avgTrade },
  { label: 'Avg trade duration (bars)', kind: 'bars', value: (s) => s.stats.avgTradeDuration },
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

/** The comparison figures in reading order: label, value and how to format it. */
export function comparisonLines(report: RunReport): [string, number | null, StatKind][] {
  const c = report.comparison;
  return [
    ['Excess return', c.excessReturn, 'percent'],
    ['Beta', c.beta, 'ratio'],
    ['Alpha (annual)', c.alpha, 'percent'],
    ['Tracking error', c.trackingError, 'percent'],
    ['Information ratio', c.informationRatio, 'ratio'],
    ['p-value', c.pValue, 'pvalue'],
  ];
}

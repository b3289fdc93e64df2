import type {
  Comparison,
  PendingSignal,
  ResolvedBacktestOptions,
  SignalQuality,
  Stats,
  Trade,
} from '../backtest/types.js';
import type { PriceField } from '../data/types.js';
import type { WalkForwardDiagnostics } from '../walkforward/types.js';

export interface SideReport {
  /** Strategy name as given (built-in name or file path). */
  name: string;
  params: Record<string, unknown>;
  stats: Stats;
  trades: Trade[];
  pending: PendingSignal | null;
  signalQuality?: SignalQuality;
}

export interface SpreadStat {
  min: number | null;
  median: number | null;
  max: number | null;
}

/** `--seeds k`: the whole walk-forward rerun with k seeds. */
export interface SeedSpread {
  seeds: number[];
  sharpe: SpreadStat;
  totalReturn: SpreadStat;
  pValue: SpreadStat;
  baselineSharpe: number | null;
  baselineReturn: number;
}

/** Per-bar series for charts and CSV. NaN is written as null. */
export interface ReportSeries {
  time: number[];
  open: number[];
  high: number[];
  low: number[];
  close: number[];
  equity: number[];
  baselineEquity: number[];
  drawdown: number[];
  baselineDrawdown: number[];
  /** Signed fraction of equity held at the close. */
  position: number[];
  /** Target decided at the close (null = no decision). */
  target: (number | null)[];
  probability?: (number | null)[];
}

/** Whether the backtest checked its strategy for lookahead before reporting, and what it found. */
export interface LookaheadStatus {
  checked: boolean;
  found: boolean;
  /** Earliest bar (index into the loaded bars, after --from/--to) whose decision read the future. */
  firstBar: number | null;
  /** That bar's time (ms since epoch, UTC). */
  firstTime: number | null;
  /** Cut points tried (0 when not checked). */
  cuts: number;
}

/** Everything `report.json` holds; the table, CSV and HTML reports are made from it alone. */
export interface RunReport {
  format: 'nn-timing-report';
  version: 1;
  tool: string;
  data: {
    file: string;
    symbol: string;
    bars: number;
    start: number;
    end: number;
    adjusted: boolean;
    fields: PriceField[];
    rowsDropped: number;
    rowsRepaired: number;
    warnings: string[];
  };
  options: ResolvedBacktestOptions;
  seed: number;
  /** Everything the reader should be warned about: optimistic fills, adjusted prices, repairs. */
  warnings: string[];
  strategy: SideReport;
  baseline: SideReport;
  comparison: Omit<Comparison, 'strategy' | 'baseline'>;
  lookahead: LookaheadStatus;
  seedSpread?: SeedSpread;
  diagnostics?: WalkForwardDiagnostics;
  series: ReportSeries;
}

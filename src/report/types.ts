import type {
  Comparison,
  PendingSignal,
  ResolvedBacktestOptions,
  SignalQuality,
  Stats,
  Trade,
} from '../backtest/index.js';
import type { PriceField } from '../data/index.js';
import type { WalkForwardDiagnostics, WindowDiagnostics } from '../walkforward/index.js';

export interface SideReport {
  /** Strategy name as given (built-in name or file path). */
  name: string;
  params: Record<string, unknown>;
  stats: Stats;
  /** The most recent trades, at most LISTED_TRADES of them; trades.csv holds every one. */
  trades: Trade[];
  /** Earlier trades left out of `trades` (counted in stats.trades, listed in trades.csv). */
  tradesOmitted?: number;
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

/**
 * The bars as the charts show them. Up to DISPLAY_BARS bars this is every bar; beyond, the bars
 * are cut into equal runs and each run is shown by two of its bars' times carrying, per column,
 * the run's lowest and highest value in the order they happened (candles: the high and low of
 * each half), so every extreme stays visible. NaN is written as null.
 */
export interface ReportSeries {
  /** Present when downsampled: bars in the backtest and the runs they were cut into (two points each). */
  downsampled?: { bars: number; runs: number };
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
  /** The strategy's indicator lines (see Strategy.overlays), downsampled like the other lines. */
  overlays?: ReportOverlay[];
}

/** An indicator line as the charts show it, one value per point of `time` (null = none). */
export interface ReportOverlay {
  label: string;
  pane: 'price' | 'indicator';
  values: (number | null)[];
  levels?: number[];
}

/** Whether the backtest checked its strategy for lookahead before reporting, and what it found. */
export interface LookaheadStatus {
  checked: boolean;
  found: boolean;
  /** Earliest bar where the check caught a decision reading the future (index into the loaded bars, after --from/--to). */
  firstBar: number | null;
  /** That bar's time (ms since epoch, UTC). */
  firstTime: number | null;
  /** Cut points tried (0 when not checked). */
  cuts: number;
}

/** The window facts of the walk-forward diagnostics, without run times (they vary run to run). */
export type ReportWindow = Omit<WindowDiagnostics, 'millis'>;

/** The walk-forward diagnostics as reported: reproducible, so no run times or thread count. */
export interface ReportDiagnostics extends Omit<WalkForwardDiagnostics, 'windows' | 'threads'> {
  windows: ReportWindow[];
}

/**
 * Every bar of the backtest at full resolution, as the CSV files hold them. The arrays are views
 * of the backtest results (no copies). NaN means no value.
 */
export interface RunBars {
  time: Float64Array;
  close: Float64Array;
  /** Target decided at the close (NaN = no decision). */
  target: Float64Array;
  probability?: Float64Array;
  position: Float64Array;
  equity: Float64Array;
  drawdown: Float64Array;
  baselineEquity: Float64Array;
  baselineDrawdown: Float64Array;
  /** Every trade of the strategy. */
  trades: readonly Trade[];
}

/** How long each part of a run took; kept out of report.json so that stays byte-identical. */
export interface RunTimings {
  /** Milliseconds per stage, in the order they ran. */
  stages: Record<string, number>;
  /** Walk-forward strategies: worker threads used and each window's training time. */
  threads?: number;
  windows?: { index: number; millis: number }[];
}

/**
 * Everything `report.json` holds; the table and HTML reports are made from it alone. Its size is
 * bounded whatever the number of bars: per-bar data is downsampled for display, and only the most
 * recent trades are listed.
 */
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
  diagnostics?: ReportDiagnostics;
  series: ReportSeries;
  /** Run files left out (the per-bar files of a long series, see `barFiles`); a warning says why. */
  skippedFiles?: string[];
  /**
   * Every bar at full resolution for the CSV files: present on a report built in this process,
   * absent from report.json (a non-enumerable property, so JSON and copies leave it out).
   */
  readonly bars?: RunBars;
}

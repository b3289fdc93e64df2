import type { BlockLengthMethod } from './block-length.js';
import type { SharpeTestMethod } from './bootstrap.js';
import type { BacktestOptions } from './settings.js';
import type { P_ADJUSTMENT, VerdictKind, VerdictSettings } from './verdict.js';

/** How a backtest executes targets and charges costs (BACKTEST_SETTINGS); every field has a conservative default. */
export type { BacktestOptions } from './settings.js';
export type { VerdictKind } from './verdict.js';

export type ResolvedBacktestOptions = Required<Omit<BacktestOptions, 'periodsPerYear'>> & {
  periodsPerYear: number;
  /** How periodsPerYear was chosen, e.g. "252 bars/year (5 daily bars/week x ...)". */
  annualisationBasis: string;
};

export interface Trade {
  /** Signed units: positive long, negative short. */
  units: number;
  entryBar: number;
  exitBar: number;
  entryTime: number;
  exitTime: number;
  /** Fill prices including slippage. */
  entryPrice: number;
  exitPrice: number;
  /** Net of the costs attributed to this trade. */
  pnl: number;
  /** pnl / |entry value|. */
  returnPct: number;
  barsHeld: number;
  costs: number;
  /** True when the trade was still open on the last bar and was marked to the last close. */
  open: boolean;
}

/** A statistic that is undefined for the sample is null ("n/a"), never NaN or Infinity. */
export type Stat = number | null;

export interface Stats {
  start: number;
  end: number;
  durationDays: number;
  bars: number;
  /** Fraction of bars with a non-zero position. */
  exposureTime: number;
  equityFinal: number;
  equityPeak: number;
  totalReturn: number;
  buyHoldReturn: number;
  cagr: Stat;
  annualReturn: Stat;
  annualVolatility: Stat;
  sharpe: Stat;
  sortino: Stat;
  calmar: Stat;
  /** Negative fraction, e.g. -0.33. */
  maxDrawdown: number;
  avgDrawdown: Stat;
  /** In bars. */
  maxDrawdownDuration: Stat;
  avgDrawdownDuration: Stat;
  trades: number;
  winRate: Stat;
  bestTrade: Stat;
  worstTrade: Stat;
  avgTrade: Stat;
  maxTradeDuration: Stat;
  avgTradeDuration: Stat;
  profitFactor: Stat;
  expectancy: Stat;
  sqn: Stat;
  /** Traded value / average equity, per year. */
  turnover: Stat;
  totalCosts: number;
  periodsPerYear: number;
  annualisationBasis: string;
}

export interface PendingSignal {
  /** Time of the bar whose close decided the target. */
  time: number;
  target: number;
  /** Position held now (fraction of equity, signed). */
  current: number;
}

export interface BacktestResult {
  symbol: string;
  options: ResolvedBacktestOptions;
  time: Float64Array;
  /** Mark-to-market equity at each bar's close. */
  equity: Float64Array;
  cash: Float64Array;
  /** Signed units held at each bar's close. */
  units: Float64Array;
  /** Signed fraction of equity held in the asset at each bar's close. */
  position: Float64Array;
  /** equity / running peak - 1 (<= 0). */
  drawdown: Float64Array;
  /** Per-bar simple return of equity (0 on the first bar). */
  returns: Float64Array;
  trades: Trade[];
  pending: PendingSignal | null;
  stats: Stats;
  /** Labels for anything optimistic or unusual, e.g. same-bar close fills. */
  warnings: string[];
}

export interface CompareOptions extends Partial<VerdictSettings> {
  /** Bootstrap resamples (default 2000). */
  resamples?: number;
  /**
   * Mean block length of the stationary bootstrap in bars (default: Politis-White automatic
   * selection, n^(1/3) for fewer than 100 returns).
   */
  blockLength?: number;
  /** Seed of the bootstrap's own random stream (default 0), independent of any strategy seed. */
  seed?: number;
  /** Significance level for the verdict (default 0.05). */
  alpha?: number;
  /** A lookahead check found the strategy reading future bars: the verdict is `invalid`. */
  lookaheadFound?: boolean;
}

export interface Comparison {
  strategy: Stats;
  baseline: Stats;
  excessReturn: number;
  beta: Stat;
  /** Annualised. */
  alpha: Stat;
  trackingError: Stat;
  informationRatio: Stat;
  /** One-sided p-value for "strategy Sharpe > baseline Sharpe", for this run alone. */
  pValue: Stat;
  /** pValue adjusted for `trials` (Bonferroni); the verdict uses this one. */
  pValueAdjusted: Stat;
  /** How pValue was adjusted for the trials. */
  pAdjustment: typeof P_ADJUSTMENT;
  /** How many strategies or settings were tried to pick this one (1: just this one). */
  trials: number;
  /** Significance level of the one-sided test (the `alpha` option). */
  significance: number;
  /** Annualised Sharpe of the strategy minus the baseline's (null with too little data). */
  sharpeDiff: Stat;
  /** Bootstrap interval for sharpeDiff at `confidence`, [low, high]. */
  sharpeDiffCI: [number, number] | null;
  confidence: number;
  /** Smallest annualised Sharpe difference the test detects with 80% power on this sample. */
  minDetectableDiff: Stat;
  /** Bootstrap resamples asked for (none are drawn under the normal approximation). */
  resamples: number;
  /**
   * How the p-value, interval and detectable difference were computed: the stationary
   * bootstrap's resamples, or from NORMAL_APPROXIMATION_RETURNS returns on its normal limit.
   */
  testMethod: SharpeTestMethod;
  /** Mean block length of the stationary bootstrap, in bars. */
  blockLength: number;
  /** How the block length was chosen. */
  blockLengthMethod: BlockLengthMethod;
  /** Seed of the bootstrap's own random stream. */
  bootstrapSeed: number;
  verdictKind: VerdictKind;
  /** The verdict in plain words. */
  verdict: string;
  /** True only for verdictKind 'edge'. */
  edge: boolean;
}

export interface SignalQuality {
  /** Fraction of decided bars whose predicted direction matched the realised next move. */
  hitRate: Stat;
  /** Present when probabilities were given. */
  auc: Stat;
  brier: Stat;
  /** Bars scored for the hit rate: a non-zero target and a non-zero realised next move. */
  samples: number;
  /** Bars scored for AUC and Brier: a probability and a non-zero realised next move. */
  probabilitySamples?: number;
}

import type { Stat, Stats } from './types.js';

const DAY = 86_400_000;
/** Annualised statistics need at least this many calendar days of data. */
export const MIN_ANNUALISE_DAYS = 30;
/** A per-bar standard deviation below this is treated as zero volatility. */
export const ZERO_VOLATILITY = 1e-12;
/** Van Tharp caps the trade count in SQN at 100 so large samples stay comparable. */
const SQN_MAX_TRADES = 100;

export interface StatsInput {
  time: Float64Array;
  close: Float64Array;
  /** The equity curve's streaming statistics, scanned with riskFreePerBar(riskFreeRate, periodsPerYear). */
  scan: EquityScan;
  trades: TradeFigures;
  initialCash: number;
  periodsPerYear: number;
  annualisationBasis: string;
  riskFreeRate: number;
  /** Sum over fills of |units| x fill price. */
  tradedValue: number;
  totalCosts: number;
}

/** What the trade statistics read of the closed trades: three figures per trade, as columns. */
export interface TradeFigures {
  count: number;
  pnl: ArrayLike<number>;
  returnPct: ArrayLike<number>;
  barsHeld: ArrayLike<number>;
}

export interface ReturnMoments {
  /** Returns counted (bars 1..n-1). */
  count: number;
  mean: number;
  /** Sample standard deviation (n - 1 divisor). */
  std: number;
  /** sqrt(mean(min(r - rf, 0)^2)) over all returns counted. */
  downside: number;
}

export interface DrawdownSummary {
  /** Deepest drawdown (<= 0). */
  max: number;
  /** Mean trough depth over drawdown periods; null when equity never fell below its peak. */
  averageDepth: Stat;
  /** Bars from the peak to recovery (or to the last bar when unrecovered). */
  maxDuration: Stat;
  averageDuration: Stat;
  periods: number;
}

function finiteOrNull(value: number): Stat {
  return Number.isFinite(value) ? value : null;
}

/** The risk-free rate per bar that compounds to `annualRate` over `periodsPerYear` bars. */
export function riskFreePerBar(annualRate: number, periodsPerYear: number): number {
  return (1 + annualRate) ** (1 / periodsPerYear) - 1;
}

/**
 * Mean, sample std and downside deviation of returns[1..n-1] in one pass. Sums are taken of
 * r - returns[1] (a shift near the mean), which keeps the variance accurate and makes it exactly
 * zero for constant returns.
 */
export function returnMoments(returns: Float64Array, riskFree: number): ReturnMoments {
  const count = returns.length - 1;
  if (count < 1) return { count: 0, mean: 0, std: 0, downside: 0 };
  const shift = returns[1];
  let sum = 0;
  let squares = 0;
  let downsideSquares = 0;
  for (let i = 1; i < returns.length; i++) {
    const deviation = returns[i] - shift;
    sum += deviation;
    squares += deviation * deviation;
    // min(excess, 0), as (excess - |excess|) / 2: exact, and without a branch. A return's sign is
    // close to a coin flip, so a branch on it is mispredicted every other bar (4x slower loop).
    const excess = returns[i] - riskFree;
    const shortfall = (excess - Math.abs(excess)) / 2;
    downsideSquares += shortfall * shortfall;
  }
  return finishMoments(count, shift, sum, squares, downsideSquares);
}

/** Moments from sums of deviations from `shift` (see returnMoments). */
function finishMoments(
  count: number,
  shift: number,
  sum: number,
  squares: number,
  downsideSquares: number,
): ReturnMoments {
  const variance = count > 1 ? (squares - (sum * sum) / count) / (count - 1) : 0;
  return {
    count,
    mean: shift + sum / count,
    std: variance > 0 ? Math.sqrt(variance) : 0,
    downside: Math.sqrt(downsideSquares / count),
  };
}

/** The simple return of equity at bar i > 0 (0 after a bar with no positive equity). */
function returnAt(equity: Float64Array, i: number): number {
  const previous = equity[i - 1];
  return previous > 0 ? equity[i] / previous - 1 : 0;
}

/** Per-bar simple returns of equity, 0 on the first bar. */
export function returnsColumn(equity: Float64Array): Float64Array {
  const returns = new Float64Array(equity.length);
  for (let i = 1; i < equity.length; i++) returns[i] = returnAt(equity, i);
  return returns;
}

export interface EquityScan extends DrawdownSummary {
  bars: number;
  /** Equity at the last close. */
  final: number;
  /** Bars with a non-zero position at the close. */
  barsHeld: number;
  /** Highest of the initial cash and every bar's equity. */
  peak: number;
  mean: number;
  /** Moments of the per-bar returns (bars 1..n-1). */
  moments: ReturnMoments;
}

/**
 * What one pass over an equity curve accumulates, bar by bar: the backtest's bar loop keeps these
 * in local variables as it writes equity (see `simulate` in engine.ts), so no column is read
 * twice. Returns are worked out as in returnsColumn (sums of r - shift, shift = the first return),
 * and drawdown periods as in the drawdown column: maximal runs of bars below the running peak,
 * from the peak bar (the bar before the run, or bar 0) to the first bar back at or above that
 * peak. Within a period the peak is fixed, and a division is monotonic, so its depth is that of
 * its lowest equity: one division per period, not per bar.
 */
export interface EquitySums {
  bars: number;
  /** Equity at the last close. */
  final: number;
  /** Highest of the initial cash and every bar's equity. */
  peak: number;
  equitySum: number;
  /** The first return (bar 1), and the sums of the returns' deviations from it. */
  shift: number;
  sum: number;
  squares: number;
  /** Sum of min(r - riskFree, 0)^2. */
  downsideSquares: number;
  /** Closed drawdown periods: deepest depth (<= 0), count, summed depths and durations, longest. */
  maxDrawdown: number;
  periods: number;
  depthSum: number;
  durationSum: number;
  maxDuration: number;
  /** The peak bar of a drawdown still under way at the last bar (or -1), and its lowest equity. */
  openPeakBar: number;
  openTrough: number;
}

/**
 * The statistics of an equity curve from its sums and the bars with a position at the close; a
 * drawdown under way ends at the last bar.
 */
export function finishEquityScan(sums: EquitySums, barsHeld: number): EquityScan {
  const n = sums.bars;
  let { maxDrawdown, periods, depthSum, durationSum, maxDuration } = sums;
  if (sums.openPeakBar >= 0) {
    const depth = sums.openTrough / sums.peak - 1;
    const duration = n - 1 - sums.openPeakBar;
    periods++;
    depthSum += depth;
    durationSum += duration;
    if (duration > maxDuration) maxDuration = duration;
    if (depth < maxDrawdown) maxDrawdown = depth;
  }
  const drawdowns: DrawdownSummary =
    periods === 0
      ? { max: 0, averageDepth: null, maxDuration: null, averageDuration: null, periods }
      : {
          max: maxDrawdown,
          averageDepth: depthSum / periods,
          maxDuration,
          averageDuration: durationSum / periods,
          periods,
        };
  const moments =
    n > 1
      ? finishMoments(n - 1, sums.shift, sums.sum, sums.squares, sums.downsideSquares)
      : { count: 0, mean: 0, std: 0, downside: 0 };
  return {
    ...drawdowns,
    bars: n,
    final: sums.final,
    barsHeld,
    peak: sums.peak,
    mean: sums.equitySum / n,
    moments,
  };
}

type TradeSummary = Pick<
  Stats,
  | 'winRate'
  | 'bestTrade'
  | 'worstTrade'
  | 'avgTrade'
  | 'maxTradeDuration'
  | 'avgTradeDuration'
  | 'profitFactor'
  | 'expectancy'
  | 'sqn'
>;

function summariseTrades(trades: TradeFigures): TradeSummary {
  const { count, pnl, returnPct, barsHeld } = trades;
  if (count === 0) {
    return {
      winRate: null,
      bestTrade: null,
      worstTrade: null,
      avgTrade: null,
      maxTradeDuration: null,
      avgTradeDuration: null,
      profitFactor: null,
      expectancy: null,
      sqn: null,
    };
  }
  let wins = 0;
  let grossProfit = 0;
  let grossLoss = 0;
  let returnSum = 0;
  let best = Number.NEGATIVE_INFINITY;
  let worst = Number.POSITIVE_INFINITY;
  let maxBars = 0;
  let barsSum = 0;
  for (let k = 0; k < count; k++) {
    if (pnl[k] > 0) {
      wins++;
      grossProfit += pnl[k];
    } else {
      grossLoss -= pnl[k];
    }
    returnSum += returnPct[k];
    best = Math.max(best, returnPct[k]);
    worst = Math.min(worst, returnPct[k]);
    maxBars = Math.max(maxBars, barsHeld[k]);
    barsSum += barsHeld[k];
  }
  const meanReturn = returnSum / count;
  let squares = 0;
  for (let k = 0; k < count; k++) squares += (returnPct[k] - meanReturn) ** 2;
  const returnStd = count > 1 ? Math.sqrt(squares / (count - 1)) : 0;
  return {
    winRate: wins / count,
    bestTrade: best,
    worstTrade: worst,
    avgTrade: meanReturn,
    maxTradeDuration: maxBars,
    avgTradeDuration: barsSum / count,
    profitFactor: grossLoss > 0 ? finiteOrNull(grossProfit / grossLoss) : null,
    expectancy: (grossProfit - grossLoss) / count,
    sqn:
      returnStd > ZERO_VOLATILITY
        ? (Math.sqrt(Math.min(count, SQN_MAX_TRADES)) * meanReturn) / returnStd
        : null,
  };
}

/** Every statistic of a backtest; undefined ones are null. Definitions: docs/guide/statistics.md. */
export function computeStats(input: StatsInput): Stats {
  const { time, close, scan, initialCash, periodsPerYear } = input;
  const n = scan.bars;
  const start = time[0];
  const end = time[n - 1];
  const durationDays = (end - start) / DAY;
  const equityFinal = scan.final;

  const growth = equityFinal / initialCash;
  const riskFree = riskFreePerBar(input.riskFreeRate, periodsPerYear);
  const { moments } = scan;
  const annualisable = durationDays >= MIN_ANNUALISE_DAYS && moments.count >= 2;
  const rootPeriods = Math.sqrt(periodsPerYear);

  const cagr = annualisable
    ? growth > 0
      ? finiteOrNull(growth ** (365.25 / durationDays) - 1)
      : -1
    : null;
  const annualReturn = annualisable
    ? growth > 0
      ? finiteOrNull(growth ** (periodsPerYear / moments.count) - 1)
      : -1
    : null;
  const volatile = moments.std > ZERO_VOLATILITY;
  const meanExcess = moments.mean - riskFree;

  return {
    start,
    end,
    durationDays,
    bars: n,
    exposureTime: scan.barsHeld / n,
    equityFinal,
    equityPeak: scan.peak,
    totalReturn: growth - 1,
    buyHoldReturn: close[n - 1] / close[0] - 1,
    cagr,
    annualReturn,
    annualVolatility: annualisable ? moments.std * rootPeriods : null,
    sharpe: annualisable && volatile ? (meanExcess / moments.std) * rootPeriods : null,
    sortino:
      annualisable && moments.downside > ZERO_VOLATILITY
        ? (meanExcess / moments.downside) * rootPeriods
        : null,
    calmar: cagr !== null && scan.max < 0 ? cagr / -scan.max : null,
    maxDrawdown: scan.max,
    avgDrawdown: scan.averageDepth,
    maxDrawdownDuration: scan.maxDuration,
    avgDrawdownDuration: scan.averageDuration,
    trades: input.trades.count,
    ...summariseTrades(input.trades),
    turnover:
      annualisable && scan.mean > 0 ? ((input.tradedValue / scan.mean) * periodsPerYear) / n : null,
    totalCosts: input.totalCosts,
    periodsPerYear,
    annualisationBasis: input.annualisationBasis,
  };
}

import type { Stat, Stats, Trade } from './types.js';

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
  trades: readonly Trade[];
  initialCash: number;
  periodsPerYear: number;
  annualisationBasis: string;
  riskFreeRate: number;
  /** Sum over fills of |units| x fill price. */
  tradedValue: number;
  totalCosts: number;
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
 * Streaming statistics of an equity curve, one bar at a time: exposure, peak, mean, final
 * equity, the moments of the per-bar returns and the drawdown periods, each return and drawdown
 * worked out as the bar arrives (the same arithmetic as returnsColumn and the drawdown column,
 * so the figures equal those of the stored columns). The backtest feeds it from its per-bar loop,
 * so no column is read twice. Drawdown periods are maximal runs of bars below the running peak; a
 * period lasts from the peak bar (the bar before the run, or bar 0) to the first bar back at or
 * above that peak, or to the last bar when equity never recovers.
 */
export class EquityScanner {
  private bars = 0;
  private previous = 0;
  private shift = 0;
  private sum = 0;
  private squares = 0;
  private downsideSquares = 0;
  private barsHeld = 0;
  private peak: number;
  private equitySum = 0;
  private max = 0;
  private periods = 0;
  private depthSum = 0;
  private durationSum = 0;
  private maxDuration = 0;
  private peakBar = -1;
  private trough = 0;

  constructor(
    initialCash: number,
    private readonly riskFree: number,
  ) {
    this.peak = initialCash;
  }

  /** The next bar's equity at the close, and whether a position was held then. */
  add(value: number, held: boolean): void {
    const i = this.bars++;
    if (held) this.barsHeld++;
    if (value > this.peak) this.peak = value;
    this.equitySum += value;
    if (i > 0) {
      const previous = this.previous;
      // Unchanged equity (a flat account) is a return of exactly 0: no division needed.
      const r = previous > 0 && value !== previous ? value / previous - 1 : 0;
      if (i === 1) this.shift = r;
      const deviation = r - this.shift;
      this.sum += deviation;
      this.squares += deviation * deviation;
      // min(excess, 0) without a branch: a return's sign is close to a coin flip.
      const excess = r - this.riskFree;
      const shortfall = (excess - Math.abs(excess)) / 2;
      this.downsideSquares += shortfall * shortfall;
    }
    this.previous = value;
    // At or above the peak the drawdown is >= 0 (peak / peak is exactly 1): no division needed.
    const dd = value < this.peak ? value / this.peak - 1 : 0;
    if (dd < 0) {
      if (this.peakBar < 0) {
        this.peakBar = Math.max(i - 1, 0);
        this.trough = 0;
      }
      if (dd < this.trough) this.trough = dd;
    } else if (this.peakBar >= 0) {
      this.closePeriod(i);
    }
  }

  private closePeriod(bar: number): void {
    const duration = bar - this.peakBar;
    this.periods++;
    this.depthSum += this.trough;
    this.durationSum += duration;
    this.maxDuration = Math.max(this.maxDuration, duration);
    this.max = Math.min(this.max, this.trough);
    this.peakBar = -1;
  }

  finish(): EquityScan {
    const n = this.bars;
    if (this.peakBar >= 0) this.closePeriod(n - 1);
    const periods = this.periods;
    const drawdowns: DrawdownSummary =
      periods === 0
        ? { max: 0, averageDepth: null, maxDuration: null, averageDuration: null, periods }
        : {
            max: this.max,
            averageDepth: this.depthSum / periods,
            maxDuration: this.maxDuration,
            averageDuration: this.durationSum / periods,
            periods,
          };
    const moments =
      n > 1
        ? finishMoments(n - 1, this.shift, this.sum, this.squares, this.downsideSquares)
        : { count: 0, mean: 0, std: 0, downside: 0 };
    return {
      ...drawdowns,
      bars: n,
      final: this.previous,
      barsHeld: this.barsHeld,
      peak: this.peak,
      mean: this.equitySum / n,
      moments,
    };
  }
}

/** The streaming statistics of stored equity and units columns. */
export function scanEquity(input: {
  equity: Float64Array;
  units: Float64Array;
  initialCash: number;
  riskFree: number;
}): EquityScan {
  const { equity, units } = input;
  const scanner = new EquityScanner(input.initialCash, input.riskFree);
  for (let i = 0; i < equity.length; i++) scanner.add(equity[i], units[i] !== 0);
  return scanner.finish();
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

function summariseTrades(trades: readonly Trade[]): TradeSummary {
  const count = trades.length;
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
  for (const trade of trades) {
    if (trade.pnl > 0) {
      wins++;
      grossProfit += trade.pnl;
    } else {
      grossLoss -= trade.pnl;
    }
    returnSum += trade.returnPct;
    best = Math.max(best, trade.returnPct);
    worst = Math.min(worst, trade.returnPct);
    maxBars = Math.max(maxBars, trade.barsHeld);
    barsSum += trade.barsHeld;
  }
  const meanReturn = returnSum / count;
  let squares = 0;
  for (const trade of trades) squares += (trade.returnPct - meanReturn) ** 2;
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
    trades: input.trades.length,
    ...summariseTrades(input.trades),
    turnover:
      annualisable && scan.mean > 0 ? ((input.tradedValue / scan.mean) * periodsPerYear) / n : null,
    totalCosts: input.totalCosts,
    periodsPerYear,
    annualisationBasis: input.annualisationBasis,
  };
}

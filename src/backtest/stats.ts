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
  equity: Float64Array;
  /** Per-bar returns; index 0 is ignored (it has no previous bar). */
  returns: Float64Array;
  drawdown: Float64Array;
  units: Float64Array;
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
  const variance = count > 1 ? (squares - (sum * sum) / count) / (count - 1) : 0;
  return {
    count,
    mean: shift + sum / count,
    std: variance > 0 ? Math.sqrt(variance) : 0,
    downside: Math.sqrt(downsideSquares / count),
  };
}

export interface EquityScan extends DrawdownSummary {
  /** Bars with a non-zero position at the close. */
  barsHeld: number;
  /** Highest of the initial cash and every bar's equity. */
  peak: number;
  mean: number;
}

/**
 * One pass over equity, units and drawdown. Drawdown periods are maximal runs of bars below the
 * running peak; a period lasts from the peak bar (the bar before the run, or bar 0) to the first
 * bar back at or above that peak, or to the last bar when equity never recovers.
 */
export function scanEquity(input: {
  equity: Float64Array;
  units: Float64Array;
  drawdown: Float64Array;
  initialCash: number;
}): EquityScan {
  const { equity, units, drawdown } = input;
  const n = equity.length;
  let barsHeld = 0;
  let peak = input.initialCash;
  let equitySum = 0;
  let max = 0;
  let periods = 0;
  let depthSum = 0;
  let durationSum = 0;
  let maxDuration = 0;
  let peakBar = -1;
  let trough = 0;
  for (let i = 0; i < n; i++) {
    if (units[i] !== 0) barsHeld++;
    if (equity[i] > peak) peak = equity[i];
    equitySum += equity[i];
    const dd = drawdown[i];
    if (dd < 0) {
      if (peakBar < 0) {
        peakBar = Math.max(i - 1, 0);
        trough = 0;
      }
      if (dd < trough) trough = dd;
    } else if (peakBar >= 0) {
      periods++;
      depthSum += trough;
      durationSum += i - peakBar;
      maxDuration = Math.max(maxDuration, i - peakBar);
      max = Math.min(max, trough);
      peakBar = -1;
    }
  }
  if (peakBar >= 0) {
    periods++;
    depthSum += trough;
    durationSum += n - 1 - peakBar;
    maxDuration = Math.max(maxDuration, n - 1 - peakBar);
    max = Math.min(max, trough);
  }
  const drawdowns: DrawdownSummary =
    periods === 0
      ? { max: 0, averageDepth: null, maxDuration: null, averageDuration: null, periods }
      : {
          max,
          averageDepth: depthSum / periods,
          maxDuration,
          averageDuration: durationSum / periods,
          periods,
        };
  return { ...drawdowns, barsHeld, peak, mean: equitySum / n };
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
  const { time, close, equity, returns, initialCash, periodsPerYear } = input;
  const n = equity.length;
  const start = time[0];
  const end = time[n - 1];
  const durationDays = (end - start) / DAY;
  const equityFinal = equity[n - 1];

  const scan = scanEquity(input);
  const growth = equityFinal / initialCash;
  const riskFree = riskFreePerBar(input.riskFreeRate, periodsPerYear);
  const moments = returnMoments(returns, riskFree);
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

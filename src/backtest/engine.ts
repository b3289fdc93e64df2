import type { PriceSeries } from '../data/index.js';
import { resolveBacktestOptions } from './options.js';
import {
  computeStats,
  type EquitySums,
  finishEquityScan,
  returnsColumn,
  riskFreePerBar,
} from './stats.js';
import { TradeBook } from './trade-book.js';
import type {
  BacktestOptions,
  BacktestResult,
  PendingSignal,
  ResolvedBacktestOptions,
  Trade,
} from './types.js';
import { dateOf, validateSeries, validateTargets } from './validate.js';

export const SAME_BAR_WARNING =
  'optimistic: same-bar close fills (a target fills at the close of the bar that decided it)';

/** The hot loop only flags a bad bar; the validators then throw the precise message. */
function rejectInputs(series: PriceSeries, targets: Float64Array, allowShort: boolean): never {
  validateSeries(series);
  validateTargets(targets, series.time, allowShort);
  throw new Error('runBacktest flagged a bar that the validators accept');
}

interface SimulationSettings {
  fillAtOpen: boolean;
  allowShort: boolean;
  initialCash: number;
  /** Risk-free return per bar, for the downside deviation. */
  riskFree: number;
}

/** What the bar loop leaves: the last target acted on and the equity curve's sums. */
interface Simulation {
  held: number;
  sums: EquitySums;
}

/**
 * The per-bar pass: fills through the trade book (which logs each order and trade), marks the
 * account to the close, writes equity and accumulates the statistics' sums (see EquitySums).
 * Every running figure is a local variable, kept in a register; everything rare (an order, a
 * ruined account, a drawdown's end) sits behind a test that is false on almost every bar.
 * Nothing but building the result follows the loop, so V8's optimised code for it never meets an
 * unprofiled instruction on the way out.
 */
function simulate(
  series: PriceSeries,
  targets: Float64Array,
  book: TradeBook,
  settings: SimulationSettings,
  equityOut: Float64Array,
): Simulation {
  const { time, open, close } = series;
  const { fillAtOpen, allowShort, initialCash, riskFree } = settings;
  const n = time.length;
  const lowestTarget = allowShort ? -1 : 0;
  let held = 0;
  let cash = initialCash;
  let units = 0;
  let ruined = false;
  let previousTime = Number.NEGATIVE_INFINITY;
  // At bar 0 an open fill has nothing decided yet: NaN means flat, and flat is held.
  let previousTarget = Number.NaN;

  let peak = initialCash;
  let equitySum = 0;
  let previous = 0;
  let shift = 0;
  let sum = 0;
  let squares = 0;
  let downsideSquares = 0;
  let maxDrawdown = 0;
  let periods = 0;
  let depthSum = 0;
  let durationSum = 0;
  let maxDuration = 0;
  let peakBar = -1;
  let trough = 0;

  for (let i = 0; i < n; i++) {
    // Inputs are checked in the same pass (the rules of validate.ts, written inline because
    // V8 runs this loop markedly faster so); a bad bar aborts before anything is returned.
    const barTime = time[i];
    const barOpen = open[i];
    const barClose = close[i];
    const barTarget = targets[i];
    if (
      !(
        barTime > previousTime &&
        barTime < Infinity &&
        barOpen > 0 &&
        barOpen < Infinity &&
        barClose > 0 &&
        barClose < Infinity &&
        ((barTarget >= lowestTarget && barTarget <= 1) || Number.isNaN(barTarget))
      )
    ) {
      rejectInputs(series, targets, allowShort);
    }
    previousTime = barTime;
    const decided = fillAtOpen ? previousTarget : barTarget;
    const target = Number.isNaN(decided) ? 0 : decided;
    if (target !== held && !ruined) {
      book.rebalance(i, fillAtOpen ? barOpen : barClose, target);
      held = target;
      cash = book.cash;
      units = book.units;
    }
    const equity = cash + units * barClose;
    if (equity <= 0 && !ruined) {
      // A ruined account cannot keep a position: close it at this close and stop trading.
      ruined = true;
      book.liquidate(i, barClose);
      cash = book.cash;
      units = 0;
    }
    equityOut[i] = equity;
    previousTarget = barTarget;

    equitySum += equity;
    if (i > 0) {
      // Unchanged equity (a flat account) is a return of exactly 0: no division needed.
      const r = previous > 0 && equity !== previous ? equity / previous - 1 : 0;
      if (i === 1) shift = r;
      const deviation = r - shift;
      sum += deviation;
      squares += deviation * deviation;
      // min(excess, 0) without a branch: a return's sign is close to a coin flip.
      const excess = r - riskFree;
      const shortfall = (excess - Math.abs(excess)) / 2;
      downsideSquares += shortfall * shortfall;
    }
    previous = equity;
    if (equity < peak) {
      if (peakBar < 0) {
        peakBar = i > 0 ? i - 1 : 0;
        trough = equity;
      } else if (equity < trough) {
        trough = equity;
      }
    } else {
      if (peakBar >= 0) {
        const depth = trough / peak - 1;
        const duration = i - peakBar;
        periods++;
        depthSum += depth;
        durationSum += duration;
        if (duration > maxDuration) maxDuration = duration;
        if (depth < maxDrawdown) maxDrawdown = depth;
        peakBar = -1;
      }
      peak = equity;
    }
  }
  const sums: EquitySums = {
    bars: n,
    final: previous,
    peak,
    equitySum,
    shift,
    sum,
    squares,
    downsideSquares,
    maxDrawdown,
    periods,
    depthSum,
    durationSum,
    maxDuration,
    openPeakBar: peakBar,
    openTrough: trough,
  };
  return { held, sums };
}

/** A value at every bar's close, from its start value and its value after each order. */
function stepColumn(n: number, start: number, bars: Float64Array, values: Float64Array) {
  const count = bars.length;
  const column = new Float64Array(n).fill(start);
  for (let k = 0; k < count; k++) {
    column.fill(values[k], bars[k], k + 1 < count ? bars[k + 1] : n);
  }
  return column;
}

/** Signed fraction of equity held at each close: units x close / equity. */
function positionColumn(units: Float64Array, close: Float64Array, equity: Float64Array) {
  const n = equity.length;
  const position = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    position[i] = units[i] === 0 ? 0 : (units[i] * close[i]) / equity[i];
  }
  return position;
}

/** equity / running peak (from the initial cash) - 1 at each close. */
function drawdownColumn(equity: Float64Array, initialCash: number) {
  const n = equity.length;
  const drawdown = new Float64Array(n);
  let peak = initialCash;
  for (let i = 0; i < n; i++) {
    if (equity[i] > peak) peak = equity[i];
    drawdown[i] = equity[i] / peak - 1;
  }
  return drawdown;
}

/**
 * A fixed fee that leaves no order possible, or costs the whole account on a round trip, makes
 * any result meaningless; said rather than reported as a strategy that chose not to trade.
 */
function fixedFeeWarning(options: ResolvedBacktestOptions, close: Float64Array): string | null {
  const { fixedFee, initialCash } = options;
  if (fixedFee === 0) return null;
  const fee = `the fixed fee of ${fixedFee} per order`;
  if (fixedFee >= initialCash) {
    return `${fee} is at least the initial cash of ${initialCash}: no order can be placed, so no trade is possible`;
  }
  if (options.wholeUnits) {
    let lowest = Number.POSITIVE_INFINITY;
    for (let i = 0; i < close.length; i++) if (close[i] < lowest) lowest = close[i];
    const unitCost = lowest * (1 + options.slippageBps / 10_000) * (1 + options.commission);
    if (initialCash - fixedFee < unitCost) {
      return `after ${fee}, the initial cash of ${initialCash} cannot buy one whole unit even at the lowest close (${lowest}): no trade is possible`;
    }
  }
  if (2 * fixedFee >= initialCash) {
    return `${fee} is at least half the initial cash of ${initialCash}: one round trip (buy and sell) costs the whole account`;
  }
  return null;
}

/**
 * Runs targets through the account in one pass. targets[t] is decided at bar t's close and fills
 * at bar t+1's open (or at bar t's close with fill: 'close'); NaN means flat. The position is
 * rebalanced only when the target value changes. The pass over the bars records equity and
 * accumulates the statistics, and the trade book logs each order and trade as rows of numbers.
 * The trades list and units, cash, position, drawdown and returns per bar are worked
 * out the first time they are read (one pass each, then kept). See the guide, "Execution model".
 */
export function runBacktest(
  series: PriceSeries,
  targets: Float64Array,
  options: BacktestOptions = {},
): BacktestResult {
  const { time, open, close } = series;
  const n = time.length;
  if (n === 0 || open.length !== n || close.length !== n) validateSeries(series);
  const resolved = resolveBacktestOptions(options ?? {}, time);
  if (targets.length !== n) validateTargets(targets, time, resolved.allowShort);
  const book = new TradeBook(resolved.initialCash, {
    commission: resolved.commission,
    fixedFee: resolved.fixedFee,
    slippage: resolved.slippageBps / 10_000,
    wholeUnits: resolved.wholeUnits,
  });
  const fillAtOpen = resolved.fill === 'open';
  const initialCash = resolved.initialCash;
  const riskFree = riskFreePerBar(resolved.riskFreeRate, resolved.periodsPerYear);
  const equity = new Float64Array(n);
  const { held, sums } = simulate(
    series,
    targets,
    book,
    { fillAtOpen, allowShort: resolved.allowShort, initialCash, riskFree },
    equity,
  );
  const { orders } = book;

  const warnings: string[] = fillAtOpen ? [] : [SAME_BAR_WARNING];
  if (book.liquidatedAt >= 0) {
    const bar = book.liquidatedAt;
    warnings.push(
      `equity fell to ${equity[bar].toFixed(2)} at ${dateOf(time[bar])}; the position was closed at that close and trading stopped`,
    );
  }
  let pending: PendingSignal | null = null;
  if (fillAtOpen && book.liquidatedAt < 0) {
    const decided = targets[n - 1];
    const target = Number.isNaN(decided) ? 0 : decided;
    if (target !== held) {
      const last = n - 1;
      const current = book.units === 0 ? 0 : (book.units * close[last]) / equity[last];
      pending = { time: time[last], target, current };
    }
  }
  book.markOpenTrade(n - 1, close[n - 1]);
  if (book.unfilledOrders > 0) {
    warnings.push(
      `${book.unfilledOrders} order(s) could not buy a single whole unit and left the position flat`,
    );
  }

  const feeWarning = fixedFeeWarning(resolved, close);
  if (feeWarning) warnings.push(feeWarning);

  const stats = computeStats({
    time,
    close,
    scan: finishEquityScan(sums, book.orders.barsHeld(n)),
    trades: book.log.figures(),
    initialCash,
    periodsPerYear: resolved.periodsPerYear,
    annualisationBasis: resolved.annualisationBasis,
    riskFreeRate: resolved.riskFreeRate,
    tradedValue: book.tradedValue,
    totalCosts: book.totalCosts,
  });

  let units: Float64Array | undefined;
  const unitsColumn = () => {
    units ??= stepColumn(n, 0, orders.bars(), orders.units());
    return units;
  };
  let cash: Float64Array | undefined;
  let position: Float64Array | undefined;
  let drawdown: Float64Array | undefined;
  let returns: Float64Array | undefined;
  let trades: Trade[] | undefined;
  return {
    symbol: series.symbol,
    options: resolved,
    time,
    equity,
    get units() {
      return unitsColumn();
    },
    get cash() {
      cash ??= stepColumn(n, initialCash, orders.bars(), orders.cash());
      return cash;
    },
    get position() {
      position ??= positionColumn(unitsColumn(), close, equity);
      return position;
    },
    get drawdown() {
      drawdown ??= drawdownColumn(equity, initialCash);
      return drawdown;
    },
    get returns() {
      returns ??= returnsColumn(equity);
      return returns;
    },
    get trades() {
      trades ??= book.log.toTrades(time);
      return trades;
    },
    pending,
    stats,
    warnings,
  };
}

import type { PriceSeries } from '../data/types.js';
import { resolveBacktestOptions } from './options.js';
import { computeStats } from './stats.js';
import { TradeBook } from './trade-book.js';
import type { BacktestOptions, BacktestResult, PendingSignal } from './types.js';
import { dateOf, validateSeries, validateTargets } from './validate.js';

export const SAME_BAR_WARNING =
  'optimistic: same-bar close fills (a target fills at the close of the bar that decided it)';

/** The hot loop only flags a bad bar; the validators then throw the precise message. */
function rejectInputs(series: PriceSeries, targets: Float64Array, allowShort: boolean): never {
  validateSeries(series);
  validateTargets(targets, series.time, allowShort);
  throw new Error('runBacktest flagged a bar that the validators accept');
}

/** Per-bar outputs, allocated by the caller and filled by `simulate`. */
interface BarOutputs {
  equity: Float64Array;
  cash: Float64Array;
  units: Float64Array;
  position: Float64Array;
  drawdown: Float64Array;
  returns: Float64Array;
}

interface SimulationSettings {
  fillAtOpen: boolean;
  allowShort: boolean;
  initialCash: number;
}

/**
 * The per-bar pass: fills through the trade book, then marks the account to the close. It fills
 * `out` and returns the last target acted on; nothing follows the loop, so V8's optimised code
 * for it never meets an unprofiled instruction on the way out.
 */
function simulate(
  series: PriceSeries,
  targets: Float64Array,
  book: TradeBook,
  settings: SimulationSettings,
  out: BarOutputs,
): number {
  const { time, open, close } = series;
  const { fillAtOpen, allowShort, initialCash } = settings;
  const { equity: equityOut, cash: cashOut, units: unitsOut } = out;
  const { position: positionOut, drawdown: drawdownOut, returns: returnsOut } = out;
  const n = time.length;
  const lowestTarget = allowShort ? -1 : 0;
  let held = 0;
  let cash = initialCash;
  let units = 0;
  let peak = initialCash;
  let previousEquity = initialCash;
  let ruined = false;
  let previousTime = Number.NEGATIVE_INFINITY;
  let previousTarget = Number.NaN;

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
    if (!ruined && (i > 0 || !fillAtOpen)) {
      const decided = fillAtOpen ? previousTarget : barTarget;
      const target = Number.isNaN(decided) ? 0 : decided;
      if (target !== held) {
        book.rebalance(i, fillAtOpen ? barOpen : barClose, target);
        held = target;
        cash = book.cash;
        units = book.units;
      }
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
    cashOut[i] = cash;
    unitsOut[i] = units;
    positionOut[i] = units === 0 ? 0 : (units * barClose) / equity;
    if (equity > peak) peak = equity;
    drawdownOut[i] = equity / peak - 1;
    returnsOut[i] = i > 0 && previousEquity > 0 ? equity / previousEquity - 1 : 0;
    previousEquity = equity;
    previousTarget = barTarget;
  }
  return held;
}

/**
 * Runs targets through the account in one pass. targets[t] is decided at bar t's close and fills
 * at bar t+1's open (or at bar t's close with fill: 'close'); NaN means flat. The position is
 * rebalanced only when the target value changes. See README, "Execution model".
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
  const book = new TradeBook(time, resolved.initialCash, {
    commission: resolved.commission,
    fixedFee: resolved.fixedFee,
    slippage: resolved.slippageBps / 10_000,
    wholeUnits: resolved.wholeUnits,
  });
  const fillAtOpen = resolved.fill === 'open';
  const run: BarOutputs = {
    equity: new Float64Array(n),
    cash: new Float64Array(n),
    units: new Float64Array(n),
    position: new Float64Array(n),
    drawdown: new Float64Array(n),
    returns: new Float64Array(n),
  };
  const held = simulate(
    series,
    targets,
    book,
    { fillAtOpen, allowShort: resolved.allowShort, initialCash: resolved.initialCash },
    run,
  );

  const warnings: string[] = fillAtOpen ? [] : [SAME_BAR_WARNING];
  if (book.liquidatedAt >= 0) {
    const bar = book.liquidatedAt;
    warnings.push(
      `equity fell to ${run.equity[bar].toFixed(2)} at ${dateOf(time[bar])}; the position was closed at that close and trading stopped`,
    );
  }
  let pending: PendingSignal | null = null;
  if (fillAtOpen && book.liquidatedAt < 0) {
    const decided = targets[n - 1];
    const target = Number.isNaN(decided) ? 0 : decided;
    if (target !== held) {
      pending = { time: time[n - 1], target, current: run.position[n - 1] };
    }
  }
  book.markOpenTrade(n - 1, close[n - 1]);
  if (book.unfilledOrders > 0) {
    warnings.push(
      `${book.unfilledOrders} order(s) could not buy a single whole unit and left the position flat`,
    );
  }

  const stats = computeStats({
    time,
    close,
    equity: run.equity,
    returns: run.returns,
    drawdown: run.drawdown,
    units: run.units,
    trades: book.trades,
    initialCash: resolved.initialCash,
    periodsPerYear: resolved.periodsPerYear,
    annualisationBasis: resolved.annualisationBasis,
    riskFreeRate: resolved.riskFreeRate,
    tradedValue: book.tradedValue,
    totalCosts: book.totalCosts,
  });

  return {
    symbol: series.symbol,
    options: resolved,
    time,
    equity: run.equity,
    cash: run.cash,
    units: run.units,
    position: run.position,
    drawdown: run.drawdown,
    returns: run.returns,
    trades: book.trades,
    pending,
    stats,
    warnings,
  };
}

import type { PriceSeries } from '../data/index.js';
import { resolveBacktestOptions } from './options.js';
import { computeStats, EquityScanner, returnsColumn, riskFreePerBar } from './stats.js';
import { TradeBook } from './trade-book.js';
import type {
  BacktestOptions,
  BacktestResult,
  PendingSignal,
  ResolvedBacktestOptions,
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

/**
 * What the per-bar pass records: equity for every bar, the statistics as they stream, and cash
 * and units after each order (they change only then). Everything else per bar is derived from
 * these on demand.
 */
interface BarOutputs {
  equity: Float64Array;
  scanner: EquityScanner;
  /** Bars at which an order (or the closing of a ruined account) changed cash and units. */
  orderBars: number[];
  cashAfter: number[];
  unitsAfter: number[];
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
  const { equity: equityOut, scanner, orderBars, cashAfter, unitsAfter } = out;
  const n = time.length;
  const lowestTarget = allowShort ? -1 : 0;
  let held = 0;
  let cash = initialCash;
  let units = 0;
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
        if (book.cash !== cash || book.units !== units) {
          cash = book.cash;
          units = book.units;
          orderBars.push(i);
          cashAfter.push(cash);
          unitsAfter.push(units);
        }
      }
    }
    const equity = cash + units * barClose;
    if (equity <= 0 && !ruined) {
      // A ruined account cannot keep a position: close it at this close and stop trading.
      ruined = true;
      book.liquidate(i, barClose);
      cash = book.cash;
      units = 0;
      orderBars.push(i);
      cashAfter.push(cash);
      unitsAfter.push(units);
    }
    equityOut[i] = equity;
    scanner.add(equity, units !== 0);
    previousTarget = barTarget;
  }
  return held;
}

/** A value at every bar's close, from its start value and its value after each order. */
function stepColumn(n: number, start: number, bars: number[], values: number[]) {
  const column = new Float64Array(n).fill(start);
  for (let k = 0; k < bars.length; k++) column.fill(values[k], bars[k], bars[k + 1] ?? n);
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
 * rebalanced only when the target value changes. The pass records equity per bar and streams
 * the statistics; units, cash, position, drawdown and returns per bar are worked out the first
 * time they are read (one pass each, then kept). See the guide, "Execution model".
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
  const initialCash = resolved.initialCash;
  const riskFree = riskFreePerBar(resolved.riskFreeRate, resolved.periodsPerYear);
  const run: BarOutputs = {
    equity: new Float64Array(n),
    scanner: new EquityScanner(initialCash, riskFree),
    orderBars: [],
    cashAfter: [],
    unitsAfter: [],
  };
  const held = simulate(
    series,
    targets,
    book,
    { fillAtOpen, allowShort: resolved.allowShort, initialCash },
    run,
  );
  const { equity, orderBars } = run;

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
    scan: run.scanner.finish(),
    trades: book.trades,
    initialCash,
    periodsPerYear: resolved.periodsPerYear,
    annualisationBasis: resolved.annualisationBasis,
    riskFreeRate: resolved.riskFreeRate,
    tradedValue: book.tradedValue,
    totalCosts: book.totalCosts,
  });

  let units: Float64Array | undefined;
  const unitsColumn = () => {
    units ??= stepColumn(n, 0, orderBars, run.unitsAfter);
    return units;
  };
  let cash: Float64Array | undefined;
  let position: Float64Array | undefined;
  let drawdown: Float64Array | undefined;
  let returns: Float64Array | undefined;
  return {
    symbol: series.symbol,
    options: resolved,
    time,
    equity,
    get units() {
      return unitsColumn();
    },
    get cash() {
      cash ??= stepColumn(n, initialCash, orderBars, run.cashAfter);
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
    trades: book.trades,
    pending,
    stats,
    warnings,
  };
}

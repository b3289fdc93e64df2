import { computeStats, scanEquity } from '../../src/backtest/stats.js';
import type { BacktestResult } from '../../src/backtest/types.js';
import { createPriceSeries } from '../../src/data/price-series.js';
import type { PriceSeries } from '../../src/data/types.js';

export const DAY = 86_400_000;
/** Monday 1 January 2024, 00:00 UTC. */
export const MONDAY = Date.UTC(2024, 0, 1);

/** `count` weekday (Mon-Fri) midnights from `start`. */
export function weekdayTimes(count: number, start = MONDAY): number[] {
  const times: number[] = [];
  for (let t = start; times.length < count; t += DAY) {
    const weekday = new Date(t).getUTCDay();
    if (weekday !== 0 && weekday !== 6) times.push(t);
  }
  return times;
}

/** A series on weekday daily bars; open defaults to close. */
export function dailySeries(close: number[], open?: number[]): PriceSeries {
  return createPriceSeries({ time: weekdayTimes(close.length), open: open ?? close, close });
}

export const targets = (values: number[]): Float64Array => Float64Array.from(values);

/** No commission, fee or slippage. */
export const FREE = { commission: 0, fixedFee: 0, slippageBps: 0 } as const;

/**
 * A minimal result whose per-bar returns are given (returns[0] = 0), for compare():
 * equity compounds the returns from 10,000, stats come from computeStats.
 */
export function resultFromReturns(
  returns: Float64Array,
  time: Float64Array,
  periodsPerYear = 252,
): BacktestResult {
  const n = returns.length;
  const equity = new Float64Array(n);
  const drawdown = new Float64Array(n);
  let value = 10_000;
  let peak = value;
  for (let i = 0; i < n; i++) {
    if (i > 0) value *= 1 + returns[i];
    equity[i] = value;
    peak = Math.max(peak, value);
    drawdown[i] = value / peak - 1;
  }
  const units = new Float64Array(n).fill(1);
  const close = equity.slice();
  const options = {
    fill: 'open' as const,
    commission: 0,
    fixedFee: 0,
    slippageBps: 0,
    allowShort: false,
    wholeUnits: false,
    initialCash: 10_000,
    riskFreeRate: 0,
    periodsPerYear,
    annualisationBasis: `${periodsPerYear} bars/year (test)`,
  };
  const stats = computeStats({
    time,
    close,
    scan: scanEquity({ equity, units, initialCash: 10_000, riskFree: 0 }),
    trades: [],
    initialCash: 10_000,
    periodsPerYear,
    annualisationBasis: options.annualisationBasis,
    riskFreeRate: 0,
    tradedValue: 0,
    totalCosts: 0,
  });
  return {
    symbol: 'TEST',
    options,
    time,
    equity,
    cash: new Float64Array(n),
    units,
    position: new Float64Array(n).fill(1),
    drawdown,
    returns,
    trades: [],
    pending: null,
    stats,
    warnings: [],
  };
}

/** Every number in a stats-like object is finite or null (never NaN or Infinity). */
export function nonFiniteFields(stats: object): string[] {
  return Object.entries(stats)
    .filter(([, v]) => typeof v === 'number' && !Number.isFinite(v))
    .map(([k]) => k);
}

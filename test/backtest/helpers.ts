import { runBacktest } from '../../src/backtest/engine.js';
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
 * A minimal result whose per-bar returns are given (returns[0] = 0), for compare(): equity
 * compounds the returns from 10,000, and the stats are those of a costless backtest holding one
 * unit of an asset priced at that equity.
 */
export function resultFromReturns(
  returns: Float64Array,
  time: Float64Array,
  periodsPerYear = 252,
): BacktestResult {
  const n = returns.length;
  const equity = new Float64Array(n);
  let value = 10_000;
  for (let i = 0; i < n; i++) {
    if (i > 0) value *= 1 + returns[i];
    equity[i] = value;
  }
  const run = runBacktest(
    createPriceSeries({ time, open: equity, close: equity }),
    new Float64Array(n).fill(1),
    { ...FREE, fill: 'close', periodsPerYear },
  );
  // One unit bought at the first close with all 10,000 of cash: equity is the price exactly.
  if (run.stats.equityFinal !== equity[n - 1]) throw new Error('resultFromReturns: equity drifted');
  return { ...run, symbol: 'TEST', returns, warnings: [] };
}

/** Every number in a stats-like object is finite or null (never NaN or Infinity). */
export function nonFiniteFields(stats: object): string[] {
  return Object.entries(stats)
    .filter(([, v]) => typeof v === 'number' && !Number.isFinite(v))
    .map(([k]) => k);
}

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../src/backtest/engine.js';
import { parsePrices } from '../../src/data/load-prices.js';
import { smaCross } from '../../strategies/sma-cross.js';

/**
 * backtesting.py's own test suite (backtesting/test/_test.py, test_compute_stats) runs its
 * SmaCross(fast 10, slow 30) on the same GOOG 2004-2013 file with 10,000 cash, no commission,
 * whole units, shorts and next-open fills, and publishes 66 trades and a final equity of
 * 51,422.99 (finalize_trades=True: the last trade is closed at the last bar's open).
 */
describe('the SMA crossover sample of backtesting.py', () => {
  const csv = readFileSync(new URL('../../data/goog-2004-2013.csv', import.meta.url));
  const series = parsePrices(csv);
  const n = series.close.length;

  function sma(period: number): Float64Array {
    const out = new Float64Array(n).fill(Number.NaN);
    for (let t = period - 1; t < n; t++) {
      let sum = 0;
      for (let k = t - period + 1; k <= t; k++) sum += series.close[k];
      out[t] = sum / period;
    }
    return out;
  }

  /** Its SmaCross: flat until the first strict crossover, then long after an upward cross, short after a downward one. */
  function crossoverTargets(fast: number, slow: number): Float64Array {
    const a = sma(fast);
    const b = sma(slow);
    const targets = new Float64Array(n).fill(Number.NaN);
    let held = Number.NaN;
    for (let t = slow; t < n; t++) {
      if (a[t - 1] < b[t - 1] && a[t] > b[t]) held = 1;
      else if (b[t - 1] < a[t - 1] && b[t] > a[t]) held = -1;
      targets[t] = held;
    }
    return targets;
  }

  it('fast 10, slow 30, no costs: 66 trades and 51,422.99 final equity', () => {
    const result = runBacktest(series, crossoverTargets(10, 30), {
      commission: 0,
      slippageBps: 0,
      wholeUnits: true,
      allowShort: true,
      initialCash: 10_000,
    });
    expect(result.trades).toHaveLength(66);
    const last = result.trades[65];
    expect(last.open).toBe(true);
    // This engine marks the open trade to the last close; closing it at the last open instead:
    const closedAtOpen =
      result.stats.equityFinal - last.units * (series.close[n - 1] - series.open[n - 1]);
    expect(closedAtOpen).toBeCloseTo(51422.99, 2);
  });

  it('the built-in sma-cross trades the same crossovers (fast 10, slow 20, shorts)', async () => {
    const { positions } = await smaCross.run(
      series,
      { fast: 10, slow: 20 },
      { seed: 0, allowShort: true },
    );
    const expected = crossoverTargets(10, 20);
    // Both are flat (NaN or 0) before the first crossover and agree on every bar after it.
    const first = expected.findIndex((v) => !Number.isNaN(v));
    expect(first).toBeGreaterThan(20);
    expect(Array.from(positions.subarray(20, first)).every((v) => v === 0)).toBe(true);
    expect(Array.from(positions.subarray(first))).toEqual(Array.from(expected.subarray(first)));
  });
});

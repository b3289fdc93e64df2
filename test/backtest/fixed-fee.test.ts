/** A fixed fee so large that trading is impossible (or ruinous) is said, not silently reported as "no trades". */
import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../src/backtest/engine.js';
import { dailySeries, targets } from './helpers.js';

const series = dailySeries([100, 104, 107, 103], [99, 100, 106, 104]);
const longAll = targets([1, 1, 1, 1]);
const feeWarnings = (warnings: string[]) => warnings.filter((w) => /fixed fee/.test(w));

describe('a fixed fee that leaves no trade possible', () => {
  it.each([
    [10_000, 10_000],
    [25_000, 10_000],
    [1_000, 500],
  ])('fee %d with initial cash %d: no order, and a warning saying so', (fixedFee, initialCash) => {
    const result = runBacktest(series, longAll, { fixedFee, initialCash });
    expect(result.trades).toEqual([]);
    expect(feeWarnings(result.warnings)).toHaveLength(1);
    expect(result.warnings.join(' ')).toMatch(
      new RegExp(
        `fixed fee of ${fixedFee} per order is at least the initial cash of ${initialCash}: no order can be placed`,
      ),
    );
  });

  it('with whole units, cash left after the fee that buys no unit even at the lowest close', () => {
    // Lowest close 100; 150 - 60 = 90 buys no unit at 100 x (1 + costs).
    const result = runBacktest(series, longAll, {
      fixedFee: 60,
      initialCash: 150,
      wholeUnits: true,
    });
    expect(result.trades).toEqual([]);
    expect(result.warnings.join(' ')).toMatch(
      /cannot buy one whole unit even at the lowest close \(100\)/,
    );
  });

  it('a fee of half the cash or more costs the whole account per round trip', () => {
    const result = runBacktest(series, longAll, { fixedFee: 5_000, initialCash: 10_000 });
    expect(result.warnings.join(' ')).toMatch(
      /one round trip \(buy and sell\) costs the whole account/,
    );
  });

  it('an ordinary fee, and none, give no such warning', () => {
    for (const fixedFee of [0, 1, 4_999]) {
      const result = runBacktest(series, longAll, {
        fixedFee,
        initialCash: 10_000,
        wholeUnits: true,
      });
      expect(feeWarnings(result.warnings)).toEqual([]);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../src/backtest/engine.js';
import { createPriceSeries } from '../../src/data/price-series.js';
import { DAY, dailySeries, FREE, nonFiniteFields, targets } from './helpers.js';

describe('drawdown on a hand-made equity curve', () => {
  // Always long from bar 0's close with no costs: 100 units, so equity = 100 x close:
  // [10000, 11000, 9900, 10500, 11100, 10800].
  const series = dailySeries([100, 110, 99, 105, 111, 108]);
  const result = runBacktest(series, targets([1, 1, 1, 1, 1, 1]), { ...FREE, fill: 'close' });

  it('tracks the drawdown from the running peak', () => {
    // Peaks: 10000, 11000, 11000, 11000, 11100, 11100.
    const expected = [0, 0, 9900 / 11000 - 1, 10500 / 11000 - 1, 0, 10800 / 11100 - 1];
    for (const [i, dd] of result.drawdown.entries()) expect(dd).toBeCloseTo(expected[i], 12);
  });

  it('measures depth and duration in bars, peak to recovery or to the end', () => {
    // Period 1: peak bar 1, below peak on bars 2-3, back above on bar 4 -> 4 - 1 = 3 bars, trough -10%.
    // Period 2: peak bar 4, below on bar 5 (the last) and unrecovered -> 5 - 4 = 1 bar, trough 10800/11100 - 1.
    const { stats } = result;
    expect(stats.maxDrawdown).toBeCloseTo(-0.1, 12);
    expect(stats.maxDrawdownDuration).toBe(3);
    expect(stats.avgDrawdownDuration).toBe(2);
    expect(stats.avgDrawdown).toBeCloseTo((-0.1 + (10800 / 11100 - 1)) / 2, 12);
    expect(stats.equityPeak).toBeCloseTo(11100, 9);
    expect(stats.exposureTime).toBe(1);
  });
});

describe('Sharpe, Sortino, CAGR and friends on a series computable by hand', () => {
  // Returns alternate +2%, -1% for 40 bars (bar 1 = +2%, bar 40 = -1%), spread evenly over
  // exactly 365.25 days, annualised at 252 bars/year. Always long from bar 0's close, no costs,
  // so equity returns equal price returns.
  const close = [100];
  for (let i = 1; i <= 40; i++) close.push(close[i - 1] * (i % 2 === 1 ? 1.02 : 0.99));
  const time = close.map((_, i) => Date.UTC(2020, 0, 1) + (i * 365.25 * DAY) / 40);
  const series = createPriceSeries({ time, close });
  const allLong = targets(close.map(() => 1));
  const options = { ...FREE, fill: 'close' as const, periodsPerYear: 252 };
  const { stats } = runBacktest(series, allLong, options);

  // Mean 0.005; deviations +-0.015, so the sample std is 0.015 x sqrt(40 / 39).
  const std = 0.015 * Math.sqrt(40 / 39);
  // Growth (1.02 x 0.99)^20 = 1.0098^20 over 365.25 days, i.e. one calendar year.
  const growth = 1.0098 ** 20;

  it('annualises the sample standard deviation', () => {
    expect(stats.annualVolatility).toBeCloseTo(std * Math.sqrt(252), 12);
    expect(stats.annualisationBasis).toBe('252 bars/year (set by the user)');
  });

  it('Sharpe = mean / sample std x sqrt(252) = sqrt(252) x sqrt(39/40) / 3', () => {
    expect(stats.sharpe).toBeCloseTo((Math.sqrt(252) * Math.sqrt(39 / 40)) / 3, 10);
  });

  it('Sortino = mean / sqrt(mean of squared negative returns) x sqrt(252) = sqrt(126)', () => {
    // Downside: 20 returns of -0.01 over 40 -> sqrt(0.0001 / 2); 0.005 / sqrt(0.00005) = sqrt(0.5).
    expect(stats.sortino).toBeCloseTo(Math.sqrt(126), 10);
  });

  it('CAGR over one calendar year is the total return; annual return compounds 40 bars to 252', () => {
    expect(stats.durationDays).toBeCloseTo(365.25, 9);
    expect(stats.totalReturn).toBeCloseTo(growth - 1, 12);
    expect(stats.cagr).toBeCloseTo(growth - 1, 12);
    expect(stats.annualReturn).toBeCloseTo(growth ** (252 / 40) - 1, 10);
  });

  it('Calmar = CAGR / |max drawdown|; every -1% bar is a 2-bar drawdown but the last', () => {
    // Each -1% bar dips 1% below the previous peak and recovers on the next +2% bar: 20 periods,
    // 19 lasting 2 bars and the last (bar 40, unrecovered) 1 bar: mean 39 / 20.
    expect(stats.maxDrawdown).toBeCloseTo(-0.01, 12);
    expect(stats.calmar).toBeCloseTo((growth - 1) / 0.01, 9);
    expect(stats.maxDrawdownDuration).toBe(2);
    expect(stats.avgDrawdownDuration).toBeCloseTo(39 / 20, 12);
    expect(stats.avgDrawdown).toBeCloseTo(-0.01, 12);
  });

  it('subtracts the per-bar risk-free rate from the mean', () => {
    const withRate = runBacktest(series, allLong, { ...options, riskFreeRate: 0.05 });
    const perBar = 1.05 ** (1 / 252) - 1;
    expect(withRate.stats.sharpe).toBeCloseTo(((0.005 - perBar) / std) * Math.sqrt(252), 10);
  });

  it('turnover: one buy of 10,000 over the mean equity, per year', () => {
    // Traded value 10000; mean equity = mean of 100 x close; 41 bars at 252 bars/year.
    const meanEquity = close.reduce((s, c) => s + 100 * c, 0) / close.length;
    expect(stats.turnover).toBeCloseTo(((10000 / meanEquity) * 252) / 41, 12);
  });
});

describe('trade statistics', () => {
  // Close fills, no costs. close = [100, 110, 110, 99, 99, 120, 120], targets [1,0,1,0,1,0,NaN]:
  // trade 1: 100 units 100 -> 110, pnl +1000, return +10%;
  // trade 2: 11000 / 110 = 100 units 110 -> 99, pnl -1100, return -10%;
  // trade 3: 9900 / 99 = 100 units 99 -> 120, pnl +2100, return 21/99.
  const series = dailySeries([100, 110, 110, 99, 99, 120, 120]);
  const result = runBacktest(series, targets([1, 0, 1, 0, 1, 0, Number.NaN]), {
    ...FREE,
    fill: 'close',
  });
  const returns = [0.1, -0.1, 21 / 99];
  const mean = (0.1 - 0.1 + 21 / 99) / 3;

  it('lists the three trades', () => {
    expect(result.trades.map((t) => Math.round(t.pnl * 1e6) / 1e6)).toEqual([1000, -1100, 2100]);
    for (const [i, t] of result.trades.entries()) expect(t.returnPct).toBeCloseTo(returns[i], 12);
  });

  it('win rate, best, worst, average, durations, profit factor, expectancy, SQN', () => {
    const { stats } = result;
    expect(stats.trades).toBe(3);
    expect(stats.winRate).toBeCloseTo(2 / 3, 12);
    expect(stats.bestTrade).toBeCloseTo(21 / 99, 12);
    expect(stats.worstTrade).toBeCloseTo(-0.1, 12);
    expect(stats.avgTrade).toBeCloseTo(mean, 12);
    expect(stats.maxTradeDuration).toBe(1);
    expect(stats.avgTradeDuration).toBe(1);
    // Profit factor: (1000 + 2100) / 1100. Expectancy: (1000 - 1100 + 2100) / 3.
    expect(stats.profitFactor).toBeCloseTo(3100 / 1100, 9);
    expect(stats.expectancy).toBeCloseTo(2000 / 3, 9);
    // SQN = sqrt(3) x mean / sample std of the trade returns.
    const std = Math.sqrt(returns.reduce((s, r) => s + (r - mean) ** 2, 0) / 2);
    expect(stats.sqn).toBeCloseTo((Math.sqrt(3) * mean) / std, 10);
    // Held at the closes of bars 0, 2 and 4 of 7.
    expect(stats.exposureTime).toBeCloseTo(3 / 7, 12);
  });
});

describe('statistics that are not available are null, never NaN', () => {
  it('no trades: trade stats null, zero volatility: Sharpe and Sortino null', () => {
    const close = Array.from({ length: 60 }, (_, i) => 100 + Math.sin(i));
    const { stats } = runBacktest(dailySeries(close), targets(close.map(() => Number.NaN)));
    expect(stats.trades).toBe(0);
    for (const key of [
      'winRate',
      'bestTrade',
      'worstTrade',
      'avgTrade',
      'maxTradeDuration',
      'avgTradeDuration',
      'profitFactor',
      'expectancy',
      'sqn',
      'sharpe',
      'sortino',
      'calmar',
      'avgDrawdown',
      'maxDrawdownDuration',
      'avgDrawdownDuration',
    ] as const) {
      expect(stats[key], key).toBeNull();
    }
    expect(stats.annualVolatility).toBe(0);
    expect(stats.cagr).toBe(0);
    expect(stats.turnover).toBe(0);
    expect(stats.maxDrawdown).toBe(0);
    expect(stats.totalCosts).toBe(0);
    expect(nonFiniteFields(stats)).toEqual([]);
  });

  it('a sample shorter than 30 days: annualised statistics null', () => {
    // 10 weekday bars span 13 calendar days.
    const close = [100, 101, 99, 102, 104, 103, 105, 104, 106, 108];
    const { stats } = runBacktest(dailySeries(close), targets(close.map(() => 1)));
    for (const key of [
      'cagr',
      'annualReturn',
      'annualVolatility',
      'sharpe',
      'sortino',
      'calmar',
      'turnover',
    ] as const) {
      expect(stats[key], key).toBeNull();
    }
    expect(stats.durationDays).toBe(11);
    expect(stats.trades).toBe(1);
    expect(stats.totalReturn).not.toBeNull();
    expect(nonFiniteFields(stats)).toEqual([]);
  });

  it('only winning trades: profit factor null; one trade: SQN null', () => {
    const { stats } = runBacktest(dailySeries([100, 100, 110]), targets([1, 1, 1]), FREE);
    expect(stats.trades).toBe(1);
    expect(stats.winRate).toBe(1);
    expect(stats.profitFactor).toBeNull();
    expect(stats.sqn).toBeNull();
  });

  it('a single bar gives a complete, finite stats object', () => {
    const { stats } = runBacktest(dailySeries([100]), targets([1]));
    expect(stats.bars).toBe(1);
    expect(stats.durationDays).toBe(0);
    expect(stats.sharpe).toBeNull();
    expect(nonFiniteFields(stats)).toEqual([]);
  });
});

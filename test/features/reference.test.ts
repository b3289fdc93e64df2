/**
 * Feature values against independent references: a published Wilder RSI example and values
 * worked out by hand (the arithmetic is written out next to each expectation).
 */
import { describe, expect, it } from 'vitest';
import { featuresPerBar } from '../../src/features/matrix.js';
import type { FeatureDef } from '../../src/features/types.js';
import { closeSeries, ohlcvSeries } from './helpers.js';

function column(series: ReturnType<typeof closeSeries>, def: FeatureDef, name: string): number[] {
  return Array.from(featuresPerBar(series, [def])[name]);
}

function expectClose(actual: number[], expected: number[], digits = 12): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, i) => {
    if (Number.isNaN(expected[i])) expect([i, value]).toEqual([i, Number.NaN]);
    else expect(value, `bar ${i}`).toBeCloseTo(expected[i], digits);
  });
}

const NaN_ = Number.NaN;

describe("Wilder's RSI, published 14-period example", () => {
  // The closes of the classic worked example (Wilder 1978, reproduced in StockCharts'
  // ChartSchool RSI article and in many implementations' test suites).
  const closes = [
    44.34, 44.09, 44.15, 43.61, 44.33, 44.83, 45.1, 45.42, 45.84, 46.08, 45.89, 46.03, 45.61, 46.28,
    46.28, 46.0, 46.03,
  ];

  it('reproduces the first RSI values by hand', () => {
    // The 14 changes up to bar 14: -0.25 +0.06 -0.54 +0.72 +0.50 +0.27 +0.32 +0.42 +0.24 -0.19
    // +0.14 -0.42 +0.67 0.00. Gains sum to 3.34, losses to 1.40.
    const gain14 = 3.34 / 14;
    const loss14 = 1.4 / 14;
    const rsi14 = 100 - 100 / (1 + gain14 / loss14); // 70.4641...: the published 70.46
    // Bar 15: 46.28 -> 46.00 is a loss of 0.28; Wilder smoothing avg = (avg * 13 + x) / 14.
    const gain15 = (gain14 * 13 + 0) / 14;
    const loss15 = (loss14 * 13 + 0.28) / 14;
    const rsi15 = 100 - 100 / (1 + gain15 / loss15); // 66.2496...: the published 66.25
    // Bar 16: 46.00 -> 46.03 is a gain of 0.03.
    const gain16 = (gain15 * 13 + 0.03) / 14;
    const loss16 = (loss15 * 13 + 0) / 14;
    const rsi16 = 100 - 100 / (1 + gain16 / loss16);
    expect(rsi14).toBeCloseTo(70.4641, 4);
    expect(rsi15).toBeCloseTo(66.2496, 4);

    const rsi = column(closeSeries(closes), { kind: 'rsi', period: 14 }, 'rsi_14');
    // The feature is RSI / 100.
    expectClose(rsi, [...Array(14).fill(NaN_), rsi14 / 100, rsi15 / 100, rsi16 / 100], 10);
  });

  it('is 1 when prices only rose, 0 when they only fell, 0.5 when nothing moved', () => {
    const rise = column(closeSeries([1, 2, 3, 4]), { kind: 'rsi', period: 2 }, 'rsi_2');
    const fall = column(closeSeries([4, 3, 2, 1]), { kind: 'rsi', period: 2 }, 'rsi_2');
    const flat = column(closeSeries([5, 5, 5, 5]), { kind: 'rsi', period: 2 }, 'rsi_2');
    expect(rise).toEqual([NaN_, NaN_, 1, 1]);
    expect(fall).toEqual([NaN_, NaN_, 0, 0]);
    expect(flat).toEqual([NaN_, NaN_, 0.5, 0.5]);
  });
});

describe('moving averages and returns by hand', () => {
  const close = [10, 12, 11, 13, 15, 14];
  const series = closeSeries(close);

  it('returns and log returns', () => {
    expectClose(column(series, { kind: 'returns', lags: [1] }, 'ret_1'), [
      NaN_,
      12 / 10 - 1,
      11 / 12 - 1,
      13 / 11 - 1,
      15 / 13 - 1,
      14 / 15 - 1,
    ]);
    expectClose(column(series, { kind: 'logReturns', lags: [2] }, 'logret_2'), [
      NaN_,
      NaN_,
      Math.log(11 / 10),
      Math.log(13 / 12),
      Math.log(15 / 11),
      Math.log(14 / 13),
    ]);
  });

  it('sign: +1 when the close rose over the lag, -1 when it fell, 0 when unchanged', () => {
    // close 10 12 11 13 15 14: one-bar moves up, down, up, up, down; two-bar moves
    // 10 -> 11 up, 12 -> 13 up, 11 -> 15 up, 13 -> 14 up. Both columns start at the kind's
    // warm-up, the largest lag (2).
    const spec: FeatureDef = { kind: 'sign', lags: [1, 2] };
    expect(column(series, spec, 'sign_1')).toEqual([NaN_, NaN_, -1, 1, 1, -1]);
    expect(column(series, spec, 'sign_2')).toEqual([NaN_, NaN_, 1, 1, 1, 1]);
    const flat = column(closeSeries([5, 5, 6, 6]), { kind: 'sign', lags: [1] }, 'sign_1');
    expect(flat).toEqual([NaN_, 0, 1, 0]);
  });

  it('SMA ratio: close / mean of the last 3 closes - 1', () => {
    // Means: (10+12+11)/3 = 11, (12+11+13)/3 = 12, (11+13+15)/3 = 13, (13+15+14)/3 = 14.
    expectClose(column(series, { kind: 'smaRatio', period: 3 }, 'sma_ratio_3'), [
      NaN_,
      NaN_,
      11 / 11 - 1,
      13 / 12 - 1,
      15 / 13 - 1,
      14 / 14 - 1,
    ]);
  });

  it('EMA ratio: EMA seeded with the first 3-bar mean, weight 2/(3+1) = 0.5', () => {
    // Seed at bar 2: 11. Then 11 + 0.5 (13 - 11) = 12; 12 + 0.5 (15 - 12) = 13.5;
    // 13.5 + 0.5 (14 - 13.5) = 13.75.
    expectClose(column(series, { kind: 'emaRatio', period: 3 }, 'ema_ratio_3'), [
      NaN_,
      NaN_,
      11 / 11 - 1,
      13 / 12 - 1,
      15 / 13.5 - 1,
      14 / 13.75 - 1,
    ]);
  });

  it('ROC: percent change over the period, divided by 100', () => {
    expectClose(column(series, { kind: 'roc', period: 2 }, 'roc_2'), [
      NaN_,
      NaN_,
      11 / 10 - 1,
      13 / 12 - 1,
      15 / 11 - 1,
      14 / 13 - 1,
    ]);
  });

  it('volatility: sample standard deviation of the last 2 one-bar log returns', () => {
    // For two values x, y the sample standard deviation is |x - y| / sqrt(2).
    const r = [NaN_, ...close.slice(1).map((c, i) => Math.log(c / close[i]))];
    const sd = (x: number, y: number) => Math.abs(x - y) / Math.SQRT2;
    expectClose(column(series, { kind: 'volatility', period: 2 }, 'volatility_2'), [
      NaN_,
      NaN_,
      sd(r[1], r[2]),
      sd(r[2], r[3]),
      sd(r[3], r[4]),
      sd(r[4], r[5]),
    ]);
  });

  it('MACD relative to price, fast 1 / slow 2 / signal 2', () => {
    // EMA(1) is the close itself. EMA(2) (weight 2/3) is seeded at bar 1 with (10+12)/2 = 11,
    // then 11 + 2/3 (11 - 11) = 11, 11 + 2/3 (13 - 11) = 37/3, 37/3 + 2/3 (15 - 37/3) = 127/9,
    // 127/9 + 2/3 (14 - 127/9) = 379/27.
    const slow = [NaN_, 11, 11, 37 / 3, 127 / 9, 379 / 27];
    const line = close.map((c, i) => c - slow[i]); // bar 1: 1, bar 2: 0, bar 3: 2/3, ...
    // Signal: EMA(2) of the line from bar 1, seeded at bar 2 with (1 + 0) / 2.
    const signal = [NaN_, NaN_, 0.5, NaN_, NaN_, NaN_];
    for (let bar = 3; bar < 6; bar++)
      signal[bar] = signal[bar - 1] + (2 / 3) * (line[bar] - signal[bar - 1]);
    const perBar = featuresPerBar(series, [{ kind: 'macd', fast: 1, slow: 2, signal: 2 }]);
    const at = (name: string) => Array.from(perBar[name]);
    const relative = (values: number[]) => values.map((v, i) => (i < 2 ? NaN_ : v / close[i]));
    expectClose(at('macd_1_2_2'), relative(line));
    expectClose(at('macd_signal_1_2_2'), relative(signal));
    expectClose(at('macd_hist_1_2_2'), relative(line.map((v, i) => v - signal[i])));
  });
});

describe('range indicators by hand', () => {
  const high = [11, 12, 13, 12, 14];
  const low = [9, 10, 11, 10, 11];
  const close = [10, 11, 12, 11, 13];
  const volume = [100, 200, 300, 400, 500];
  const series = ohlcvSeries({ open: close, high, low, close, volume });

  it('Bollinger %B and width, period 3, 2 standard deviations (population)', () => {
    // Bar 2: closes 10, 11, 12: mean 11, variance (1 + 0 + 1) / 3 = 2/3.
    const sd = Math.sqrt(2 / 3);
    const upper = 11 + 2 * sd;
    const lower = 11 - 2 * sd;
    const perBar = featuresPerBar(series, [{ kind: 'bbands', period: 3, stdDev: 2 }]);
    expect(perBar.bb_pctb_3_2[2]).toBeCloseTo((12 - lower) / (upper - lower), 12);
    expect(perBar.bb_width_3_2[2]).toBeCloseTo((upper - lower) / 11, 12);
    // Bar 3: closes 11, 12, 11: mean 34/3, deviations -1/3, 2/3, -1/3, variance (6/9) / 3.
    const sd3 = Math.sqrt(6 / 27);
    expect(perBar.bb_pctb_3_2[3]).toBeCloseTo((11 - (34 / 3 - 2 * sd3)) / (4 * sd3), 12);
  });

  it('ATR relative to close, period 2 (Wilder)', () => {
    // True range from bar 1: max(high - low, |high - prev close|, |low - prev close|):
    // bar 1: max(2, 2, 0) = 2; bar 2: max(2, 2, 0) = 2; bar 3: max(2, 0, 2) = 2;
    // bar 4: max(3, 3, 0) = 3. ATR at bar 2 = (2 + 2) / 2 = 2; bar 3 = (2 + 2) / 2 = 2;
    // bar 4 = (2 * 1 + 3) / 2 = 2.5.
    expectClose(column(series, { kind: 'atr', period: 2 }, 'atr_2'), [
      NaN_,
      NaN_,
      2 / 12,
      2 / 11,
      2.5 / 13,
    ]);
  });

  it('Stochastic %K and %D (3 bars, signal 2) and Williams %R, scaled to [0, 1]', () => {
    // %K = (close - lowest low) / (highest high - lowest low) over 3 bars:
    // bar 2: (12 - 9) / (13 - 9) = 0.75; bar 3: (11 - 10) / (13 - 10) = 1/3;
    // bar 4: (13 - 10) / (14 - 10) = 0.75.
    const k = [NaN_, NaN_, 0.75, 1 / 3, 0.75];
    const perBar = featuresPerBar(series, [{ kind: 'stochastic', period: 3, signal: 2 }]);
    // Both columns start with %D, at bar 3.
    expectClose(Array.from(perBar.stoch_k_3_2), [NaN_, NaN_, NaN_, 1 / 3, 0.75]);
    expectClose(Array.from(perBar.stoch_d_3_2), [
      NaN_,
      NaN_,
      NaN_,
      (0.75 + 1 / 3) / 2,
      (1 / 3 + 0.75) / 2,
    ]);
    // Williams %R = -100 (highest - close) / (highest - lowest); the feature 1 + %R / 100 is %K.
    expectClose(column(series, { kind: 'williamsR', period: 3 }, 'willr_3'), k);
  });

  it('CCI / 100, period 3', () => {
    // Typical prices (h + l + c) / 3: 10, 11, 12, 11, 38/3. Bar 2: mean 11, mean absolute
    // deviation 2/3, CCI = (12 - 11) / (0.015 * 2/3) = 100.
    // Bar 3: mean 34/3, deviations 1/3, 2/3, 1/3 -> 4/9; CCI = (11 - 34/3) / (0.015 * 4/9) = -50.
    const cci = column(series, { kind: 'cci', period: 3 }, 'cci_3');
    expectClose(cci.slice(0, 4), [NaN_, NaN_, 1, -0.5]);
  });

  it('MFI, period 2: positive share of money flow', () => {
    // Typical prices 10, 11, 12, 11, 38/3; flows tp * volume: bar 1 +2200, bar 2 +3600,
    // bar 3 -4400, bar 4 +(38/3) * 500. MFI at bar 2: 100%; bar 3: 3600 / 8000;
    // bar 4: (19000/3) / (19000/3 + 4400).
    expectClose(column(series, { kind: 'mfi', period: 2 }, 'mfi_2'), [
      NaN_,
      NaN_,
      1,
      3600 / 8000,
      19000 / 3 / (19000 / 3 + 4400),
    ]);
  });

  it('OBV change: signed volume over the window / volume traded, period 2', () => {
    // Closes 10, 11, 12, 11, 13: bar 1 +200, bar 2 +300, bar 3 -400, bar 4 +500.
    expectClose(column(series, { kind: 'obvChange', period: 2 }, 'obv_change_2'), [
      NaN_,
      NaN_,
      (200 + 300) / 500,
      (300 - 400) / 700,
      (-400 + 500) / 900,
    ]);
  });

  it('volume ratio: volume / mean volume of the last 2 bars', () => {
    expectClose(column(series, { kind: 'volumeRatio', period: 2 }, 'volume_ratio_2'), [
      NaN_,
      200 / 150,
      300 / 250,
      400 / 350,
      500 / 450,
    ]);
  });
});

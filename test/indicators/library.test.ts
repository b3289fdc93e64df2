/**
 * Alignment of every indicator taken from technicalindicators: the value placed on bar t must
 * be the last value the library returns for bars [0..t] alone.
 */
import {
  ATR,
  AverageGain,
  AverageLoss,
  getConfig,
  OBV,
  ROC,
  RSI,
  setConfig,
  WilliamsR,
} from 'technicalindicators';
import { afterEach, describe, expect, it } from 'vitest';
import { buildFeatures } from '../../src/features/matrix.js';
import {
  atr,
  averageGainLoss,
  obv,
  placeTail,
  roc,
  rsi,
  williamsR,
} from '../../src/indicators/library.js';
import { EVERY_KIND, randomSeries } from '../features/helpers.js';

const series = randomSeries(90, 11);
const { high, low, close, volume } = series;
const bars = close.length;

type Prefix = (end: number) => number[];
const upTo = (values: Float64Array, end: number) => Array.from(values.subarray(0, end));

/** Checks aligned[t] against the library on bars [0..t], for every t; returns the first defined bar. */
function expectAligned(aligned: Float64Array, library: Prefix): number {
  let first = -1;
  for (let t = 0; t < bars; t++) {
    const output = library(t + 1);
    if (output.length === 0) {
      expect([t, aligned[t]]).toEqual([t, Number.NaN]);
      continue;
    }
    if (first < 0) first = t;
    expect(Object.is(aligned[t], output[output.length - 1]), `bar ${t}`).toBe(true);
  }
  return first;
}

describe('library indicators are aligned to their bars', () => {
  it('Wilder average gain and loss (RSI parts) start at bar period', () => {
    const { gain, loss } = averageGainLoss(close, 14);
    const prefix = (f: typeof AverageGain.calculate) => (end: number) =>
      f({ period: 14, values: upTo(close, end), format: (v) => v });
    expect(expectAligned(gain, prefix(AverageGain.calculate))).toBe(14);
    expect(expectAligned(loss, prefix(AverageLoss.calculate))).toBe(14);
  });

  it('ATR starts at bar period (true range needs the previous close)', () => {
    const range = atr(high, low, close, 5);
    const first = expectAligned(range, (end) =>
      ATR.calculate({
        period: 5,
        high: upTo(high, end),
        low: upTo(low, end),
        close: upTo(close, end),
        format: (v) => v,
      }),
    );
    expect(first).toBe(5);
  });

  it('Williams %R starts at bar period - 1', () => {
    const r = williamsR(high, low, close, 7);
    const first = expectAligned(r, (end) =>
      WilliamsR.calculate({
        period: 7,
        high: upTo(high, end),
        low: upTo(low, end),
        close: upTo(close, end),
        format: (v) => v,
      }),
    );
    expect(first).toBe(6);
  });

  it('ROC starts at bar period', () => {
    const change = roc(close, 4);
    expect(
      expectAligned(change, (end) =>
        ROC.calculate({ period: 4, values: upTo(close, end), format: (v) => v }),
      ),
    ).toBe(4);
  });

  it('OBV starts at bar 1; bar 0 is the zero it counts from', () => {
    const balance = obv(close, volume);
    const rest = balance.slice();
    rest[0] = Number.NaN;
    expect(
      expectAligned(rest, (end) =>
        OBV.calculate({ close: upTo(close, end), volume: upTo(volume, end) }),
      ),
    ).toBe(1);
    expect(balance[0]).toBe(0);
  });

  it('refuses library output of an unexpected length instead of shifting it', () => {
    expect(() => placeTail([1, 2, 3], 10, 6, 'SMA')).toThrow(
      'technicalindicators SMA returned 3 values for 10 bars; expected 4',
    );
    expect(Array.from(placeTail([1, 2], 4, 2, 'X'))).toEqual([Number.NaN, Number.NaN, 1, 2]);
    expect(Array.from(placeTail([], 1, 2, 'X'))).toEqual([Number.NaN]);
  });
});

describe('rsi', () => {
  it("is Wilder's RSI, unrounded: a hand-computed RSI(3)", () => {
    // Changes -1 -1 -1 +1 +1 +1 +1 -3 -1. Bar 3: plain means, gain 0 and loss 1 -> 0. Then
    // avg = (previous * 2 + today) / 3: gain 1/3, 5/9, 19/27, 65/81, 130/243, 260/729 and loss
    // 2/3, 4/9, 8/27, 16/81, 275/243, 793/729; RSI = 100 * gain / (gain + loss).
    const prices = Float64Array.of(10, 9, 8, 7, 8, 9, 10, 11, 8, 7);
    const expected = [0, 100 / 3, 500 / 9, 1900 / 27, 6500 / 81, 13000 / 405, 26000 / 1053];
    const ours = Array.from(rsi(prices, 3));
    expect(ours.slice(0, 3)).toEqual([Number.NaN, Number.NaN, Number.NaN]);
    ours.slice(3).forEach((value, k) => {
      expect(value).toBeCloseTo(expected[k], 12);
    });
  });

  it('is 50 where nothing moved', () => {
    expect(Array.from(rsi(new Float64Array(8).fill(5), 3).subarray(3))).toEqual(Array(5).fill(50));
  });
});

describe('precision', () => {
  const saved = getConfig('precision');
  afterEach(() => setConfig('precision', saved));

  it("the library's RSI is rounded to 2 decimals; the feature is not, and rounds to it", () => {
    const library = RSI.calculate({ period: 14, values: Array.from(close) });
    const { gain, loss } = averageGainLoss(close, 14);
    let unrounded = 0;
    library.forEach((rsi, k) => {
      const bar = 14 + k;
      const ours = (100 * gain[bar]) / (gain[bar] + loss[bar]);
      expect(Math.round(rsi * 100)).toBeCloseTo(rsi * 100, 9);
      expect(Math.abs(ours - rsi)).toBeLessThanOrEqual(0.005 + 1e-9);
      if (Math.abs(ours * 100 - Math.round(ours * 100)) > 1e-6) unrounded++;
    });
    expect(unrounded).toBeGreaterThan(library.length / 2);
  });

  it("a global setConfig('precision') changes the library's numbers but not the features", () => {
    const before = buildFeatures(series, EVERY_KIND);
    setConfig('precision', 3);
    // Unguarded, the library now rounds to 3 significant digits.
    const rounded = ATR.calculate({
      period: 5,
      high: Array.from(high),
      low: Array.from(low),
      close: Array.from(close),
    });
    expect(rounded.every((v) => Number(v.toPrecision(3)) === v)).toBe(true);
    const after = buildFeatures(series, EVERY_KIND);
    expect(after.values).toEqual(before.values);
    expect(getConfig('precision')).toBe(3);
  });
});

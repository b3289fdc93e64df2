/**
 * The indicators computed directly (for speed or to avoid library defects) against
 * technicalindicators: on ordinary data the value on bar t must be bit-identical to the last
 * value the library returns for bars [0..t]. Where they differ by design (flat windows, MFI's
 * rounding), the test shows the library's behaviour and ours.
 */
import { ADX, BollingerBands, CCI, EMA, MACD, MFI, SMA, Stochastic } from 'technicalindicators';
import { describe, expect, it } from 'vitest';
import { featuresPerBar } from '../../src/features/matrix.js';
import {
  adx,
  bollinger,
  cci,
  ema,
  macd,
  mfi,
  rollingMax,
  rollingMin,
  sma,
  stochastic,
} from '../../src/indicators/direct.js';
import { randomSeries } from '../features/helpers.js';

const series = randomSeries(120, 5);
const { high, low, close, volume } = series;
const bars = close.length;
const exact = (v: number) => v;
const upTo = (values: Float64Array, end: number) => Array.from(values.subarray(0, end));

/**
 * For every bar t: if the library has no output for bars [0..t], ours must be NaN; otherwise
 * ours must equal the library's last output bit for bit. Returns the first defined bar.
 */
function expectMatchesPrefix(ours: Float64Array, library: (end: number) => number[]): number {
  let first = -1;
  for (let t = 0; t < bars; t++) {
    const output = library(t + 1);
    if (output.length === 0) {
      expect([t, ours[t]]).toEqual([t, Number.NaN]);
      continue;
    }
    if (first < 0) first = t;
    const theirs = output[output.length - 1];
    expect(Object.is(ours[t], theirs), `bar ${t}: ours ${ours[t]}, library ${theirs}`).toBe(true);
  }
  return first;
}

const hlc = (end: number) => ({
  high: upTo(high, end),
  low: upTo(low, end),
  close: upTo(close, end),
  format: exact,
});

describe('direct indicators equal the library on ordinary data', () => {
  it.each([1, 2, 7, 50])('SMA, period %i', (period) => {
    const first = expectMatchesPrefix(sma(close, period), (end) =>
      SMA.calculate({ period, values: upTo(close, end), format: exact }),
    );
    expect(first).toBe(period - 1);
  });

  it.each([1, 3, 12, 26])('EMA, period %i', (period) => {
    const first = expectMatchesPrefix(ema(close, period), (end) =>
      EMA.calculate({ period, values: upTo(close, end), format: exact }),
    );
    expect(first).toBe(period - 1);
  });

  it('MACD 12/26/9 (EMA based): line, signal and histogram', () => {
    const ours = macd(close, 12, 26, 9);
    const library = (end: number) =>
      MACD.calculate({
        values: upTo(close, end),
        fastPeriod: 12,
        slowPeriod: 26,
        signalPeriod: 9,
        SimpleMAOscillator: false,
        SimpleMASignal: false,
        format: exact,
      });
    expect(expectMatchesPrefix(ours.line, (end) => library(end).map((o) => o.MACD!))).toBe(25);
    const defined = (end: number, key: 'signal' | 'histogram') =>
      library(end)
        .map((o) => o[key])
        .filter((v): v is number => v !== undefined);
    expect(expectMatchesPrefix(ours.signal, (end) => defined(end, 'signal'))).toBe(33);
    expect(expectMatchesPrefix(ours.histogram, (end) => defined(end, 'histogram'))).toBe(33);
  });

  it('Bollinger Bands 20 / 2: middle, upper, lower and %B', () => {
    const ours = bollinger(close, 20, 2);
    const library = (end: number) =>
      BollingerBands.calculate({ period: 20, stdDev: 2, values: upTo(close, end), format: exact });
    for (const key of ['middle', 'upper', 'lower'] as const) {
      expect(expectMatchesPrefix(ours[key], (end) => library(end).map((o) => o[key]))).toBe(19);
    }
    expect(expectMatchesPrefix(ours.pctB, (end) => library(end).map((o) => o.pb))).toBe(19);
  });

  it('Stochastic 14 / 3: %K and %D', () => {
    const ours = stochastic(high, low, close, 14, 3);
    const library = (end: number) =>
      Stochastic.calculate({ ...hlc(end), period: 14, signalPeriod: 3 });
    expect(expectMatchesPrefix(ours.k, (end) => library(end).map((o) => o.k))).toBe(13);
    const d = (end: number) =>
      library(end)
        .map((o) => o.d)
        .filter((v): v is number => v !== undefined);
    expect(expectMatchesPrefix(ours.d, d)).toBe(15);
  });

  it('rolling max / min equal a plain scan', () => {
    const max = rollingMax(high, 9);
    const min = rollingMin(low, 9);
    for (let t = 8; t < bars; t++) {
      expect(max[t]).toBe(Math.max(...high.subarray(t - 8, t + 1)));
      expect(min[t]).toBe(Math.min(...low.subarray(t - 8, t + 1)));
    }
  });

  it('CCI 20', () => {
    const first = expectMatchesPrefix(cci(high, low, close, 20), (end) =>
      CCI.calculate({ ...hlc(end), period: 20 }),
    );
    expect(first).toBe(19);
  });

  it('ADX 14 with +DI and -DI', () => {
    const ours = adx(high, low, close, 14);
    const library = (end: number) => ADX.calculate({ ...hlc(end), period: 14 });
    expect(expectMatchesPrefix(ours.adx, (end) => library(end).map((o) => o.adx))).toBe(27);
    // The library reports DI only from the first ADX on; compare them there.
    const full = library(bars);
    full.forEach((o, k) => {
      expect(Object.is(ours.plusDI[27 + k], o.pdi)).toBe(true);
      expect(Object.is(ours.minusDI[27 + k], o.mdi)).toBe(true);
    });
  });

  it('MFI 14 agrees with the library to its 2 decimals; the library starts a bar later', () => {
    const ours = mfi(high, low, close, volume, 14);
    const library = MFI.calculate({
      high: Array.from(high),
      low: Array.from(low),
      close: Array.from(close),
      volume: Array.from(volume),
      period: 14,
    });
    // The library ignores bar 0, so its first value (window of flows at bars 2..15) is on bar 15.
    expect(library).toHaveLength(bars - 15);
    expect(Number.isFinite(ours[14])).toBe(true);
    expect(ours[13]).toBeNaN();
    library.forEach((value, k) => {
      expect(Math.abs(ours[15 + k] - value)).toBeLessThanOrEqual(0.005 + 1e-9);
    });
  });
});

describe('where the library is unusable', () => {
  // 40 bars where nothing trades at one price, then ordinary bars.
  const flat = randomSeries(120, 9, { flat: [0, 40] });

  it("ADX: the library's goes NaN for good after a flat start; ours stays defined", () => {
    const library = ADX.calculate({
      high: Array.from(flat.high),
      low: Array.from(flat.low),
      close: Array.from(flat.close),
      period: 14,
      format: exact,
    });
    expect(library.length).toBeGreaterThan(50);
    expect(library.every((o) => Number.isNaN(o.adx))).toBe(true);
    const ours = adx(flat.high, flat.low, flat.close, 14);
    // Flat bars have no range and no movement: DI and DX are 0, so ADX is 0 until bar 40.
    for (let t = 27; t < 40; t++) expect(ours.adx[t]).toBe(0);
    for (let t = 40; t < 120; t++) {
      expect(ours.adx[t]).toBeGreaterThanOrEqual(0);
      expect(ours.adx[t]).toBeLessThanOrEqual(100);
    }
    expect(ours.adx[119]).toBeGreaterThan(0);
  });

  it('flat windows give neutral oscillators instead of 0 or NaN', () => {
    const library = Stochastic.calculate({
      high: Array.from(flat.high),
      low: Array.from(flat.low),
      close: Array.from(flat.close),
      period: 14,
      signalPeriod: 3,
      format: exact,
    });
    expect(library[0].k).toBe(0);
    const perBar = featuresPerBar(flat, [
      { kind: 'stochastic', period: 14, signal: 3 },
      { kind: 'williamsR', period: 14 },
      { kind: 'bbands', period: 20, stdDev: 2 },
      { kind: 'cci', period: 20 },
      { kind: 'rsi', period: 14 },
      { kind: 'adx', period: 14 },
    ]);
    const at = (name: string, bar: number) => perBar[name][bar];
    for (const bar of [30, 39]) {
      expect(at('stoch_k_14_3', bar)).toBe(0.5);
      expect(at('stoch_d_14_3', bar)).toBe(0.5);
      expect(at('willr_14', bar)).toBe(0.5);
      expect(at('bb_pctb_20_2', bar)).toBe(0.5);
      expect(at('bb_width_20_2', bar)).toBe(0);
      expect(at('cci_20', bar)).toBe(0);
      expect(at('rsi_14', bar)).toBe(0.5);
      expect(at('adx_14', bar)).toBe(0);
      expect(at('adx_di_14', bar)).toBe(0);
    }
  });

  it('MFI is 0.5 where no volume traded', () => {
    const quiet = randomSeries(30, 3);
    quiet.volume.fill(0);
    const flow = mfi(quiet.high, quiet.low, quiet.close, quiet.volume, 5);
    expect(Array.from(flow.subarray(5))).toEqual(Array(25).fill(50));
  });
});

describe('ema on an input that is still warming up', () => {
  it('seeds with the mean of the first period values, then smooths by 2 / (period + 1)', () => {
    // period 3, alpha 0.5, the NaN skipped: seed (1 + 2 + 3) / 3 = 2 at index 3, then 2 + 0.5 * (4 - 2) = 3, ...
    const values = Float64Array.of(Number.NaN, 1, 2, 3, 4, 0);
    expect(Array.from(ema(values, 3))).toEqual([Number.NaN, Number.NaN, Number.NaN, 2, 3, 1.5]);
  });
});

import { describe, expect, it } from 'vitest';
import { type DisplayColumns, displaySeries } from '../../src/report/downsample.js';

const MINUTE = 60_000;

/** A wavy column with one spike up at `up` and one down at `down`. */
function wave(n: number, phase: number, up: number, down: number): Float64Array {
  const out = Float64Array.from({ length: n }, (_, i) => 100 + Math.sin(i / 50 + phase));
  out[up] = 500;
  out[down] = -500;
  return out;
}

function columns(n: number): DisplayColumns {
  const close = wave(n, 0, 1234, 4321).map((v) => Math.abs(v));
  return {
    time: Float64Array.from({ length: n }, (_, i) => Date.UTC(2021, 0, 4) + i * MINUTE),
    open: close.map((c) => c),
    high: close.map((c) => c + 1),
    low: close.map((c) => c - 1),
    close,
    equity: wave(n, 1, 777, 888),
    baselineEquity: wave(n, 2, n - 1, 0),
    drawdown: wave(n, 3, 10, 20),
    baselineDrawdown: wave(n, 4, 30, 40),
    position: wave(n, 5, 50, 60),
    target: Float64Array.from({ length: n }, (_, i) => (i < 100 ? Number.NaN : i % 3)),
  };
}

describe('displaySeries', () => {
  it('keeps every bar up to the limit', () => {
    const c = columns(1000);
    const s = displaySeries(c, 1000);
    expect(s.downsampled).toBeUndefined();
    expect(s.time).toHaveLength(1000);
    expect(s.equity[777]).toBe(500);
    expect(s.target[0]).toBeNull();
  });

  it('beyond the limit: a bounded number of points that keeps every extreme, in time order', () => {
    const n = 20_000;
    const c = columns(n);
    const s = displaySeries(c, 400);
    expect(s.downsampled).toEqual({ bars: n, runs: 200 });
    for (const key of ['time', 'open', 'high', 'low', 'close', 'equity', 'target'] as const) {
      expect(s[key]).toHaveLength(400);
    }
    for (let i = 1; i < s.time.length; i++) expect(s.time[i]).toBeGreaterThan(s.time[i - 1]);
    for (const key of [
      'equity',
      'baselineEquity',
      'drawdown',
      'baselineDrawdown',
      'position',
    ] as const) {
      expect(Math.max(...s[key])).toBe(500);
      expect(Math.min(...s[key])).toBe(-500);
    }
    // Run 0 holds bars 0..99 of the baseline: its spike down (bar 0) comes before its highest bar.
    expect(s.baselineEquity[0]).toBe(-500);
    expect(s.baselineEquity.at(-1)).toBe(500);
    // The price spikes survive as candle wicks and every candle holds its open and close.
    expect(Math.max(...s.high)).toBe(501);
    expect(Math.min(...s.low)).toBe(Math.min(...Array.from(c.low)));
    for (let i = 0; i < s.time.length; i++) {
      expect(s.high[i]).toBeGreaterThanOrEqual(Math.max(s.open[i], s.close[i]));
      expect(s.low[i]).toBeLessThanOrEqual(Math.min(s.open[i], s.close[i]));
    }
    // Bars 0..99 decided nothing: both points of run 0 are gaps; later runs span targets 0..2.
    expect(s.target.slice(0, 2)).toEqual([null, null]);
    expect([s.target[2], s.target[3]].sort()).toEqual([0, 2]);
  });

  it('refuses a non-finite value in a column the charts need', () => {
    const c = columns(3000);
    c.equity[2500] = Number.NaN;
    expect(() => displaySeries(c, 1000)).toThrow(/equity holds NaN at backtest bar 2500/);
  });
});

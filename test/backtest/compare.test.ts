import { describe, expect, it } from 'vitest';
import { bootstrapSharpeDifference, bootstrapStream } from '../../src/backtest/bootstrap.js';
import { compare } from '../../src/backtest/compare.js';
import { runBacktest } from '../../src/backtest/engine.js';
import { InputError } from '../../src/errors.js';
import { PythonRandom } from '../../src/random/python-random.js';
import { dailySeries, resultFromReturns, targets, weekdayTimes } from './helpers.js';

/** Standard normal draws (Box-Muller) from a seeded PythonRandom. */
function normals(seed: number, n: number, mean = 0, sd = 1): Float64Array {
  const random = new PythonRandom(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = 1 - random.random();
    const v = random.random();
    out[i] = mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
  return out;
}

/** Per-bar returns with returns[0] = 0, as a backtest reports them. */
function withFirstBar(values: Float64Array): Float64Array {
  const out = new Float64Array(values.length + 1);
  out.set(values, 1);
  return out;
}

function sampleStd(x: ArrayLike<number>): number {
  const values = Array.from(x);
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
}

const N = 1000;
const time = Float64Array.from(weekdayTimes(N + 1));

describe('beta, alpha, tracking error, information ratio', () => {
  const baseline = withFirstBar(normals(1, N, 0.0004, 0.01));
  const b = baseline.subarray(1);
  const mean = b.reduce((s, v) => s + v, 0) / N;

  it('a strategy with twice the baseline returns: beta 2, alpha 0, tracking error = baseline vol', () => {
    const doubled = baseline.map((r) => 2 * r);
    const result = compare(resultFromReturns(doubled, time), resultFromReturns(baseline, time));
    // s - b = b, so tracking error = std(b) x sqrt(252) and IR = mean(b) / std(b) x sqrt(252).
    expect(result.beta).toBeCloseTo(2, 12);
    expect(result.alpha).toBeCloseTo(0, 12);
    expect(result.trackingError).toBeCloseTo(sampleStd(b) * Math.sqrt(252), 12);
    expect(result.informationRatio).toBeCloseTo((mean / sampleStd(b)) * Math.sqrt(252), 10);
  });

  it('the baseline plus 0.1% a bar: beta 1, alpha 0.252 a year, no tracking error', () => {
    const shifted = baseline.map((r, i) => (i === 0 ? 0 : r + 0.001));
    const result = compare(resultFromReturns(shifted, time), resultFromReturns(baseline, time));
    expect(result.beta).toBeCloseTo(1, 12);
    expect(result.alpha).toBeCloseTo(0.001 * 252, 12);
    expect(result.trackingError).toBeCloseTo(0, 12);
    expect(result.informationRatio).toBeNull();
    expect(result.excessReturn).toBeGreaterThan(0);
  });
});

describe('bootstrap p-value for "strategy Sharpe > baseline Sharpe"', () => {
  it('is exactly 1 for a strategy identical to its baseline, and finds no edge', () => {
    // Every resampled difference is 0 and 0 - 0 >= 0, so p = (2000 + 1) / (2000 + 1).
    const baseline = resultFromReturns(withFirstBar(normals(2, N, 0.0003, 0.01)), time);
    const result = compare(baseline, baseline);
    expect(result.pValue).toBe(1);
    expect(result.edge).toBe(false);
    // No sampling error at all: the interval is [0, 0] and rules out any lead.
    expect(result.sharpeDiff).toBe(0);
    expect(result.sharpeDiffCI).toEqual([0, 0]);
    expect(result.verdictKind).toBe('no-edge');
    expect(result.verdict).toMatch(
      /^No edge: the strategy's Sharpe ratio is \+0\.00 a year .*p = 1\)/,
    );
  });

  it('is near 0 for a planted edge, and the verdict says the edge survives', () => {
    // +0.2% a bar on 1% volatility is a per-bar Sharpe gain of about 0.2: about 6 standard errors.
    const base = normals(3, N, 0.0003, 0.01);
    const noise = normals(4, N, 0, 0.003);
    const strategy = base.map((r, i) => r + 0.002 + noise[i]);
    const result = compare(
      resultFromReturns(withFirstBar(strategy), time),
      resultFromReturns(withFirstBar(base), time),
    );
    expect(result.pValue).toBeLessThan(0.002);
    expect(result.edge).toBe(true);
    expect(result.verdictKind).toBe('edge');
    expect(result.verdict).toMatch(
      /^Edge: the strategy's Sharpe ratio is \+\d+\.\d\d a year against the baseline's \(90% interval \+\d+\.\d\d to \+\d+\.\d\d; p = 0\.000\d+\)\./,
    );
    expect(result.sharpeDiffCI![0]).toBeGreaterThan(0);
    // The other way round there is no edge.
    const reversed = compare(
      resultFromReturns(withFirstBar(base), time),
      resultFromReturns(withFirstBar(strategy), time),
    );
    expect(reversed.pValue).toBeGreaterThan(0.99);
    expect(reversed.edge).toBe(false);
  });

  it('equals a direct index-by-index stationary bootstrap drawing the same blocks', () => {
    const a = normals(5, 300, 0.0005, 0.01);
    const b = normals(6, 300, 0.0002, 0.012);
    const blockLength = 7;
    const resamples = 200;
    const sharpe = (x: number[]) => {
      const m = x.reduce((s, v) => s + v, 0) / x.length;
      const sd = sampleStd(x);
      return sd > 1e-12 ? m / sd : 0;
    };
    const observed = sharpe(Array.from(a)) - sharpe(Array.from(b));
    const next = bootstrapStream(9);
    let extreme = 0;
    for (let k = 0; k < resamples; k++) {
      const ra: number[] = [];
      const rb: number[] = [];
      while (ra.length < a.length) {
        const start = Math.floor((next() / 2 ** 32) * a.length);
        const u = (next() + 0.5) / 2 ** 32;
        const length = 1 + Math.floor(Math.log(u) / Math.log(1 - 1 / blockLength));
        for (let j = 0; j < length && ra.length < a.length; j++) {
          ra.push(a[(start + j) % a.length]);
          rb.push(b[(start + j) % a.length]);
        }
      }
      if (sharpe(ra) - sharpe(rb) - observed >= observed) extreme++;
    }
    const test = bootstrapSharpeDifference(a, b, { resamples, blockLength, seed: 9, riskFree: 0 });
    expect(test.difference).toBeCloseTo(observed, 12);
    expect(test.pValue).toBe((extreme + 1) / (resamples + 1));
  });

  it('is deterministic for a seed; Politis-White picks the block length, n^(1/3) below 100 returns', () => {
    const s = resultFromReturns(withFirstBar(normals(7, N, 0.0004, 0.01)), time);
    const b = resultFromReturns(withFirstBar(normals(8, N, 0.0003, 0.01)), time);
    const first = compare(s, b, { seed: 42, resamples: 500 });
    expect(compare(s, b, { seed: 42, resamples: 500 })).toEqual(first);
    expect(first.blockLengthMethod).toBe('politis-white');
    expect(first.resamples).toBe(500);
    expect(first.bootstrapSeed).toBe(42);
    expect(compare(s, b).bootstrapSeed).toBe(0);
    // 90 returns: cube root 4.48 -> 4.
    const short = Float64Array.from(weekdayTimes(91));
    const shortResult = compare(
      resultFromReturns(withFirstBar(normals(7, 90, 0.0004, 0.01)), short),
      resultFromReturns(withFirstBar(normals(8, 90, 0.0003, 0.01)), short),
    );
    expect(shortResult.blockLengthMethod).toBe('cube-root');
    expect(shortResult.blockLength).toBe(4);
    expect(compare(s, b, { blockLength: 3 })).toMatchObject({
      blockLength: 3,
      blockLengthMethod: 'user',
    });
  });

  it('adjusts p for the trials (Bonferroni) and decides on the adjusted p', () => {
    // A planted edge of moderate size: raw p between 0.005 and 0.05.
    const base = normals(21, N, 0.0003, 0.01);
    const noise = normals(22, N, 0, 0.003);
    const strategy = base.map((r, i) => r + 0.0001 + noise[i]);
    const s = resultFromReturns(withFirstBar(strategy), time);
    const b = resultFromReturns(withFirstBar(base), time);
    const one = compare(s, b);
    expect(one.pValue!).toBeLessThan(0.05);
    expect(one.pValue!).toBeGreaterThan(0.005);
    expect(one.verdictKind).toBe('edge');
    const ten = compare(s, b, { trials: 10 });
    expect(ten.pValue).toBe(one.pValue);
    expect(ten.pValueAdjusted).toBeCloseTo(Math.min(1, 10 * one.pValue!), 15);
    expect(ten.verdictKind).not.toBe('edge');
    expect(ten.verdict).toContain('after adjusting for 10 trials');
    // A stricter level needs a larger difference to be detectable.
    expect(ten.minDetectableDiff!).toBeGreaterThan(one.minDetectableDiff!);
  });
});

describe('compare on real backtests and bad input', () => {
  const close = Array.from({ length: 120 }, (_, i) => 100 * 1.001 ** i * (1 + 0.02 * Math.sin(i)));
  const series = dailySeries(close);
  const hold = runBacktest(series, targets(close.map(() => 1)));

  it('puts both stats side by side and says plainly when there is no edge', () => {
    const flat = runBacktest(series, targets(close.map(() => Number.NaN)));
    const result = compare(flat, hold);
    expect(result.strategy).toBe(flat.stats);
    expect(result.baseline).toBe(hold.stats);
    expect(result.excessReturn).toBeCloseTo(flat.stats.totalReturn - hold.stats.totalReturn, 14);
    expect(result.edge).toBe(false);
    expect(result.verdictKind).not.toBe('edge');
    expect(result.verdict).toMatch(/^(No edge|Inconclusive): the strategy's Sharpe ratio is −\d/);
  });

  it('reports too little data instead of a p-value', () => {
    const short = dailySeries([100, 101, 102, 101, 103]);
    const a = runBacktest(short, targets([1, 1, 1, 1, 1]));
    const result = compare(a, a);
    expect(result.pValue).toBeNull();
    expect(result.edge).toBe(false);
    expect(result.verdictKind).toBe('inconclusive');
    expect(result.sharpeDiff).toBeNull();
    expect(result.sharpeDiffCI).toBeNull();
    expect(result.minDetectableDiff).toBeNull();
    expect(result.verdict).toBe(
      'Inconclusive: too little data to test for an edge (4 per-bar returns, at least 20 needed).',
    );
  });

  it('rejects results over different bars and bad options', () => {
    const shorter = runBacktest(
      dailySeries(close.slice(0, 100)),
      targets(close.slice(0, 100).map(() => 1)),
    );
    expect(() => compare(shorter, hold)).toThrow(InputError);
    expect(() => compare(shorter, hold)).toThrow(/100 bars and the baseline 120/);
    expect(() => compare(hold, hold, { resamples: 0 })).toThrow(/resamples must be/);
    expect(() => compare(hold, hold, { alpha: 1.5 })).toThrow(/alpha must be/);
    expect(() => compare(hold, hold, { blockLength: 0.5 })).toThrow(/blockLength must be/);
    expect(() => compare(hold, hold, { confidence: 1 })).toThrow(
      /confidence must be a number above 0 and below 1, got 1/,
    );
    expect(() => compare(hold, hold, { trials: 2.5 })).toThrow(/trials must be a whole number/);
  });

  it('is invalid whatever the numbers when lookahead was found', () => {
    const result = compare(hold, hold, { lookaheadFound: true });
    expect(result.verdictKind).toBe('invalid');
    expect(result.edge).toBe(false);
    expect(result.verdict).toMatch(/^Invalid: .*lookahead/);
  });
});

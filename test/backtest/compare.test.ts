import { describe, expect, it } from 'vitest';
import { bootstrapSharpeDifference } from '../../src/backtest/bootstrap.js';
import { compare } from '../../src/backtest/compare.js';
import { runBacktest } from '../../src/backtest/engine.js';
import { InputError } from '../../src/errors.js';
import { PythonRandom } from '../../src/nn/python-random.js';
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
    expect(result.verdict).toMatch(/^No evidence of an edge: strategy Sharpe .* \(p = 1\)\.$/);
  });

  it('averages about 0.5 over strategies that are the baseline plus zero-mean noise', () => {
    // Zero drift, so both true Sharpe ratios are 0 and the null holds exactly. The p-value is then
    // roughly uniform: its mean over 20 independent cases is 0.5 give or take
    // 0.29 / sqrt(20) = 0.065, and the band is about 2.3 of those each side.
    const pValues: number[] = [];
    for (let seed = 10; seed < 30; seed++) {
      const base = normals(seed, N, 0, 0.01);
      const noise = normals(seed + 1000, N, 0, 0.003);
      const strategy = base.map((r, i) => r + noise[i]);
      const result = compare(
        resultFromReturns(withFirstBar(strategy), time),
        resultFromReturns(withFirstBar(base), time),
        { seed },
      );
      pValues.push(result.pValue!);
    }
    const meanP = pValues.reduce((s, p) => s + p, 0) / pValues.length;
    expect(meanP).toBeGreaterThan(0.35);
    expect(meanP).toBeLessThan(0.65);
    expect(pValues.filter((p) => p < 0.05).length).toBeLessThanOrEqual(3);
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
    expect(result.verdict).toMatch(
      /^The strategy's Sharpe beats the baseline's: \d+\.\d\d vs \d+\.\d\d \(p = 0\.000\d+ < 0\.05\)\.$/,
    );
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
    const random = new PythonRandom(9);
    let extreme = 0;
    for (let k = 0; k < resamples; k++) {
      const ra: number[] = [];
      const rb: number[] = [];
      while (ra.length < a.length) {
        const start = Math.floor((random.nextUint32() / 2 ** 32) * a.length);
        const u = (random.nextUint32() + 0.5) / 2 ** 32;
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

  it('is deterministic for a seed, and uses round(n^(1/3)) bars as the default block length', () => {
    const s = resultFromReturns(withFirstBar(normals(7, N, 0.0004, 0.01)), time);
    const b = resultFromReturns(withFirstBar(normals(8, N, 0.0003, 0.01)), time);
    const first = compare(s, b, { seed: 42, resamples: 500 });
    expect(compare(s, b, { seed: 42, resamples: 500 })).toEqual(first);
    // 1000 returns: cube root 10.
    expect(first.blockLength).toBe(10);
    expect(first.resamples).toBe(500);
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
    expect(result.verdict).toMatch(
      /^No evidence of an edge: strategy Sharpe n\/a vs baseline -?\d/,
    );
  });

  it('reports too little data instead of a p-value', () => {
    const short = dailySeries([100, 101, 102, 101, 103]);
    const a = runBacktest(short, targets([1, 1, 1, 1, 1]));
    const result = compare(a, a);
    expect(result.pValue).toBeNull();
    expect(result.edge).toBe(false);
    expect(result.verdict).toBe(
      'Too little data to test for an edge: 4 per-bar returns, at least 20 needed.',
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
  });
});

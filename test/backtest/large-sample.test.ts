import { describe, expect, it } from 'vitest';
import { chooseBlockLength } from '../../src/backtest/block-length.js';
import {
  bootstrapSharpeDifference,
  bootstrapStream,
  NORMAL_APPROXIMATION_RETURNS,
  normalSharpeDifference,
} from '../../src/backtest/bootstrap.js';
import { compare } from '../../src/backtest/compare.js';
import { PythonRandom } from '../../src/random/index.js';
import { resultFromReturns } from './helpers.js';

/** Phi^-1(0.975), to read the standard error back from the 97.5% quantile. */
const Z975 = 1.959963984540054;

/** An AR(1) series with Gaussian shocks: autocorrelated, so the block length matters. */
function ar1(seed: number, n: number, phi: number, mean: number): Float64Array {
  const random = new PythonRandom(seed);
  const out = new Float64Array(n);
  let previous = 0;
  for (let i = 0; i < n; i++) {
    const u = 1 - random.random();
    const shock = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.random());
    previous = phi * previous + 0.01 * shock;
    out[i] = mean + previous;
  }
  return out;
}

/**
 * The stationary bootstrap's variance of the Sharpe difference's linearisation, from first
 * principles: two resampled bars |j - j'| apart lie in one block with probability q^|j - j'|
 * (then their covariance is the circular autocovariance at that lag), else they are independent.
 */
function bruteForceVariance(a: Float64Array, b: Float64Array, blockLength: number): number {
  const n = a.length;
  const influence = (x: Float64Array) => {
    const mean = x.reduce((s, v) => s + v, 0) / n;
    const d = Array.from(x, (v) => v - mean);
    const meanSquare = d.reduce((s, v) => s + v * v, 0) / n;
    const variance = d.reduce((s, v) => s + v * v, 0) / (n - 1);
    const sd = Math.sqrt(variance);
    const sharpe = mean / sd;
    return d.map((v) => v / sd - (sharpe / (2 * variance)) * (v * v - meanSquare));
  };
  const za = influence(a);
  const zb = influence(b);
  const z = za.map((v, i) => v - zb[i]);
  const centre = z.reduce((s, v) => s + v, 0) / n;
  const c = z.map((v) => v - centre);
  const autocovariance = (k: number) => {
    let sum = 0;
    for (let t = 0; t < n; t++) sum += c[t] * c[(t + k) % n];
    return sum / n;
  };
  const q = 1 - 1 / blockLength;
  let total = 0;
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const lag = Math.abs(i - j);
      total += q ** lag * autocovariance(lag);
    }
  }
  return total / (n * n);
}

describe('normal approximation of the stationary bootstrap (large samples)', () => {
  it("has the bootstrap's exact variance of the linearised Sharpe difference", () => {
    const a = ar1(1, 240, 0.4, 0.002);
    const b = ar1(2, 240, -0.2, 0.001);
    for (const blockLength of [1, 3.5, 12]) {
      const test = normalSharpeDifference(a, b, { blockLength, riskFree: 0 });
      const se = test.deviationQuantile(0.975) / Z975;
      expect(se).toBeCloseTo(Math.sqrt(bruteForceVariance(a, b, blockLength)), 12);
      expect(test.deviationQuantile(0.5)).toBe(0);
      expect(test.deviations.length).toBe(0);
    }
  });

  it("agrees with the bootstrap's resamples on the p-value and the spread", () => {
    const a = ar1(3, 20_000, 0.3, 0.0004);
    const b = ar1(4, 20_000, 0.1, 0.0002);
    const { blockLength } = chooseBlockLength(a, b);
    const options = { blockLength, riskFree: 0, resamples: 3000, seed: 7 };
    const normal = normalSharpeDifference(a, b, options);
    const exact = bootstrapSharpeDifference(a, b, options);
    expect(normal.difference).toBe(exact.difference);
    // 3000 resamples: the bootstrap's own p has a Monte Carlo error of about 0.009 at p = 0.5.
    expect(Math.abs(normal.pValue - exact.pValue)).toBeLessThan(0.03);
    const exactSpread = exact.deviationQuantile(0.95) - exact.deviationQuantile(0.05);
    const normalSpread = normal.deviationQuantile(0.95) - normal.deviationQuantile(0.05);
    expect(normalSpread / exactSpread).toBeGreaterThan(0.92);
    expect(normalSpread / exactSpread).toBeLessThan(1.08);
  });

  it('is what compare uses from the threshold on, and only there', () => {
    const n = NORMAL_APPROXIMATION_RETURNS;
    const time = new Float64Array(n + 1);
    for (let i = 0; i <= n; i++) time[i] = Date.UTC(2020, 0, 1) + i * 60_000;
    const returns = (seed: number) => {
      const out = new Float64Array(n + 1);
      out.set(ar1(seed, n, 0.1, 0.00001), 1);
      return out;
    };
    const strategy = resultFromReturns(returns(5), time, 98_280);
    const baseline = resultFromReturns(returns(6), time, 98_280);
    const large = compare(strategy, baseline);
    expect(large.testMethod).toBe('normal-approximation');
    const fewer = (r: ReturnType<typeof resultFromReturns>) =>
      resultFromReturns(r.returns.slice(1), time.slice(1), 98_280);
    const below = compare(fewer(strategy), fewer(baseline), { resamples: 99 });
    expect(below.testMethod).toBe('stationary-bootstrap');
    expect(Math.abs((large.pValue as number) - (below.pValue as number))).toBeLessThan(0.1);
  });

  it('rejects a true null at about the nominal rate (200 fat-tailed pairs of 50k returns)', () => {
    // Laplace returns (excess kurtosis 3), two independent series with the same zero mean: the
    // Sharpe difference is 0 by construction. With 200 cases the binomial standard error is 1.5
    // points at 5% and 2.1 at 10%; the bands are about 2.5 of them.
    const n = NORMAL_APPROXIMATION_RETURNS;
    const next = bootstrapStream(11);
    const laplace = () => {
      const u = (next() + 0.5) / 4_294_967_296;
      return u < 0.5 ? 0.001 * Math.log(2 * u) : -0.001 * Math.log(2 - 2 * u);
    };
    const a = new Float64Array(n);
    const b = new Float64Array(n);
    let below05 = 0;
    let below10 = 0;
    const cases = 200;
    for (let k = 0; k < cases; k++) {
      for (let i = 0; i < n; i++) {
        a[i] = laplace();
        b[i] = laplace();
      }
      const { blockLength } = chooseBlockLength(a, b);
      const p = normalSharpeDifference(a, b, { blockLength, riskFree: 0 }).pValue;
      if (p < 0.05) below05++;
      if (p < 0.1) below10++;
    }
    expect(below05 / cases).toBeGreaterThanOrEqual(0.015);
    expect(below05 / cases).toBeLessThanOrEqual(0.09);
    expect(below10 / cases).toBeGreaterThanOrEqual(0.05);
    expect(below10 / cases).toBeLessThanOrEqual(0.155);
  });
});

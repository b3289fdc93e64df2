import { describe, expect, it } from 'vitest';
import {
  chooseBlockLength,
  MIN_POLITIS_WHITE_RETURNS,
  politisWhiteBlockLength,
} from '../../src/backtest/block-length.js';
import { PythonRandom } from '../../src/random/python-random.js';

/** AR(1) x_t = phi x_{t-1} + e_t with standard normal e (Box-Muller), started from its stationary law. */
function ar1(seed: number, n: number, phi: number): Float64Array {
  const random = new PythonRandom(seed);
  const normal = () => {
    const u = 1 - random.random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.random());
  };
  const x = new Float64Array(n);
  x[0] = normal() / Math.sqrt(1 - phi * phi);
  for (let t = 1; t < n; t++) x[t] = phi * x[t - 1] + normal();
  return x;
}

describe('Politis-White block length (stationary bootstrap, Patton-Politis-White correction)', () => {
  it('matches the AR(1) closed form (2 phi / (1 - phi^2))^(2/3) n^(1/3) on long samples', () => {
    // R(k) = s^2 phi^|k| / (1 - phi^2): G = sum |k| R(k) = 2 s^2 phi / ((1 - phi^2)(1 - phi)^2),
    // g = sum R(k) = s^2 / (1 - phi)^2, D = 2 g^2, so b = (2 G^2 / D)^(1/3) n^(1/3)
    // = (G / g)^(2/3) n^(1/3) = (2 phi / (1 - phi^2))^(2/3) n^(1/3).
    const n = 100_000;
    for (const [phi, seed] of [
      [0.5, 1],
      [0.3, 2],
      [0.7, 3],
    ]) {
      const exact = ((2 * phi) / (1 - phi * phi)) ** (2 / 3) * Math.cbrt(n);
      const estimate = politisWhiteBlockLength(ar1(seed, n, phi))!;
      expect(Math.abs(estimate / exact - 1)).toBeLessThan(0.1);
    }
  });

  it('recomputes the published estimator step by step on a small series', () => {
    // 150 values of a smooth, strongly autocorrelated pattern plus a little jitter.
    const n = 150;
    const x = Array.from({ length: n }, (_, t) => Math.sin(t / 4) + 0.3 * Math.cos(t * 1.7));
    const mean = x.reduce((s, v) => s + v, 0) / n;
    const R = (k: number) => {
      let sum = 0;
      for (let t = 0; t + Math.abs(k) < n; t++) sum += (x[t] - mean) * (x[t + Math.abs(k)] - mean);
      return sum / n;
    };
    // Politis-White: K = max(5, sqrt(log10 n)) = 5, c = 2, search lags 1..ceil(sqrt n) + K.
    const K = 5;
    const mMax = Math.ceil(Math.sqrt(n)) + K;
    const critical = 2 * Math.sqrt(Math.log10(n) / n);
    let mHat = -1;
    for (let m = 0; m + K <= mMax && mHat < 0; m++) {
      let quiet = true;
      for (let j = 1; j <= K; j++) if (Math.abs(R(m + j) / R(0)) >= critical) quiet = false;
      if (quiet) mHat = m;
    }
    const M = mHat < 0 ? mMax : Math.min(2 * Math.max(mHat, 1), mMax);
    const flatTop = (t: number) =>
      Math.abs(t) <= 0.5 ? 1 : Math.abs(t) <= 1 ? 2 * (1 - Math.abs(t)) : 0;
    let G = 0;
    let g = 0;
    for (let k = -M; k <= M; k++) {
      G += flatTop(k / M) * Math.abs(k) * R(k);
      g += flatTop(k / M) * R(k);
    }
    const D = 2 * g * g;
    const cap = Math.ceil(Math.min(3 * Math.sqrt(n), n / 3));
    const expected = Math.min(Math.max(((2 * G * G) / D) ** (1 / 3) * Math.cbrt(n), 1), cap);
    expect(politisWhiteBlockLength(x)).toBeCloseTo(expected, 10);
    expect(expected).toBeGreaterThan(2);
  });

  it('is about 1 bar for white noise and capped for a random walk', () => {
    expect(politisWhiteBlockLength(ar1(4, 5000, 0))!).toBeLessThan(2);
    const walk = ar1(5, 900, 0.999);
    // Cap: ceil(min(3 sqrt(900), 900 / 3)) = 90.
    expect(politisWhiteBlockLength(walk)).toBeLessThanOrEqual(90);
  });

  it('falls back to n^(1/3) below the minimum sample and for constant series', () => {
    const short = ar1(6, MIN_POLITIS_WHITE_RETURNS - 1, 0.5);
    expect(politisWhiteBlockLength(short)).toBeNull();
    expect(chooseBlockLength(short, short)).toEqual({
      blockLength: Math.round(Math.cbrt(MIN_POLITIS_WHITE_RETURNS - 1)),
      method: 'cube-root',
    });
    const flat = new Float64Array(500);
    expect(chooseBlockLength(flat, flat).method).toBe('cube-root');
    // A flat strategy against a dependent baseline: the baseline sets the block.
    const dependent = ar1(7, 500, 0.6);
    expect(chooseBlockLength(flat, dependent)).toEqual({
      blockLength: politisWhiteBlockLength(dependent),
      method: 'politis-white',
    });
  });
});

import { describe, expect, it } from 'vitest';
import { bootstrapStream } from '../../src/backtest/bootstrap.js';
import { compare } from '../../src/backtest/compare.js';
import { normalCdf, normalQuantile } from '../../src/backtest/normal.js';
import { PythonRandom } from '../../src/random/python-random.js';
import {
  deflatedSharpe,
  expectedMaxSharpe,
  shapeMoments,
} from '../../src/sweep/deflated-sharpe.js';
import { benjaminiHochberg } from '../../src/sweep/fdr.js';
import {
  type JointBootstrap,
  jointBootstrap,
  singleTestPValues,
} from '../../src/sweep/joint-bootstrap.js';
import { probabilityOfOverfitting } from '../../src/sweep/pbo.js';
import { realityCheckPValue } from '../../src/sweep/reality-check.js';
import { spaPValue } from '../../src/sweep/spa.js';
import { resultFromReturns, weekdayTimes } from '../backtest/helpers.js';

/** Gaussian-ish returns from a seeded generator (sum of uniforms), mean `drift`. */
function noise(n: number, seed: number, scale = 0.01, drift = 0): Float64Array {
  const random = new PythonRandom(seed);
  return Float64Array.from({ length: n }, () => {
    let s = 0;
    for (let i = 0; i < 12; i++) s += random.random();
    return drift + scale * (s - 6);
  });
}

function sharpeOf(x: ArrayLike<number>): number {
  let mean = 0;
  for (let i = 0; i < x.length; i++) mean += x[i];
  mean /= x.length;
  let v = 0;
  for (let i = 0; i < x.length; i++) v += (x[i] - mean) ** 2;
  const std = Math.sqrt(v / (x.length - 1));
  return std > 1e-12 ? mean / std : 0;
}

function hand(difference: number[], rows: number[][], bars = 1000): JointBootstrap {
  return {
    trials: difference.length,
    resamples: rows.length,
    bars,
    difference: Float64Array.from(difference),
    resampled: Float64Array.from(rows.flat()),
  };
}

describe('normal distribution', () => {
  // Goldens from Python's statistics.NormalDist (an independent implementation).
  it('matches Python at known points', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1)).toBeCloseTo(0.8413447460685429, 14);
    expect(normalCdf(-1)).toBeCloseTo(1 - 0.8413447460685429, 14);
    // Tails keep their relative precision.
    expect(normalCdf(-4) / 3.167124183311998e-5).toBeCloseTo(1, 12);
    expect(normalCdf(-2.9) / 0.001865813300384045).toBeCloseTo(1, 12);
    expect(normalQuantile(0.99)).toBeCloseTo(2.3263478740408408, 12);
    expect(normalQuantile(1 - 1 / (100 * Math.E))).toBeCloseTo(2.680210444966887, 12);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 9);
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe('joint stationary bootstrap', () => {
  const n = 120;
  const baseline = noise(n, 1);
  const trials = [noise(n, 2, 0.01, 0.002), noise(n, 3), noise(n, 4, 0.02, -0.001)];
  const options = { resamples: 50, blockLength: 4, seed: 7, riskFree: 0 };

  it('equals a resample built bar by bar from the documented block scheme', () => {
    const boot = jointBootstrap(trials, baseline, options);
    // Replay the draws: start = floor(u32 / 2^32 * n), length = 1 + floor(ln(u) / ln(1 - 1/L)).
    const next = bootstrapStream(options.seed);
    for (let b = 0; b < options.resamples; b++) {
      const index: number[] = [];
      while (index.length < n) {
        const start = Math.floor((next() / 2 ** 32) * n);
        const u = (next() + 0.5) / 2 ** 32;
        const length = 1 + Math.floor(Math.log(u) / Math.log(1 - 1 / options.blockLength));
        for (let i = 0; i < length && index.length < n; i++) index.push((start + i) % n);
      }
      const base = sharpeOf(index.map((i) => baseline[i]));
      for (let k = 0; k < trials.length; k++) {
        const expected = sharpeOf(index.map((i) => trials[k][i])) - base;
        expect(boot.resampled[b * trials.length + k]).toBeCloseTo(expected, 10);
      }
    }
    for (let k = 0; k < trials.length; k++) {
      expect(boot.difference[k]).toBeCloseTo(sharpeOf(trials[k]) - sharpeOf(baseline), 12);
    }
  });

  it("gives each trial the same p as compare's bootstrap of that trial alone", () => {
    const p = singleTestPValues(jointBootstrap(trials, baseline, { ...options, resamples: 400 }));
    const time = Float64Array.from(weekdayTimes(n + 1));
    const withFirst = (x: Float64Array) => Float64Array.from([0, ...x]);
    const base = resultFromReturns(withFirst(baseline), time);
    for (let k = 0; k < trials.length; k++) {
      const single = compare(resultFromReturns(withFirst(trials[k]), time), base, {
        resamples: 400,
        blockLength: 4,
        seed: 7,
      });
      expect(p[k]).toBe(single.pValue);
    }
  });
});

describe("White's Reality Check", () => {
  it('counts resampled maxima of re-centred differences (worked by hand)', () => {
    // V = 0.2. Re-centred rows: [0.1, 0.5] -> 0.5 >= 0.2; [-0.1, -0.5]; [0, 0]; [0, 0].
    const boot = hand(
      [0.2, -1],
      [
        [0.3, -0.5],
        [0.1, -1.5],
        [0.2, -1],
        [0.2, -1],
      ],
    );
    expect(realityCheckPValue(boot)).toBeCloseTo(2 / 5, 15);
  });
});

describe("Hansen's SPA", () => {
  it('studentises and leaves a clearly poor trial at its own mean (worked by hand)', () => {
    // Trial 0: d = 0.2, deviations [0.1, -0.1, 0, 0] -> w = sqrt(0.005), t = 2.83.
    // Trial 1: d = -1, w = sqrt(0.125) = 0.354; -1 < -0.354 * sqrt(2 ln ln 1000) = -0.695, so it
    // is not re-centred and (d* - 0) / w < 0 on every row. T* rows: 1.41, 0, 0, 0: none >= 2.83.
    const boot = hand(
      [0.2, -1],
      [
        [0.3, -0.5],
        [0.1, -1.5],
        [0.2, -1],
        [0.2, -1],
      ],
    );
    expect(spaPValue(boot)).toBeCloseTo(1 / 5, 15);
    // The Reality Check re-centres the poor trial and is fooled by its spread: 2/5.
    expect(realityCheckPValue(boot)).toBeGreaterThan(spaPValue(boot));
  });

  it('re-centres a trial within the threshold like the Reality Check', () => {
    // Trial 1: d = -0.1 >= -0.695 * w / w... re-centred: (d* - d) / w = [1.41, -1.41, 0, 0];
    // trial 0 as before. T = 2.83, T* rows: 1.41, 0, 0, 0 -> p = 1/5; with trial 0's spread
    // doubled (t = 1.41) row 0 reaches it: p = 2/5.
    const rows = [
      [0.3, 0.4],
      [0.1, -0.6],
      [0.2, -0.1],
      [0.2, -0.1],
    ];
    expect(spaPValue(hand([0.2, -0.1], rows))).toBeCloseTo(1 / 5, 15);
    const wide = [
      [0.4, 0.4],
      [0.0, -0.6],
      [0.2, -0.1],
      [0.2, -0.1],
    ];
    expect(spaPValue(hand([0.2, -0.1], wide))).toBeCloseTo(2 / 5, 15);
  });
});

describe('Deflated Sharpe Ratio', () => {
  // Goldens recomputed in Python (statistics.NormalDist) from Bailey & Lopez de Prado (2014), eq. for
  // SR0 and DSR = PSR(SR0).
  it('matches the formulas recomputed independently', () => {
    expect(expectedMaxSharpe(100, 0.0025)).toBeCloseTo(0.12653014466008425, 12);
    const a = deflatedSharpe({
      sharpe: 0.1,
      trials: 100,
      sharpeVariance: 0.0025,
      observations: 1250,
      skew: -0.5,
      kurtosis: 5,
    });
    expect(a.probability).toBeCloseTo(0.1812308388956047, 10);
    const b = deflatedSharpe({
      sharpe: 0.08,
      trials: 10,
      sharpeVariance: 0.0004,
      observations: 1250,
      skew: -0.5,
      kurtosis: 5,
    });
    expect(b.expectedMaxSharpe).toBeCloseTo(0.031491966026915, 12);
    expect(b.probability).toBeCloseTo(0.9531203250902595, 10);
  });

  it('approximates the expected maximum of N standard normals', () => {
    // E[max of 100 iid N(0,1)] = 2.5076 (order-statistic tables); the approximation is within 1%.
    expect(expectedMaxSharpe(100, 1)).toBeGreaterThan(2.5076 * 0.99);
    expect(expectedMaxSharpe(100, 1)).toBeLessThan(2.5076 * 1.01);
    expect(expectedMaxSharpe(1, 1)).toBe(0);
  });

  it('measures skew and kurtosis as population moments', () => {
    // [0, 0, 0, 4]: mean 1, m2 = 3, m3 = 6, m4 = 21 -> skew 6 / 3^1.5, kurtosis 21 / 9.
    const { skew, kurtosis } = shapeMoments(Float64Array.from([0, 0, 0, 4]));
    expect(skew).toBeCloseTo(6 / 3 ** 1.5, 14);
    expect(kurtosis).toBeCloseTo(21 / 9, 14);
  });
});

describe('Probability of Backtest Overfitting (CSCV)', () => {
  /** Every split recomputed from the raw returns: concatenate blocks, Sharpe, rank, logit. */
  function bruteForce(trials: Float64Array[], blocks: number): number[] {
    const n = trials[0].length;
    const edges = Array.from({ length: blocks + 1 }, (_, j) => Math.floor((j * n) / blocks));
    const logits: number[] = [];
    for (let mask = 0; mask < 1 << blocks; mask++) {
      const chosen = [...Array(blocks).keys()].filter((j) => mask & (1 << j));
      if (chosen.length !== blocks / 2) continue;
      const take = (x: Float64Array, inside: boolean) =>
        [...Array(blocks).keys()]
          .filter((j) => chosen.includes(j) === inside)
          .flatMap((j) => Array.from(x.subarray(edges[j], edges[j + 1])));
      const inSample = trials.map((x) => sharpeOf(take(x, true)));
      const outSample = trials.map((x) => sharpeOf(take(x, false)));
      const best = inSample.indexOf(Math.max(...inSample));
      const below = outSample.filter((v) => v < outSample[best]).length;
      const w = (below + 1) / (trials.length + 1);
      logits.push(Math.log(w / (1 - w)));
    }
    return logits;
  }

  it('equals the splits recomputed from the raw returns', () => {
    const trials = [1, 2, 3, 4, 5].map((s) => noise(41, s, 0.01, (s - 3) * 0.001));
    const result = probabilityOfOverfitting(trials, { blocks: 4 });
    const expected = bruteForce(trials, 4);
    expect(result.logits.length).toBe(6);
    expected.forEach((logit, i) => {
      expect(result.logits[i]).toBeCloseTo(logit, 10);
    });
    expect(result.pbo).toBe(expected.filter((l) => l <= 0).length / 6);
  });

  it('is near 1/2 for pure noise and near 0 for one truly better trial', () => {
    const noiseTrials = Array.from({ length: 20 }, (_, s) => noise(800, 100 + s));
    const chance = probabilityOfOverfitting(noiseTrials, { blocks: 8 }).pbo;
    expect(chance).toBeGreaterThan(0.2);
    expect(chance).toBeLessThan(0.8);
    const skilled = [...noiseTrials.slice(1), noise(800, 999, 0.01, 0.004)];
    expect(probabilityOfOverfitting(skilled, { blocks: 8 }).pbo).toBeLessThan(0.05);
  });
});

describe('Benjamini-Hochberg', () => {
  it('steps up over the sorted p-values (worked by hand)', () => {
    // m = 5, q = 0.05: thresholds 0.01, 0.02, 0.03, 0.04, 0.05. Sorted p: 0.005, 0.011, 0.02,
    // 0.041, 0.3 -> the largest i with p_(i) <= i q / m is 3 (0.02 <= 0.03).
    const p = [0.041, 0.005, 0.3, 0.02, 0.011];
    const { adjusted, rejected } = benjaminiHochberg(p, 0.05);
    expect(rejected).toEqual([false, true, false, true, true]);
    // q-values: 0.3 -> 0.3; 0.041*5/4 = 0.05125; 0.02*5/3 = 0.0333; 0.011*5/2 = 0.0275; 0.005*5 = 0.025.
    const expected = [0.05125, 0.025, 0.3, 0.02 * (5 / 3), 0.0275];
    expected.forEach((value, i) => {
      expect(adjusted[i]).toBeCloseTo(value, 14);
    });
  });
});

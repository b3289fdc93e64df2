import { describe, expect, it } from 'vitest';
import {
  columnMeans,
  meanOcclusionTable,
  occlusion,
  occlusionGroups,
  saliency,
} from '../../src/explain/index.js';
import { BPNeuralNetwork } from '../../src/nn/bp-network.js';
import { PythonRandom } from '../../src/random/python-random.js';

const sig = (z: number) => 1 / (1 + Math.exp(-z));

/** Two inputs, one hidden unit: p = sig(2 * sig(0.8 x0 - 0.3 x1 + 0.1)). */
function handNetwork(): BPNeuralNetwork {
  return BPNeuralNetwork.fromJSON({
    format: 'nn-timing-network',
    version: 1,
    variant: 'fixed',
    inputs: 2,
    hidden: 1,
    outputs: 1,
    inputWeights: [0.8, -0.3, 0.1],
    outputWeights: [2],
    inputMomentum: [0, 0, 0],
    outputMomentum: [0],
  });
}
const handP = (x0: number, x1: number) => sig(2 * sig(0.8 * x0 - 0.3 * x1 + 0.1));

/**
 * `rows` rows of `width` uniform inputs; the label is 1 when column 0 is above 0.5, flipped with
 * probability `noise` (noise 0.5: labels unrelated to every input).
 */
function planted(rows: number, width: number, noise: number, seed: number) {
  const rng = new PythonRandom(seed);
  const X = new Float64Array(rows * width);
  const Y = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < width; c++) X[r * width + c] = rng.random();
    const up = X[r * width] > 0.5 ? 1 : 0;
    Y[r] = rng.random() < noise ? 1 - up : up;
  }
  return { X, Y };
}

/** Trains on the first rows (early stopping on the next) and returns the held-out rest. */
function trainOn(data: { X: Float64Array; Y: Float64Array }, width: number, seed: number) {
  const fitted = 1200;
  const heldOut = data.Y.length - fitted;
  const net = new BPNeuralNetwork({ inputs: width, hidden: 6, seed });
  net.fit(data.X.subarray(0, fitted * width), data.Y.subarray(0, fitted), {
    epochs: 60,
    learningRate: 0.2,
    momentum: 0.1,
    seed,
    validation: { fraction: 0.25 },
    earlyStopping: { patience: 8 },
  });
  return {
    net,
    X: data.X.subarray(fitted * width),
    Y: data.Y.subarray(fitted),
    neutral: columnMeans(data.X.subarray(0, fitted * width), width),
    rows: heldOut,
  };
}

const argmax = (values: ArrayLike<number>) =>
  Array.from(values).reduce((best, v, i, all) => (v > all[best] ? i : best), 0);

describe('saliency and occlusion by hand', () => {
  const net = handNetwork();
  const X = Float64Array.of(0.2, 0.9, 0.7, 0.1, 0.4, 0.5);

  it('saliency is the mean |dp/dx| by central differences', () => {
    const h = 1e-6;
    const expected = [0, 0];
    for (let r = 0; r < 3; r++) {
      const [a, b] = [X[2 * r], X[2 * r + 1]];
      expected[0] += Math.abs((handP(a + h, b) - handP(a - h, b)) / (2 * h)) / 3;
      expected[1] += Math.abs((handP(a, b + h) - handP(a, b - h)) / (2 * h)) / 3;
    }
    const got = saliency(net, X);
    expect(got[0]).toBeCloseTo(expected[0], 8);
    expect(got[1]).toBeCloseTo(expected[1], 8);
    // An ensemble of two copies averages to the same.
    expect(Array.from(saliency([net, net.clone()], X))).toEqual(Array.from(got));
  });

  it('occlusion sets the columns to their neutral value and measures p, AUC and error', () => {
    const labels = [0, 1, 0];
    const neutral = [0.5, 0.25];
    const result = occlusion(net, X, { neutral, labels, columns: ['a', 'b'] });
    const p = [0, 1, 2].map((r) => handP(X[2 * r], X[2 * r + 1]));
    const pA = [0, 1, 2].map((r) => handP(0.5, X[2 * r + 1]));
    const error = (q: number[]) => q.reduce((s, v, r) => s + (labels[r] - v) ** 2, 0) / 3;
    // AUC with one up row (row 1): the share of down rows it outranks.
    const auc = (q: number[]) => [0, 2].filter((r) => q[1] > q[r]).length / 2;
    expect(result.rows).toBe(3);
    expect(result.auc).toBe(auc(p));
    expect(result.error).toBeCloseTo(error(p), 15);
    const [a, b] = result.scores;
    expect(a.name).toBe('a');
    expect(b.name).toBe('b');
    const change = p.reduce((s, v, r) => s + Math.abs(pA[r] - v), 0) / 3;
    expect(a.probabilityChange).toBeCloseTo(change, 15);
    expect(a.errorRise).toBeCloseTo(error(pA) - error(p), 15);
    expect(a.aucDrop).toBe(auc(p) - auc(pA));
  });

  it('occludes a group as a whole and leaves the input untouched', () => {
    const copy = X.slice();
    const result = occlusion(net, X, {
      neutral: [0.5, 0.25],
      groups: [{ name: 'both', columns: [0, 1] }],
    });
    const p = [0, 1, 2].map((r) => handP(X[2 * r], X[2 * r + 1]));
    const change = p.reduce((s, v) => s + Math.abs(handP(0.5, 0.25) - v), 0) / 3;
    expect(result.scores[0].probabilityChange).toBeCloseTo(change, 15);
    expect(result.scores[0].aucDrop).toBeNull();
    expect(Array.from(X)).toEqual(Array.from(copy));
    expect(() => occlusion(net, X, { groups: [{ name: 'x', columns: [2] }] })).toThrow(/column 2/);
    expect(() => occlusion(net, X, { neutral: [0] })).toThrow(/2 neutral/);
    expect(() => occlusion(net, X.subarray(1))).toThrow(/whole number of rows/);
  });

  it('averages window tables, leaving nulls out', () => {
    const mean = meanOcclusionTable([
      { probabilityChange: [0.1, 0.3], aucDrop: [0.02, null], errorRise: [null, null] },
      { probabilityChange: [0.3, 0.1], aucDrop: [0.04, null], errorRise: [0.001, null] },
    ]);
    expect(mean.probabilityChange[0]).toBeCloseTo(0.2, 15);
    expect(mean.probabilityChange[1]).toBeCloseTo(0.2, 15);
    expect(mean.aucDrop[0]).toBeCloseTo(0.03, 15);
    expect(mean.aucDrop[1]).toBeNull();
    expect(mean.errorRise).toEqual([0.001, null]);
  });
});

describe('occlusion groups of a feature spec', () => {
  it('lists every column, then each multi-column feature whole', () => {
    const groups = occlusionGroups([
      { kind: 'returns', lags: [1, 5] },
      { kind: 'rsi', period: 14 },
      { kind: 'macd', fast: 12, slow: 26, signal: 9 },
    ]);
    expect(groups.map((g) => g.name)).toEqual([
      'ret_1',
      'ret_5',
      'rsi_14',
      'macd_12_26_9',
      'macd_signal_12_26_9',
      'macd_hist_12_26_9',
      'returns (all)',
      'macd (all)',
    ]);
    expect(groups.at(-2)?.columns).toEqual([0, 1]);
    expect(groups.at(-1)?.columns).toEqual([3, 4, 5]);
  });
});

describe('one feature carries the signal', () => {
  const width = 5;
  const trained = trainOn(planted(1800, width, 0.2, 31), width, 7);

  it('ranks that feature first under saliency and under occlusion', () => {
    const s = saliency(trained.net, trained.X);
    const o = occlusion(trained.net, trained.X, {
      neutral: trained.neutral,
      labels: trained.Y,
    });
    expect(argmax(s)).toBe(0);
    expect(argmax(o.scores.map((x) => x.probabilityChange))).toBe(0);
    expect(argmax(o.scores.map((x) => x.aucDrop ?? 0))).toBe(0);
    // Without column 0 the ranking is a coin toss: most of the 0.8 - 0.5 AUC is gone.
    expect(o.auc).toBeGreaterThan(0.7);
    expect(o.scores[0].aucDrop).toBeGreaterThan(0.15);
  });
});

describe('pure noise', () => {
  const width = 5;
  const trained = trainOn(planted(1800, width, 0.5, 32), width, 8);

  it('lets no feature stand out beyond the stated tolerance', () => {
    // Tolerance: on 600 held-out rows an AUC moves by chance about 0.024 (1 sd), so no
    // occlusion may change it by more than 0.05, and no feature's saliency may exceed three
    // times the median's; the mean change in p stays under 0.02 (the network learnt ~nothing).
    const s = Array.from(saliency(trained.net, trained.X));
    const o = occlusion(trained.net, trained.X, { neutral: trained.neutral, labels: trained.Y });
    const median = [...s].sort((a, b) => a - b)[Math.floor(width / 2)];
    for (const value of s) expect(value).toBeLessThan(3 * median);
    for (const score of o.scores) {
      expect(Math.abs(score.aucDrop ?? 0)).toBeLessThan(0.05);
      expect(score.probabilityChange).toBeLessThan(0.02);
    }
  });
});

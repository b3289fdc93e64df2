import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { BPNeuralNetwork } from '../../src/nn/bp-network.js';
import { PythonRandom } from '../../src/random/python-random.js';

/** 0.5 * sum over outputs of (label - output)^2, averaged over rows [from, to), via predict(). */
function errorByHand(
  net: BPNeuralNetwork,
  X: number[][],
  Y: number[][],
  from: number,
  to: number,
): number {
  let sum = 0;
  for (let r = from; r < to; r++) {
    const out = net.predict(X[r]);
    for (let k = 0; k < out.length; k++) sum += 0.5 * (Y[r][k] - out[k]) ** 2;
  }
  return sum / (to - from);
}

function randomRows(seed: number, rows: number, width: number): number[][] {
  const rng = new PythonRandom(seed);
  return Array.from({ length: rows }, () => Array.from({ length: width }, () => rng.random()));
}

describe('fit error definition', () => {
  it('reports mean 0.5 * sum of squared output errors; validation is the LAST rows', () => {
    const X = randomRows(1, 6, 3);
    const Y = randomRows(2, 6, 2);
    const net = new BPNeuralNetwork({ inputs: 3, hidden: 4, outputs: 2, seed: 4 });
    // learningRate 0 and momentum 0 leave the weights alone, so both errors are those of the
    // initial weights on rows 0-3 (train) and rows 4-5 (validation).
    const history = net.fit(X, Y, {
      epochs: 2,
      learningRate: 0,
      momentum: 0,
      validation: { rows: 2 },
    });
    expect(history.trainRows).toBe(4);
    expect(history.validationRows).toBe(2);
    const train = errorByHand(net, X, Y, 0, 4);
    const validation = errorByHand(net, X, Y, 4, 6);
    expect(history.trainLoss[0]).toBeCloseTo(train, 15);
    expect(history.trainLoss[1]).toBeCloseTo(train, 15);
    expect(history.validationLoss[0]).toBeCloseTo(validation, 15);
    expect(Math.abs(validation - errorByHand(net, X, Y, 0, 2))).toBeGreaterThan(1e-6);
  });

  it('without shuffling equals the seed-API train() over the same rows', () => {
    const X = randomRows(3, 8, 2);
    const Y = randomRows(4, 8, 1);
    const a = new BPNeuralNetwork({ inputs: 2, hidden: 3, seed: 8 });
    const b = new BPNeuralNetwork({ inputs: 2, hidden: 3, seed: 8 });
    const history = a.fit(X, Y, { epochs: 5, learningRate: 0.3, momentum: 0.2, shuffle: false });
    const lastSum = b.train(X, Y, 5, 0.3, 0.2);
    expect(a.toJSON()).toEqual(b.toJSON());
    expect(history.trainLoss[4]).toBe(lastSum / 8);
    expect(history.bestEpoch).toBe(5);
    expect(history.validationLoss).toEqual([]);
  });

  it('is deterministic for a seed, and the seed changes the shuffle order', () => {
    const X = randomRows(5, 20, 2);
    const Y = randomRows(6, 20, 1);
    const run = (seed: number) => {
      const net = new BPNeuralNetwork({ inputs: 2, hidden: 3, seed: 1 });
      const history = net.fit(X, Y, { epochs: 3, learningRate: 0.3, seed });
      return { history, weights: net.toJSON() };
    };
    expect(run(7)).toEqual(run(7));
    expect(run(7).weights.inputWeights).not.toEqual(run(8).weights.inputWeights);
  });

  it('calls onEpoch with each epoch and its errors', () => {
    const X = randomRows(9, 10, 2);
    const Y = randomRows(10, 10, 1);
    const seen: [number, number, number | null][] = [];
    const net = new BPNeuralNetwork({ inputs: 2, hidden: 3 });
    const history = net.fit(X, Y, {
      epochs: 3,
      validation: { fraction: 0.25 },
      onEpoch: (e, t, v) => seen.push([e, t, v]),
    });
    expect(history.validationRows).toBe(2); // floor(10 * 0.25)
    expect(seen).toEqual(
      [1, 2, 3].map((e) => [e, history.trainLoss[e - 1], history.validationLoss[e - 1]]),
    );
    const plain: (number | null)[] = [];
    net.fit(X, Y, { epochs: 2, onEpoch: (_e, _t, v) => plain.push(v) });
    expect(plain).toEqual([null, null]);
  });
});

describe('fit validation and early stopping', () => {
  /**
   * Training rows say "x = 1 -> target", the validation rows say "x = 1 -> halfway between the
   * initial output and target". As the output walks from its initial value to the target,
   * validation error falls until the output passes the halfway label, then rises.
   */
  function overfittingCase(net: BPNeuralNetwork) {
    const p0 = net.predict([1])[0];
    const target = p0 < 0.5 ? 0.95 : 0.05;
    const halfway = (p0 + target) / 2;
    const X = Array.from({ length: 30 }, () => [1]);
    const Y = Array.from({ length: 30 }, (_, r) => [r < 24 ? target : halfway]);
    return { X, Y };
  }

  const options = { learningRate: 0.05, momentum: 0.1, seed: 3 };

  it('stops after `patience` epochs without improvement and keeps the best epoch', () => {
    const net = new BPNeuralNetwork({ inputs: 1, hidden: 3, seed: 2 });
    const start = net.clone();
    const { X, Y } = overfittingCase(net);
    const history = net.fit(X, Y, {
      ...options,
      epochs: 1000,
      validation: { rows: 6 },
      earlyStopping: { patience: 3 },
    });
    const { bestEpoch, epochsRun, validationLoss } = history;
    expect(history.stoppedEarly).toBe(true);
    expect(bestEpoch).toBeGreaterThan(1);
    expect(epochsRun).toBe(bestEpoch + 3);
    expect(validationLoss[bestEpoch - 1]).toBe(Math.min(...validationLoss));
    expect(validationLoss[epochsRun - 1]).toBeGreaterThan(validationLoss[bestEpoch - 1]);

    // The kept weights are those after exactly bestEpoch epochs on the training rows.
    const reference = start.clone();
    reference.fit(X.slice(0, 24), Y.slice(0, 24), { ...options, epochs: bestEpoch });
    expect(net.toJSON()).toEqual(reference.toJSON());
    expect(errorByHand(net, X, Y, 24, 30)).toBeCloseTo(validationLoss[bestEpoch - 1], 15);
  });

  it('keeps the last weights when restoreBest is false', () => {
    const net = new BPNeuralNetwork({ inputs: 1, hidden: 3, seed: 2 });
    const start = net.clone();
    const { X, Y } = overfittingCase(net);
    const history = net.fit(X, Y, {
      ...options,
      epochs: 1000,
      validation: { rows: 6 },
      earlyStopping: { patience: 3 },
      restoreBest: false,
    });
    const reference = start.clone();
    reference.fit(X.slice(0, 24), Y.slice(0, 24), { ...options, epochs: history.epochsRun });
    expect(net.toJSON()).toEqual(reference.toJSON());
  });

  it('counts only improvements larger than minDelta', () => {
    const net = new BPNeuralNetwork({ inputs: 1, hidden: 3, seed: 2 });
    const { X, Y } = overfittingCase(net);
    const history = net.fit(X, Y, {
      ...options,
      epochs: 1000,
      validation: { rows: 6 },
      earlyStopping: { patience: 4, minDelta: 1 },
    });
    // Errors are below 0.5 here, so nothing improves on epoch 1 by more than 1.
    expect(history.bestEpoch).toBe(1);
    expect(history.epochsRun).toBe(5);
  });

  it('runs every epoch without early stopping, still restoring the best validation epoch', () => {
    const net = new BPNeuralNetwork({ inputs: 1, hidden: 3, seed: 2 });
    const { X, Y } = overfittingCase(net);
    const history = net.fit(X, Y, { ...options, epochs: 60, validation: { rows: 6 } });
    expect(history.epochsRun).toBe(60);
    expect(history.stoppedEarly).toBe(false);
    const best = history.validationLoss.indexOf(Math.min(...history.validationLoss)) + 1;
    expect(history.bestEpoch).toBe(best);
    expect(errorByHand(net, X, Y, 24, 30)).toBeCloseTo(history.validationLoss[best - 1], 15);
  });
});

describe('fit input checks', () => {
  const net = new BPNeuralNetwork({ inputs: 3, hidden: 2 });
  const Y4 = [[0], [1], [0], [1]];

  it('names the row and column of a NaN or Infinity', () => {
    const X = new Float64Array(12);
    X[7] = Number.NaN;
    expect(() => net.fit(X, Y4)).toThrow(/X row 2, column 1 is NaN/);
    const rows = [
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, Number.NEGATIVE_INFINITY],
      [0, 0, 0],
    ];
    expect(() => net.fit(rows, Y4)).toThrow(/X row 2, column 2 is -Infinity/);
    expect(() => net.fit(new Float64Array(12), [0, Number.POSITIVE_INFINITY, 0, 1])).toThrow(
      /Y row 1, column 0 is Infinity/,
    );
  });

  it('rejects inconsistent shapes', () => {
    expect(() => net.fit(new Float64Array(7), [0, 1])).toThrow(/not a whole number of rows of 3/);
    expect(() =>
      net.fit(
        [
          [1, 2, 3],
          [1, 2],
        ],
        [[0], [1]],
      ),
    ).toThrow(/X row 1 has 2 values/);
    expect(() => net.fit(new Float64Array(12), [0, 1, 0])).toThrow(/4 rows but Y has 3/);
    expect(() => net.fit([], [])).toThrow(/at least one row/);
  });

  it('rejects bad options', () => {
    const X = new Float64Array(12);
    expect(() => net.fit(X, Y4, { epochs: 0 })).toThrow(/epochs/);
    expect(() => net.fit(X, Y4, { learningRate: -1 })).toThrow(/learningRate/);
    expect(() => net.fit(X, Y4, { validation: { fraction: 1 } })).toThrow(/fraction/);
    expect(() => net.fit(X, Y4, { validation: { fraction: 0.1 } })).toThrow(InputError);
    expect(() => net.fit(X, Y4, { validation: { rows: 4 } })).toThrow(/no rows to train/);
    expect(() => net.fit(X, Y4, { earlyStopping: { patience: 2 } })).toThrow(/validation/);
    expect(() =>
      net.fit(X, Y4, { validation: { rows: 1 }, earlyStopping: { patience: 0 } }),
    ).toThrow(/patience/);
  });

  it('throws on divergence and leaves the network as it was', () => {
    const fresh = new BPNeuralNetwork({ inputs: 1, hidden: 2 });
    const before = fresh.toJSON();
    // (1e200 - output)^2 overflows to Infinity: the error cannot be reported as a number.
    expect(() => fresh.fit([[1], [0]], [1e200, 0], { epochs: 3 })).toThrow(/diverged at epoch 1/);
    expect(fresh.toJSON()).toEqual(before);
  });
});

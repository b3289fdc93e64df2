import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { BPNeuralNetwork } from '../../src/nn/bp-network.js';
import { PythonRandom } from '../../src/random/python-random.js';

const XOR_CASES = [
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
];
const XOR_LABELS = [[0], [1], [1], [0]];

/** A 1-1-1 network with chosen weights: input weight 0.5, bias weight -0.25, output weight 2. */
function tinyNetwork(): BPNeuralNetwork {
  return BPNeuralNetwork.fromJSON({
    format: 'nn-timing-network',
    version: 1,
    variant: 'fixed',
    inputs: 1,
    hidden: 1,
    outputs: 1,
    inputWeights: [0.5, -0.25],
    outputWeights: [2],
    inputMomentum: [0, 0],
    outputMomentum: [0],
  });
}

describe('forward pass', () => {
  it('computes sigmoid(2 * sigmoid(0.5 * x - 0.25)) for the tiny network', () => {
    // x = 1.5: hidden total 0.75 - 0.25 = 0.5; hidden = 1 / (1 + e^-0.5) = 0.6224593312018546;
    // output = 1 / (1 + e^-1.2449186624037092) = 0.7764190180520172 (both by CPython math.exp).
    const net = tinyNetwork();
    const [y] = net.predict([1.5]);
    expect(y).toBeCloseTo(0.7764190180520172, 15);
    expect(net.hiddenCells[0]).toBeCloseTo(0.6224593312018546, 15);
  });

  it('predictInto reads row r of a row-major matrix at offset r * inputs, into the given array', () => {
    const net = new BPNeuralNetwork({ inputs: 3, hidden: 4, outputs: 2, seed: 5 });
    const X = new Float64Array([0.1, 0.2, 0.3, -1, 0.5, 2, 0.7, 0.8, -0.9]);
    const out = new Float64Array(2);
    for (let r = 0; r < 3; r++) {
      const returned = net.predictInto(out, X, r * 3);
      expect(returned).toBe(out);
      expect(Array.from(out)).toEqual(net.predict(Array.from(X.subarray(r * 3, r * 3 + 3))));
    }
    expect(() => net.predictInto(out, X, 7)).toThrow(/offset 7/);
    expect(() => net.predictInto(new Float64Array(1), X)).toThrow(InputError);
  });
});

describe('seed-API construction', () => {
  it('draws from PythonRandom(0) by default and continues the stream on a second setup()', () => {
    const net = new BPNeuralNetwork();
    net.setup(2, 5, 1);
    net.setup(2, 5, 1);
    // The second setup uses draws 21..40 of the same stream, as the seed's global random does.
    const rng = new PythonRandom(0);
    for (let k = 0; k < 20; k++) rng.random();
    expect(net.toJSON().inputWeights[0]).toBe(rng.uniform(-0.2, 0.2));
  });

  it('uses a given rng and advances it by one random() per weight', () => {
    const rng = new PythonRandom(0);
    const net = new BPNeuralNetwork({ inputs: 2, hidden: 5, rng });
    expect(net.toJSON()).toEqual(new BPNeuralNetwork({ inputs: 2, hidden: 5, seed: 0 }).toJSON());
    const fresh = new PythonRandom(0);
    for (let k = 0; k < (2 + 1) * 5 + 5; k++) fresh.random();
    expect(rng.random()).toBe(fresh.random());
  });

  it('rejects bad shapes and options', () => {
    expect(() => new BPNeuralNetwork({ inputs: 2 })).toThrow(InputError);
    expect(() => new BPNeuralNetwork({ inputs: 0, hidden: 3 })).toThrow(/inputs must be/);
    expect(() => new BPNeuralNetwork({ inputs: 2, hidden: 2.5 })).toThrow(/hidden must be/);
    expect(() => new BPNeuralNetwork({ inputs: 2, hidden: 2, outputs: 0 })).toThrow(/outputs/);
    expect(
      () => new BPNeuralNetwork({ variant: 'other' as unknown as 'seed', inputs: 1, hidden: 1 }),
    ).toThrow(/variant/);
    expect(() => new BPNeuralNetwork({ seed: 1, rng: new PythonRandom(1) })).toThrow(/not both/);
    expect(() => new BPNeuralNetwork().predict([1])).toThrow(/setup/);
  });
});

describe('learning', () => {
  it.each([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])(
    'the default variant learns XOR with the seed settings (seed %i)',
    (seed) => {
      const net = new BPNeuralNetwork({ inputs: 2, hidden: 5, seed });
      net.train(XOR_CASES, XOR_LABELS, 10000, 0.05, 0.1);
      const [a, b, c, d] = XOR_CASES.map((x) => net.predict(x)[0]);
      expect(Math.max(a, d)).toBeLessThan(0.1);
      expect(Math.min(b, c)).toBeGreaterThan(0.9);
    },
  );

  it.each([0, 1, 2])('fit() learns XOR with shuffling (seed %i)', (seed) => {
    const net = new BPNeuralNetwork({ inputs: 2, hidden: 5, seed });
    const history = net.fit(XOR_CASES, XOR_LABELS, {
      epochs: 3000,
      learningRate: 0.5,
      momentum: 0.5,
      seed,
    });
    expect(history.trainLoss[2999]).toBeLessThan(history.trainLoss[0]);
    const [a, b, c, d] = XOR_CASES.map((x) => net.predict(x)[0]);
    expect(Math.max(a, d)).toBeLessThan(0.1);
    expect(Math.min(b, c)).toBeGreaterThan(0.9);
  });

  it('the seed variant never writes the output momentum; the fixed variant does', () => {
    for (const variant of ['seed', 'fixed'] as const) {
      const net = new BPNeuralNetwork({ inputs: 2, hidden: 3, outputs: 2, variant });
      net.train(XOR_CASES, [0, 1, 1, 0, 1, 0, 0, 1], 3, 0.1, 0.5);
      const moved = net.toJSON().outputMomentum.some((m) => m !== 0);
      expect(moved).toBe(variant === 'fixed');
    }
  });

  it('the seed variant returns the last output error; the fixed one the sum over outputs', () => {
    // Same weights in both; labels [1, 0] against outputs y0, y1 read from the forward pass.
    for (const variant of ['seed', 'fixed'] as const) {
      const net = new BPNeuralNetwork({ inputs: 2, hidden: 3, outputs: 2, variant, seed: 3 });
      const [y0, y1] = net.predict([0.5, -0.5]);
      const error = net.backPropagate([0.5, -0.5], [1, 0], 0.1, 0.1);
      const last = 0.5 * (0 - y1) ** 2;
      expect(error).toBeCloseTo(variant === 'seed' ? last : 0.5 * (1 - y0) ** 2 + last, 15);
    }
  });

  it('rejects NaN and Infinity in the seed API, naming the position', () => {
    const net = new BPNeuralNetwork({ inputs: 2, hidden: 3 });
    expect(() => net.predict([0, Number.NaN])).toThrow(/column 1.*NaN/);
    expect(() => net.backPropagate([0, 1], [Number.POSITIVE_INFINITY], 0.1, 0.1)).toThrow(
      /label 0 is Infinity/,
    );
    expect(() =>
      net.train(
        [
          [0, 0],
          [0, 1],
          [1, Number.NaN],
        ],
        [[0], [1], [1]],
        1,
      ),
    ).toThrow(/cases row 2, column 1 is NaN/);
    expect(() => net.train(XOR_CASES, XOR_LABELS, 1, Number.NaN, 0.1)).toThrow(/learn/);
    expect(() => net.train(XOR_CASES, XOR_LABELS.slice(1), 1)).toThrow(/4 cases but 3 labels/);
    expect(() => net.predict([1])).toThrow(/needs 2 inputs/);
  });
});

describe('inputGradients', () => {
  it('agrees with central finite differences to 1e-6 for every output', () => {
    const net = new BPNeuralNetwork({ inputs: 4, hidden: 6, outputs: 2, seed: 11 });
    const rng = new PythonRandom(12);
    const X = Array.from({ length: 40 }, () => rng.uniform(-1, 1));
    const Y = Array.from({ length: 20 }, () => rng.random());
    net.fit(X, Y, { epochs: 50, learningRate: 0.5, momentum: 0.3 });
    const x = [0.3, -0.7, 0.1, 0.9];
    const h = 1e-5;
    for (const output of [0, 1]) {
      const gradients = net.inputGradients(x, output);
      expect(gradients.length).toBe(4);
      for (let i = 0; i < 4; i++) {
        const up = x.slice();
        const down = x.slice();
        up[i] += h;
        down[i] -= h;
        const numeric = (net.predict(up)[output] - net.predict(down)[output]) / (2 * h);
        expect(Math.abs(gradients[i] - numeric)).toBeLessThan(1e-6);
      }
    }
    expect(net.inputGradients(x)).toEqual(net.inputGradients(x, 0));
    expect(() => net.inputGradients(x, 2)).toThrow(/output/);
    expect(() => net.inputGradients([1, 2, 3])).toThrow(/needs 4 inputs/);
  });

  it('is the chain rule by hand for the tiny network', () => {
    // x = 1.5: hidden a = sigmoid(0.5), output y = sigmoid(2a);
    // dy/dx = y(1 - y) * 2 * a(1 - a) * 0.5.
    const a = 1 / (1 + Math.exp(-0.5));
    const y = 1 / (1 + Math.exp(-2 * a));
    const expected = y * (1 - y) * 2 * a * (1 - a) * 0.5;
    expect(tinyNetwork().inputGradients([1.5])[0]).toBeCloseTo(expected, 15);
  });
});

describe('summary', () => {
  it('lists layers, shapes and parameter counts for 16-10-1', () => {
    const text = new BPNeuralNetwork({ inputs: 16, hidden: 10 }).summary();
    // hidden: (16 inputs + 1 bias) * 10 = 170; output: 10 * 1 = 10 (no hidden bias); total 180.
    expect(text).toMatch(/input \(\+1 bias\)\s+\(None, 16\)\s+0/);
    expect(text).toMatch(/hidden \(sigmoid\)\s+\(None, 10\)\s+170/);
    expect(text).toMatch(/output \(sigmoid\)\s+\(None, 1\)\s+10/);
    expect(text).toContain('Total params: 180');
    expect(text).toContain('variant: fixed');
  });
});

describe('clone', () => {
  it('copies weights and momentum; training the copy leaves the original alone', () => {
    const net = new BPNeuralNetwork({ inputs: 2, hidden: 4, seed: 9 });
    net.train(XOR_CASES, XOR_LABELS, 20, 0.1, 0.5);
    const before = net.toJSON();
    const copy = net.clone();
    expect(copy.toJSON()).toEqual(before);
    copy.train(XOR_CASES, XOR_LABELS, 20, 0.1, 0.5);
    expect(net.toJSON()).toEqual(before);
    expect(copy.toJSON().inputWeights).not.toEqual(before.inputWeights);
    // Continuing on the original gives what the copy got: the momentum memories were copied too.
    net.train(XOR_CASES, XOR_LABELS, 20, 0.1, 0.5);
    expect(net.toJSON()).toEqual(copy.toJSON());
  });
});

import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { BPNeuralNetwork } from '../../src/nn/bp-network.js';
import { PythonRandom } from '../../src/random/python-random.js';

function trainedNetwork(): BPNeuralNetwork {
  const net = new BPNeuralNetwork({ inputs: 3, hidden: 4, outputs: 2, variant: 'seed', seed: 21 });
  const rng = new PythonRandom(22);
  const X = Array.from({ length: 30 }, () => rng.uniform(-1, 1));
  const Y = Array.from({ length: 20 }, () => rng.random());
  net.fit(X, Y, { epochs: 5, learningRate: 0.3, momentum: 0.4 });
  return net;
}

describe('network JSON', () => {
  it('round-trips through JSON text with identical predictions and continued training', () => {
    const net = trainedNetwork();
    const text = JSON.stringify(net);
    const loaded = BPNeuralNetwork.fromJSON(JSON.parse(text));
    const fromText = BPNeuralNetwork.fromJSON(text);
    expect(loaded.variant).toBe('seed');
    expect([loaded.inputs, loaded.hidden, loaded.outputs]).toEqual([3, 4, 2]);
    const rng = new PythonRandom(23);
    for (let k = 0; k < 20; k++) {
      const x = [rng.uniform(-2, 2), rng.uniform(-2, 2), rng.uniform(-2, 2)];
      const expected = net.predict(x);
      expect(loaded.predict(x)).toEqual(expected);
      expect(fromText.predict(x)).toEqual(expected);
    }
    const cases = [
      [0.1, 0.2, 0.3],
      [0.4, -0.5, 0.6],
    ];
    const labels = [
      [1, 0],
      [0, 1],
    ];
    net.train(cases, labels, 3, 0.2, 0.3);
    loaded.train(cases, labels, 3, 0.2, 0.3);
    expect(loaded.toJSON()).toEqual(net.toJSON());
  });

  it('saves the documented fields', () => {
    const saved = new BPNeuralNetwork({ inputs: 2, hidden: 5 }).toJSON();
    expect(Object.keys(saved).sort()).toEqual(
      [
        'format',
        'version',
        'variant',
        'inputs',
        'hidden',
        'outputs',
        'inputWeights',
        'outputWeights',
        'inputMomentum',
        'outputMomentum',
      ].sort(),
    );
    expect(saved).toMatchObject({ format: 'nn-timing-network', version: 1, variant: 'fixed' });
    expect(saved.inputWeights).toHaveLength(15);
    expect(saved.outputWeights).toHaveLength(5);
  });

  const good = () => JSON.parse(JSON.stringify(new BPNeuralNetwork({ inputs: 2, hidden: 3 })));

  it.each([
    ['a wrong format', (j: Record<string, unknown>) => (j.format = 'keras'), /format "keras"/],
    ['a wrong version', (j: Record<string, unknown>) => (j.version = 2), /version 2/],
    ['an unknown variant', (j: Record<string, unknown>) => (j.variant = 'new'), /variant "new"/],
    [
      'a missing field',
      (j: Record<string, unknown>) => delete j.outputMomentum,
      /missing "outputMomentum"/,
    ],
    [
      'a non-integer size',
      (j: Record<string, unknown>) => (j.hidden = 2.5),
      /"hidden" must be a positive integer/,
    ],
    [
      'weights of the wrong shape',
      (j: Record<string, unknown>) => (j.inputWeights = [1, 2, 3]),
      /"inputWeights" has 3 values, expected 9/,
    ],
    [
      'a shape that disagrees with the sizes',
      (j: Record<string, unknown>) => (j.inputs = 3),
      /"inputWeights" has 9 values, expected 12/,
    ],
    [
      'a NaN weight',
      (j: Record<string, unknown>) => ((j.outputWeights as number[])[1] = Number.NaN),
      /"outputWeights"\[1\] is NaN/,
    ],
    [
      'an infinite momentum',
      (j: Record<string, unknown>) => ((j.inputMomentum as number[])[4] = Number.POSITIVE_INFINITY),
      /"inputMomentum"\[4\] is Infinity/,
    ],
    [
      'a null weight (how JSON.stringify writes NaN)',
      (j: Record<string, unknown>) => ((j.inputWeights as unknown[])[0] = null),
      /"inputWeights"\[0\] is null/,
    ],
    [
      'weights that are not an array',
      (j: Record<string, unknown>) => (j.outputWeights = 'x'),
      /must be an array/,
    ],
  ])('rejects %s', (_name, spoil, message) => {
    const json = good();
    spoil(json);
    expect(() => BPNeuralNetwork.fromJSON(json)).toThrow(InputError);
    expect(() => BPNeuralNetwork.fromJSON(json)).toThrow(message);
  });

  it('rejects a truncated file and things that are not objects', () => {
    const text = JSON.stringify(new BPNeuralNetwork({ inputs: 2, hidden: 3 }));
    expect(() => BPNeuralNetwork.fromJSON(text.slice(0, text.length / 2))).toThrow(
      /not valid JSON \(truncated file\?\)/,
    );
    expect(() => BPNeuralNetwork.fromJSON(null)).toThrow(/must be an object/);
    expect(() => BPNeuralNetwork.fromJSON([1, 2])).toThrow(/must be an object/);
    expect(() => BPNeuralNetwork.fromJSON({ format: 'nn-timing-network' })).toThrow(
      /missing "version"/,
    );
  });
});

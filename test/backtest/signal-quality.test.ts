import { describe, expect, it } from 'vitest';
import { rocAuc, signalQuality } from '../../src/backtest/signal-quality.js';
import { InputError } from '../../src/errors.js';
import { PythonRandom } from '../../src/random/python-random.js';
import { dailySeries, targets } from './helpers.js';

const NONE = Number.NaN;

describe('hit rate, aligned to the fills', () => {
  // open  = [10, 11, 12, 11, 13, 13]; close = [10, 12, 11, 12, 12, 14]
  const series = dailySeries([10, 12, 11, 12, 12, 14], [10, 11, 12, 11, 13, 13]);
  const decided = targets([1, 1, -1, 0.5, -1, 1]);

  it('next-open fills score bar t against open[t+2] - open[t+1]', () => {
    // t=0: 12-11 = +1, long: hit.  t=1: 11-12 = -1, long: miss.  t=2: 13-11 = +2, short: miss.
    // t=3: 13-13 = 0: not scored.  t=4, t=5: the move lies past the data.
    const quality = signalQuality(series, decided);
    expect(quality.samples).toBe(3);
    expect(quality.hitRate).toBeCloseTo(1 / 3, 12);
    expect(quality.auc).toBeNull();
    expect(quality.brier).toBeNull();
  });

  it('same-bar close fills score bar t against close[t+1] - close[t]', () => {
    // t=0: +2 long hit. t=1: -1 long miss. t=2: +1 short miss. t=3: 0 not scored.
    // t=4: +2 short miss. t=5: past the data.
    const quality = signalQuality(series, decided, undefined, { fill: 'close' });
    expect(quality.samples).toBe(4);
    expect(quality.hitRate).toBeCloseTo(1 / 4, 12);
  });

  it('flat and undecided bars make no call', () => {
    const quality = signalQuality(series, targets([0, NONE, 0, 0, 0, 0]));
    expect(quality.samples).toBe(0);
    expect(quality.hitRate).toBeNull();
  });
});

describe('ROC AUC and Brier score', () => {
  it('Brier score by hand', () => {
    // open = [10, 10, 11, 10, 10.5]: next-open moves for t = 0, 1, 2 are +1, -1, +0.5.
    // Probabilities 0.8, 0.3, 0.6 against outcomes 1, 0, 1:
    // ((0.8-1)^2 + (0.3-0)^2 + (0.6-1)^2) / 3 = (0.04 + 0.09 + 0.16) / 3.
    const series = dailySeries([10, 10, 11, 10, 10.5], [10, 10, 11, 10, 10.5]);
    const quality = signalQuality(
      series,
      targets([1, 0, 1, NONE, NONE]),
      Float64Array.from([0.8, 0.3, 0.6, 0.9, 0.1]),
    );
    expect(quality.brier).toBeCloseTo(0.29 / 3, 12);
    expect(quality.probabilitySamples).toBe(3);
    // Ups (0.8, 0.6) both rank above the down (0.3): perfect ranking.
    expect(quality.auc).toBe(1);
  });

  it('a perfect ranking scores 1, a reversed one 0, all ties 0.5', () => {
    const labels = Uint8Array.from([0, 0, 1, 0, 1, 1]);
    expect(rocAuc(Float64Array.from([0.1, 0.2, 0.7, 0.3, 0.8, 0.9]), labels)).toBe(1);
    expect(rocAuc(Float64Array.from([0.9, 0.8, 0.3, 0.7, 0.2, 0.1]), labels)).toBe(0);
    expect(rocAuc(new Float64Array(6).fill(0.5), labels)).toBe(0.5);
  });

  it('counts a tie between an up and a down bar as one half', () => {
    // Ups score 0.5 and 0.9, downs 0.2 and 0.5. Pairs (up, down): (0.5, 0.2) 1, (0.5, 0.5) 1/2,
    // (0.9, 0.2) 1, (0.9, 0.5) 1: AUC = 3.5 / 4.
    const auc = rocAuc(Float64Array.from([0.2, 0.5, 0.5, 0.9]), Uint8Array.from([0, 1, 0, 1]));
    expect(auc).toBe(0.875);
  });

  it('is null with only one class', () => {
    expect(rocAuc(Float64Array.from([0.2, 0.4]), Uint8Array.from([1, 1]))).toBeNull();
  });

  it('random probabilities on a random walk score about 0.5', () => {
    // 4000 scored bars: the AUC's standard error under no skill is about
    // sqrt((n + 1) / (12 x 2000 x 2000)) = 0.009, so 0.04 is over 4 standard errors.
    const random = new PythonRandom(3);
    const n = 4002;
    const open: number[] = [];
    let price = 100;
    for (let i = 0; i < n; i++) {
      open.push(price);
      price *= random.random() < 0.5 ? 0.99 : 1.01;
    }
    const probabilities = Float64Array.from(open, () => random.random());
    const quality = signalQuality(
      dailySeries(open, open),
      new Float64Array(n).fill(NONE),
      probabilities,
    );
    expect(quality.probabilitySamples).toBe(n - 2);
    expect(Math.abs(quality.auc! - 0.5)).toBeLessThan(0.04);
    // Brier of uniform guesses: E[(p - y)^2] = 1/3.
    expect(Math.abs(quality.brier! - 1 / 3)).toBeLessThan(0.02);
  });
});

describe('invalid input', () => {
  const series = dailySeries([10, 11, 12]);
  it('rejects probabilities outside [0, 1], wrong lengths and bad targets', () => {
    expect(() =>
      signalQuality(series, targets([1, 1, 1]), Float64Array.from([0.5, 1.2, 0])),
    ).toThrow(InputError);
    expect(() => signalQuality(series, targets([1, 1, 1]), Float64Array.from([0.5]))).toThrow(
      /1 probabilities for 3 bars/,
    );
    expect(() => signalQuality(series, targets([1, 2, 1]))).toThrow(/targets must lie in/);
    expect(() => signalQuality(series, targets([1]))).toThrow(/1 targets for 3 bars/);
  });
});

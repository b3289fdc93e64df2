import { describe, expect, it } from 'vitest';
import { sigmoid } from '../../src/nn/sigmoid.js';
import { PythonRandom } from '../../src/random/python-random.js';

describe('sigmoid', () => {
  it('is finite and saturates for huge arguments instead of overflowing to NaN', () => {
    expect(sigmoid(1e6)).toBe(1);
    expect(sigmoid(-1e6)).toBe(0);
    expect(sigmoid(Number.POSITIVE_INFINITY)).toBe(1);
    expect(sigmoid(Number.NEGATIVE_INFINITY)).toBe(0);
    // Just past where exp(-x) overflows (x < -709.78) and underflows (x > 745).
    expect(sigmoid(-710)).toBe(0);
    expect(sigmoid(746)).toBe(1);
  });

  it('is the seed formula 1 / (1 + exp(-x)) bit for bit over the normal range', () => {
    const rng = new PythonRandom(99);
    for (let k = 0; k < 20000; k++) {
      const x = rng.uniform(-40, 40);
      expect(sigmoid(x)).toBe(1.0 / (1.0 + Math.exp(-x)));
    }
    expect(sigmoid(0)).toBe(0.5);
  });

  it('matches known values', () => {
    // 1 / (1 + e^-2) = 0.8807970779778823 and 1 / (1 + e^2) = 0.11920292202211755 (CPython).
    expect(sigmoid(2)).toBeCloseTo(0.8807970779778823, 15);
    expect(sigmoid(-2)).toBeCloseTo(0.11920292202211755, 15);
  });
});

import { describe, expect, it } from 'vitest';
import { seedSpread, spreadOf } from '../../src/run/seed-spread.js';

describe('spreadOf', () => {
  it('takes min, median and max of the values that exist', () => {
    expect(spreadOf([0.3, -0.1, 0.2])).toEqual({ min: -0.1, median: 0.2, max: 0.3 });
    // Even count: the mean of the two middle values, (0.2 + 0.4) / 2.
    expect(spreadOf([0.4, 0.1, 0.2, 0.9])).toEqual({ min: 0.1, median: (0.2 + 0.4) / 2, max: 0.9 });
    expect(spreadOf([null, 0.5, null])).toEqual({ min: 0.5, median: 0.5, max: 0.5 });
    expect(spreadOf([null, null])).toEqual({ min: null, median: null, max: null });
  });
});

describe('seedSpread', () => {
  it('keeps the seeds in run order next to the baseline', () => {
    const spread = seedSpread(
      [
        { seed: 5, sharpe: 0.5, totalReturn: 0.2, pValue: 0.3 },
        { seed: 6, sharpe: null, totalReturn: -0.1, pValue: null },
      ],
      0.4,
      0.25,
    );
    expect(spread).toEqual({
      seeds: [5, 6],
      sharpe: { min: 0.5, median: 0.5, max: 0.5 },
      totalReturn: { min: -0.1, median: (0.2 - 0.1) / 2, max: 0.2 },
      pValue: { min: 0.3, median: 0.3, max: 0.3 },
      baselineSharpe: 0.4,
      baselineReturn: 0.25,
    });
  });
});

import { describe, expect, it } from 'vitest';
import {
  adjustPValue,
  decideVerdict,
  sortedQuantile,
  summariseSharpeDifference,
  type VerdictInput,
} from '../../src/backtest/verdict.js';

describe('interval and minimum detectable difference from the bootstrap deviations', () => {
  // Ten sorted deviations d* - d; observed per-bar difference 0.25; annualising scale 2.
  const deviations = Float64Array.from([-0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6]);

  it('takes the ceil(level x R)-th smallest value as the quantile', () => {
    expect(sortedQuantile(deviations, 0.1)).toBe(-0.3);
    expect(sortedQuantile(deviations, 0.2)).toBe(-0.2);
    expect(sortedQuantile(deviations, 1 - (1 - 0.8) / 2)).toBe(0.5);
    expect(sortedQuantile(deviations, 0.95)).toBe(0.6);
    expect(sortedQuantile(deviations, 0.999)).toBe(0.6);
    expect(sortedQuantile(deviations, 0)).toBe(-0.3);
  });

  it('basic interval [d - q_hi, d - q_lo] and q_(1 - alpha) - q_0.2, annualised', () => {
    // 80% interval: q_0.9 = 0.5, q_0.1 = -0.3 -> [0.25 - 0.5, 0.25 + 0.3] = [-0.25, 0.55], x 2.
    // alpha 0.1: q_0.9 - q_0.2 = 0.5 + 0.2 = 0.7, x 2 = 1.4.
    const one = summariseSharpeDifference(0.25, deviations, {
      confidence: 0.8,
      trials: 1,
      alpha: 0.1,
      scale: 2,
    });
    expect(one.sharpeDiff).toBe(0.5);
    expect(one.sharpeDiffCI[0]).toBeCloseTo(-0.5, 12);
    expect(one.sharpeDiffCI[1]).toBeCloseTo(1.1, 12);
    expect(one.minDetectableDiff).toBeCloseTo(1.4, 12);
    // Two trials: the test runs at 0.05, q_0.95 = 0.6 -> (0.6 + 0.2) x 2 = 1.6.
    const two = summariseSharpeDifference(0.25, deviations, {
      confidence: 0.8,
      trials: 2,
      alpha: 0.1,
      scale: 2,
    });
    expect(two.minDetectableDiff).toBeCloseTo(1.6, 12);
  });

  it('adjusts p by Bonferroni, capped at 1', () => {
    expect(adjustPValue(0.01, 1)).toBe(0.01);
    expect(adjustPValue(0.01, 4)).toBe(0.04);
    expect(adjustPValue(0.3, 5)).toBe(1);
  });
});

describe('verdict kinds', () => {
  const base: VerdictInput = {
    summary: { sharpeDiff: 0.1, sharpeDiffCI: [-0.2, 0.4], minDetectableDiff: 0.5 },
    pValue: 0.3,
    pValueAdjusted: 0.3,
    alpha: 0.05,
    confidence: 0.9,
    trials: 1,
    returns: 1000,
    minReturns: 20,
  };

  it('no-edge when the interval ends below the detectable difference', () => {
    const v = decideVerdict(base);
    expect(v.kind).toBe('no-edge');
    expect(v.text).toBe(
      "No edge: the strategy's Sharpe ratio is +0.10 a year against the baseline's (90% interval −0.20 to +0.40; p = 0.3). This sample detects a difference of 0.50 or more 80% of the time, and the interval rules out a lead that large.",
    );
  });

  it('inconclusive when the interval reaches the detectable difference', () => {
    const v = decideVerdict({
      ...base,
      summary: { sharpeDiff: 0.1, sharpeDiffCI: [-0.3, 0.6], minDetectableDiff: 0.5 },
    });
    expect(v.kind).toBe('inconclusive');
    expect(v.text).toMatch(/^Inconclusive: .* an edge may be there unseen\.$/);
  });

  it('edge on the adjusted p, and says how it was adjusted', () => {
    const edge = { ...base, pValue: 0.01, pValueAdjusted: 0.01 };
    expect(decideVerdict(edge).kind).toBe('edge');
    const tried = { ...edge, trials: 10, pValueAdjusted: 0.1 };
    const v = decideVerdict(tried);
    expect(v.kind).toBe('no-edge');
    expect(v.text).toContain('p = 0.1 after adjusting for 10 trials (0.01 before)');
  });

  it('invalid overrides everything when lookahead was found', () => {
    const v = decideVerdict({
      ...base,
      pValue: 0.001,
      pValueAdjusted: 0.001,
      lookaheadFound: true,
    });
    expect(v.kind).toBe('invalid');
  });

  it('inconclusive with too little data', () => {
    const v = decideVerdict({
      ...base,
      summary: null,
      pValue: null,
      pValueAdjusted: null,
      returns: 4,
    });
    expect(v).toEqual({
      kind: 'inconclusive',
      text: 'Inconclusive: too little data to test for an edge (4 per-bar returns, at least 20 needed).',
    });
  });
});

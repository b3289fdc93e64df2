import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { parseWalkForward, walkForwardOptimisation } from '../../src/sweep/walk-forward.js';
import { weekdayTimes } from '../backtest/helpers.js';

/** Alternating +up / -down returns (a positive mean when up > down), 0 on bar 0. */
function zigzag(n: number, up: number, down: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => (i === 0 ? 0 : i % 2 ? up : -down));
}

describe('walk-forward optimisation', () => {
  it('parses train=<bars>,test=<bars>', () => {
    expect(parseWalkForward('train=100,test=20')).toEqual({ train: 100, test: 20 });
    expect(() => parseWalkForward('train=5,test=2')).toThrow(InputError);
    expect(() => parseWalkForward('100,20')).toThrow(InputError);
  });

  it('trades the in-sample best on the next segment and pays for switching (worked by hand)', () => {
    // 61 bars, returns on 1..60: A gains on bars 1..30 and loses on 31..60, B the reverse.
    const n = 61;
    const a = new Float64Array(n);
    const b = new Float64Array(n);
    const good = zigzag(n, 0.02, 0.01);
    const bad = zigzag(n, 0.01, 0.02);
    for (let i = 1; i < n; i++) {
      a[i] = i <= 30 ? good[i] : bad[i];
      b[i] = i <= 30 ? bad[i] : good[i];
    }
    const position = (x: number) => new Float64Array(n).fill(x);
    const report = walkForwardOptimisation({
      trials: [
        { params: { p: 'A' }, seed: 1, returns: a, position: position(1) },
        { params: { p: 'B' }, seed: 1, returns: b, position: position(0.5) },
      ],
      baselineReturns: new Float64Array(n),
      time: Float64Array.from(weekdayTimes(n)),
      spec: { train: 20, test: 10 },
      metric: 'totalReturn',
      costRate: 0.001,
      periodsPerYear: 252,
      riskFree: 0,
      resamples: 99,
      seed: 1,
      alpha: 0.05,
    });
    // Steps start at bars 1, 11, 21, 31 (test segments 21-30, 31-40, 41-50, 51-60).
    // In-sample total returns: 1-20 and 11-30 favour A; 21-40 holds 10 good and 10 bad bars of
    // each, the same growth up to rounding, and A keeps it; 31-50 favours B.
    expect(report.steps.map((s) => s.params.p)).toEqual(['A', 'A', 'A', 'B']);
    // Stitched: A on 21..50, B on 51..60, and one switch A -> B paying |0.5 - 1| x 0.001.
    let expected = 1;
    for (let t = 21; t <= 50; t++) expected *= 1 + a[t];
    for (let t = 51; t <= 60; t++) expected *= 1 + b[t] - (t === 51 ? 0.0005 : 0);
    expect(report.bars).toBe(40);
    expect(report.switchingCost).toBeCloseTo(0.0005, 15);
    expect(report.totalReturn).toBeCloseTo(expected - 1, 12);
    expect(report.steps[0].testFrom).toBe(new Date(weekdayTimes(n)[21]).toISOString().slice(0, 10));
  });
});

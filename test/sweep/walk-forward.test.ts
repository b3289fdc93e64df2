import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import {
  parseWalkForward,
  type WalkForwardInput,
  walkForwardCsv,
  walkForwardOptimisation,
} from '../../src/sweep/walk-forward.js';
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
    const { report } = walkForwardOptimisation({
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

  // Ten bars (returns on 1..9), train 3, test 2: steps choose on 1-3, 3-5 and 5-7 and trade 4-5,
  // 6-7 and 8-9. By total return: A on 1-3 (+3.03% vs -1%); B on 3-5 (1.01 x 1.01 = +2.01% vs
  // 1.01 x 0.98 x 1.03 = +1.95%) and on 5-7 (1.01 x 1.02 x 1.02 vs 1.03 x 0.99 x 0.99).
  const A = [0, 0.01, 0.01, 0.01, -0.02, 0.03, -0.01, -0.01, 0.02, 0];
  const B = [0, -0.01, 0, 0, 0.01, 0.01, 0.02, 0.02, -0.01, 0.01];
  const hand = (a: number[], b: number[]): WalkForwardInput => ({
    trials: [
      {
        params: { p: 'A' },
        seed: 1,
        returns: Float64Array.from(a),
        position: new Float64Array(10).fill(1),
      },
      {
        params: { p: 'B' },
        seed: 1,
        returns: Float64Array.from(b),
        position: new Float64Array(10).fill(0.5),
      },
    ],
    baselineReturns: new Float64Array(10).fill(0.001),
    time: Float64Array.from(weekdayTimes(10)),
    spec: { train: 3, test: 2 },
    metric: 'totalReturn',
    costRate: 0.001,
    periodsPerYear: 252,
    riskFree: 0,
    resamples: 99,
    seed: 1,
    alpha: 0.05,
  });

  it('stitches each out-of-sample segment from its own in-sample choice (worked by hand)', () => {
    const { report, series } = walkForwardOptimisation(hand(A, B));
    expect(report.steps.map((s) => s.params.p)).toEqual(['A', 'B', 'B']);
    expect(report.steps.map((s) => s.trial)).toEqual([0, 1, 1]);
    expect(Array.from(series.step)).toEqual([0, 0, 1, 1, 2, 2]);
    expect(Array.from(series.time)).toEqual(weekdayTimes(10).slice(4));
    // A on 4-5, B on 6-9; the switch A -> B on bar 6 pays |0.5 - 1| x 0.001 = 0.0005.
    const returns = [-0.02, 0.03, 0.02 - 0.0005, 0.02, -0.01, 0.01];
    expect(Array.from(series.returns)).toEqual(returns);
    const equity = [
      0.98,
      0.98 * 1.03,
      0.98 * 1.03 * 1.0195,
      0.98 * 1.03 * 1.0195 * 1.02,
      0.98 * 1.03 * 1.0195 * 1.02 * 0.99,
      0.98 * 1.03 * 1.0195 * 1.02 * 0.99 * 1.01,
    ];
    for (let i = 0; i < 6; i++) {
      expect(series.equity[i]).toBeCloseTo(equity[i], 14);
      expect(series.baselineEquity[i]).toBeCloseTo(1.001 ** (i + 1), 14);
    }
    expect(report.totalReturn).toBeCloseTo(equity[5] - 1, 14);
    expect(report.baselineTotalReturn).toBeCloseTo(1.001 ** 6 - 1, 14);
    // The deepest fall: from the start (1) to 0.98.
    expect(report.maxDrawdown).toBeCloseTo(-0.02, 14);
    expect(report.baselineMaxDrawdown).toBe(0);
    expect(report.bars).toBe(6);
    expect([report.from, report.to]).toEqual(
      [4, 9].map((i) => new Date(weekdayTimes(10)[i]).toISOString().slice(0, 10)),
    );

    const csv = walkForwardCsv({ report, series }, ['p']).trim().split('\n');
    expect(csv[0]).toBe('date,step,trial,p,seed,return,equity,baseline_return,baseline_equity');
    expect(csv).toHaveLength(7);
    expect(csv[3].split(',').slice(1, 6)).toEqual(['1', '1', 'B', '1', String(0.02 - 0.0005)]);
  });

  it('a bar changes only the choices of the steps that train on it', () => {
    // Bar 6 is traded by step 2 and trained on by step 3 only: a windfall for A there leaves
    // steps 1 and 2 as they were and makes step 3 choose A.
    const lucky = [...A];
    lucky[6] = 0.5;
    const { report, series } = walkForwardOptimisation(hand(lucky, B));
    expect(report.steps.map((s) => s.params.p)).toEqual(['A', 'B', 'A']);
    // Step 2 still trades B on 6-7 and never sees A's windfall; B -> A on bar 8 pays 0.0005.
    expect(Array.from(series.returns)).toEqual([-0.02, 0.03, 0.0195, 0.02, 0.02 - 0.0005, 0]);
  });
});

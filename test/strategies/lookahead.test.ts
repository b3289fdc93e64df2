import { describe, expect, it } from 'vitest';
import { defineStrategy } from '../../src/strategy/define.js';
import { checkLookahead } from '../../src/strategy/lookahead.js';
import { builtinStrategies, nnTiming } from '../../strategies/index.js';
import { SMALL_NN, syntheticSeries } from '../walkforward/synthetic.js';

const series = syntheticSeries(700, 11, 0.004);

/** Small settings so every strategy makes decisions well inside 700 bars. */
const PARAMS: Record<string, Record<string, unknown>> = {
  'buy-and-hold': {},
  'sma-cross': { fast: 5, slow: 20 },
  'rsi-reversion': { period: 5, low: 40, high: 60 },
  'macd-cross': {},
  random: { exposure: 0.6, holding: 5 },
  'nn-timing': { ...SMALL_NN, features: structuredClone(SMALL_NN.features), testBars: 40 },
};

describe('checkLookahead', () => {
  it('covers every built-in strategy', () => {
    expect(Object.keys(builtinStrategies).sort()).toEqual(Object.keys(PARAMS).sort());
  });

  it.each(Object.keys(PARAMS))('passes %s', async (name) => {
    const report = await checkLookahead(builtinStrategies[name], series, {
      params: PARAMS[name],
      cuts: name === 'nn-timing' ? 4 : 10,
      context: { threads: 1, allowShort: name !== 'buy-and-hold' && name !== 'random' },
    });
    expect(report.violations).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.cuts.length).toBeGreaterThan(0);
  });

  it("catches a strategy that trades on tomorrow's close", async () => {
    const cheat = defineStrategy({
      name: 'cheat',
      description: 'Long when the next close is higher.',
      params: {},
      warmup: () => 0,
      run(s) {
        const positions = new Float64Array(s.time.length);
        for (let t = 0; t + 1 < s.time.length; t++)
          positions[t] = s.close[t + 1] > s.close[t] ? 1 : 0;
        return { positions };
      },
    });
    const report = await checkLookahead(cheat, series, { cuts: 10 });
    expect(report.ok).toBe(false);
    // The cheat's decision at the cut itself reads the replaced bar after it.
    expect(report.violations.some((v) => v.bar === v.cut && v.column === 'positions')).toBe(true);
  });

  it('catches a walk-forward whose probabilities peek one bar ahead', async () => {
    const peeking = defineStrategy({
      ...nnTiming,
      name: 'peeking-nn',
      async run(s, params, context) {
        const output = await nnTiming.run(s, params, context);
        const shifted = new Float64Array(output.probabilities!.length).fill(Number.NaN);
        shifted.set(output.probabilities!.subarray(1));
        return { positions: output.positions, probabilities: shifted };
      },
    });
    const report = await checkLookahead(peeking, series, {
      params: PARAMS['nn-timing'],
      cuts: 3,
      context: { threads: 1 },
    });
    expect(report.ok).toBe(false);
    expect(report.violations[0].column).toBe('probabilities');
  });
});

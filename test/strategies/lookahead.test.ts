import { describe, expect, it } from 'vitest';
import type { PriceSeries } from '../../src/data/types.js';
import { stratifiedCuts } from '../../src/features/lookahead.js';
import { PythonRandom } from '../../src/random/python-random.js';
import { defineStrategy } from '../../src/strategy-contract/define.js';
import { checkLookahead, DEFAULT_LOOKAHEAD_CUTS } from '../../src/strategy-contract/lookahead.js';
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

/**
 * A strategy that follows yesterday's move, except on the bars `peeks` marks, where it reads
 * `reach` bars ahead and goes long when that future close is higher.
 */
function sparsePeeker(name: string, peeks: (s: PriceSeries, t: number) => boolean, reach = 1) {
  return defineStrategy({
    name,
    description: 'Peeks on some bars only.',
    params: {},
    warmup: () => 1,
    run(s) {
      const positions = new Float64Array(s.time.length).fill(Number.NaN);
      for (let t = 1; t < s.time.length; t++) {
        const peek = t + reach < s.time.length && peeks(s, t);
        positions[t] = (peek ? s.close[t + reach] > s.close[t] : s.close[t] > s.close[t - 1])
          ? 1
          : 0;
      }
      return { positions };
    },
  });
}

describe('checkLookahead catches strategies that peek only sometimes', () => {
  const bars = 500;
  const sparse = syntheticSeries(bars, 5, 0);
  const chosen = new Set<number>();
  const draw = new PythonRandom(99);
  for (let t = 0; t < bars; t++) if (draw.random() < 0.2) chosen.add(t);
  const weekday = (s: PriceSeries, t: number) => new Date(s.time[t]).getUTCDay() === 3;
  const peekers = {
    'one weekday in five': { peeks: weekday, reach: 1 },
    'every 7th bar': { peeks: (_: PriceSeries, t: number) => t % 7 === 0, reach: 1 },
    'a random 20% of bars': { peeks: (_: PriceSeries, t: number) => chosen.has(t), reach: 1 },
    'three bars ahead on one weekday in five': { peeks: weekday, reach: 3 },
    'every bar of the last fifth only': {
      peeks: (_: PriceSeries, t: number) => t >= bars * 0.8,
      reach: 1,
    },
  };
  const rounds = 60;

  it.each(Object.entries(peekers))('%s', async (name, { peeks, reach }) => {
    const strategy = sparsePeeker('sparse', peeks, reach);
    // Bars the check can cut at: from the warm-up to the second-to-last bar.
    let peeking = 0;
    for (let t = 1; t < bars - 1; t++) if (t + reach < bars && peeks(sparse, t)) peeking++;
    const share = peeking / (bars - 2);
    const original = await strategy.run(sparse, {}, { seed: 1, allowShort: false });
    let missed = 0;
    for (let seed = 1; seed <= rounds; seed++) {
      const report = await checkLookahead(strategy, sparse, { seed, original });
      expect(report.cuts).toHaveLength(DEFAULT_LOOKAHEAD_CUTS);
      if (report.ok) missed++;
      else expect(report.firstBar).toBe(Math.min(...report.violations.map((v) => v.bar)));
    }
    // A cut on a peeking bar always catches it (the replaced move goes the other way), so
    // misses follow (1 - share)^cuts; allow a few more than that many times `rounds`.
    const bound = (1 - share) ** DEFAULT_LOOKAHEAD_CUTS;
    expect([name, share >= 0.14]).toEqual([name, true]);
    expect(missed).toBeLessThanOrEqual(Math.max(2, Math.ceil(3 * bound * rounds)));
    if (share >= 0.2) expect(missed).toBeLessThanOrEqual(2);
  });

  it('catches the weekday peeker at the default settings', async () => {
    const report = await checkLookahead(sparsePeeker('wednesday', weekday), sparse);
    expect(report.ok).toBe(false);
    expect(new Date(sparse.time[report.firstBar!]).getUTCDay()).toBe(3);
  });
});

describe('stratifiedCuts', () => {
  it('draws one cut in each equal part of the range, ascending', () => {
    const cuts = stratifiedCuts(100, 1000, 25, new PythonRandom(4));
    expect(cuts).toHaveLength(25);
    cuts.forEach((cut, i) => {
      expect(cut).toBeGreaterThanOrEqual(100 + i * 40);
      expect(cut).toBeLessThan(100 + (i + 1) * 40);
    });
  });

  it('takes every bar when the range is no longer than the count', () => {
    expect(stratifiedCuts(7, 4, 25, new PythonRandom(1))).toEqual([7, 8, 9, 10]);
  });
});

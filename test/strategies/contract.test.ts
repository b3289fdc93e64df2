import { describe, expect, it } from 'vitest';
import { defineStrategy } from '../../src/strategy-contract/define.js';
import { testStrategyContract } from '../../src/strategy-contract/index.js';
import { builtinStrategies } from '../../strategies/index.js';
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

/** Long while the close is above the close `lookback` bars ago. */
function momentum(run?: (close: Float64Array, t: number) => number, warmup = 3) {
  return defineStrategy<{ lookback: number }>({
    name: 'momentum',
    description: 'Long while the close is above the close lookback bars ago.',
    params: { lookback: { type: 'integer', default: 3, min: 1, description: 'Bars back.' } },
    warmup: () => warmup,
    run(s, { lookback }) {
      const positions = new Float64Array(s.close.length).fill(Number.NaN);
      for (let t = lookback; t < positions.length; t++) {
        positions[t] = run ? run(s.close, t) : s.close[t] > s.close[t - lookback] ? 1 : 0;
      }
      return { positions };
    },
  });
}

describe('testStrategyContract', () => {
  it('covers every built-in strategy', () => {
    expect(Object.keys(builtinStrategies).sort()).toEqual(Object.keys(PARAMS).sort());
  });

  it.each(Object.keys(PARAMS))('passes %s', async (name) => {
    const report = await testStrategyContract(builtinStrategies[name], {
      params: PARAMS[name],
      series,
      cuts: name === 'nn-timing' ? 3 : 8,
    });
    expect(report.lookahead.violations).toEqual([]);
    expect(report.lookahead.cuts.length).toBeGreaterThan(0);
  });

  it('passes a correct user strategy on its own generated data', async () => {
    const report = await testStrategyContract(momentum());
    expect(report).toMatchObject({ strategy: 'momentum', warmup: 3 });
    expect(report.bars).toBeGreaterThan(3);
    expect(report.lookahead.ok).toBe(true);
  });

  it('names a warm-up that is not the first decision', async () => {
    await expect(testStrategyContract(momentum(undefined, 5))).rejects.toThrow(
      'the first decision is at bar 3, but warmup(params) declares 5',
    );
  });

  it("catches a strategy that reads tomorrow's close", async () => {
    const peek = momentum((close, t) => (t + 1 < close.length && close[t + 1] > close[t] ? 1 : 0));
    await expect(testStrategyContract(peek)).rejects.toThrow(/lookahead: positions at bar \d+/);
  });

  it('catches output outside the allowed range and a run that is not repeatable', async () => {
    const short = momentum(() => -1);
    await expect(testStrategyContract(short)).rejects.toThrow(/long-only: .*outside \[0, 1\]/);
    let calls = 0;
    const drifting = momentum(() => (calls++ % 7 === 0 ? 1 : 0));
    await expect(testStrategyContract(drifting)).rejects.toThrow(
      'two runs with the same seed gave different positions',
    );
  });
});

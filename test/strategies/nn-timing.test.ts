import { describe, expect, it } from 'vitest';
import { compare, runBacktest, signalQuality } from '../../src/backtest/index.js';
import { createPriceSeries, sliceSeries } from '../../src/data/price-series.js';
import type { PriceSeries } from '../../src/data/types.js';
import { InputError } from '../../src/errors.js';
import { resolveParams } from '../../src/strategy-contract/params.js';
import type { WalkForwardDiagnostics } from '../../src/walkforward/types.js';
import { nnTiming } from '../../strategies/nn-timing.js';
import { SMALL_NN, syntheticSeries } from '../walkforward/synthetic.js';

const params = resolveParams(nnTiming, {
  ...SMALL_NN,
  features: structuredClone(SMALL_NN.features),
});

/** nn-timing against buy-and-hold over the bars where nn-timing decides, after default costs. */
async function verdict(series: PriceSeries) {
  const output = await nnTiming.run(series, params, { seed: 7, allowShort: false, threads: 1 });
  const start = nnTiming.warmup(params);
  expect(output.positions[start - 1]).toBeNaN();
  expect(output.positions[start]).not.toBeNaN();
  const window = sliceSeries(series, start);
  const strategy = runBacktest(window, output.positions.subarray(start));
  const baseline = runBacktest(window, new Float64Array(window.time.length).fill(1));
  const comparison = compare(strategy, baseline, { seed: 1 });
  const quality = signalQuality(
    window,
    output.positions.subarray(start),
    output.probabilities!.subarray(start),
  );
  return { strategy, baseline, comparison, quality };
}

describe('nn-timing', () => {
  it('learns a planted pattern and trades it profitably out of sample, after costs', async () => {
    // Next return +0.6% on average after a 5-bar fall, -0.6% after a 5-bar rise (noise sd 1%):
    // the best possible hit rate is P(N(0.6, 1) > 0) = 0.73.
    const { strategy, baseline, comparison, quality } = await verdict(
      syntheticSeries(2000, 1, 0.006),
    );
    expect(strategy.stats.sharpe!).toBeGreaterThan(baseline.stats.sharpe! + 1);
    expect(strategy.stats.totalReturn).toBeGreaterThan(baseline.stats.totalReturn);
    expect(comparison.pValue!).toBeLessThan(0.01);
    expect(comparison.edge).toBe(true);
    expect(quality.auc!).toBeGreaterThan(0.6);
    expect(strategy.stats.totalCosts).toBeGreaterThan(0);
  });

  it('finds no edge in a pure random walk', async () => {
    const { comparison, quality } = await verdict(syntheticSeries(2000, 1, 0));
    expect(comparison.pValue!).toBeGreaterThan(0.05);
    expect(comparison.edge).toBe(false);
    expect(quality.auc!).toBeGreaterThan(0.44);
    expect(quality.auc!).toBeLessThan(0.56);
  });

  it("needs warm-up + the first window's training rows + embargo bars before its first decision", () => {
    // Default features (returns up to 20 bars) start at bar 20; the first window has 250
    // training rows; next-open labels of horizon 1 read 2 bars ahead.
    const defaults = resolveParams(nnTiming, {});
    expect(nnTiming.warmup(defaults)).toBe(20 + 250 + 1);
    expect(nnTiming.warmup(resolveParams(nnTiming, { horizon: 5, labelBasis: 'close' }))).toBe(
      20 + 250 + 4,
    );
    // A first window longer than trainBars is a full window.
    expect(nnTiming.warmup(resolveParams(nnTiming, { trainBars: 100 }))).toBe(20 + 100 + 1);
    expect(nnTiming.warmup(resolveParams(nnTiming, { minTrainBars: 1260 }))).toBe(20 + 1260 + 1);
  });

  it('runs its default features on a close-only file', async () => {
    const full = syntheticSeries(400, 3, 0);
    const closeOnly = createPriceSeries({ time: full.time, close: full.close }, 'CLOSE');
    const output = await nnTiming.run(
      closeOnly,
      resolveParams(nnTiming, { trainBars: 150, testBars: 100, hidden: 3, epochs: 5 }),
      { seed: 1, allowShort: false, threads: 1 },
    );
    const diagnostics = output.diagnostics as unknown as WalkForwardDiagnostics;
    expect(diagnostics.features).toEqual(['sign_1', 'ret_1', 'ret_2', 'ret_5', 'ret_10', 'ret_20']);
  });

  it('checks its parameters', () => {
    expect(() => resolveParams(nnTiming, { upper: 0.4, lower: 0.5 })).toThrow(InputError);
    expect(() => resolveParams(nnTiming, { features: '[{"kind":"rsi"}]' })).toThrow(
      'missing parameter "period"',
    );
    expect(() => resolveParams(nnTiming, { hidden: 0 })).toThrow(
      'must be a whole number from 1 to 256, got 0.',
    );
    expect(() => resolveParams(nnTiming, { mode: 'sliding' })).toThrow(
      'must be one of "rolling", "expanding"',
    );
    expect(resolveParams(nnTiming, { fineTune: 'true', ensemble: '3' })).toMatchObject({
      fineTune: true,
      ensemble: 3,
    });
  });
});

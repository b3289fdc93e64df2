import { describe, expect, it } from 'vitest';
import { createPriceSeries } from '../../src/data/price-series.js';
import type { PriceSeries } from '../../src/data/types.js';
import { InputError } from '../../src/errors.js';
import { predictWithModel } from '../../src/model/predict.js';
import { applyThresholds, decidePositions } from '../../src/model/thresholds.js';
import { resolveParams } from '../../src/strategy-contract/params.js';
import { walkForward } from '../../src/walkforward/engine.js';
import { walkForwardSchedule } from '../../src/walkforward/schedule.js';
import { searchThresholds, thresholdLevels } from '../../src/walkforward/threshold-search.js';
import type { WalkForwardDiagnostics } from '../../src/walkforward/types.js';
import { nnTiming, nnTimingConfig } from '../../strategies/nn-timing.js';
import { SMALL_NN, syntheticSeries } from './synthetic.js';

const NaN_ = Number.NaN;
const band = { upper: 0.52, lower: 0.48 };

describe('minimum holding', () => {
  it('keeps each position for minHold bars, then follows the thresholds again', () => {
    const p = Float64Array.of(NaN_, 0.6, 0.4, 0.4, 0.6, 0.6, 0.4, 0.5, 0.4);
    // minHold 1 is plain hysteresis.
    expect(Array.from(applyThresholds(p, band, false, 1))).toEqual([NaN_, 1, 0, 0, 1, 1, 0, 0, 0]);
    // Long at bar 1 is kept through bars 2 and 3 (the sell signals are ignored); at bar 4 the
    // signal is long again, so nothing changes; flat at bar 6 is kept through bar 8.
    expect(Array.from(applyThresholds(p, band, false, 3))).toEqual([NaN_, 1, 1, 1, 1, 1, 0, 0, 0]);
  });

  it('counts from the last change, not from the start; starting flat is no trade', () => {
    // Flat at bar 0 (between the levels) does not start a hold: long at bar 1 is allowed.
    expect(Array.from(applyThresholds(Float64Array.of(0.5, 0.6), band, false, 5))).toEqual([0, 1]);
    // Long at 0, held through 1; free again at 2 (still long); flat at 3, held through 4.
    const p = Float64Array.of(0.6, 0.4, 0.6, 0.4, 0.6, 0.6);
    expect(Array.from(applyThresholds(p, band, false, 2))).toEqual([1, 1, 1, 0, 0, 1]);
    expect(Array.from(applyThresholds(p, band, true, 2))).toEqual([1, 1, 1, -1, -1, 1]);
  });

  it('uses the thresholds of each bar', () => {
    const p = Float64Array.of(0.6, 0.6, 0.6, 0.4);
    const upper = Float64Array.of(0.7, 0.7, 0.55, 0.55);
    const lower = Float64Array.of(0.3, 0.3, 0.45, 0.45);
    expect(Array.from(decidePositions(p, upper, lower, false))).toEqual([0, 0, 1, 0]);
  });
});

describe('threshold search', () => {
  // Predictions at five training rows and what a position decided there earns.
  const p = Float64Array.of(0.3, 0.7, 0.5, 0.9, 0.1);
  const r = Float64Array.of(0.01, 0.02, -0.01, 0.03, -0.02);

  it('tries the 10%..90% quantiles (nearest rank below) as levels', () => {
    // Sorted 0.1 0.3 0.5 0.7 0.9; floor(q * 4) for q = 0.1..0.9 is 0 0 1 1 2 2 2 3 3.
    expect(thresholdLevels(p)).toEqual([0.1, 0.3, 0.5, 0.7]);
  });

  it('picks the band that earns most, ties to the first tried', () => {
    // By hand, long only, no cost (positions by bar; p at a level is between, so kept):
    //   (0.1, 0.1) 1 1 1 1 1 -> 0.03    (0.1, 0.3) 0 1 1 1 1 -> 0.02
    //   (0.1, 0.5) 0 1 1 1 1 -> 0.02    (0.1, 0.7) 0 0 0 1 1 -> 0.01
    //   (0.3, 0.3) 0 1 1 1 0 -> 0.04    (0.3, 0.5) 0 1 1 1 0 -> 0.04
    //   (0.3, 0.7) 0 0 0 1 0 -> 0.03    (0.5, 0.5) 0 1 1 1 0 -> 0.04
    //   (0.5, 0.7), (0.7, 0.7) 0 0 0 1 0 -> 0.03
    const options = { tradeCost: 0, allowShort: false, minHold: 1 };
    expect(searchThresholds(p, r, options)).toEqual({ lower: 0.3, upper: 0.3 });
  });

  it('charges tradeCost per unit of position change, which favours fewer trades', () => {
    // At 0.02 a change: (0.1, 0.1) enters once: 0.03 - 0.02 = 0.01; (0.3, 0.3) enters and
    // leaves: 0.04 - 0.04 = 0; (0.1, 0.3) and (0.1, 0.5): 0.02 - 0.02 = 0; the rest below 0.
    const options = { tradeCost: 0.02, allowShort: false, minHold: 1 };
    expect(searchThresholds(p, r, options)).toEqual({ lower: 0.1, upper: 0.1 });
  });

  it('simulates the minimum holding it will be applied with', () => {
    // minHold 4, no cost: (0.3, 0.3) enters at bar 1 and must stay long at bar 4:
    // 0.02 - 0.01 + 0.03 - 0.02 = 0.02; (0.3, 0.7) enters at bar 3: 0.03 - 0.02 = 0.01;
    // (0.1, 0.1) is long throughout: 0.03, now the best.
    const options = { tradeCost: 0, allowShort: false, minHold: 4 };
    expect(searchThresholds(p, r, options)).toEqual({ lower: 0.1, upper: 0.1 });
  });
});

/** The series with every price after bar `cut` times `factor` (a different future, same past). */
function otherFuture(series: PriceSeries, cut: number, factor: number): PriceSeries {
  const moved = (values: Float64Array) => values.map((v, t) => (t > cut ? v * factor : v));
  return createPriceSeries(
    {
      time: series.time,
      open: moved(series.open),
      high: moved(series.high),
      low: moved(series.low),
      close: moved(series.close),
      volume: series.volume,
    },
    series.symbol,
  );
}

describe('nn-timing with searched thresholds', () => {
  const series = syntheticSeries(700, 4, 0.004);

  it('searches each window on data known before its first test bar only', async () => {
    // A close-based label of horizon 1 reads one bar ahead, the held return two: the newest
    // training row's return is not known at the first test bar and must be left out.
    for (const thresholdRule of ['train', 'validation'] as const) {
      const params = resolveParams(nnTiming, {
        ...SMALL_NN,
        features: structuredClone(SMALL_NN.features),
        labelBasis: 'close',
        thresholdRule,
        minHold: 2,
      });
      const context = { seed: 3, allowShort: false, threads: 1 };
      const output = await nnTiming.run(series, params, context);
      const windows = walkForwardSchedule({
        bars: series.time.length,
        firstRow: 14,
        trainBars: 250,
        minTrainBars: 250,
        testBars: 50,
        mode: 'rolling',
        lookahead: 1,
      });
      const diagnostics = output.diagnostics as unknown as WalkForwardDiagnostics;
      const searched = diagnostics.windows.map((w) => w.thresholds);
      expect(searched.every((b) => b !== undefined && b.lower <= b.upper)).toBe(true);
      // A jump of +400% or -80% right after the cut: a search that saw it would chase it.
      const cuts = [windows[1].testStart, windows[2].testStart, windows[2].testStart + 7];
      for (const [cut, factor] of cuts.flatMap((c) => [
        [c, 5],
        [c, 0.2],
      ])) {
        const changed = await nnTiming.run(otherFuture(series, cut, factor), params, context);
        expect(Array.from(changed.positions.subarray(0, cut + 1))).toEqual(
          Array.from(output.positions.subarray(0, cut + 1)),
        );
        const later = (changed.diagnostics as unknown as WalkForwardDiagnostics).windows;
        // The windows that start testing by the cut chose the same band; the future moved.
        const known = windows.filter((w) => w.testStart <= cut).length;
        expect(later.slice(0, known).map((w) => w.thresholds)).toEqual(searched.slice(0, known));
        expect(changed.positions).not.toEqual(output.positions);
      }
    }
  });

  it('keeps fixed thresholds by default and refuses a validation search without validation', async () => {
    const params = resolveParams(nnTiming, { ...SMALL_NN, testBars: 200 });
    const output = await nnTiming.run(series, params, { seed: 3, allowShort: false, threads: 1 });
    const diagnostics = output.diagnostics as unknown as WalkForwardDiagnostics;
    expect(diagnostics.windows.every((w) => w.thresholds === undefined)).toBe(true);
    expect(diagnostics.thresholdRule).toBeUndefined();
    expect(diagnostics.thresholds).toEqual(band);
    expect(Array.from(output.positions)).toEqual(
      Array.from(applyThresholds(output.probabilities!, band, false)),
    );
    const bad = resolveParams(nnTiming, {
      ...SMALL_NN,
      thresholdRule: 'validation',
      validationFraction: 0,
    });
    await expect(
      nnTiming.run(series, bad, { seed: 3, allowShort: false, threads: 1 }),
    ).rejects.toThrow(InputError);
  });

  it("saves the last window's band and predicts with the minimum holding", async () => {
    const params = resolveParams(nnTiming, {
      ...SMALL_NN,
      features: structuredClone(SMALL_NN.features),
      thresholdRule: 'validation',
      minHold: 4,
    });
    const result = await walkForward(series, nnTimingConfig(params), { seed: 3, threads: 1 });
    const last = result.diagnostics.windows.at(-1)!;
    expect(result.lastModel.thresholds).toEqual(last.thresholds);
    expect(result.diagnostics.thresholds).toEqual(last.thresholds);
    expect(result.diagnostics.thresholdRule).toBe('validation');
    const lastBar = series.time.length - 1;
    expect([result.upper[lastBar], result.lower[lastBar]]).toEqual([
      last.thresholds!.upper,
      last.thresholds!.lower,
    ]);
    const prediction = predictWithModel(result.lastModel, series);
    expect(Array.from(prediction.target)).toEqual(
      Array.from(applyThresholds(prediction.probability, last.thresholds!, false, 4)),
    );
    // The holding does bind here: without it the targets differ.
    expect(Array.from(prediction.target)).not.toEqual(
      Array.from(applyThresholds(prediction.probability, last.thresholds!, false, 1)),
    );
  });
});

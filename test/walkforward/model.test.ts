import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sliceSeries } from '../../src/data/price-series.js';
import { InputError } from '../../src/errors.js';
import { loadModel, saveModel } from '../../src/model/io.js';
import { predictWithModel } from '../../src/model/predict.js';
import { applyThresholds } from '../../src/model/thresholds.js';
import { validateSavedModel } from '../../src/model/validate.js';
import { resolveParams } from '../../src/strategy-contract/params.js';
import { walkForward } from '../../src/walkforward/engine.js';
import { trainModel } from '../../src/walkforward/train-model.js';
import { nnTiming, nnTimingConfig } from '../../strategies/nn-timing.js';
import { SMALL_NN, syntheticSeries } from './synthetic.js';

const series = syntheticSeries(700, 8, 0.004);
const params = resolveParams(nnTiming, {
  ...SMALL_NN,
  features: structuredClone(SMALL_NN.features),
  ensemble: 2,
});
const config = nnTimingConfig(params);
const folder = mkdtempSync(join(tmpdir(), 'nn-model-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('saved models', () => {
  it("reproduce the walk-forward's last window bit for bit after a JSON round trip", async () => {
    const result = await walkForward(series, config, { seed: 5, threads: 1 });
    const path = join(folder, 'model.json');
    saveModel(path, result.lastModel);
    const loaded = loadModel(path);
    expect(loaded).toEqual(result.lastModel);
    expect(loaded.networks).toHaveLength(2);
    expect(loaded.params).toEqual(params);

    const prediction = predictWithModel(loaded, series);
    const last = result.windows.at(-1)!;
    for (let bar = last.testStart; bar < last.testEnd; bar++) {
      const row = bar - prediction.barIndex[0];
      expect(prediction.barIndex[row]).toBe(bar);
      expect(Object.is(prediction.probability[row], result.probabilities[bar])).toBe(true);
    }
    // The model was trained before its test block: its last label was known by then.
    expect(loaded.trainedThrough).toBeLessThan(series.time[last.testStart]);
  });

  it('trains on the newest window and gives the signal for the next bar', () => {
    const { model, diagnostics } = trainModel(series, { ...config, seed: 5 });
    // 700 bars, next-open labels read 2 bars ahead: the newest usable row is bar 697, and
    // the 250 rows 448..697 train (the last 50 of them validate).
    expect(model.trainedThrough).toBe(series.time[697]);
    expect(model.trainedFrom).toBe(series.time[448]);
    expect(diagnostics.validationRows).toBe(50);
    const prediction = predictWithModel(model, series);
    expect(prediction.time.at(-1)).toBe(series.time[699]);
    const p = prediction.probability.at(-1)!;
    expect(p > 0 && p < 1).toBe(true);
    // Training on a copy that ends earlier cannot see the later bars.
    const earlier = trainModel(sliceSeries(series, 0, 650), { ...config, seed: 5 }).model;
    expect(earlier.trainedThrough).toBe(series.time[647]);
  });

  it('trains on fewer rows than trainBars when at least minTrainBars exist, as the walk-forward does', () => {
    // 200 bars; SMALL_FEATURES start at bar 14 (RSI 14; the 5-bar return at bar 5), labels read
    // 2 bars ahead: rows 14..197 are usable, 184 of them, below trainBars (250).
    const short = sliceSeries(series, 0, 200);
    const grown = trainModel(short, { ...config, minTrainBars: 100, seed: 5 }).model;
    expect(grown.trainedFrom).toBe(series.time[14]);
    expect(grown.trainedThrough).toBe(series.time[197]);
    expect(() => trainModel(short, { ...config, minTrainBars: 200, seed: 5 })).toThrow(
      'Training needs 216 bars (14 warm-up, 200 training rows, 2 label lookahead) but the series has 200.',
    );
  });

  it('reports the plain mean squared error on the fitted rows and on the validation slice', () => {
    const { model, diagnostics } = trainModel(series, { ...config, seed: 5 });
    const prediction = predictWithModel(model, series);
    // Direction label of bar t, next-open basis: 1 when open[t+2] > open[t+1].
    const squaredError = (bar: number) => {
      const label = series.open[bar + 2] > series.open[bar + 1] ? 1 : 0;
      return (label - prediction.probability[bar - prediction.barIndex[0]]) ** 2;
    };
    const mean = (from: number, to: number) => {
      let sum = 0;
      for (let bar = from; bar <= to; bar++) sum += squaredError(bar);
      return sum / (to - from + 1);
    };
    // Rows 448..697 train; bars 648..697 validate, and a fitted label (reading 2 bars ahead)
    // must end by bar 648, so bars 448..646 are fitted and bar 647 is left out.
    expect(diagnostics.trainRows).toBe(199);
    expect(diagnostics.trainError).toBeCloseTo(mean(448, 646), 12);
    expect(diagnostics.validationError).toBeCloseTo(mean(648, 697), 12);
  });

  it('turns probabilities into targets with hysteresis', () => {
    const p = Float64Array.of(Number.NaN, 0.48, 0.55, 0.5, 0.47, 0.44, 0.49, 0.6, Number.NaN);
    // upper 0.52, lower 0.45: flat until above 0.52, stays long down to 0.45, flat below it.
    expect(Array.from(applyThresholds(p, { upper: 0.52, lower: 0.45 }, false))).toEqual([
      Number.NaN,
      0,
      1,
      1,
      1,
      0,
      0,
      1,
      1,
    ]);
    expect(Array.from(applyThresholds(p, { upper: 0.52, lower: 0.45 }, true))).toEqual([
      Number.NaN,
      0,
      1,
      1,
      1,
      -1,
      -1,
      1,
      1,
    ]);
  });

  it('refuses broken or foreign model files with one clear message', async () => {
    const { model } = trainModel(series, { ...config, ensemble: 1, seed: 1 });
    const cases: [unknown, string][] = [
      [{ ...model, format: 'keras' }, 'format is "keras"'],
      [{ ...model, version: 2 }, 'version 2 is not supported'],
      [{ ...model, networks: [] }, 'networks must be a non-empty array'],
      [{ ...model, thresholds: { upper: 0.4, lower: 0.6 } }, 'thresholds must be'],
      [{ ...model, extra: 1 }, 'unknown key "extra"'],
      [{ ...model, features: [{ kind: 'rsi', period: 14 }] }, 'scaler was fitted on columns'],
      [
        { ...model, networks: [{ ...model.networks[0], inputs: 4, inputWeights: [] }] },
        'Network JSON "inputWeights" has 0 values',
      ],
      ['{"format": "nn-timing-model", "vers', 'not valid JSON'],
    ];
    for (const [json, message] of cases) {
      expect(() => validateSavedModel(json)).toThrow(InputError);
      expect(() => validateSavedModel(json)).toThrow(message);
    }
    const { trainedFrom: _, ...missing } = model;
    expect(() => validateSavedModel(missing)).toThrow('"trainedFrom" is missing');

    const truncated = join(folder, 'truncated.json');
    writeFileSync(truncated, JSON.stringify(model).slice(0, 200));
    expect(() => loadModel(truncated)).toThrow(`${truncated}: Not a usable nn-timing model`);
    expect(() => loadModel(join(folder, 'absent.json'))).toThrow('Cannot read model file');
  });

  it('writes readable JSON', () => {
    const { model } = trainModel(series, { ...config, ensemble: 1, seed: 1 });
    const path = join(folder, 'pretty.json');
    saveModel(path, model);
    const text = readFileSync(path, 'utf8');
    expect(text.startsWith('{\n  "format": "nn-timing-model",\n  "version": 1,')).toBe(true);
  });
});

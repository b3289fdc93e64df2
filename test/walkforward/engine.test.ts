import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { validateFeatureSpec } from '../../src/features/spec.js';
import { resolveParams } from '../../src/strategy-contract/params.js';
import { walkForward } from '../../src/walkforward/engine.js';
import { walkForwardSchedule } from '../../src/walkforward/schedule.js';
import type { WalkForwardDiagnostics } from '../../src/walkforward/types.js';
import { nnTiming, nnTimingConfig } from '../../strategies/nn-timing.js';
import { SMALL_NN, syntheticSeries } from './synthetic.js';

const series = syntheticSeries(900, 5, 0.004);
const params = resolveParams(nnTiming, {
  ...SMALL_NN,
  features: structuredClone(SMALL_NN.features),
});
const config = nnTimingConfig(params);

/**
 * Bars 0..349 move 0.1% or less, so a ±0.2% threshold label (`banded`) drops them all: windows 0
 * and 1 (rows up to 314) have nothing to learn. With two threads the worker is handed windows 0
 * and 1 first while the main thread trains window 2, which has labelled rows from bar 350.
 */
function quietStart() {
  const quiet = syntheticSeries(900, 6, 0);
  const level = quiet.open[350];
  for (let t = 0; t < 350; t++) {
    const price = level * (1 + 0.0004 * (t % 2));
    quiet.open[t] = price;
    quiet.close[t] = price;
    quiet.high[t] = price * 1.0001;
    quiet.low[t] = price * 0.9999;
  }
  return quiet;
}
const banded = { ...config, label: { kind: 'threshold' as const, threshold: 0.002 } };

/** Diagnostics without what legitimately differs between runs (timings, thread count). */
function comparable(d: WalkForwardDiagnostics) {
  return { ...d, threads: 0, windows: d.windows.map((w) => ({ ...w, millis: 0 })) };
}

describe('walkForward', () => {
  it('gives bit-identical results on one thread and on two', async () => {
    const one = await walkForward(series, config, { seed: 3, threads: 1 });
    const two = await walkForward(series, config, { seed: 3, threads: 2 });
    expect(one.diagnostics.threads).toBe(1);
    expect(two.diagnostics.threads).toBe(2);
    // Byte comparison: bit-identical, NaN included.
    expect(
      Buffer.from(two.probabilities.buffer).equals(Buffer.from(one.probabilities.buffer)),
    ).toBe(true);
    expect(comparable(two.diagnostics)).toEqual(comparable(one.diagnostics));
    expect(two.lastModel).toEqual(one.lastModel);
  });

  it('gives the same positions through the strategy on one and two threads', async () => {
    const one = await nnTiming.run(series, params, { seed: 9, allowShort: true, threads: 1 });
    const two = await nnTiming.run(series, params, { seed: 9, allowShort: true, threads: 2 });
    expect(Buffer.from(two.positions.buffer).equals(Buffer.from(one.positions.buffer))).toBe(true);
  });

  it('predicts exactly the scheduled test bars, out of sample, and records each window', async () => {
    const progress: [number, number][] = [];
    const result = await walkForward(series, config, {
      seed: 1,
      threads: 1,
      onProgress: (done, total) => progress.push([done, total]),
    });
    // returns lag 5 and RSI 14 start at bar 14; next-open labels of horizon 1 read 2 bars ahead.
    const windows = walkForwardSchedule({
      bars: 900,
      firstRow: 14,
      trainBars: 250,
      testBars: 50,
      mode: 'rolling',
      lookahead: 2,
    });
    expect(result.windows).toEqual(windows);
    const first = windows[0].testStart;
    expect(first).toBe(14 + 250 + 1);
    for (let t = 0; t < 900; t++) {
      const p = result.probabilities[t];
      if (t < first) expect(p).toBeNaN();
      else expect(p > 0 && p < 1).toBe(true);
    }
    expect(progress).toEqual(windows.map((_, i) => [i + 1, windows.length]));
    const d = result.diagnostics;
    expect(d.features).toEqual(['ret_1', 'ret_5', 'rsi_14']);
    expect(d.embargo).toBe(1);
    expect(d.ensemble).toBe(1);
    expect(d.windows).toHaveLength(windows.length);
    d.windows.forEach((w, i) => {
      expect(w.trainStart).toBe(series.time[windows[i].trainStart]);
      expect(w.trainEnd).toBe(series.time[windows[i].trainEnd - 1]);
      expect(w.testStart).toBe(series.time[windows[i].testStart]);
      expect(w.testEnd).toBe(series.time[windows[i].testEnd - 1]);
      // 250 rows: the newest 50 validate; the fitted rows stop 2 bars before them (embargo).
      expect(w.validationRows).toBe(50);
      expect(w.trainRows).toBe(199);
      expect(w.epochsRun).toBeGreaterThanOrEqual(w.bestEpoch);
      expect(w.epochsRun).toBeLessThanOrEqual(30);
      expect(w.importance).toHaveLength(3);
      expect(w.importance.every((x) => x >= 0)).toBe(true);
      expect(w.trainError).toBeGreaterThan(0);
      expect(w.validationError).toBeGreaterThan(0);
    });
    d.importance.forEach((value, c) => {
      const mean = d.windows.reduce((sum, w) => sum + w.importance[c], 0) / d.windows.length;
      expect(value).toBeCloseTo(mean, 12);
    });
    // The planted regime lives in ret_5: the network should lean on it most.
    expect(d.importance[1]).toBeGreaterThan(d.importance[0]);
    expect(d.importance[1]).toBeGreaterThan(d.importance[2]);
    // Occlusion agrees: every column alone, then the two return lags together.
    expect(d.occlusion.groups.map((g) => g.name)).toEqual([
      'ret_1',
      'ret_5',
      'rsi_14',
      'returns (all)',
    ]);
    for (const w of d.windows) expect(w.occlusion.probabilityChange).toHaveLength(4);
    const change = d.occlusion.probabilityChange;
    expect(change[1]).toBeGreaterThan(change[0]);
    expect(change[1]).toBeGreaterThan(change[2]);
    expect(change[0]).toBeCloseTo(
      d.windows.reduce((sum, w) => sum + w.occlusion.probabilityChange[0], 0) / d.windows.length,
      12,
    );
  });

  it('averages an ensemble whose members are seeded per member', async () => {
    const single = await walkForward(series, config, { seed: 4, threads: 1 });
    const pair = await walkForward(series, { ...config, ensemble: 2 }, { seed: 4, threads: 1 });
    expect(pair.diagnostics.ensemble).toBe(2);
    expect(pair.lastModel.networks).toHaveLength(2);
    // Member 0 draws the same seeds as the single network, member 1 different ones.
    expect(pair.lastModel.networks[0]).toEqual(single.lastModel.networks[0]);
    expect(pair.lastModel.networks[1]).not.toEqual(pair.lastModel.networks[0]);
    expect(pair.diagnostics.windows[0].members).toHaveLength(2);
    expect(pair.probabilities).not.toEqual(single.probabilities);
  });

  it('fine-tunes sequentially from the previous weights', async () => {
    const fresh = await walkForward(series, config, { seed: 2, threads: 2 });
    const tuned = await walkForward(series, { ...config, fineTune: true }, { seed: 2, threads: 2 });
    expect(tuned.diagnostics.threads).toBe(1);
    // Window 0 has no predecessor, so it starts fresh; later windows do not.
    const firstBlock = (r: typeof fresh) =>
      r.probabilities.subarray(r.windows[0].testStart, r.windows[0].testEnd);
    expect(firstBlock(tuned)).toEqual(firstBlock(fresh));
    expect(tuned.probabilities).not.toEqual(fresh.probabilities);
  });

  it('expands the training window in expanding mode', async () => {
    const result = await walkForward(
      series,
      { ...config, mode: 'expanding' },
      { seed: 1, threads: 1 },
    );
    const trainStarts = new Set(result.diagnostics.windows.map((w) => w.trainStart));
    expect(trainStarts).toEqual(new Set([series.time[14]]));
  });

  it('refuses a series too short for one window', async () => {
    const short = syntheticSeries(200, 1, 0);
    await expect(walkForward(short, config, { seed: 1, threads: 1 })).rejects.toThrow(
      'needs more than 265 bars (14 warm-up + 250 training + 1 embargo)',
    );
  });

  it("passes a worker's InputError through and stops the other threads", async () => {
    const run = walkForward(quietStart(), banded, { seed: 1, threads: 2 });
    await expect(run).rejects.toThrow(InputError);
    await expect(run).rejects.toThrow('Walk-forward window 0 has 0 labelled training rows');
    await expect(walkForward(series, config, { seed: 1, threads: 0 })).rejects.toThrow(
      'threads must be a whole number >= 1',
    );
  });

  it('reuses its workers: concurrent runs and runs after a failure match one thread', async () => {
    const one = await walkForward(series, config, { seed: 7, threads: 1 });
    const other = await walkForward(series, config, { seed: 8, threads: 1 });
    await expect(walkForward(quietStart(), banded, { seed: 1, threads: 2 })).rejects.toThrow(
      InputError,
    );
    // Two runs at once need two workers; each must train its own run's problem and seed.
    const [again, second] = await Promise.all([
      walkForward(series, config, { seed: 7, threads: 2 }),
      walkForward(series, config, { seed: 8, threads: 2 }),
    ]);
    const later = await walkForward(series, config, { seed: 7, threads: 2 });
    for (const [run, expected] of [
      [again, one],
      [second, other],
      [later, one],
    ] as const) {
      expect(
        Buffer.from(run.probabilities.buffer).equals(Buffer.from(expected.probabilities.buffer)),
      ).toBe(true);
    }
  });

  it('rejects a bad configuration with a clear message', async () => {
    await expect(
      walkForward(series, { ...config, thresholds: { upper: 0.4, lower: 0.6 } }, { seed: 1 }),
    ).rejects.toThrow('lower threshold (0.6) must not be above the upper threshold (0.4)');
    expect(() => validateFeatureSpec([{ kind: 'nope' }])).toThrow('unknown kind');
  });
});

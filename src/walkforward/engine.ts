import { availableParallelism } from 'node:os';
import type { PriceSeries } from '../data/index.js';
import { InputError } from '../errors.js';
import { meanOcclusionTable, occlusionGroups } from '../explain/index.js';
import type { SavedModel } from '../model/index.js';
import { buildSavedModel } from '../model/index.js';
import type { BPNeuralNetwork } from '../nn/index.js';
import { validateWalkForwardConfig, type WalkForwardConfig } from './config.js';
import { toOutcome, type WindowOutcome } from './outcome.js';
import { prepareWorkers, trainInParallel } from './pool.js';
import { buildProblem, type WalkForwardProblem } from './problem.js';
import { embargoBars, type ScheduleWindow, walkForwardSchedule } from './schedule.js';
import type { WalkForwardDiagnostics } from './types.js';
import { trainWindow } from './window.js';

export interface WalkForwardContext {
  seed: number;
  /** Threads, this one included (default: all cores). Fine-tuning always runs on one. */
  threads?: number;
  /** Called once per finished window. */
  onProgress?: (done: number, total: number, label?: string) => void;
}

export interface WalkForwardResult {
  /** Out-of-sample up-probability per bar; NaN before the first test bar. */
  probabilities: Float64Array;
  /** The thresholds in force at each bar (its window's: fixed or searched); NaN before the first test bar. */
  upper: Float64Array;
  lower: Float64Array;
  diagnostics: WalkForwardDiagnostics;
  /** The last window's model: what `predict` uses for the next bar. */
  lastModel: SavedModel;
  windows: ScheduleWindow[];
}

function trainSequentially(
  problem: WalkForwardProblem,
  config: WalkForwardConfig,
  seed: number,
  windows: readonly ScheduleWindow[],
  onWindow: (outcome: WindowOutcome) => void,
): WindowOutcome[] {
  const outcomes: WindowOutcome[] = [];
  let previous: BPNeuralNetwork[] | undefined;
  for (const window of windows) {
    const trained = trainWindow(
      problem,
      config,
      window,
      seed,
      config.fineTune ? previous : undefined,
    );
    previous = trained.nets;
    const outcome = toOutcome(window.index, trained, window.index === windows.length - 1);
    outcomes.push(outcome);
    onWindow(outcome);
  }
  return outcomes;
}

/**
 * Retrains the network on a moving window and predicts each following test block, so every
 * probability is out of sample. Windows are independent unless fine-tuning, so they run on up
 * to `threads` threads (this one plus workers) with results identical to one thread.
 */
export async function walkForward(
  series: PriceSeries,
  config: WalkForwardConfig,
  context: WalkForwardContext,
): Promise<WalkForwardResult> {
  validateWalkForwardConfig(config);
  const wanted = Math.floor(context.threads ?? availableParallelism());
  if (!(wanted >= 1)) {
    throw new InputError(`threads must be a whole number >= 1, got ${context.threads}.`);
  }
  // Workers load their code while this thread builds the features.
  if (wanted > 1 && !config.fineTune) prepareWorkers(wanted - 1);
  const problem = buildProblem(series, config.features, config.label);
  const windows = walkForwardSchedule({
    bars: series.time.length,
    firstRow: problem.warmup,
    trainBars: config.trainBars,
    minTrainBars: config.minTrainBars,
    testBars: config.testBars,
    mode: config.mode,
    lookahead: problem.lookahead,
  });
  const threads = config.fineTune ? 1 : Math.min(wanted, windows.length);
  let done = 0;
  // Windows finish out of order on several threads: the count, not an index, is the progress.
  const onWindow = () => {
    done++;
    context.onProgress?.(done, windows.length, 'walk-forward windows trained');
  };
  const outcomes =
    threads === 1
      ? trainSequentially(problem, config, context.seed, windows, onWindow)
      : await trainInParallel(problem, config, context.seed, windows, threads, onWindow);

  const probabilities = new Float64Array(series.time.length).fill(Number.NaN);
  const upper = new Float64Array(series.time.length).fill(Number.NaN);
  const lower = new Float64Array(series.time.length).fill(Number.NaN);
  for (const outcome of outcomes) {
    const { testStart, testEnd } = windows[outcome.index];
    const band = outcome.diagnostics.thresholds ?? config.thresholds;
    probabilities.set(outcome.probabilities, testStart);
    upper.fill(band.upper, testStart, testEnd);
    lower.fill(band.lower, testStart, testEnd);
  }
  const columns = problem.columns;
  const importance = columns.map(
    (_, c) => outcomes.reduce((sum, o) => sum + o.diagnostics.importance[c], 0) / outcomes.length,
  );
  const occlusion = {
    groups: occlusionGroups(config.features),
    ...meanOcclusionTable(outcomes.map((o) => o.diagnostics.occlusion)),
  };
  const last = outcomes[outcomes.length - 1];
  return {
    probabilities,
    upper,
    lower,
    diagnostics: {
      kind: 'walk-forward',
      features: [...columns],
      windows: outcomes.map((o) => o.diagnostics),
      importance,
      occlusion,
      thresholds: { ...(last.diagnostics.thresholds ?? config.thresholds) },
      ...(config.thresholdRule && config.thresholdRule !== 'fixed'
        ? { thresholdRule: config.thresholdRule }
        : {}),
      embargo: embargoBars(problem.lookahead),
      ensemble: config.ensemble,
      threads,
    },
    lastModel: buildSavedModel({
      symbol: series.symbol,
      features: config.features,
      label: config.label,
      scaler: last.scaler,
      networks: last.networks ?? [],
      trainedFrom: last.trainedFrom,
      trainedThrough: last.trainedThrough,
      // A searched band: the last window's is the one the next bar's signal uses.
      thresholds: last.diagnostics.thresholds ?? config.thresholds,
      params: config.params,
    }),
    windows,
  };
}

import type { PriceSeries } from '../data/index.js';
import { InputError } from '../errors.js';
import { buildSavedModel, type SavedModel } from '../model/index.js';
import {
  DEFAULT_WALK_FORWARD_CONFIG,
  validateWalkForwardConfig,
  type WalkForwardConfig,
} from './config.js';
import { buildProblem } from './problem.js';
import { firstTrainBars, trainingRange } from './schedule.js';
import type { WindowDiagnostics } from './types.js';
import { trainWindow } from './window.js';

export interface TrainModelOptions extends Partial<WalkForwardConfig> {
  /** Seed of the initial weights and shuffles (default 42). */
  seed?: number;
}

export interface TrainedModel {
  model: SavedModel;
  diagnostics: WindowDiagnostics;
}

/**
 * Trains on the newest training window of the series (at most trainBars rows, at least
 * minTrainBars) — the rows whose labels are known at the
 * close of the last bar — exactly as the walk-forward trains a window, and returns the model
 * that gives the signal for the next bar.
 */
export function trainModel(series: PriceSeries, options: TrainModelOptions = {}): TrainedModel {
  const { seed = 42, ...overrides } = options;
  const config: WalkForwardConfig = { ...DEFAULT_WALK_FORWARD_CONFIG, ...overrides };
  validateWalkForwardConfig(config);
  const problem = buildProblem(series, config.features, config.label);
  const bars = series.time.length;
  const testStart = bars - 1;
  const { trainStart, trainEnd } = trainingRange(testStart, {
    firstRow: problem.warmup,
    trainBars: config.trainBars,
    mode: config.mode,
    lookahead: problem.lookahead,
  });
  // Like the walk-forward's last window: up to trainBars rows, at least the first window's.
  const needed = firstTrainBars(config);
  if (trainEnd - trainStart < needed) {
    throw new InputError(
      `Training needs ${problem.warmup + needed + problem.lookahead} bars (${problem.warmup} warm-up, ${needed} training rows, ${problem.lookahead} label lookahead) but the series has ${bars}.`,
    );
  }
  const trained = trainWindow(
    problem,
    { ...config, fineTune: false },
    { index: 0, trainStart, trainEnd, testStart, testEnd: bars },
    seed,
  );
  return {
    model: buildSavedModel({
      symbol: series.symbol,
      features: config.features,
      label: config.label,
      scaler: trained.scaler,
      networks: trained.nets,
      trainedFrom: trained.trainedFrom,
      trainedThrough: trained.trainedThrough,
      thresholds: trained.diagnostics.thresholds ?? config.thresholds,
      params: config.params,
    }),
    diagnostics: trained.diagnostics,
  };
}

import { performance } from 'node:perf_hooks';
import { InputError } from '../errors.js';
import {
  columnMeans,
  occlusion,
  occlusionGroups,
  occlusionTable,
  saliency,
} from '../explain/index.js';
import type { ScalerState } from '../features/index.js';
import { applyScaler, fitScaler } from '../features/index.js';
import { BPNeuralNetwork, ensembleProbabilities } from '../nn/index.js';
import { DEFAULT_TRADE_COST, type WalkForwardConfig } from './config.js';
import { matrixOf, rowAtOrAfter, type WalkForwardProblem } from './problem.js';
import type { ScheduleWindow } from './schedule.js';
import { deriveSeed } from './seeds.js';
import { searchThresholds } from './threshold-search.js';
import type { WindowDiagnostics } from './types.js';

export interface TrainedWindow {
  /** Up-probability for bars [testStart, testEnd) (NaN where a bar has no feature row). */
  probabilities: Float64Array;
  diagnostics: WindowDiagnostics;
  nets: BPNeuralNetwork[];
  scaler: ScalerState;
  /** Times of the first and last training rows. */
  trainedFrom: number;
  trainedThrough: number;
}

/** Labelled training rows split into the fitted part and the newest validation slice. */
interface TrainingRows {
  fit: Int32Array;
  validation: Int32Array;
}

/**
 * The newest `validationFraction` of the labelled rows validate; the fitted rows end `lookahead`
 * bars before the first validation row, as in the schedule, so no fitted label reaches into the
 * validation period (early stopping would otherwise reward memorised overlap).
 */
function splitRows(
  problem: WalkForwardProblem,
  firstRow: number,
  endRow: number,
  validationFraction: number,
): TrainingRows {
  const labelled: number[] = [];
  for (let r = firstRow; r < endRow; r++) {
    if (!Number.isNaN(problem.labels[problem.barIndex[r]])) labelled.push(r);
  }
  const validationCount = Math.floor(labelled.length * validationFraction);
  const validation = Int32Array.from(labelled.slice(labelled.length - validationCount));
  if (validationCount === 0) return { fit: Int32Array.from(labelled), validation };
  const firstValidationBar = problem.barIndex[validation[0]];
  const fit = Int32Array.from(
    labelled.filter((r) => problem.barIndex[r] + problem.lookahead <= firstValidationBar),
  );
  return { fit, validation };
}

function gather(
  problem: WalkForwardProblem,
  scaled: Float64Array,
  scaledFirstRow: number,
  rows: Int32Array[],
): { X: Float64Array; Y: Float64Array } {
  const width = problem.columns.length;
  const count = rows.reduce((sum, part) => sum + part.length, 0);
  const X = new Float64Array(count * width);
  const Y = new Float64Array(count);
  let k = 0;
  for (const part of rows) {
    for (const r of part) {
      const from = (r - scaledFirstRow) * width;
      const to = k * width;
      for (let c = 0; c < width; c++) X[to + c] = scaled[from + c];
      Y[k] = problem.labels[problem.barIndex[r]];
      k++;
    }
  }
  return { X, Y };
}

function meanSquaredError(
  nets: BPNeuralNetwork[],
  X: Float64Array,
  Y: Float64Array,
  from: number,
  to: number,
): number {
  const width = nets[0].inputs;
  const predicted = ensembleProbabilities(nets, X.subarray(from * width, to * width), to - from);
  let sum = 0;
  for (let r = from; r < to; r++) {
    const d = Y[r] - predicted[r - from];
    sum += d * d;
  }
  return sum / (to - from);
}

/**
 * Occlusion on the validation slice (on the fitted rows without one), each feature replaced by
 * its mean over the fitted rows: the window's own neutral value, known when it was trained.
 */
function windowOcclusion(
  nets: BPNeuralNetwork[],
  config: WalkForwardConfig,
  X: Float64Array,
  Y: Float64Array,
  fitRows: number,
  trainRows: number,
) {
  const width = nets[0].inputs;
  const [from, to] = trainRows > fitRows ? [fitRows, trainRows] : [0, fitRows];
  return occlusionTable(
    occlusion(nets, X.subarray(from * width, to * width), {
      neutral: columnMeans(X.subarray(0, fitRows * width), width),
      labels: Y.subarray(from, to),
      groups: occlusionGroups(config.features),
    }),
  );
}

/**
 * The band a searching threshold rule picks from the trained networks' predictions on the
 * window's training rows (fit then validation, in time order) or its validation slice. Only rows
 * whose held return is known at the first test bar take part (it reads bar t + 2, a bar later than
 * a close-based label does). Fewer than two such rows leave the fixed thresholds.
 */
function windowThresholds(
  problem: WalkForwardProblem,
  config: WalkForwardConfig,
  window: ScheduleWindow,
  nets: BPNeuralNetwork[],
  X: Float64Array,
  rows: { fit: Int32Array; validation: Int32Array },
): { upper: number; lower: number } | undefined {
  const rule = config.thresholdRule ?? 'fixed';
  if (rule === 'fixed') return undefined;
  const first = rule === 'validation' ? rows.fit.length : 0;
  const candidates = rule === 'validation' ? rows.validation : [...rows.fit, ...rows.validation];
  // Rows are in time order, so the ones too new to have a known return are a tail.
  let count = 0;
  while (count < candidates.length && problem.barIndex[candidates[count]] + 2 <= window.testStart) {
    count++;
  }
  if (count < 2) return undefined;
  const width = nets[0].inputs;
  const probabilities = ensembleProbabilities(
    nets,
    X.subarray(first * width, (first + count) * width),
    count,
  );
  const returns = new Float64Array(count);
  for (let i = 0; i < count; i++) returns[i] = problem.heldReturns[problem.barIndex[candidates[i]]];
  return searchThresholds(probabilities, returns, {
    tradeCost: config.tradeCost ?? DEFAULT_TRADE_COST,
    allowShort: config.allowShort ?? false,
    minHold: config.minHold ?? 1,
  });
}

/**
 * Trains one window and predicts its test block. Pure given its inputs: the networks' initial
 * weights and shuffles come from seeds derived from (seed, window index, member), so any
 * thread computes the same bits. `start` (fine-tuning) gives each member its previous weights.
 */
export function trainWindow(
  problem: WalkForwardProblem,
  config: WalkForwardConfig,
  window: ScheduleWindow,
  seed: number,
  start?: readonly BPNeuralNetwork[],
): TrainedWindow {
  const began = performance.now();
  const width = problem.columns.length;
  const firstRow = rowAtOrAfter(problem.barIndex, window.trainStart);
  const endRow = rowAtOrAfter(problem.barIndex, window.trainEnd);
  const { fit, validation } = splitRows(problem, firstRow, endRow, config.validationFraction);
  if (fit.length < 2) {
    throw new InputError(
      `Walk-forward window ${window.index} has ${fit.length} labelled training rows; use more trainBars or a label that drops fewer rows.`,
    );
  }
  const scaler = fitScaler(matrixOf(problem), firstRow, endRow, config.scaler);
  const scaled = applyScaler(
    scaler,
    problem.values.subarray(firstRow * width, endRow * width),
    endRow - firstRow,
  );
  const { X, Y } = gather(problem, scaled, firstRow, [fit, validation]);
  const hasValidation = validation.length > 0;

  const nets: BPNeuralNetwork[] = [];
  const epochs: { epochsRun: number; bestEpoch: number }[] = [];
  for (let member = 0; member < config.ensemble; member++) {
    const net =
      start?.[member]?.clone() ??
      new BPNeuralNetwork({
        inputs: width,
        hidden: config.hidden,
        variant: config.variant ?? 'fixed',
        seed: deriveSeed(seed, window.index, member, 0),
      });
    const history = net.fit(X, Y, {
      epochs: config.epochs,
      learningRate: config.learningRate,
      momentum: config.momentum,
      shuffle: true,
      seed: deriveSeed(seed, window.index, member, 1),
      validation: hasValidation ? { rows: validation.length } : undefined,
      earlyStopping: hasValidation
        ? { patience: config.patience, minDelta: config.minDelta ?? 0 }
        : undefined,
    });
    nets.push(net);
    epochs.push({ epochsRun: history.epochsRun, bestEpoch: history.bestEpoch });
  }

  const testFirst = rowAtOrAfter(problem.barIndex, window.testStart);
  const testEnd = rowAtOrAfter(problem.barIndex, window.testEnd);
  const testScaled = applyScaler(
    scaler,
    problem.values.subarray(testFirst * width, testEnd * width),
    testEnd - testFirst,
  );
  const testRows = ensembleProbabilities(nets, testScaled, testEnd - testFirst);
  const probabilities = new Float64Array(window.testEnd - window.testStart).fill(Number.NaN);
  for (let r = testFirst; r < testEnd; r++) {
    probabilities[problem.barIndex[r] - window.testStart] = testRows[r - testFirst];
  }

  const trainRows = fit.length + validation.length;
  const mean = (pick: (e: { epochsRun: number; bestEpoch: number }) => number) =>
    Math.round(epochs.reduce((sum, e) => sum + pick(e), 0) / epochs.length);
  const diagnostics: WindowDiagnostics = {
    index: window.index,
    trainStart: problem.barTime[window.trainStart],
    trainEnd: problem.barTime[window.trainEnd - 1],
    testStart: problem.barTime[window.testStart],
    testEnd: problem.barTime[window.testEnd - 1],
    trainRows: fit.length,
    validationRows: validation.length,
    trainError: meanSquaredError(nets, X, Y, 0, fit.length),
    validationError: hasValidation ? meanSquaredError(nets, X, Y, fit.length, trainRows) : null,
    epochsRun: mean((e) => e.epochsRun),
    bestEpoch: mean((e) => e.bestEpoch),
    millis: 0,
    importance: Array.from(saliency(nets, X.subarray(0, trainRows * width))),
    occlusion: windowOcclusion(nets, config, X, Y, fit.length, trainRows),
  };
  const searched = windowThresholds(problem, config, window, nets, X, { fit, validation });
  if (searched) diagnostics.thresholds = searched;
  if (nets.length > 1) diagnostics.members = epochs;
  diagnostics.millis = Math.round(performance.now() - began);
  return {
    probabilities,
    diagnostics,
    nets,
    scaler,
    trainedFrom: problem.rowTime[fit[0]],
    trainedThrough: problem.rowTime[(hasValidation ? validation : fit).at(-1)!],
  };
}

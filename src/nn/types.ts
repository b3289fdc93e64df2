import type { PythonRandom } from '../random/index.js';

/**
 * Which update rule the network uses.
 * - 'fixed' (default): momentum on both weight layers; the per-sample error is summed over outputs.
 * - 'seed': the Python original bit for bit, bugs included (the output layer never gets
 *   momentum; `backPropagate` returns the last output's error only).
 */
export type Variant = 'fixed' | 'seed';

export interface NetworkOptions {
  /** Number of input features (the bias input is added on top). */
  inputs?: number;
  /** Number of sigmoid hidden units. */
  hidden?: number;
  /** Number of sigmoid outputs (default 1). */
  outputs?: number;
  /** Update rule (default 'fixed'). */
  variant?: Variant;
  /** Seed of the generator that draws the initial weights (default 0, like the seed's `random.seed(0)`). */
  seed?: number;
  /** Generator to draw the initial weights from instead of `new PythonRandom(seed)`. */
  rng?: PythonRandom;
}

/**
 * A matrix of samples: either row-major flat values (`Float64Array` or `number[]`), whose row
 * length is the network's input (or output) count, or an array of rows.
 */
export type MatrixInput = ArrayLike<number> | readonly ArrayLike<number>[];

export type ValidationSplit = { fraction: number } | { rows: number };

export interface EarlyStopping {
  /** Stop after this many epochs without a validation improvement. */
  patience: number;
  /** An epoch improves only if its validation loss is below the best by more than this (default 0). */
  minDelta?: number;
}

export interface FitOptions {
  /** Passes over the training rows (default 100). */
  epochs?: number;
  /** Step size `learn` of the seed (default 0.05). */
  learningRate?: number;
  /** Weight of the previous gradient, `correct` of the seed (default 0.1). */
  momentum?: number;
  /** Visit the training rows in a new random order every epoch (default true). */
  shuffle?: boolean;
  /** Seed of the shuffle order (default 0). */
  seed?: number;
  /** Hold out the LAST rows (the newest, in a time series) to measure validation loss. */
  validation?: ValidationSplit;
  /** Stop when validation loss stops improving (needs `validation`). */
  earlyStopping?: EarlyStopping;
  /** With validation, end with the weights of the best validation epoch (default true). */
  restoreBest?: boolean;
  /** Called after every epoch; `validationLoss` is null without validation. */
  onEpoch?: (epoch: number, trainLoss: number, validationLoss: number | null) => void;
}

export interface FitHistory {
  /** Per epoch: mean over training samples of 0.5 * sum of squared output errors (the BP loss; half the MSE with one output). */
  trainLoss: number[];
  /** Per epoch: the same loss on the validation rows after the epoch (empty without validation). */
  validationLoss: number[];
  /**
   * 1-based epoch with the lowest validation loss (the last epoch without validation). The
   * network holds this epoch's weights after `fit`, unless `restoreBest` was false.
   */
  bestEpoch: number;
  epochsRun: number;
  stoppedEarly: boolean;
  trainRows: number;
  validationRows: number;
}

/** The saved form of a network (`toJSON`), format version 1. */
export interface NetworkJson {
  format: 'nn-timing-network';
  version: 1;
  variant: Variant;
  inputs: number;
  hidden: number;
  outputs: number;
  /** Row-major [(inputs + 1) x hidden]; the last row holds the bias weights. */
  inputWeights: number[];
  /** Row-major [hidden x outputs]. */
  outputWeights: number[];
  /** The previous gradient of each input weight (same layout as inputWeights). */
  inputMomentum: number[];
  /** The previous gradient of each output weight (same layout as outputWeights). */
  outputMomentum: number[];
}

import { InputError } from '../errors.js';
import type { FeatureSpec, LabelSpec } from '../features/index.js';
import { DEFAULT_FEATURE_SPEC } from '../features/index.js';
import type { Variant } from '../nn/index.js';

/** Everything the walk-forward needs besides the series and the seed. */
export interface WalkForwardConfig {
  features: FeatureSpec;
  label: LabelSpec;
  /** Most training rows per window, validation slice included. */
  trainBars: number;
  /**
   * Rows the first window trains on (default and at most trainBars); later windows grow by
   * testBars until they reach trainBars, so predictions start long before a full window exists.
   */
  minTrainBars?: number;
  /** Bars predicted per window before retraining. */
  testBars: number;
  mode: 'rolling' | 'expanding';
  hidden: number;
  /** Most epochs per window; early stopping usually ends sooner. */
  epochs: number;
  learningRate: number;
  /** The seed's `correct`: weight of the previous gradient in each update. */
  momentum: number;
  /** Epochs without a validation improvement before training stops. */
  patience: number;
  /** Improvement in validation error that counts (default 0). */
  minDelta?: number;
  /** Newest fraction of each training window held out for early stopping (0 = none). */
  validationFraction: number;
  scaler: 'minmax' | 'zscore';
  /** Networks averaged per window. */
  ensemble: number;
  /** Start each window from the previous window's weights (forces one thread). */
  fineTune: boolean;
  variant?: Variant;
  /** Position thresholds, recorded in diagnostics and the saved model. */
  thresholds: { upper: number; lower: number };
  /** Strategy parameters to store in the saved model as they were given. */
  params?: Record<string, unknown>;
}

function whole(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new InputError(`Walk-forward ${name} must be a whole number >= ${min}, got ${value}.`);
  }
}

function within(name: string, value: number, low: number, high: number): void {
  if (!(Number.isFinite(value) && value >= low && value <= high)) {
    throw new InputError(`Walk-forward ${name} must be between ${low} and ${high}, got ${value}.`);
  }
}

/** Checks a config built in code (the strategy's ParamSpecs check CLI input the same way). */
export function validateWalkForwardConfig(config: WalkForwardConfig): void {
  whole('trainBars', config.trainBars, 10);
  if (config.minTrainBars !== undefined) whole('minTrainBars', config.minTrainBars, 10);
  whole('testBars', config.testBars, 1);
  whole('hidden', config.hidden, 1);
  whole('epochs', config.epochs, 1);
  whole('patience', config.patience, 1);
  whole('ensemble', config.ensemble, 1);
  within('learningRate', config.learningRate, 0, 10);
  within('momentum', config.momentum, 0, 1);
  within('validationFraction', config.validationFraction, 0, 0.5);
  within('minDelta', config.minDelta ?? 0, 0, 1);
  if (config.mode !== 'rolling' && config.mode !== 'expanding') {
    throw new InputError(
      `Walk-forward mode must be 'rolling' or 'expanding', got '${config.mode}'.`,
    );
  }
  if (config.scaler !== 'minmax' && config.scaler !== 'zscore') {
    throw new InputError(
      `Walk-forward scaler must be 'minmax' or 'zscore', got '${config.scaler}'.`,
    );
  }
  const { upper, lower } = config.thresholds;
  within('upper threshold', upper, 0, 1);
  within('lower threshold', lower, 0, 1);
  if (lower > upper) {
    throw new InputError(
      `The lower threshold (${lower}) must not be above the upper threshold (${upper}).`,
    );
  }
}

/**
 * The nn-timing defaults; the guide ("Parameters and defaults", "How the defaults were chosen")
 * gives the evidence for each, from bench/tune-nn.ts on its reserved seeds.
 */
export const DEFAULT_WALK_FORWARD_CONFIG: WalkForwardConfig = {
  features: DEFAULT_FEATURE_SPEC,
  label: { kind: 'direction', horizon: 1, basis: 'open' },
  trainBars: 2520,
  minTrainBars: 250,
  testBars: 21,
  mode: 'rolling',
  hidden: 10,
  epochs: 40,
  learningRate: 0.05,
  momentum: 0.1,
  patience: 5,
  minDelta: 0,
  validationFraction: 0.2,
  scaler: 'zscore',
  ensemble: 1,
  fineTune: false,
  variant: 'fixed',
  thresholds: { upper: 0.52, lower: 0.48 },
};

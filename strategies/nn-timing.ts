import { InputError } from '../src/errors.js';
import type { FeatureSpec, LabelSpec } from '../src/features/index.js';
import {
  DEFAULT_FEATURE_SPEC,
  featureWarmup,
  labelLookahead,
  validateFeatureSpec,
  validateLabelSpec,
} from '../src/features/index.js';
import { applyThresholds } from '../src/model/index.js';
import { defineStrategy } from '../src/strategy-contract/index.js';
import {
  DEFAULT_WALK_FORWARD_CONFIG,
  firstTrainBars,
  type WalkForwardConfig,
  walkForward,
} from '../src/walkforward/index.js';

/** The parameters of nn-timing, resolved (see its `params` for meaning and limits). */
export interface NnTimingParams extends Record<string, unknown> {
  features: FeatureSpec;
  horizon: number;
  label: 'direction' | 'threshold';
  labelThreshold: number;
  labelBasis: 'open' | 'close';
  trainBars: number;
  minTrainBars: number;
  testBars: number;
  mode: 'rolling' | 'expanding';
  hidden: number;
  epochs: number;
  learningRate: number;
  momentum: number;
  patience: number;
  validationFraction: number;
  scaler: 'minmax' | 'zscore';
  ensemble: number;
  fineTune: boolean;
  variant: 'fixed' | 'seed';
  upper: number;
  lower: number;
}

const D = DEFAULT_WALK_FORWARD_CONFIG;

function labelSpec(params: NnTimingParams): LabelSpec {
  return params.label === 'threshold'
    ? {
        kind: 'threshold',
        horizon: params.horizon,
        basis: params.labelBasis,
        threshold: params.labelThreshold,
      }
    : { kind: 'direction', horizon: params.horizon, basis: params.labelBasis };
}

/** The walk-forward configuration for these parameters (also what `train` uses). */
export function nnTimingConfig(params: NnTimingParams): WalkForwardConfig {
  return {
    features: params.features,
    label: labelSpec(params),
    trainBars: params.trainBars,
    minTrainBars: params.minTrainBars,
    testBars: params.testBars,
    mode: params.mode,
    hidden: params.hidden,
    epochs: params.epochs,
    learningRate: params.learningRate,
    momentum: params.momentum,
    patience: params.patience,
    minDelta: 0,
    validationFraction: params.validationFraction,
    scaler: params.scaler,
    ensemble: params.ensemble,
    fineTune: params.fineTune,
    variant: params.variant,
    thresholds: { upper: params.upper, lower: params.lower },
    params: structuredClone(params),
  };
}

/**
 * Walk-forward BP-network timing: retrain every `testBars` bars on the previous rows (from
 * `minTrainBars` in the first window up to `trainBars`), predict the probability that the next holding period is up, and hold long above
 * `upper`, flat (short if allowed) below `lower`, unchanged between.
 */
export const nnTiming = defineStrategy<NnTimingParams>({
  name: 'nn-timing',
  description:
    'BP neural network retrained walk-forward on technical-indicator features; long when the out-of-sample up-probability is above upper, flat (short if allowed) below lower.',
  params: {
    features: {
      type: 'json',
      default: DEFAULT_FEATURE_SPEC,
      description:
        'Feature spec (JSON array); default: the returns over 1, 2, 5, 10 and 20 bars (5 inputs).',
    },
    horizon: {
      type: 'integer',
      default: 1,
      min: 1,
      max: 250,
      description: 'Bars the predicted move spans (label horizon).',
    },
    label: {
      type: 'enum',
      default: 'direction',
      values: ['direction', 'threshold'],
      description:
        "'direction': up = forward return > 0; 'threshold': up above +labelThreshold, down below -labelThreshold, rows between dropped.",
    },
    labelThreshold: {
      type: 'number',
      default: 0.002,
      min: 0,
      max: 1,
      description: "Return band of the 'threshold' label.",
    },
    labelBasis: {
      type: 'enum',
      default: 'open',
      values: ['open', 'close'],
      description:
        "'open': return from the next open (matches next-open fills); 'close': close to close.",
    },
    trainBars: {
      type: 'integer',
      default: D.trainBars,
      min: 50,
      description: 'Most training rows per window (2520 = 10 years of daily bars).',
    },
    minTrainBars: {
      type: 'integer',
      default: D.minTrainBars ?? D.trainBars,
      min: 50,
      description:
        'Training rows of the first window (at most trainBars); windows then grow by testBars up to trainBars.',
    },
    testBars: {
      type: 'integer',
      default: D.testBars,
      min: 1,
      description: 'Bars predicted before retraining (21 = monthly on daily bars).',
    },
    mode: {
      type: 'enum',
      default: D.mode,
      values: ['rolling', 'expanding'],
      description: "'rolling': the newest trainBars rows; 'expanding': all rows so far.",
    },
    hidden: {
      type: 'integer',
      default: D.hidden,
      min: 1,
      max: 256,
      description: 'Hidden sigmoid units.',
    },
    epochs: {
      type: 'integer',
      default: D.epochs,
      min: 1,
      max: 100_000,
      description: 'Most epochs per window (early stopping usually ends sooner).',
    },
    learningRate: {
      type: 'number',
      default: D.learningRate,
      min: 0,
      max: 10,
      description: "Step size (the seed's learn).",
    },
    momentum: {
      type: 'number',
      default: D.momentum,
      min: 0,
      max: 1,
      description: "Weight of the previous gradient (the seed's correct).",
    },
    patience: {
      type: 'integer',
      default: D.patience,
      min: 1,
      description: 'Epochs without a validation improvement before a window stops training.',
    },
    validationFraction: {
      type: 'number',
      default: D.validationFraction,
      min: 0,
      max: 0.5,
      description: 'Newest fraction of each training window used for early stopping (0: none).',
    },
    scaler: {
      type: 'enum',
      default: D.scaler,
      values: ['minmax', 'zscore'],
      description: 'Input scaling fitted on each training window only.',
    },
    ensemble: {
      type: 'integer',
      default: D.ensemble,
      min: 1,
      max: 100,
      description: 'Networks per window (different seeds), probabilities averaged.',
    },
    fineTune: {
      type: 'boolean',
      default: D.fineTune,
      description: "Start each window from the previous window's weights (runs on one thread).",
    },
    variant: {
      type: 'enum',
      default: 'fixed',
      values: ['fixed', 'seed'],
      description:
        "Update rule: 'fixed' (corrected) or 'seed' (the Python original's, bugs included).",
    },
    upper: {
      type: 'number',
      default: D.thresholds.upper,
      min: 0,
      max: 1,
      description: 'Go long when the up-probability is above this.',
    },
    lower: {
      type: 'number',
      default: D.thresholds.lower,
      min: 0,
      max: 1,
      description: 'Go flat (short if allowed) when the up-probability is below this.',
    },
  },
  validate(params) {
    validateFeatureSpec(params.features);
    validateLabelSpec(labelSpec(params));
    if (params.label === 'threshold' && !(params.labelThreshold > 0)) {
      throw new InputError('nn-timing: the threshold label needs labelThreshold > 0.');
    }
    if (params.lower > params.upper) {
      throw new InputError(
        `nn-timing: lower (${params.lower}) must not be above upper (${params.upper}).`,
      );
    }
  },
  // Each cut of the lookahead check retrains the whole walk-forward: run it only when asked.
  lookaheadCheck: 'on-request',
  warmup: (params) =>
    featureWarmup(params.features) + firstTrainBars(params) + labelLookahead(labelSpec(params)) - 1,
  async run(series, params, context) {
    const config = nnTimingConfig(params);
    const result = await walkForward(series, config, context);
    return {
      positions: applyThresholds(result.probabilities, config.thresholds, context.allowShort),
      probabilities: result.probabilities,
      diagnostics: result.diagnostics,
      model: result.lastModel,
    };
  },
});

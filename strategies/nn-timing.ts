import { InputError } from '../src/errors.js';
import type { FeatureSpec, LabelSpec } from '../src/features/index.js';
import {
  DEFAULT_FEATURE_SPEC,
  featureWarmup,
  labelLookahead,
  validateFeatureSpec,
  validateLabelSpec,
} from '../src/features/index.js';
import { decidePositions } from '../src/model/index.js';
import type { SettingValues } from '../src/settings/index.js';
import { defineStrategy, paramSpecOf } from '../src/strategy-contract/index.js';
import {
  firstTrainBars,
  TRAINING_SETTINGS as T,
  type WalkForwardConfig,
  walkForward,
} from '../src/walkforward/index.js';

/** The training settings nn-timing takes as parameters (its minDelta stays 0). */
type TrainingParams = Omit<SettingValues<typeof T>, 'minDelta'>;

/** The parameters of nn-timing, resolved (see its `params` for meaning and limits). */
export interface NnTimingParams extends TrainingParams, Record<string, unknown> {
  features: FeatureSpec;
  horizon: number;
  label: 'direction' | 'threshold';
  labelThreshold: number;
  labelBasis: 'open' | 'close';
}

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
    thresholdRule: params.thresholdRule,
    tradeCost: params.tradeCost,
    minHold: params.minHold,
    params: structuredClone(params),
  };
}

/**
 * Walk-forward BP-network timing: retrain every `testBars` bars on the previous rows (from
 * `minTrainBars` in the first window up to `trainBars`), predict the probability that the next holding period is up, and hold long above
 * `upper`, flat (short if allowed) below `lower`, unchanged between (the band fixed, or searched
 * per window on its training rows), keeping each position at least `minHold` bars.
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
        'Feature spec (JSON array); default: the direction of the last bar and the returns over 1, 2, 5, 10 and 20 bars (6 inputs).',
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
    trainBars: paramSpecOf(T.trainBars),
    minTrainBars: paramSpecOf(T.minTrainBars),
    testBars: paramSpecOf(T.testBars),
    mode: paramSpecOf(T.mode),
    hidden: paramSpecOf(T.hidden),
    epochs: paramSpecOf(T.epochs),
    learningRate: paramSpecOf(T.learningRate),
    momentum: paramSpecOf(T.momentum),
    patience: paramSpecOf(T.patience),
    validationFraction: paramSpecOf(T.validationFraction),
    scaler: paramSpecOf(T.scaler),
    ensemble: paramSpecOf(T.ensemble),
    fineTune: paramSpecOf(T.fineTune),
    variant: paramSpecOf(T.variant),
    upper: paramSpecOf(T.upper),
    lower: paramSpecOf(T.lower),
    thresholdRule: paramSpecOf(T.thresholdRule),
    tradeCost: paramSpecOf(T.tradeCost),
    minHold: paramSpecOf(T.minHold),
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
    const config = { ...nnTimingConfig(params), allowShort: context.allowShort };
    const result = await walkForward(series, config, context);
    return {
      positions: decidePositions(
        result.probabilities,
        result.upper,
        result.lower,
        context.allowShort,
        params.minHold,
      ),
      probabilities: result.probabilities,
      diagnostics: result.diagnostics,
      model: result.lastModel,
    };
  },
});

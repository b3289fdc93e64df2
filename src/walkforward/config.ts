import { DEFAULT_BACKTEST_OPTIONS } from '../backtest/index.js';
import { InputError } from '../errors.js';
import type { FeatureSpec, LabelSpec } from '../features/index.js';
import { DEFAULT_FEATURE_SPEC } from '../features/index.js';
import type { Variant } from '../nn/index.js';
import { booleanSetting, checkOptions, choiceSetting, numberSetting } from '../settings/index.js';

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
  /**
   * 'fixed': `thresholds` for every window; 'train' / 'validation': each window searches its band
   * on its own training rows / validation slice (see searchThresholds). Default 'fixed'.
   */
  thresholdRule?: 'fixed' | 'train' | 'validation';
  /** Cost per unit of position change the search charges (default: the backtest's defaults). */
  tradeCost?: number;
  /** Bars a position is kept at least (default 1); the search simulates it too. */
  minHold?: number;
  /** Whether the run's positions may go short: the search simulates the rule as applied. */
  allowShort?: boolean;
  /** Strategy parameters to store in the saved model as they were given. */
  params?: Record<string, unknown>;
}

/** Checks a config built in code against TRAINING_SETTINGS, and the thresholds' order. */
export function validateWalkForwardConfig(config: WalkForwardConfig): void {
  checkOptions(TRAINING_SETTINGS, { ...config, ...config.thresholds });
  if (config.thresholdRule === 'validation' && config.validationFraction === 0) {
    throw new InputError(
      "thresholdRule 'validation' searches the validation slice: it needs validationFraction > 0.",
    );
  }
  const { upper, lower } = config.thresholds;
  if (lower > upper) {
    throw new InputError(
      `The lower threshold (${lower}) must not be above the upper threshold (${upper}).`,
    );
  }
}

/** What one unit of turnover costs in the default backtest: commission plus slippage. */
// In basis points first, so that 10 + 2 bps is 0.0012 and not 0.0012000000000000001.
export const DEFAULT_TRADE_COST =
  (DEFAULT_BACKTEST_OPTIONS.commission * 10_000 + DEFAULT_BACKTEST_OPTIONS.slippageBps) / 10_000;

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
  thresholdRule: 'fixed',
  tradeCost: DEFAULT_TRADE_COST,
  minHold: 1,
};

const D = DEFAULT_WALK_FORWARD_CONFIG;

/**
 * The training settings, defined once: `WalkForwardConfig`'s checks and nn-timing's parameters
 * (and so `nn-timing train`'s flags) derive from them. The help is the parameter's description.
 */
export const TRAINING_SETTINGS = {
  trainBars: numberSetting(
    { integer: true, min: 50 },
    {
      help: 'Most training rows per window, validation slice included (2520 = 10 years of daily bars).',
      default: D.trainBars,
    },
  ),
  minTrainBars: numberSetting(
    { integer: true, min: 50 },
    {
      help: 'Training rows of the first window (at most trainBars); windows then grow by testBars up to trainBars.',
      default: D.minTrainBars ?? D.trainBars,
    },
  ),
  testBars: numberSetting(
    { integer: true, min: 1 },
    {
      help: 'Bars predicted before retraining (21 = monthly on daily bars).',
      default: D.testBars,
    },
  ),
  mode: choiceSetting(['rolling', 'expanding'] as const, {
    help: "'rolling': the newest trainBars rows; 'expanding': all rows so far.",
    default: D.mode,
  }),
  hidden: numberSetting(
    { integer: true, min: 1, max: 256 },
    { help: 'Hidden sigmoid units.', default: D.hidden },
  ),
  epochs: numberSetting(
    { integer: true, min: 1, max: 100_000 },
    { help: 'Most epochs per window (early stopping usually ends sooner).', default: D.epochs },
  ),
  learningRate: numberSetting(
    { min: 0, max: 10 },
    { help: "Step size (the seed's learn).", default: D.learningRate },
  ),
  momentum: numberSetting(
    { min: 0, max: 1 },
    { help: "Weight of the previous gradient (the seed's correct).", default: D.momentum },
  ),
  patience: numberSetting(
    { integer: true, min: 1 },
    {
      help: 'Epochs without a validation improvement before a window stops training.',
      default: D.patience,
    },
  ),
  minDelta: numberSetting(
    { min: 0, max: 1 },
    { help: 'Improvement in validation error that counts.', default: D.minDelta },
  ),
  validationFraction: numberSetting(
    { min: 0, max: 0.5 },
    {
      help: 'Newest fraction of each training window used for early stopping (0: none).',
      default: D.validationFraction,
    },
  ),
  scaler: choiceSetting(['minmax', 'zscore'] as const, {
    help: 'Input scaling fitted on each training window only.',
    default: D.scaler,
  }),
  ensemble: numberSetting(
    { integer: true, min: 1, max: 100 },
    {
      help: 'Networks per window (different seeds), probabilities averaged.',
      default: D.ensemble,
    },
  ),
  fineTune: booleanSetting({
    help: "Start each window from the previous window's weights (runs on one thread).",
    default: D.fineTune,
  }),
  variant: choiceSetting(['fixed', 'seed'] as const, {
    help: "Update rule: 'fixed' (corrected) or 'seed' (the Python original's, bugs included).",
    default: D.variant,
  }),
  upper: numberSetting(
    { min: 0, max: 1 },
    { help: 'Go long when the up-probability is above this.', default: D.thresholds.upper },
  ),
  lower: numberSetting(
    { min: 0, max: 1 },
    {
      help: 'Go flat (short if allowed) when the up-probability is below this.',
      default: D.thresholds.lower,
    },
  ),
  thresholdRule: choiceSetting(['fixed', 'train', 'validation'] as const, {
    help: "'fixed': upper and lower; 'train' / 'validation': each window picks the band (quantiles of its own predictions) that earns most after tradeCost on its training rows / validation slice.",
    default: D.thresholdRule ?? 'fixed',
  }),
  tradeCost: numberSetting(
    { min: 0, max: 0.1 },
    {
      help: 'Cost per unit of position change the threshold search charges (default: commission + slippage of the default backtest).',
      default: DEFAULT_TRADE_COST,
    },
  ),
  minHold: numberSetting(
    { integer: true, min: 1, max: 10_000 },
    {
      help: 'Bars a position is kept at least before it may change (1: no minimum).',
      default: D.minHold ?? 1,
    },
  ),
};

export { type Annualisation, inferPeriodsPerYear } from '../data/index.js';
export {
  type BlockLengthChoice,
  type BlockLengthMethod,
  chooseBlockLength,
  cubeRootBlockLength,
  MIN_POLITIS_WHITE_RETURNS,
  politisWhiteBlockLength,
} from './block-length.js';
export {
  BlockSampler,
  bootstrapSharpeDifference,
  NORMAL_APPROXIMATION_BLOCKS,
  NORMAL_APPROXIMATION_RETURNS,
  normalSharpeDifference,
  type SharpeTest,
  type SharpeTestMethod,
  type SharpeTestOptions,
  sharpeDifferenceTest,
  usesNormalApproximation,
} from './bootstrap.js';
export { compare, MIN_BOOTSTRAP_RETURNS } from './compare.js';
export { runBacktest, SAME_BAR_WARNING } from './engine.js';
export { normalCdf, normalQuantile } from './normal.js';
export { resolveBacktestOptions, resolveCompareOptions } from './options.js';
export {
  BACKTEST_SETTINGS,
  COMPARE_SETTINGS,
  DEFAULT_BACKTEST_OPTIONS,
  DEFAULT_COMPARE_OPTIONS,
} from './settings.js';
export { rocAuc, type SignalQualityOptions, signalQuality } from './signal-quality.js';
export {
  computeStats,
  type EquityScan,
  type EquitySums,
  finishEquityScan,
  MIN_ANNUALISE_DAYS,
  returnMoments,
  riskFreePerBar,
  type StatsInput,
  type TradeFigures,
  ZERO_VOLATILITY,
} from './stats.js';
export type * from './types.js';
export { validateSeries, validateTargets } from './validate.js';
export {
  adjustPValue,
  DETECTION_POWER,
  decideVerdict,
  formatP,
  P_ADJUSTMENT,
  pickVerdictSettings,
  type SharpeDifferenceSummary,
  summariseSharpeDifference,
  VERDICT_SETTINGS,
  type Verdict,
  type VerdictInput,
  type VerdictKind,
  type VerdictSettingName,
  type VerdictSettings,
} from './verdict.js';

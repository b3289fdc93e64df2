export {
  type BacktestConfig,
  type LoaderConfig,
  loadBacktestConfig,
  type OutputFormat,
  validateBacktestConfig,
} from './config.js';
export { formatTime, parseDateBound } from './dates.js';
export { firstDecision } from './evaluation.js';
export { type BacktestJobOptions, type JobHooks, runBacktestJob } from './job.js';
export { backtestLookahead } from './lookahead-check.js';
export { defaultCheckData, packageVersion } from './package-info.js';
export { type CountReport, type FractionReport, overallProgress } from './progress.js';
export { type SeedOutcome, seedSpread, spreadOf } from './seed-spread.js';
export {
  DEFAULT_SEED,
  DEFAULT_STRATEGY,
  JOB_SETTINGS,
  type JobSettings,
  PRINT_SETTINGS,
  RUN_SETTINGS,
} from './settings.js';
export { checkStrategy, loadStrategyFile, looksLikeStrategyPath } from './strategy-file.js';
export {
  resolveStrategy,
  type StrategyNames,
  type StrategyRegistry,
} from './strategy-loader.js';
export { type RunElsewhere, runStrategyAlone, type StrategyRun } from './strategy-run.js';

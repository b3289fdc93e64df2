export {
  type BacktestConfig,
  type LoaderConfig,
  loadBacktestConfig,
  type OutputFormat,
  validateBacktestConfig,
} from './config.js';
export { formatTime, parseDateBound } from './dates.js';
export { firstDecision } from './evaluation.js';
export { type BacktestJobOptions, DEFAULT_SEED, type JobHooks, runBacktestJob } from './job.js';
export { TIMEOUT_SECONDS } from './limits.js';
export { backtestLookahead, CHECK_LOOKAHEAD_SETTING } from './lookahead-check.js';
export { defaultCheckData, packageVersion } from './package-info.js';
export { type CountReport, type FractionReport, overallProgress } from './progress.js';
export { type SeedOutcome, seedSpread, spreadOf } from './seed-spread.js';
export { checkStrategy, loadStrategyFile, looksLikeStrategyPath } from './strategy-file.js';
export { builtinNames, resolveStrategy } from './strategy-loader.js';
export { type RunElsewhere, runStrategyAlone, type StrategyRun } from './strategy-run.js';

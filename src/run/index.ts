export {
  type BacktestConfig,
  type LoaderConfig,
  loadBacktestConfig,
  type OutputFormat,
  validateBacktestConfig,
} from './config.js';
export { parseDateBound } from './dates.js';
export { firstDecision } from './evaluation.js';
export { type BacktestJobOptions, DEFAULT_SEED, type JobHooks, runBacktestJob } from './job.js';
export { type SeedOutcome, seedSpread, spreadOf } from './seed-spread.js';
export { checkStrategy, loadStrategyFile } from './strategy-file.js';
export { builtinNames, resolveStrategy } from './strategy-loader.js';
